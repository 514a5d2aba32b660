"""Members' words and abbreviations bring the documents' own terms into the BM25 query."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import make_settings, write
from qa.index.synonyms import load_synonyms
from qa.retrieve import FusionWeights, retrieve
from qa.service import QAService


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Có đề xuất đổi cách lập UBKT theo hướng nào?", ["thành lập", "ủy ban kiểm tra"]),
        ("Vì sao số người vào Đảng còn ít?", ["nguyên nhân", "kết nạp"]),
        # the longest phrase only: "họp chi bộ", not also "họp"
        ("Họp chi bộ thế nào cho hiệu quả?", ["sinh hoạt chi bộ"]),
        ("Cuộc họp do ai chủ trì?", ["hội nghị"]),
        # "hợp" is not "họp"; old tone placement is the same word ("hoá")
        ("Hợp tác xã có bao nhiêu thành viên?", []),
        ("Tin học hoá ở đâu còn chậm?", ["công nghệ thông tin"]),
        # "HĐND" inside a document number is part of the number
        ("Nghị quyết 42/2006/NQ-HĐND điều chỉnh gì?", []),
        ("HĐND tỉnh quyết nghị gì?", ["hội đồng nhân dân"]),
    ],
)
def test_document_terms_for_members_words(question: str, terms: list[str]) -> None:
    assert load_synonyms().document_terms(question) == terms


_ARTICLE = (
    "Về tổ chức cơ quan kiểm tra của Đảng\n"
    "Điều lệ Đảng quy định Uỷ ban kiểm tra các cấp do đại hội đảng cùng cấp bầu. "
    "Có ý kiến đề nghị giữ nguyên quy định này để bảo đảm tính độc lập của cơ quan kiểm tra.\n"
)
_OTHER = (
    "Về bầu cử trong Đảng\n"
    "Ban chấp hành các cấp do đại hội bầu ra; ai trúng cử phải được quá nửa số phiếu bầu.\n"
)


@pytest.mark.parametrize(
    "question",
    ["UBKT do ai bầu?", "ubkt do ai bau"],  # restored without diacritics
)
def test_an_abbreviation_finds_the_passage_spelling_it_out(
    collection: Path, tmp_path: Path, embedder, question: str
) -> None:
    write(collection, "kiem-tra.txt", _ARTICLE)
    write(collection, "dai-hoi.txt", _OTHER)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()
    snapshot = service.snapshot()

    def lexical_rank(weights: FusionWeights) -> int | None:
        hits = retrieve(snapshot, embedder, question, 2, weights).hits
        return next(h.lexical_rank for h in hits if h.passage.document_path == "kiem-tra.txt")

    assert lexical_rank(FusionWeights()) == 0
    assert lexical_rank(replace(FusionWeights(), synonyms=0.0)) != 0
    answer = service.ask(question)
    assert answer.answered
    # quoted because its "Uỷ ban kiểm tra" holds the question's "UBKT"
    assert "Uỷ ban kiểm tra các cấp do đại hội đảng cùng cấp bầu." in answer.text.splitlines()[1]
