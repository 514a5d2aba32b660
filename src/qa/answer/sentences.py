"""Sentences of the first passages scored against the question: how much of what it asks
each one contains. The answer quotes the best ones; the refusal model weighs the best score.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.answer.asked import asked_kind, contains_kind
from qa.answer.terms import content_terms
from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.text import sentences, tokenize

PASSAGES_CONSIDERED = 3


@dataclass(frozen=True)
class ScoredSentence:
    hit_index: int
    start: int
    end: int
    coverage: float  # IDF-weighted share of the question's words in the sentence
    phrases: float  # share of the question's word pairs found as pairs
    has_kind: bool  # contains the kind of information asked for (or nothing specific is asked)

    @property
    def score(self) -> float:
        # Earlier passages are more likely to answer: a small tie-breaking preference.
        return self.coverage + 0.5 * self.phrases + 0.3 * self.has_kind - 0.05 * self.hit_index


def score_sentences(
    question: str, accents: bool, hits: list[Hit], snapshot: Snapshot
) -> list[ScoredSentence]:
    """Every sentence of the first passages, best first."""
    terms = content_terms(question, accents=accents)
    weight = {t: snapshot.terms.idf(t) for t in terms}
    total = sum(weight.values()) or 1.0
    pairs = set(zip(terms, terms[1:]))
    kind = asked_kind(question)
    scored = []
    for index, hit in enumerate(hits[:PASSAGES_CONSIDERED]):
        text = hit.passage.text
        for start, end in sentences(text):
            tokens = tokenize(text[start:end], accents=False)
            words = set(tokens)
            scored.append(
                ScoredSentence(
                    hit_index=index,
                    start=start,
                    end=end,
                    coverage=sum(w for t, w in weight.items() if t in words) / total,
                    phrases=len(pairs & set(zip(tokens, tokens[1:]))) / len(pairs)
                    if pairs
                    else 0.0,
                    has_kind=kind is None or contains_kind(text[start:end], kind),
                )
            )
    return sorted(scored, key=lambda s: -s.score)
