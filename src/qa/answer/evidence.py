"""Evidence that the retrieved passages answer a question: do they contain what it asks for
(its rare words, numbers, the document it names), do the retrievers agree, how clear a winner
the first passage is. These features feed the calibrated refusal model (refusal.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.asked import asked_kind, contains_kind
from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.refs import DocRef
from qa.retrieve import Retrieval
from qa.text import strip_accents, tokenize

# Question and function words: they say nothing about what is asked for.
_STOPWORDS = set(
    """
    gì nào là của về có không những các và thì được như thế bao nhiêu ai ở đâu khi tại sao
    vì với cho trong này đó một hay hoặc theo ra vào để đã sẽ bị do nói nêu cần phải làm
    mấy bằng từ đến trên dưới rồi chưa nữa cũng còn vẫn hãy xin cho biết hỏi ạ nhé vậy
    văn bản số ngày tháng năm gồm nội dung quy việc
    """.split()
)
_STOPWORDS_PLAIN = {strip_accents(w) for w in _STOPWORDS} - {"dang", "dan", "co"}
_NUMBER = re.compile(r"\d+")

FEATURES = (
    "coverage_top1",
    "coverage_top3",
    "max_missing_idf",
    "numbers_missing",
    "dense_top",
    "dense_margin",
    "agreement",
    "ref_found",
    "ref_missing",
    "kind_missing",
)


def content_terms(question: str, *, accents: bool) -> list[str]:
    """Accent-free syllables of the question that carry meaning (no question words)."""
    stop = _STOPWORDS if accents else _STOPWORDS_PLAIN
    terms = [t for t in tokenize(question, accents=accents) if t not in stop and not t.isdigit()]
    return list(dict.fromkeys(strip_accents(t) for t in terms))


def coverage(terms: list[str], text: str, snapshot: Snapshot) -> tuple[float, float]:
    """(IDF-weighted share of ``terms`` found in ``text``, highest relative IDF of a missing term)."""
    if not terms:
        return 1.0, 0.0
    present = set(tokenize(text, accents=False))
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


@dataclass(frozen=True)
class Evidence:
    values: dict[str, float]

    def vector(self) -> list[float]:
        return [self.values[name] for name in FEATURES]


def evidence(question: str, retrieval: Retrieval, snapshot: Snapshot) -> Evidence:
    hits = retrieval.hits
    kind = asked_kind(question)
    terms = content_terms(question, accents=retrieval.accents)
    top1 = _searchable(hits[0]) if hits else ""
    top3 = " ".join(_searchable(h) for h in hits[:3])
    coverage1, _ = coverage(terms, top1, snapshot)
    coverage3, max_missing = coverage(terms, top3, snapshot)
    numbers = _numbers(question, retrieval.refs)
    present_numbers = set(tokenize(top3, accents=False))
    numbers_missing = sum(1 for n in numbers if n not in present_numbers) / max(len(numbers), 1)
    dense_scores = sorted((h.dense_score for h in hits if h.dense_score is not None), reverse=True)
    dense_top = dense_scores[0] if dense_scores else 0.0
    margin = dense_top - dense_scores[1] if len(dense_scores) > 1 else 0.0
    agree = bool(hits) and all(
        rank is not None and rank < 10 for rank in (hits[0].dense_rank, hits[0].lexical_rank)
    )
    ref_found = any(
        ref.matches(h.passage.meta.doc_type, h.passage.meta.number)
        for ref in retrieval.refs
        for h in hits[:3]
    )
    return Evidence(
        {
            "coverage_top1": coverage1,
            "coverage_top3": coverage3,
            "max_missing_idf": max_missing,
            "numbers_missing": numbers_missing,
            "dense_top": dense_top,
            "dense_margin": margin,
            "agreement": float(agree),
            "ref_found": float(ref_found),
            "ref_missing": float(bool(retrieval.refs) and not ref_found),
            "kind_missing": float(kind is not None and not contains_kind(top3, kind)),
        }
    )
