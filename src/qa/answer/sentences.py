"""Sentences of the first passages scored against the question: how much of what it asks
each one contains. The answer quotes the best ones; the refusal model weighs the best score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qa.answer.asked import Asked, asked, supplies
from qa.answer.documents import document_words, missing_share
from qa.answer.terms import Name, content_terms, names, pair_share, word_pairs
from qa.index.snapshot import Snapshot
from qa.index.synonyms import load_synonyms
from qa.models import Hit, IndexedPassage
from qa.refs import DocRef, cited_numbers, find_refs, names_any
from qa.text import sentences, tokenize

PASSAGES_CONSIDERED = 3


@dataclass(frozen=True)
class ScoredSentence:
    hit_index: int
    start: int
    end: int
    matched: dict[str, float]  # question word → its share of the question's IDF weight
    phrases: float  # share of the question's word pairs found as pairs
    has_kind: bool  # supplies the kind of information asked for (or nothing specific is asked)
    of_document: bool  # cites the document the question names, or is part of it
    names_missing: float  # share of the question's places and people its document never names

    @property
    def coverage(self) -> float:
        """IDF-weighted share of the question's words found in the sentence."""
        return sum(self.matched.values())

    @property
    def score(self) -> float:
        # Earlier passages are more likely to answer: a small tie-breaking preference.
        return (
            self.coverage
            + 0.5 * self.phrases
            + 0.3 * self.has_kind
            + 0.5 * self.of_document  # "Chỉ thị 05 nói gì?": not the sentence on Chỉ thị 17
            - 0.5 * self.names_missing  # "… ở Quảng Trị?": not a sentence of another province's
            - 0.05 * self.hit_index
        )


@dataclass(frozen=True)
class _Asking:
    """What the sentences are scored against, worked out once per question."""

    accents: bool
    shares: dict[str, float]  # question word → its share of the question's IDF weight
    pairs: set[tuple[str, str]]  # consecutive question words
    wanted: Asked | None
    refs: list[DocRef]  # the documents the question names
    names: list[Name]  # the places and people it names
    # a member's words ("ubkt") and the syllables of each document term for them: a sentence
    # with "Ủy ban kiểm tra" holds the question's "UBKT"
    synonyms: list[tuple[set[str], list[set[str]]]]

    def words_of(self, tokens: list[str]) -> set[str]:
        words = set(tokens)
        for member, terms in self.synonyms:
            if any(term <= words for term in terms):
                words |= member
        return words


def _asking(question: str, accents: bool, snapshot: Snapshot) -> _Asking:
    terms = content_terms(question, accents=accents)
    weight = {t: snapshot.terms.idf(t) for t in terms}
    if not sum(weight.values()):  # words in every passage: all weigh the same
        weight = dict.fromkeys(terms, 1.0)
    total = sum(weight.values()) or 1.0
    shares = {t: w / total for t, w in weight.items()}
    synonyms = [
        (
            set(tokenize(" ".join(member), accents=accents)),
            [set(tokenize(term, accents=accents)) for term in terms],
        )
        for member, terms in load_synonyms().matches(
            question if accents else snapshot.accents.restore(question)
        )
    ]
    return _Asking(
        accents,
        shares,
        word_pairs(terms),
        asked(question),
        find_refs(question),
        names(question),
        synonyms,
    )


def score_sentences(
    question: str, accents: bool, hits: list[Hit], snapshot: Snapshot
) -> list[ScoredSentence]:
    """Every sentence of the first passages, best first."""
    asking = _asking(question, accents, snapshot)
    scored = [
        sentence
        for index, hit in enumerate(hits[:PASSAGES_CONSIDERED])
        for sentence in _score_passage(asking, snapshot, hit.passage, index)
    ]
    return sorted(scored, key=lambda s: -s.score)


def best_sentence_scorer(
    question: str, accents: bool, snapshot: Snapshot
) -> Callable[[IndexedPassage], float]:
    """For a passage, the score of its sentence that best answers the question (0 if none)."""
    asking = _asking(question, accents, snapshot)
    return lambda passage: max(
        (s.score for s in _score_passage(asking, snapshot, passage, 0)), default=0.0
    )


def _score_passage(
    asking: _Asking, snapshot: Snapshot, passage: IndexedPassage, index: int
) -> list[ScoredSentence]:
    scored = []
    text = passage.text
    own = names_any(asking.refs, {(passage.meta.doc_type, passage.meta.number or "")})
    unnamed = (
        missing_share(asking.names, document_words(snapshot, {passage.document_path}))
        if asking.names
        else 0.0
    )
    for start, end in sentences(text, colon_ends=False):
        if text[start:end].strip() == passage.meta.title:
            continue  # the title restates the question; the citation names it anyway
        tokens = tokenize(text[start:end], accents=asking.accents)
        words = asking.words_of(tokens)
        scored.append(
            ScoredSentence(
                hit_index=index,
                start=start,
                end=end,
                matched={t: share for t, share in asking.shares.items() if t in words},
                phrases=pair_share(asking.pairs, tokens),
                has_kind=asking.wanted is None or supplies(text[start:end], asking.wanted),
                of_document=own
                or (bool(asking.refs) and names_any(asking.refs, cited_numbers(text[start:end]))),
                names_missing=unnamed,
            )
        )
    return scored


def select(scored: list[ScoredSentence], limit: int, min_gain: float = 0.1) -> list[ScoredSentence]:
    """The best sentence, then those adding question words it lacks ("Ai chủ trì hội nghị X?":
    the sentence naming X, then the one saying who chaired), at most ``limit``; none from a
    document that misses more of the places the question names ("… ở Bạc Liêu?": not Tuyên
    Quang's figure after Bạc Liêu's sentence)."""
    if not scored:
        return []
    chosen = [scored[0]]
    covered = set(scored[0].matched)
    for sentence in scored[1:]:
        if len(chosen) == limit:
            break
        gain = sum(w for t, w in sentence.matched.items() if t not in covered)
        if (
            gain >= min_gain
            and sentence.has_kind
            and sentence.names_missing <= scored[0].names_missing
        ):
            chosen.append(sentence)
            covered |= set(sentence.matched)
    return chosen
