"""Evidence that the retrieved passages answer a question: do they contain its rare words and
the document it names; does a sentence hold the kind of information asked for (a person, a
date, a number in the asked unit, other than the question's own) and how much of the question
that sentence covers; does the document it comes from contradict the question (a place, a
year or a term it never mentions); do the question's word pairs stand as pairs in the first
passage and in the one holding the answer (Vietnamese words are mostly two syllables: "thử
việc" is not "thử" and "việc" apart); does the dense retriever agree that the first passage is
near the question. These features feed the calibrated refusal model (refusal.py); raw
retrieval scores and the margin between the first hits were tried and did not separate the dev
set's unanswerable questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.answer.documents import asked_refs, document_words, missing_share
from qa.answer.sentences import ScoredSentence
from qa.answer.terms import content_terms, names, pair_share, word_pairs
from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.text import tokenize

if TYPE_CHECKING:  # qa.retrieve ranks passages with qa.answer.sentences
    from qa.retrieve import Retrieval

# A year, or the Roman number of a congress or a term ("Đại hội XIII", "khóa XIV"; one letter
# only after "khóa" or "Đại hội": "khóa V", "Đại hội X").
_PERIOD = re.compile(
    r"\b(?:19|20)\d\d\b|\b[IVXL]{2,}\b"
    r"|(?:(?<=[kK]hóa )|(?<=[kK]hoá )|(?<=[hH]ội ))[IVXL]\b"
)

FEATURES = (
    "coverage_top1",
    "max_missing_idf",
    "sentence_kind",
    "answer_coverage",
    "names_missing",
    "periods_missing",
    "ref_missing",
    "dense_agrees",
    "answer_pairs",
    "pairs_gap",
)


def coverage(terms: list[str], text: str, snapshot: Snapshot, accents: bool) -> tuple[float, float]:
    """(IDF-weighted share of ``terms`` found in ``text``, highest relative IDF of a missing term);
    words in every passage weigh nothing, and a question of only such words misses nothing."""
    weights = {t: snapshot.terms.idf(t) for t in terms}
    total = sum(weights.values())
    if not total:
        return 1.0, 0.0
    present = set(tokenize(text, accents=accents))
    found = sum(w for t, w in weights.items() if t in present)
    missing = [w for t, w in weights.items() if t not in present]
    return found / total, (max(missing) / snapshot.terms.max_idf if missing else 0.0)


def _searchable(hit: Hit) -> str:
    p = hit.passage
    return " ".join([p.meta.doc_type, p.meta.number or "", p.meta.title, *p.heading_path, p.text])


@dataclass(frozen=True)
class Evidence:
    values: dict[str, float]

    def vector(self) -> list[float]:
        return [self.values[name] for name in FEATURES]


def evidence(
    question: str, retrieval: Retrieval, snapshot: Snapshot, scored: list[ScoredSentence]
) -> Evidence:
    hits = retrieval.hits
    accents = retrieval.accents
    scored = sorted(scored, key=lambda s: -s.match)  # as matched, before quoting's preferences
    terms = content_terms(question, accents=accents)
    pairs = word_pairs(terms)

    def pairs_in(hit: Hit) -> float:
        return pair_share(pairs, tokenize(hit.passage.text, accents=accents))

    dense_rank = hits[0].dense_rank if hits else None
    top1 = _searchable(hits[0]) if hits else ""
    top3 = " ".join(_searchable(h) for h in hits[:3])
    coverage1, _ = coverage(terms, top1, snapshot, accents)
    _, max_missing = coverage(terms, top3, snapshot, accents)
    # The sentence an answer would quote first for what is asked, and the passage holding it.
    answer = next((s for s in scored if s.has_kind), None)
    source = hits[(answer or scored[0]).hit_index] if scored else (hits[0] if hits else None)
    source_words = document_words(snapshot, {source.passage.document_path} if source else set())
    answer_pairs = pairs_in(hits[answer.hit_index]) if answer else 0.0
    return Evidence(
        {
            "coverage_top1": coverage1,
            "max_missing_idf": max_missing,
            # the best sentence names a person, a date, a number the question asks for
            "sentence_kind": float(bool(scored) and scored[0].has_kind),
            # how much of the question the best sentence holding the asked kind covers
            "answer_coverage": answer.coverage if answer else 0.0,
            # a place or person the answering passage's document never mentions
            "names_missing": missing_share(names(question), source_words),
            # a year or a term it never mentions ("2022" in a 2021 report, "khóa XIII" where
            # only "khoá XVIII" is)
            "periods_missing": missing_share(
                {(p.lower(),) for p in _PERIOD.findall(question)}, source_words
            ),
            # the question names a document (not only as the context of another), and the
            # answering passage is not of it
            "ref_missing": float(
                bool(asked_refs(question, retrieval.refs, hits))
                and not (source and source.names_asked_document)
            ),
            # the dense retriever ranks the first passage near the top too
            "dense_agrees": 1 / (1 + dense_rank) if dense_rank is not None else 0.0,
            # the question's word pairs, as pairs, in the passage of the sentence that gives
            # what is asked, and how many more of them the first passage holds: a first passage
            # on the question's topic whose asked-for figure comes from another passage is a
            # sign of no answer
            "answer_pairs": answer_pairs,
            "pairs_gap": max(0.0, pairs_in(hits[0]) - answer_pairs) if hits else 0.0,
        }
    )
