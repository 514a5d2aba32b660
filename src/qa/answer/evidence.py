"""Evidence that the retrieved passages answer a question: do they contain what it asks for
(its rare words, names, numbers, the document it names, the kind of information asked for,
all in one sentence), do the retrievers agree, how clear a winner the first passage is.
These features feed the calibrated refusal model (refusal.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.sentences import ScoredSentence
from qa.answer.terms import content_terms, names
from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.refs import DocRef
from qa.retrieve import Retrieval
from qa.text import tokenize

_NUMBER = re.compile(r"\d+")

FEATURES = (
    "coverage_top1",
    "coverage_top3",
    "max_missing_idf",
    "sentence_coverage",
    "sentence_kind",
    "numbers_missing",
    "names_missing",
    "dense_top",
    "dense_margin",
    "agreement",
    "ref_found",
    "ref_missing",
)


def coverage(terms: list[str], text: str, snapshot: Snapshot, accents: bool) -> tuple[float, float]:
    """(IDF-weighted share of ``terms`` found in ``text``, highest relative IDF of a missing term)."""
    if not terms:
        return 1.0, 0.0
    present = set(tokenize(text, accents=accents))
    weights = {t: snapshot.terms.idf(t) for t in terms}
    total = sum(weights.values()) or 1.0
    found = sum(w for t, w in weights.items() if t in present)
    missing = [w for t, w in weights.items() if t not in present]
    return found / total, (max(missing) / snapshot.terms.max_idf if missing else 0.0)


def _searchable(hit: Hit) -> str:
    p = hit.passage
    return " ".join([p.meta.doc_type, p.meta.number or "", p.meta.title, *p.heading_path, p.text])


def _numbers(question: str, refs: list[DocRef]) -> set[str]:
    named = {str(r.number) for r in refs} | {str(r.year) for r in refs if r.year}
    return {n.lstrip("0") or "0" for n in _NUMBER.findall(question)} - named


def _missing(wanted: set[str] | list[str], present: set[str]) -> float:
    return sum(1 for w in wanted if w not in present) / len(wanted) if wanted else 0.0


@dataclass(frozen=True)
class Evidence:
    values: dict[str, float]

    def vector(self) -> list[float]:
        return [self.values[name] for name in FEATURES]


def evidence(
    question: str, retrieval: Retrieval, snapshot: Snapshot, scored: list[ScoredSentence]
) -> Evidence:
    hits = retrieval.hits
    terms = content_terms(question, accents=retrieval.accents)
    top1 = _searchable(hits[0]) if hits else ""
    top3 = " ".join(_searchable(h) for h in hits[:3])
    coverage1, _ = coverage(terms, top1, snapshot, retrieval.accents)
    coverage3, max_missing = coverage(terms, top3, snapshot, retrieval.accents)
    present = set(tokenize(top3, accents=False))
    best = max((s.coverage for s in scored), default=0.0)
    ref_found = any(h.names_asked_document for h in hits[:3])
    return Evidence(
        {
            "coverage_top1": coverage1,
            "coverage_top3": coverage3,
            "max_missing_idf": max_missing,
            "sentence_coverage": best,
            "sentence_kind": float(any(s.has_kind for s in scored if s.coverage >= 0.8 * best)),
            "numbers_missing": _missing(_numbers(question, retrieval.refs), present),
            "names_missing": _missing(names(question), present),
            "dense_top": retrieval.dense_top,
            "dense_margin": retrieval.dense_margin,
            "agreement": float(
                bool(hits)
                and all(
                    r is not None and r < 10 for r in (hits[0].dense_rank, hits[0].lexical_rank)
                )
            ),
            "ref_found": float(ref_found),
            "ref_missing": float(bool(retrieval.refs) and not ref_found),
        }
    )
