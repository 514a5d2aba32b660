"""The words of a question that say what it asks for."""

from __future__ import annotations

import re

from qa.text import strip_accents, tokenize

# Question and function words: they say nothing about what is asked for.
_STOPWORDS = set(
    """
    gì nào là của về có không những các và thì được như thế bao nhiêu ai ở đâu khi tại sao
    vì với cho trong này đó một hay hoặc theo ra vào để đã sẽ bị do nói nêu cần phải làm
    mấy bằng từ đến trên dưới rồi chưa nữa cũng còn vẫn hãy xin cho biết hỏi ạ nhé vậy
    văn bản số ngày tháng năm gồm nội dung quy việc
    """.split()
)
_STOPWORDS_PLAIN = {strip_accents(w) for w in _STOPWORDS} - {"dang", "dan", "co"}


def content_terms(question: str, *, accents: bool) -> list[str]:
    """Syllables of the question that carry meaning (no question words), with diacritics when
    the question has them: "chủ trì" must not match "bố trí"."""
    stop = _STOPWORDS if accents else _STOPWORDS_PLAIN
    terms = [t for t in tokenize(question, accents=accents) if t not in stop and not t.isdigit()]
    return list(dict.fromkeys(terms))


# Capitalised words that are not names: document types, bodies, sentence starts.
_NOT_NAMES = {
    strip_accents(w).lower()
    for w in """Chỉ Thị Quyết Định Nghị Quy Kết Luận Thông Tư Báo Cáo Hướng Dẫn Kế Hoạch Công Văn
    Điều Lệ Đảng Nhà Nước Trung Ương Tỉnh Ủy Uỷ Huyện Thành Phố Bộ Ban Chính Trị Phủ Hội Đồng
    Nhân Dân Quốc Ai Khi Bao Tại Ở Năm Ngày Tháng TP UBND HĐND""".split()
}


def names(question: str) -> list[str]:
    """Accent-free capitalised words after the first word: places, people ("Khánh Hòa")."""
    words = re.findall(r"\w+", question)[1:]
    found = [
        strip_accents(w).lower()
        for w in words
        if w[0].isupper() and not w.isupper() and not w[0].isdigit()
    ]
    return [w for w in dict.fromkeys(found) if w not in _NOT_NAMES]
