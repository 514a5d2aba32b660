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
    rrf_k: float = 60.0
    dense: float = 1.0
    lexical: float = 1.0
    dense_no_diacritics: float = 0.3  # dense weight for questions typed without diacritics
    ref_boost: float = 2.0  # added as if the passage ranked first in one more list
    depth: int = 100  # candidates taken from each list


@dataclass(frozen=True)
class Retrieval:
    hits: list[Hit]
    refs: list[DocRef]
    accents: bool  # the question carries diacritics


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
    if refs and weights.ref_boost > 0:
        boost = weights.ref_boost / (weights.rrf_k + 1)
        for row, passage in enumerate(snapshot.passages):
            if any(ref.matches(passage.meta.doc_type, passage.meta.number) for ref in refs):
                fused[row] = fused.get(row, 0.0) + boost

    dense_score = dict(zip(map(int, dense_rows), map(float, dense_scores)))
    best = sorted(fused, key=lambda row: -fused[row])[:top_k]
    hits = [
        Hit(
            passage=snapshot.passages[row],
            score=fused[row],
            dense_score=dense_score.get(row),
            dense_rank=dense_rank.get(row),
            lexical_rank=lexical_rank.get(row),
        )
        for row in best
    ]
    return Retrieval(hits, refs, accents)
