"""Diacritic restoration learned from the collection."""

from __future__ import annotations

from conftest import STARTER_DOCUMENTS
from qa.index.accents import (
    MESSAGE_WEIGHT,
    QUESTION_WEIGHT,
    AccentModel,
    message_model,
    question_model,
)


def _starter() -> AccentModel:
    """Restoration learned from the starter collection alone."""
    return AccentModel.from_texts([p.read_text("utf-8") for p in STARTER_DOCUMENTS.rglob("*.txt")])


def test_questions_without_diacritics_are_restored_from_the_collection() -> None:
    model = _starter()
    assert model.restore("ai chu tri hoi nghi so ket cong tac to chuc xay dung dang") == (
        "ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng đảng"
    )
    assert model.restore("chi thi ve phat trien dang vien") == "chỉ thị về phát triển đảng viên"
    assert model.restore("xyzw 05") == "xyzw 5"  # unknown words and numbers pass through


def test_question_words_are_restored_though_the_documents_rarely_ask() -> None:
    collection = _starter()
    question = "nua dau 2021 quang tri co bao nhieu dang vien moi"
    assert "nửa đầu" not in collection.restore(question)  # "nữa", far more common in the texts
    restored = collection.merged(question_model(), QUESTION_WEIGHT).restore(question)
    assert restored.startswith("nửa đầu 2021 quảng trị có bao nhiêu đảng viên")


def test_each_form_is_weighed_by_the_one_before_it() -> None:
    """A common form does not win where the word before it makes a rarer one likely: "gia
    đình", not "gia định" ("định" is far more common in the documents)."""
    model = _starter().merged(question_model(), QUESTION_WEIGHT)
    assert model.restore("chi thi 5 ve gia dinh van hoa") == "chỉ thị 5 về gia đình văn hóa"
    assert model.restore("quy dinh 123 qd tw noi ve gi") == "quy định 123 qđ tw nói về gì"
    assert "hình thức kỷ luật" in model.restore("dang vien co may hinh thuc ky luat")


def test_everyday_words_are_restored_as_members_write_them() -> None:
    """Typed without diacritics, "dang" in a chat message is "đang", not "đảng"."""
    collection = _starter().merged(question_model(), QUESTION_WEIGHT)
    members = collection.merged(message_model(), MESSAGE_WEIGHT)
    assert collection.restore("minh dang o ngoai duong") != "mình đang ở ngoài đường"
    assert members.restore("minh dang o ngoai duong") == "mình đang ở ngoài đường"
    assert members.restore("dang met qua ma van phai ngoi lam").endswith(
        "mệt quá mà vẫn phải ngồi làm"
    )
    assert members.restore("phat trien dang vien") == "phát triển đảng viên"
