"""Optional second stage: a sentence-transformers cross-encoder re-orders the first passages.

Off by default (no Vietnamese cross-encoder can be installed offline here); set
QA_RERANK_MODEL to a hub name (e.g. a multilingual MS MARCO cross-encoder) or a local folder.
"""

from __future__ import annotations

from dataclasses import replace

from qa.models import Hit


class Reranker:
    def __init__(self, model: str) -> None:
        from sentence_transformers import CrossEncoder

        self._model = CrossEncoder(model, device="cpu")

    def rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        """The hits by the cross-encoder's score of (question, title + headings + passage)."""
        if not hits:
            return hits
        pairs = [
            (question, "\n".join([h.passage.meta.title, *h.passage.heading_path, h.passage.text]))
            for h in hits
        ]
        scores = self._model.predict(pairs, show_progress_bar=False)
        ranked = sorted(zip(scores, hits), key=lambda pair: -float(pair[0]))
        return [replace(hit, score=float(score)) for score, hit in ranked]
