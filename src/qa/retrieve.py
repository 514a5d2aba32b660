"""Hybrid retrieval: dense (FAISS) + BM25, fused by weighted reciprocal rank, with a boost
for passages of documents the question names ("ct 05", "Chỉ thị 05-CT/TU").

Routed by how clear BM25's winner is: a question that shares its words with one passage
("Điều 5 quy định gì về học phí…") is left mostly to BM25; a question in other words than the
text's leans on the dense model, and its first passages are re-ordered by how well their best
sentence answers (qa.answer.sentences): the fused lists then often find the right document
but rank its title passage above the one that answers.

A question typed without diacritics is matched on the accent-free lexical field, and the dense
model, which reads unaccented Vietnamese poorly, gets the question with its diacritics restored
from the collection's own words (qa.index.accents).

Members' words for the documents' terms ("vào Đảng" for "kết nạp", "UBKT") add those terms to
the BM25 query, weighing less than the question's own words (qa.index.synonyms); the dense model
gets initials spelled out ("QLXH của TQ" → "quản lý xã hội của trung quốc").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from qa.answer.sentences import best_sentence_scorer
from qa.embed import Embedder
from qa.index import dense
from qa.index.snapshot import Snapshot
from qa.index.synonyms import load_synonyms
from qa.models import Hit
from qa.refs import DocRef, find_refs, names_any
from qa.text import has_diacritics


@dataclass(frozen=True)
class FusionWeights:
    """Tuned by scripts/tune_fusion.py on the in-domain, ALQAC and UIT dev sets (Hit@1 + MRR@10)."""

    rrf_k: float = 10.0  # small: rank 1 of a list counts clearly more than rank 5
    dense: float = 1.0  # when BM25 has no clear winner…
    dense_clear: float = 0.25  # …and when it has one:
    clear_margin: float = 0.15  # its first score this share above its second
    lexical: float = 1.0
    dense_no_diacritics: float = 0.0  # the dense model reads unaccented Vietnamese poorly…
    dense_restored: float = 1.0  # …but reads it with diacritics restored from the collection
    accented_restored: float = 0.0  # BM25 on the accented field with the restored question
    ref_boost: float = 1.0  # added as if the passage ranked first in one more list
    synonyms: float = 0.3  # BM25 score of the documents' terms for members' words, × this
    depth: int = 100  # candidates taken from each list
    sentence: float = 0.05  # × the best sentence's score, added to the fused score of…
    sentence_depth: int = 5  # …the first passages (when BM25 has no clear winner)


@dataclass(frozen=True)
class Retrieval:
    hits: list[Hit]
    refs: list[DocRef]
    accents: bool  # the question carries diacritics


def _rows_naming(snapshot: Snapshot, refs: list[DocRef]) -> set[int]:
    """Passages of a document the question names, or citing it by number."""
    if not refs:
        return set()
    return {row for row, numbers in enumerate(snapshot.numbers) if names_any(refs, numbers)}


def _lexical_rows(
    snapshot: Snapshot, question: str, accents: bool, depth: int, only: np.ndarray | None = None
) -> np.ndarray:
    return _lexical(snapshot, question, accents, depth, only)[0]


def _lexical(
    snapshot: Snapshot,
    question: str,
    accents: bool,
    depth: int,
    only: np.ndarray | None = None,
    synonyms: Sequence[str] = (),
    synonyms_weight: float = 0.0,
) -> tuple[np.ndarray, float]:
    """Passages matching the question (and, × ``synonyms_weight``, each of ``synonyms``) by
    BM25, best first (of the rows ``only``, if given), and how clear a winner the first is:
    (first score - second) / first."""
    scores = snapshot.lexical.scores(question, accents=accents)
    for terms in synonyms:
        scores += synonyms_weight * snapshot.lexical.scores(terms, accents=accents)
    if only is not None:
        kept = np.zeros_like(scores)
        kept[only] = scores[only]
        scores = kept
    rows = np.argsort(-scores, kind="stable")[:depth]
    first, second = [*scores[rows[:2]].tolist(), 0.0, 0.0][:2]
    return rows[scores[rows] > 0], (first - second) / first if first > 0 else 0.0


def _lexical_with_synonyms(
    snapshot: Snapshot,
    question: str,
    restored: str,
    accents: bool,
    depth: int,
    weights: FusionWeights,
    only: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """``_lexical`` with the documents' terms for the member's words in the question (found on
    ``restored``, its diacritics restored, when it was typed without them)."""
    synonyms = load_synonyms().document_terms(restored or question) if weights.synonyms else []
    return _lexical(snapshot, question, accents, depth, only, synonyms, weights.synonyms)


def fuse(
    lists: Sequence[tuple[Sequence[int], float]], named: set[int], weights: FusionWeights
) -> dict[int, float]:
    """Weighted reciprocal rank fusion of ranked row lists, plus the document-reference boost."""
    fused: dict[int, float] = {}
    for rows, weight in lists:
        if weight > 0:
            for rank, row in enumerate(rows):
                fused[int(row)] = fused.get(int(row), 0.0) + weight / (weights.rrf_k + rank + 1)
    if weights.ref_boost > 0:
        for row in named:
            fused[row] = fused.get(row, 0.0) + weights.ref_boost / (weights.rrf_k + 1)
    return fused


def rank_rows(
    lists: Sequence[tuple[Sequence[int], float]],
    named: set[int],
    clear: bool,
    sentence_score: Callable[[int], float],
    weights: FusionWeights,
) -> tuple[list[int], dict[int, float]]:
    """Rows best first, and their scores: fused, and when BM25 has no clear winner the first
    ``weights.sentence_depth`` raised by ``weights.sentence`` × ``sentence_score(row)``, how
    well the row's best sentence answers."""
    fused = fuse(lists, named, weights)
    ranked = sorted(fused, key=lambda row: -fused[row])
    scores = dict(fused)
    if not clear and weights.sentence > 0:
        for row in ranked[: weights.sentence_depth]:
            scores[row] += weights.sentence * sentence_score(row)
    return sorted(ranked, key=lambda row: -scores[row]), scores


def retrieve(
    snapshot: Snapshot,
    embedder: Embedder,
    question: str,
    top_k: int,
    weights: FusionWeights = FusionWeights(),
    only: Collection[int] | None = None,
) -> Retrieval:
    """The ``top_k`` passages that best answer ``question``; of the rows ``only`` (one
    document's passages: a question asked within that document), if given."""
    accents = has_diacritics(question)
    refs = find_refs(question)
    rows = None if only is None else np.fromiter(sorted(only), dtype=np.int64)
    depth = min(weights.depth, len(snapshot.passages) if rows is None else len(rows))

    wants_restored = weights.dense_restored > 0 or weights.accented_restored > 0
    restored = (
        snapshot.accents.restore(question)
        if not accents and (wants_restored or weights.synonyms > 0)
        else ""
    )
    dense_query = restored if restored and weights.dense_restored > 0 else question
    spelled = load_synonyms().spelled_out(dense_query) if weights.synonyms > 0 else dense_query
    vector = embedder.embed_queries([spelled])[0]
    dense_rows, _ = dense.search(snapshot.dense, vector, depth, rows)
    lexical_rows, margin = _lexical_with_synonyms(
        snapshot, question, restored, accents, depth, weights, rows
    )
    clear = margin >= weights.clear_margin
    if accents:
        lists = [
            (dense_rows, weights.dense_clear if clear else weights.dense),
            (lexical_rows, weights.lexical),
        ]
    else:
        raw_dense = (
            weights.dense_no_diacritics if dense_query == question else weights.dense_restored
        )
        lists = [(dense_rows, raw_dense), (lexical_rows, weights.lexical)]
        if restored and weights.accented_restored > 0:
            lists.append(
                (_lexical_rows(snapshot, restored, True, depth, rows), weights.accented_restored)
            )

    named = _rows_naming(snapshot, refs)
    if only is not None:
        named &= set(only)
    best_sentence = best_sentence_scorer(question, accents, snapshot)
    ranked, scores = rank_rows(
        lists, named, clear, lambda row: best_sentence(snapshot.passages[row]), weights
    )
    dense_rank = {int(row): rank for rank, row in enumerate(dense_rows)}
    lexical_rank = {int(row): rank for rank, row in enumerate(lexical_rows)}
    hits = [
        Hit(
            passage=snapshot.passages[row],
            score=scores[row],
            dense_rank=dense_rank.get(row),
            lexical_rank=lexical_rank.get(row),
            names_asked_document=row in named,
        )
        for row in ranked[:top_k]
    ]
    return Retrieval(hits, refs, accents)
