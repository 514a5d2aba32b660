"""Exact inner-product search over L2-normalised vectors (cosine similarity) with FAISS."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

FILE_NAME = "dense.faiss"


def build(vectors: np.ndarray) -> faiss.Index:
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def save(index: faiss.Index, folder: Path) -> None:
    # written by Python, so that a full disk is an OSError with its errno (FAISS's own writer
    # raises a RuntimeError that only names it)
    (folder / FILE_NAME).write_bytes(faiss.serialize_index(index).tobytes())


def load(folder: Path) -> faiss.Index:
    return faiss.read_index(str(folder / FILE_NAME))


def search(
    index: faiss.Index, query: np.ndarray, k: int, only: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers and cosine scores of the ``k`` nearest passages (of the rows ``only``, if
    given), best first."""
    k = min(k, index.ntotal if only is None else len(only))
    if k == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    params = None
    if only is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(only, dtype=np.int64))
        params = faiss.SearchParameters(sel=selector)
    scores, rows = index.search(query.reshape(1, -1).astype(np.float32), k, params=params)
    keep = rows[0] >= 0
    return rows[0][keep], scores[0][keep]
