"""An embedder that remembers its latest query vectors, so that the scope classifier and the
dense retriever embed a question once."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from qa.embed import Embedder


class CachedQueries:
    def __init__(self, inner: Embedder, size: int = 256) -> None:
        self.inner = inner
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def key(self) -> str:
        return self.inner.key

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        computed = self.inner.embed_queries(missing) if missing else []
        with self._lock:
            self._vectors.update(zip(missing, computed))
            for text in texts:
                self._vectors.move_to_end(text)
            rows = [self._vectors[text] for text in texts]
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)
