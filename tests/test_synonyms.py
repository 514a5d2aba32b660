"""Members' words and abbreviations bring the documents' own terms into the BM25 query."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import make_settings, write
from qa.answer.sentences import score_sentences
from qa.answer.terms import names
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
        ("Tiền nước tưới ở Khánh Hòa bao nhiêu?", ["thủy lợi phí", "thuỷ lợi phí"]),
        # "HĐND" inside a document number is part of the number
        ("Nghị quyết 42/2006/NQ-HĐND điều chỉnh gì?", []),
        ("HĐND tỉnh quyết nghị gì?", ["hội đồng nhân dân"]),
        ("Vốn XDCB của KKT lấy từ đâu?", ["xây dựng cơ bản", "khu kinh tế"]),
        # what an article "kiến nghị" it heads "Khuyến nghị"
        ("Bài viết kiến nghị những gì?", ["khuyến nghị", "đề xuất"]),
        # "Bác" is Hồ Chí Minh, but a doctor ("bác sĩ") is not
        ("Tư tưởng của Bác về Nhà nước là gì?", ["hồ chí minh"]),
        ("Bác sĩ trạm y tế xã được phụ cấp bao nhiêu?", ["bác sĩ"]),
        ("Bài về mối quan hệ VH với KT-XH nói gì?", ["văn hóa", "kinh tế xã hội"]),
        # "TT HCM" is Hồ Chí Minh's thought; "HCM" alone, the city
        ("Bài về văn hoá Đảng theo TT HCM gồm những nội dung gì?", ["tư tưởng hồ chí minh"]),
        ("tthcm ve can kiem liem chinh", ["tư tưởng hồ chí minh"]),
        ("Ngân sách TP HCM năm 2010", ["thành phố", "thành phố hồ chí minh"]),
        ("Bài về QLXH của TQ rút ra bài học gì?", ["quản lý xã hội", "trung quốc"]),
        ("phan cap qlhc toi 2015", ["quản lý hành chính"]),
        (
            "Phần nguyên tắc chung trong TTLT về phí thi ĐH, CĐ, TCCN?",
            ["thông tư liên tịch", "cao đẳng", "trung cấp chuyên nghiệp"],
        ),
        ("LLSX và QHSX thời kỳ CNH", ["lực lượng sản xuất", "quan hệ sản xuất", "công nghiệp hóa"]),
        (
            "QĐ của UBND TT Huế về hạ tầng viễn thông",
            ["quyết định", "ủy ban nhân dân", "thừa thiên huế"],
        ),
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


def test_initials_are_spelled_out_for_the_embedding_model() -> None:
    spelled = load_synonyms().spelled_out("Bài về QLXH của TQ rút ra bài học gì? Bác nói gì?")
    assert spelled == "Bài về quản lý xã hội của trung quốc rút ra bài học gì? Bác nói gì?"


_SOCIAL_MANAGEMENT = (
    "Đổi mới công tác quản lý xã hội ở Trung Quốc\n"
    "Trung Quốc coi trọng vai trò của các tổ chức xã hội trong cung cấp dịch vụ công.\n"
)


def test_the_dense_retriever_reads_initials_spelled_out(
    collection: Path, tmp_path: Path, embedder
) -> None:
    """ "QLXH của TQ": the embedding model is given «quản lý xã hội», «trung quốc», the words
    it knows, not the initials members type; and the passage spelling them out is found."""
    write(collection, "qlxh.txt", _SOCIAL_MANAGEMENT)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()
    embedded: list[str] = []

    class Recording:
        def embed_queries(self, texts: list[str]):  # type: ignore[no-untyped-def]
            embedded.extend(texts)
            return embedder.embed_queries(texts)

    hits = retrieve(service.snapshot(), Recording(), "QLXH của TQ có gì mới?", 1).hits  # type: ignore[arg-type]
    assert embedded == ["quản lý xã hội của trung quốc có gì mới?"]
    assert hits[0].passage.document_path == "qlxh.txt"


@pytest.mark.starter
@pytest.mark.parametrize("question", ["UBKT do ai bầu?", "ubkt do ai bau"])
def test_a_body_named_by_its_initials_that_no_document_names_is_not_answered(
    starter_service: QAService, question: str
) -> None:
    """The starter collection speaks of elections ("bố trí cán bộ sau bầu cử") but never of
    the Ủy ban kiểm tra: no quote about elections stands for an answer on who elects it."""
    answer = starter_service.ask(question)
    assert answer.kind == "refusal", answer.text
    assert answer.citations == ()


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("UBKT do ai bầu?", [("ubkt", "uy ban kiem tra")]),
        (
            "Tuyên Quang hỗ trợ trưởng ban MTTQ bao nhiêu?",
            [("tuyen quang",), ("mttq", "mat tran to quoc", "mat tran")],
        ),
        ("vn có bao nhiêu xã", []),  # "vn" stands for a country documents call "cả nước"
    ],
)
def test_initials_name_what_they_stand_for(question: str, named: list[tuple[str, ...]]) -> None:
    assert names(question) == named


def test_a_document_term_counts_for_a_members_word_only_as_a_phrase(
    collection: Path, tmp_path: Path, embedder
) -> None:
    """ "Ủy ban kiểm tra" holds "UBKT"; "Ủy ban nhân dân … kiểm tra" does not, though it has
    every syllable of it."""
    write(collection, "kiem-tra.txt", _ARTICLE)
    write(
        collection, "uy-ban.txt", "Về bầu cử\nỦy ban nhân dân tỉnh chỉ đạo kiểm tra việc bầu cử.\n"
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()
    question = "UBKT do ai bầu?"
    hits = service.search(question, top_k=10)
    scored = score_sentences(question, True, hits, service.snapshot())

    def matched(needle: str) -> set[str]:
        sentence = next(
            s for s in scored if needle in hits[s.hit_index].passage.text[s.start : s.end]
        )
        return set(sentence.matched)

    assert "ubkt" in matched("Uỷ ban kiểm tra các cấp")
    assert "ubkt" not in matched("Ủy ban nhân dân tỉnh chỉ đạo kiểm tra")
