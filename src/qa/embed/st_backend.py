"""Any sentence-transformers model: a hub name (needs internet once) or a local folder."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from qa.embed.profiles import ModelProfile, Segmenter


def _segmenter(name: Segmenter) -> Callable[[str], str]:
    if name == "pyvi":
        from pyvi import ViTokenizer

        return ViTokenizer.tokenize
    return lambda text: text


class SentenceTransformerEmbedder:
    def __init__(self, profile: ModelProfile, batch_size: int = 16) -> None:
        from sentence_transformers import SentenceTransformer

        self.key = profile.key
        self._profile = profile
        self._batch_size = batch_size
        self._segment = _segmenter(profile.segmenter)
        self._model = SentenceTransformer(profile.model, device="cpu")
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"{profile.model}: unknown embedding dimension")
        self.dim = int(dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._profile.query_prefix)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._profile.passage_prefix)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        inputs = [prefix + self._segment(text) for text in texts]
        vectors = self._model.encode(
            inputs, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
