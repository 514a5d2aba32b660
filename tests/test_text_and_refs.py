"""Vietnamese normalisation and document numbers."""

from __future__ import annotations

import unicodedata

import pytest

from qa.refs import (
    DocRef,
    canonical_number,
    find_bare_citations,
    find_issuer_citations,
    find_numbers,
    find_refs,
)
from qa.text import (
    fold_tones,
    has_diacritics,
    looks_vietnamese,
    normalize,
    sentences,
    statements,
    strip_accents,
    tokenize,
)


def test_normalize_makes_nfc_and_cleans_whitespace() -> None:
    nfd = unicodedata.normalize("NFD", "Chỉ thị  về\tphát triển\r\n\r\n\r\nđảng viên ")
    assert normalize(nfd) == "Chỉ thị về phát triển\n\nđảng viên"


def test_tone_placement_and_accents() -> None:
    assert (
        fold_tones("Hoà bình, thuỷ lợi, Uỷ ban, quý, khoẻ")
        == "hòa bình, thủy lợi, ủy ban, quý, khỏe"
    )
    assert strip_accents("Đảng ủy Quảng Trị") == "Dang uy Quang Tri"
    assert not has_diacritics("chi thi 05 noi gi") and has_diacritics("chỉ thị")


def test_tokenize_keeps_one_letter_syllables_and_digits() -> None:
    assert tokenize("Ý kiến về Chỉ thị số 05-CT/TU") == [
        "ý",
        "kiến",
        "về",
        "chỉ",
        "thị",
        "số",
        "5",
        "ct",
        "tu",
    ]
    assert tokenize("Uỷ ban", accents=False) == tokenize("ỦY BAN", accents=False) == ["uy", "ban"]


def test_sentences_split_at_ends_and_lines() -> None:
    text = "Sáng nay 1/7/2021, Bí thư dự. Trưởng Ban chủ trì hội nghị.\nNhiệm vụ thời gian tới"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Sáng nay 1/7/2021, Bí thư dự.",
        "Trưởng Ban chủ trì hội nghị.",
        "Nhiệm vụ thời gian tới",
    ]


def test_a_label_stays_with_its_value_when_colons_do_not_end_sentences() -> None:
    text = "Mức chi:\nGiảng viên cấp xã: 120.000 đồng / buổi. Báo cáo viên: Theo thực tế."
    assert [text[a:b] for a, b in statements(text)] == [
        "Mức chi:",
        "Giảng viên cấp xã: 120.000 đồng / buổi.",
        "Báo cáo viên: Theo thực tế.",
    ]
    assert [text[a:b] for a, b in sentences(text)][1:3] == [
        "Giảng viên cấp xã:",
        "120.000 đồng / buổi.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chi thi 05 noi gi", True),
        ("ct 05", True),
        ("tieu chuan ket nap dang vien", True),
        ("What does directive 05 say?", False),
        ("Директива 05", False),
        ("第五号指示", False),
    ],
)
def test_looks_vietnamese(text: str, expected: bool) -> None:
    assert looks_vietnamese(text) is expected


def test_numbers_found_and_canonicalised() -> None:
    text = "ban hành Chỉ thị số 05-CT/TU; Quy định 08-QĐi/TW; 294-QĐ/TW; 12/2005/CT-UBND; 187/QĐ-TTg; số 54/2009/nđ-cp"
    assert [(m.number, m.doc_type) for m in find_numbers(text)] == [
        ("05-CT/TU", "Chỉ thị"),
        ("08-QĐi/TW", "Quy định"),
        ("294-QĐ/TW", "Quyết định"),
        ("12/2005/CT-UBND", "Chỉ thị"),
        ("187/QĐ-TTg", "Quyết định"),
        ("54/2009/NĐ-CP", "Nghị định"),
    ]
    assert canonical_number("5-ct/tu") == "05-CT/TU"


@pytest.mark.parametrize(
    ("question", "ref"),
    [
        ("chi thi 05 noi gi", DocRef("Chỉ thị", 5)),
        ("ct 05", DocRef("Chỉ thị", 5)),
        ("CT05 về gì", DocRef("Chỉ thị", 5)),
        ("chỉ thị số 5 của tỉnh ủy", DocRef("Chỉ thị", 5, issuer="TU")),
        ("05/CT-TU", DocRef("Chỉ thị", 5, issuer="TU")),
        ("quy định 08", DocRef("Quy định", 8)),
        ("qđ 08", DocRef("Quyết định", 8)),
        ("nghi quyet 12/2005", DocRef("Nghị quyết", 12, year=2005)),
        # a number like a year is a number after "số" or before a code
        ("Quyết định số 2009 của UBND", DocRef("Quyết định", 2009, issuer="UBND")),
        ("QĐ 2009/QĐ-UBND", DocRef("Quyết định", 2009, issuer="UBND")),
    ],
)
def test_loose_references_in_questions(question: str, ref: DocRef) -> None:
    assert find_refs(question) == [ref]


@pytest.mark.parametrize(
    "question",
    [
        "kế hoạch 5 năm của tỉnh",
        "kế hoạch 5 năm 2011-2015 của Long An",
        "ke hoach 5 nam 2016 - 2020",
        # a bare year after the kind dates the document
        "QĐ 2009 của UBND Yên Bái bổ sung quy định bồi thường gồm những điều gì?",
        "nghi quyet 2011 cua hdnd tinh",
    ],
)
def test_a_span_of_years_is_no_document_number(question: str) -> None:
    assert find_refs(question) == []


def test_quy_dinh_never_matches_quyet_dinh() -> None:
    regulation = find_refs("quy định số 08 của trung ương")[0]
    decision = find_refs("quyết định 08")[0]
    assert regulation.matches("Quy định", "08-QĐi/TW") and not regulation.matches(
        "Quyết định", "08-QĐ/TW"
    )
    assert decision.matches("Quyết định", "08-QĐ/TW") and not decision.matches(
        "Quy định", "08-QĐi/TW"
    )
    assert not find_refs("ct 05 tỉnh ủy")[0].matches("Chỉ thị", "05-CT/TW")


def test_documents_cited_by_type_and_bare_number() -> None:
    text = 'Kỷ niệm 25 năm Chỉ thị 05 về " Xây dựng gia đình văn hoá ", kế hoạch 5 năm, Nghị quyết số 4'
    assert find_bare_citations(text) == [("Chỉ thị", "05"), ("Nghị quyết", "04")]
    assert find_bare_citations("Quyết định số 153/2003/QĐ-TTg") == []
    assert find_refs("chỉ thị 05 về gia đình văn hóa")[0].matches("Chỉ thị", "05")
    # a question naming the issuer or the year wants that document, not any "Chỉ thị 05"
    assert not find_refs("ct 05-ct/tu quang tri")[0].matches("Chỉ thị", "05")
    assert not find_refs("nghị quyết 4/2010")[0].matches("Nghị quyết", "04")


def test_documents_cited_by_type_number_and_issuer() -> None:
    """ "Quyết định 25/TTg": the issuer after the number, without the code; the type may be
    glued to the word before it, as copied text has it."""
    text = "Thực hiện Quyết định 25/TTg (19-1-1993), thực hiện tốtNghị quyết số 04/ĐUBQP Đảng uỷ"
    assert find_issuer_citations(text) == [
        ("Quyết định", "25/QĐ-TTg"),
        ("Nghị quyết", "04/NQ-ĐUBQP"),
    ]
    assert find_issuer_citations("Quyết định số 153/2003/QĐ-TTg, Chỉ thị 05/CT-TU") == []
    assert find_refs("QĐ 25/TTg năm 1993")[0].matches("Quyết định", "25/QĐ-TTg")
    # the issuer a question names loosely ("đảng ủy": ĐU) opens the one written in full
    assert find_refs("nghi quyet 04 cua dang uy bo quoc phong")[0].matches(
        "Nghị quyết", "04/NQ-ĐUBQP"
    )
    assert not find_refs("nghị quyết 04 của tỉnh ủy")[0].matches("Nghị quyết", "04/NQ-ĐUBQP")
    # named back as each is numbered: a Party committee's "05-CT/TU", the state's "25/QĐ-TTg"
    assert find_refs("QĐ 25/TTg")[0].label() == "Quyết định 25/QĐ-TTg"
    assert find_refs("ct 05 tỉnh ủy")[0].label() == "Chỉ thị 05-CT/TU"
