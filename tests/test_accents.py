"""Diacritic restoration learned from the collection."""

from __future__ import annotations

from conftest import STARTER_DOCUMENTS
from qa.index.accents import QUESTION_WEIGHT, AccentModel, question_model


def test_questions_without_diacritics_are_restored_from_the_collection() -> None:
    model = AccentModel.from_texts([p.read_text("utf-8") for p in STARTER_DOCUMENTS.rglob("*.txt")])
    assert model.restore("ai chu tri hoi nghi so ket cong tac to chuc xay dung dang") == (
        "ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng đảng"
    )
    assert model.restore("chi thi ve phat trien dang vien") == "chỉ thị về phát triển đảng viên"
    assert model.restore("xyzw 05") == "xyzw 5"  # unknown words and numbers pass through


def test_question_words_are_restored_though_the_documents_rarely_ask() -> None:
    collection = AccentModel.from_texts(
        [p.read_text("utf-8") for p in STARTER_DOCUMENTS.rglob("*.txt")]
    )
    question = "nua dau 2021 quang tri co bao nhieu dang vien moi"
    assert "nửa đầu" not in collection.restore(question)  # "nữa", far more common in the texts
    restored = collection.merged(question_model(), QUESTION_WEIGHT).restore(question)
    assert restored.startswith("nửa đầu 2021 quảng trị có bao nhiêu đảng viên")
