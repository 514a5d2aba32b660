"""The words of a question that say what it asks for."""

from __future__ import annotations

import re

from qa.text import fold_tones, strip_accents, tokenize

_DOCUMENT_NUMBER = re.compile(r"\b\d+\s?[-/]\s?\w+\s?[-/]\s?\w+")

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


def word_pairs(terms: list[str]) -> set[tuple[str, str]]:
    """Consecutive content terms: mostly the two syllables of one word ("thử việc")."""
    return set(zip(terms, terms[1:]))


def pair_share(pairs: set[tuple[str, str]], tokens: list[str]) -> float:
    """Share of the word ``pairs`` that stand side by side in ``tokens``."""
    return len(pairs & set(zip(tokens, tokens[1:]))) / len(pairs) if pairs else 0.0


# Capitalised words that are not names: document types, bodies, sentence starts.
_NOT_NAMES = {
    fold_tones(w)
    for w in """Chỉ Thị Quyết Định Nghị Quy Kết Luận Thông Tư Báo Cáo Hướng Dẫn Kế Hoạch Công Văn
    Điều Lệ Đảng Nhà Nước Trung Ương Tỉnh Ủy Uỷ Huyện Thành Phố Bộ Ban Chính Trị Phủ Hội Đồng
    Nhân Dân Quốc Ai Khi Bao Tại Ở Năm Ngày Tháng TP UBND HĐND""".split()
}


def names(question: str) -> list[str]:
    """Accent-free runs of capitalised words after the first word, as phrases: places, people
    ("khanh hoa", not "khanh" and "hoa": "Long Khánh" and "Biên Hòa" do not name Khánh Hòa).
    Document numbers ("08-QĐi/TW") and leading common words ("Tỉnh", "Bộ") are left out."""
    text = _DOCUMENT_NUMBER.sub(" . ", question)
    runs: list[list[str]] = [[]]
    for index, word in enumerate(re.findall(r"\w+|[^\w\s]", text)):
        if index > 0 and word[0].isupper() and not word.isupper() and not word[0].isdigit():
            runs[-1].append(fold_tones(word))
        elif runs[-1]:
            runs.append([])
    found = []
    for run in runs:
        while run and run[0] in _NOT_NAMES:  # "Tỉnh ủy Quảng Trị" names Quảng Trị
            run = run[1:]
        if run:
            found.append(strip_accents(" ".join(run)))
    return list(dict.fromkeys(found))
