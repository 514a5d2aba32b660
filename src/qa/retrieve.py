"""Hybrid retrieval: dense (FAISS) + BM25, fused by weighted reciprocal rank, with a boost
for passages of documents the question names ("ct 05", "Chỉ thị 05-CT/TU").

A question typed without diacritics is matched on the accent-free lexical field, and the dense
model, which reads unaccented Vietnamese poorly, gets the question with its diacritics restored
from the collection's own words (qa.index.accents).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qa.embed import Embedder
from qa.index import dense
from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.refs import DocRef, find_refs
from qa.text import has_diacritics


@dataclass(frozen=True)
class FusionWeights:
    """Tuned by scripts/tune_fusion.py on the in-domain and UIT dev sets (Hit@1 + MRR@10)."""

    rrf_k: float = 10.0  # small: rank 1 of a list counts clearly more than rank 5
    dense: float = 0.5
    lexical: float = 1.0
    dense_no_diacritics: float = 0.0  # the dense model reads unaccented Vietnamese poorly…
    dense_restored: float = 1.0  # …but reads it with diacritics restored from the collection
    accented_restored: float = 0.0  # BM25 on the accented field with the restored question
    ref_boost: float = 1.0  # added as if the passage ranked first in one more list
    depth: int = 100  # candidates taken from each list


@dataclass(frozen=True)
class Retrieval:
    hits: list[Hit]
    refs: list[DocRef]
    accents: bool  # the question carries diacritics
    dense_top: float  # cosine of the nearest passage, whatever the fusion kept
    dense_margin: float  # between the nearest two


def _rows_naming(snapshot: Snapshot, refs: list[DocRef]) -> set[int]:
    """Passages of a document the question names, or citing it by number."""
    if not refs:
        return set()
    return {
        row
        for row, numbers in enumerate(snapshot.numbers)
        if any(ref.matches(doc_type or "", number) for ref in refs for doc_type, number in numbers)
    }


def _lexical_rows(snapshot: Snapshot, question: str, accents: bool, depth: int) -> np.ndarray:
    scores = snapshot.lexical.scores(question, accents=accents)
    rows = np.argsort(-scores, kind="stable")[:depth]
    return rows[scores[rows] > 0]


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


def retrieve(
    snapshot: Snapshot,
    embedder: Embedder,
    question: str,
    top_k: int,
    weights: FusionWeights = FusionWeights(),
) -> Retrieval:
    accents = has_diacritics(question)
    refs = find_refs(question)
    depth = min(weights.depth, len(snapshot.passages))

    wants_restored = weights.dense_restored > 0 or weights.accented_restored > 0
    restored = snapshot.accents.restore(question) if not accents and wants_restored else ""
    dense_query = restored if restored and weights.dense_restored > 0 else question
    dense_rows, dense_scores = dense.search(
        snapshot.dense, embedder.embed_queries([dense_query])[0], depth
    )
    lexical_rows = _lexical_rows(snapshot, question, accents, depth)
    if accents:
        lists = [(dense_rows, weights.dense), (lexical_rows, weights.lexical)]
    else:
        raw_dense = (
            weights.dense_no_diacritics if dense_query == question else weights.dense_restored
        )
        lists = [(dense_rows, raw_dense), (lexical_rows, weights.lexical)]
        if restored and weights.accented_restored > 0:
            lists.append(
                (_lexical_rows(snapshot, restored, True, depth), weights.accented_restored)
            )

    named = _rows_naming(snapshot, refs)
    fused = fuse(lists, named, weights)
    dense_rank = {int(row): rank for rank, row in enumerate(dense_rows)}
    lexical_rank = {int(row): rank for rank, row in enumerate(lexical_rows)}
    best = sorted(fused, key=lambda row: -fused[row])[:top_k]
    hits = [
        Hit(
            passage=snapshot.passages[row],
            score=fused[row],
            dense_rank=dense_rank.get(row),
            lexical_rank=lexical_rank.get(row),
            names_asked_document=row in named,
        )
        for row in best
    ]
    top = [float(score) for score in dense_scores[:2]] + [0.0, 0.0]
    return Retrieval(hits, refs, accents, top[0], top[0] - top[1])
