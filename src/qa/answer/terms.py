"""The words of a question that say what it asks for."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from qa.index.synonyms import load_synonyms
from qa.text import fold_tones, has_diacritics, longest_phrases, strip_accents, tokenize

PLACES = Path(__file__).with_name("places.txt")

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


# Question words, accent-free: what is asked sits next to them.
_QUESTION_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "nhu the nao", "bao nhieu", "bao lau", "bao gio", "khi nao", "luc nao", "hom nao",
        "thoi diem nao", "dip nao", "o dau", "the nao", "ra sao", "ai", "gi", "nao", "may",
    )
)  # fmt: skip
FOCUS_WINDOW = 2  # content words on each side of the question word


def focus_terms(question: str, *, accents: bool) -> list[str]:
    """The content words next to the question word, after it or else before it: the label of
    the asked value ("Ai **chủ trì** hội nghị?", "**Thời gian kiểm tra** là khi nào?"); a
    sentence that holds the value should hold them too, not merely the question's other
    words."""
    plain = tokenize(question, accents=False)
    tokens = tokenize(question, accents=accents)
    stop = _STOPWORDS if accents else _STOPWORDS_PLAIN
    asked = {
        at
        for start in range(len(plain))
        for phrase in _QUESTION_PHRASES
        if tuple(plain[start : start + len(phrase)]) == phrase
        for at in range(start, start + len(phrase))
    }

    def near(index: int, step: int) -> list[str]:
        found: list[str] = []
        at = index + step
        while 0 <= at < len(tokens) and len(found) < FOCUS_WINDOW and at not in asked:
            if tokens[at] not in stop and not tokens[at].isdigit():
                found.append(tokens[at])
            elif found:  # one word, not two far apart: "theo **dõi** và báo cáo"
                break
            at += step
        return found

    # "Ai chủ trì …?": the words after; "Thời gian kiểm tra là khi nào?": those before
    focus = [t for i in sorted(asked) for t in (near(i, 1) or near(i, -1)[::-1])]
    return list(dict.fromkeys(focus))


LIST_NOUN_SPAN = 6  # words between "những" and "nào" / "gì"


def named_list_noun(question: str, *, accents: bool) -> list[str]:
    """What a list question names as what it asks a list of: the duties of whom it names
    ("**Doanh nghiệp** ngành công thương phải làm những gì?"), the content words between
    "những / các / mấy" and its question word ("những **giải pháp thực hiện** nào?", "những
    **thiếu sót, hạn chế** gì?"); [] if it names none ("… làm gì?")."""
    plain = tokenize(question, accents=False)
    tokens = tokenize(question, accents=accents)
    stop = _STOPWORDS if accents else _STOPWORDS_PLAIN
    joined = " ".join(plain)
    duty = _DUTY.search(joined)
    if duty:  # "Doanh nghiệp … phải làm những gì?": the duties of whom it names
        before = len(joined[: duty.start()].split())
        head = _head(plain[:before], tokens[:before], stop)
        if head:
            return head
    for start, word in enumerate(plain):
        if word not in ("nhung", "cac", "may"):
            continue
        window = plain[start + 1 : start + 2 + LIST_NOUN_SPAN]
        end = next((i for i, w in enumerate(window) if w in ("nao", "gi")), None)
        if end:
            between = tokens[start + 1 : start + 1 + end]
            noun = [t for t in between if t not in stop and not t.isdigit()]
            if not noun and all(strip_accents(t) in _GENERAL_SYLLABLES for t in between):
                noun = between  # "những **việc** gì?", "những **nội dung** nào?"
            if noun:
                return list(dict.fromkeys(noun))
    return []


# The general nouns that name what a question asks about or asks a list of, accent-free:
# "những **nội dung** nào?", "những **việc** gì?", "có những **mặt** nào?"
GENERAL_NOUNS = (
    "noi dung", "van de", "y", "diem", "viec", "chuyen", "cai", "dieu", "thong tin", "linh vuc",
    "luan diem", "nhan dinh", "phan", "muc", "khia canh", "mang", "mat",
)  # fmt: skip
_GENERAL_SYLLABLES = frozenset(word for noun in GENERAL_NOUNS for word in noun.split())
# "… phải làm những gì?", "… có trách nhiệm làm gì?": a list of what its subject is to do
_DUTY = re.compile(r"\b(?:phai|can|se|duoc giao|co trach nhiem)\s+lam\s+(?:nhung\s+)?gi\b")
# Words ending the head of a noun phrase: what follows says whose or which ("nguyên tắc đầu
# tư **của** công ty …").
_HEAD_ENDS = {"cua", "o", "tai", "trong", "theo", "ve", "cho", "doi", "thuoc", "khi"}
HEAD_WORDS = 4


def _head(plain: list[str], tokens: list[str], stop: set[str]) -> list[str]:
    """The head of the noun phrase ``plain`` opens with: its first words from the first content
    word, up to a word saying whose or which."""
    head: list[str] = []
    for word, token in zip(plain, tokens):
        if word in _HEAD_ENDS or len(head) == HEAD_WORDS:
            break
        if head or token not in stop:  # "Các doanh nghiệp …": from its first content word
            head.append(token)
    return list(dict.fromkeys(head))


def focus_share(focus: list[str], tokens: list[str]) -> float:
    """How much of the focus a sentence's ``tokens`` hold: its word pairs as pairs ("chủ
    trì", not the "trì" of "Quảng Trị"), or its one word."""
    if len(focus) == 1:
        return float(focus[0] in tokens)
    return pair_share(word_pairs(focus), tokens)


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
    Nhân Dân Quốc Ai Khi Bao Tại Ở Theo Về Từ Đến Trong Ngoài Sau Trước Với Cho Những Các Năm
    Ngày Tháng TP UBND HĐND Phó Ông Bà""".split()
}


_SENTENCE_ENDS = {".", "?", "!", "…"}

# The accent-free ways of writing one place or person: ("hue", "thua thien hue").
Name = tuple[str, ...]


def names(question: str) -> list[Name]:
    """The places listed in places.txt that the question names, however typed ("o khanh hoa",
    "TPHCM"), with all their forms; the bodies and terms it names by their initials ("UBKT");
    then the accent-free runs of other capitalised words, as
    phrases: places, people ("khanh hoa", not "khanh" and "hoa": "Long Khánh" and "Biên Hòa" do
    not name Khánh Hòa). Document numbers ("08-QĐi/TW") and leading common words ("Tỉnh",
    "Bộ") are left out."""
    listed = listed_places(question)
    forms = " ".join(f" {form} " for place in listed for form in place)
    words = re.findall(r"\w+|[^\w\s]", _DOCUMENT_NUMBER.sub(" . ", question))
    members_words = load_synonyms().terms
    # a member's word for a term ("TTg": «thủ tướng», synonyms.txt) is no name
    capital = [
        w[0].isupper()
        and not w.isupper()
        and not w[0].isdigit()
        and tuple(tokenize(w)) not in members_words
        for w in words
    ]
    runs: list[list[str]] = [[]]
    for index, word in enumerate(words):
        # a sentence's first word is capitalised anyway ("… xã hội? Tóm tắt bài giúp em"): a
        # name only if the next word is too ("Hà Nội")
        opens = index == 0 or words[index - 1] in _SENTENCE_ENDS
        if capital[index] and (not opens or capital[index + 1 : index + 2] == [True]):
            runs[-1].append(fold_tones(word))
        elif runs[-1]:
            runs.append([])
    spelled = [n for n in _initialisms(question) if not any(set(n) & set(p) for p in listed)]
    found = list(listed) + spelled
    for run in runs:
        while run and run[0] in _NOT_NAMES:  # "Tỉnh ủy Quảng Trị" names Quảng Trị
            run = run[1:]
        name = strip_accents(" ".join(run))
        if name and f" {name} " not in forms:  # "TP Hồ Chí Minh" is listed
            found.append((name,))
    return list(dict.fromkeys(found))


MIN_INITIALS = 3  # "vn", "cb" stand for words documents often leave out ("cả nước")


def _initialisms(question: str) -> list[Name]:
    """The bodies and terms the question names by their initials ("UBKT", "hđnd"), each with
    the words it stands for (synonyms.txt): a document naming neither does not name it."""
    found = []
    for typed, _, terms in load_synonyms().initials(question):
        abbreviation = strip_accents(typed)
        if len(abbreviation) >= MIN_INITIALS:
            found.append((abbreviation, *(strip_accents(term) for term in terms)))
    return found


def listed_places(question: str) -> list[Name]:
    """The places of places.txt a text names, each with all its forms, accent-free; looked up
    as typed: with diacritics, "Theo Bác, cán bộ" does not name Bắc Cạn."""
    accents = has_diacritics(question)
    found = longest_phrases(tokenize(question, accents=accents), _places(accents))
    return list(dict.fromkeys(forms for _, forms in found))


@cache
def _places(accents: bool) -> dict[tuple[str, ...], Name]:
    """Each way of writing a place (its syllables, with or without diacritics) → all the ways
    of writing it, accent-free."""
    places = {}
    for line in PLACES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written = line.split(",")
            forms = tuple(" ".join(tokenize(form, accents=False)) for form in written)
            places.update({tuple(tokenize(form, accents=accents)): forms for form in written})
    return places
