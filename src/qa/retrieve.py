"""Hybrid retrieval: dense (FAISS) + BM25, fused by weighted reciprocal rank, with a boost
for passages of documents the question names ("ct 05", "Chỉ thị 05-CT/TU").

A question typed without diacritics is matched on the accent-free lexical field and leans on
it, since the dense model reads unaccented Vietnamese poorly.
"""

from __future__ import annotations

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
    """Tuned on eval/party_dev.jsonl (Hit@1 + MRR@10): a small rrf_k lets rank 1 count."""

    rrf_k: float = 10.0
    dense: float = 1.5
    lexical: float = 1.0
    dense_no_diacritics: float = 0.0  # the dense model reads unaccented Vietnamese poorly
    ref_boost: float = 2.0  # added as if the passage ranked first in two more lists
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

    query = embedder.embed_queries([question])[0]
    dense_rows, dense_scores = dense.search(snapshot.dense, query, depth)
    lexical_scores = snapshot.lexical.scores(question, accents=accents)
    lexical_rows = np.argsort(-lexical_scores, kind="stable")[:depth]
    lexical_rows = lexical_rows[lexical_scores[lexical_rows] > 0]

    dense_weight = weights.dense if accents else weights.dense_no_diacritics
    fused: dict[int, float] = {}
    dense_rank = {int(row): rank for rank, row in enumerate(dense_rows)}
    lexical_rank = {int(row): rank for rank, row in enumerate(lexical_rows)}
    for ranks, weight in ((dense_rank, dense_weight), (lexical_rank, weights.lexical)):
        if weight > 0:
            for row, rank in ranks.items():
                fused[row] = fused.get(row, 0.0) + weight / (weights.rrf_k + rank + 1)
    named = _rows_naming(snapshot, refs)
    if weights.ref_boost > 0:
        for row in named:
            fused[row] = fused.get(row, 0.0) + weights.ref_boost / (weights.rrf_k + 1)

    dense_score = dict(zip(map(int, dense_rows), map(float, dense_scores)))
    best = sorted(fused, key=lambda row: -fused[row])[:top_k]
    hits = [
        Hit(
            passage=snapshot.passages[row],
            score=fused[row],
            dense_score=dense_score.get(row),
            dense_rank=dense_rank.get(row),
            lexical_rank=lexical_rank.get(row),
            names_asked_document=row in named,
        )
        for row in best
    ]
    top = [float(score) for score in dense_scores[:2]] + [0.0, 0.0]
    return Retrieval(hits, refs, accents, top[0], top[0] - top[1])
