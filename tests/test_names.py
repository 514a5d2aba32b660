"""The places and people a question names (qa.answer.terms.names), whether a document's
words mention them (qa.answer.documents.missing_share), and the quotes this lets through."""

from __future__ import annotations

import pytest

from qa.answer.documents import missing_share
from qa.answer.sentences import ScoredSentence, select
from qa.answer.terms import names

CITY = ("thanh pho ho chi minh", "tp ho chi minh", "tphcm", "tp hcm", "sai gon")
PRESIDENT = ("ho chi minh", "bac ho", "bac")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # capitalised runs, without their common leading words
        ("Ai ký Chỉ thị 05-CT/TU của Tỉnh ủy Quảng Trị?", [("quang tri",)]),
        ("Đồng chí Tô Lâm được bầu khi nào?", [("to lam",)]),
        ("Đảng bộ TP Trà Vinh có bao nhiêu chi bộ?", [("tra vinh",)]),
        # a name that starts the question: its first word is capitalised anyway
        ("Hà Nội cho quận huyện tự quyết mua sắm bao nhiêu?", [("ha noi",)]),
        ("Ai chủ trì hội nghị?", []),
        # …and so is the first word of any sentence after the first
        ("Theo Bác, Đảng cầm quyền phải làm gì? Tóm tắt bài giúp em", [PRESIDENT]),
        (
            "Ai chủ trì? Phan Văn Phụng hay Lê Quang Tùng?",
            [("phan van phung",), ("le quang tung",)],
        ),
        # a listed place, capitalised or not, comes with its other forms
        ("Năm 2010 TPHCM tuyển bao nhiêu công chức?", [CITY]),
        # typed in lower case, without diacritics: looked up in places.txt, with all its forms
        ("o khanh hoa tach thua toi thieu bao nhieu m2", [("khanh hoa",)]),
        (
            "nam 2010 tphcm dien tap o bao nhieu xa",
            [CITY],
        ),
        ("tu tuong ho chi minh ve dao duc", [PRESIDENT]),  # the President, not the city
        # members name him "Bác"
        ("Theo Bác, cán bộ cần những đức tính gì?", [PRESIDENT]),
        # a preposition that starts the question is not part of a name: "sửa", not "trong sửa"
        ("Trong Sửa đổi lối làm việc, Bác Hồ chỉ ra những bệnh nào?", [PRESIDENT, ("sua",)]),
        ("ct 05 noi gi", []),
        # a member's word for a term (synonyms.txt) and a title are no names; a brand is one
        ("Hội nghị tư pháp 2010 có Phó TTg nào tới dự?", []),
        ("Đề án được TTg duyệt mấy dự án thành phần?", []),
        ("Thanh toán tiền nước qua ví MoMo bị trừ tiền 2 lần", [("momo",)]),
    ],
)
def test_names_in_a_question(question: str, expected: list[tuple[str, ...]]) -> None:
    assert names(question) == expected


def test_a_name_is_mentioned_in_any_of_its_forms() -> None:
    words = " uy ban nhan dan tp hcm quyet dinh "
    assert missing_share(names("tphcm cap bao nhieu tien"), words) == 0.0
    assert missing_share(names("ha noi cap bao nhieu tien"), words) == 1.0
    assert missing_share(names("Hà Nội và TP Hồ Chí Minh"), words) == 0.5
    assert missing_share(names("Tỉnh ủy Thừa Thiên Huế"), " dai hoc hue ") == 0.0
    assert missing_share([], words) == 0.0
    assert missing_share(names("Bác Hồ dạy cán bộ điều gì?"), " chu tich ho chi minh ") == 0.0


def _sentence(start: int, matched: dict[str, float], names_missing: float) -> ScoredSentence:
    return ScoredSentence(
        hit_index=0,
        start=start,
        end=start + 10,
        matched=matched,
        phrases=0.0,
        has_kind=True,
        of_document=False,
        names_missing=names_missing,
    )


def test_no_quote_from_a_document_missing_the_place_asked() -> None:
    """ "… ở Bạc Liêu?": after Bạc Liêu's sentence, not another province's, though it holds
    question words the first lacks."""
    first = _sentence(0, {"bac lieu": 0.4, "phu cap": 0.2}, names_missing=0.0)
    elsewhere = _sentence(20, {"bi thu": 0.3}, names_missing=1.0)
    same_place = _sentence(40, {"bi thu": 0.3}, names_missing=0.0)
    assert select([first, elsewhere], limit=3) == [first]
    assert select([first, elsewhere, same_place], limit=3) == [first, same_place]
