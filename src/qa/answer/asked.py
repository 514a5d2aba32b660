"""What kind of information a question asks for (a person, a date, a place, a number, and the
number's unit or what it counts, a written work or a newspaper), and whether a text supplies
it: the best sentence for "Ai chủ trì…?" names someone the question does not; "bao nhiêu phần
trăm?" wants a percentage, "phụ cấp bao nhiêu?" an amount of money, "sau bao lâu?" a duration,
"bao nhiêu ủy viên?" a number of members, not just any number; "tỉnh nào?" wants a province
named; "trong tác phẩm nào?" a work named by its title, "đăng trên báo nào?" a newspaper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from qa.answer.terms import listed_places
from qa.index.synonyms import load_synonyms
from qa.text import fold_tones, has_diacritics, strip_accents

Kind = Literal["person", "date", "number", "place", "work", "press"]

_ASKS = (
    ("press", r"\b(?:bao|tap chi) nao\b"),
    ("work", r"\b(?:tac pham|cuon sach|sach|bai viet|bai bao|bai) nao\b"),
    (
        "place",
        r"\b(tinh nao|thanh pho nao|huyen nao|xa nao|dia phuong nao|nuoc nao|o dau|noi nao)\b",
    ),
    (
        "date",
        r"\b(khi nao|bao gio|ngay nao|thang nao|(?<!viet )nam nao|luc nao|thoi diem nao|thoi gian nao|ngay bao nhieu|ngay may)\b",
    ),
    # not "cơ sở nào"; "những cấp nào?" asks which levels, not which body
    (
        "person",
        r"(^|\s)(ai|nguoi nao|dong chi nao|ong nao|ba nao"
        r"|(co quan|don vi|to chuc|bo|(?<!co )so|nganh|(?<!nhung )(?<!cac )cap) nao)\b",
    ),
    # not "mấy năm gần đây / qua / tới" (the last or next few years)
    (
        "number",
        r"\b(bao nhieu|bao lau|may(?! nam (?:gan day|qua|toi|truoc mat|nay))|ty le"
        r"|muc(?! tieu| dich))\b",
    ),
)
# "ngày nào?", "tháng nào?" ask a day or a month: a year and nothing finer ("năm 2010") does
# not give it
_ASKS_DAY = re.compile(r"\b(?:ngay nao|ngay may|ngay bao nhieu|hom nao|thang nao)\b")
_YEAR_ONLY = re.compile(r"năm \d{4}", re.I)
# "Nhỏ hơn mức tối thiểu có được cấp sổ không?" asks yes or no, not for the level ("mức"): a
# question ending so asks for a number only in so many words.
_YES_NO = re.compile(r"\b(?:khong|chua)\W*$")
# The clause saying when a document takes effect (and what it replaces) answers only a
# question asking that: «Quyết định có hiệu lực sau 10 ngày kể từ ngày ký» is no "báo cáo mấy
# tháng 1 lần?"; a deadline counted from that day («trong 60 ngày kể từ ngày Quyết định này
# có hiệu lực») is no such clause.
_TAKES_EFFECT = re.compile(r"(?P<before>.{0,30})\bcó hiệu lực\b", re.IGNORECASE)
_COUNTED_FROM = re.compile(r"\b(?:ngày|khi)\b", re.IGNORECASE)
_ASKS_EFFECT = re.compile(
    r"\b(?:hieu luc|thi hanh|ap dung|thay(?! doi| mat)|bat dau|tu (?:bao gio|khi nao|ngay nao)"
    r"|(?:bai )?bo (?:quyet dinh|qd|nghi quyet|nq|chi thi|ct|thong tu|tt|van ban))\b"
)
_HOW_MUCH = re.compile(r"\b(?:bao nhieu|bao lau|may)\b")
# Words that read as a question word once their accents are gone: "máy" (machine) is not
# "mấy" (how many), "ở đầu năm" is not "ở đâu" (where), "mục tiêu" is not "mức" (level).
_LOOKALIKES = re.compile(r"\b(?:máy|đầu|mục)\b", re.I)
# A year, not the year of a document's number ("42/2006/NQ-HĐND"); a question asks about one
# in so many words ("năm 2009", not the "1956" of "QĐ 1956")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?![/-][^\W\d_])")
_ASKED_YEAR = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")
# A number that is not a part of a date or of a document number ("1/7/2021", "05-CT/TU").
_NUMBER = r"(?<![\d/.,-])\d+(?:[.,]\d+)*(?![\d/-])"
# A capital letter, with its diacritics: "Êrích", "Ông Ích Khiêm", "Ứng Hòa".
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME_WORD = rf"[{_UPPER}][a-zà-ỹđ]+"
_NAMES = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})+")
# Capitalised words that open the name of a place or a body, not of a person: «Tỉnh Hải Dương
# có …», «Văn Phòng Chính Phủ» name no one.
_NOT_PERSON = (
    "Tỉnh|Thành|Huyện|Quận|Thị|Xã|Phường|Thôn|Ấp|Bộ|Ban|Sở|Ủy|Uỷ|Hội|Trường|Đảng|Nhà|Trung|Tổng"
    "|Viện|Cục|Vụ|Phòng|Khu|Văn|Cộng|Chủ|Phó|Thủ|Giám|Trưởng|Bí|Công|Tòa|Toà|Quân|Mặt|Liên|Học"
    "|Đại|Ngân|Kho|Chi|Cảng|Sông|Đường|Cầu|Chợ|Miền|Vùng|Nước|Quốc|Tập"
)
_INSTANCES = {
    "person": re.compile(
        rf"\b(?!(?:{_NOT_PERSON})\b)(?:{_NAME_WORD}\s){{2,3}}{_NAME_WORD}\b"
        rf"|\b(?:ông|bà|đồng chí)\s+{_NAME_WORD}"
    ),
    # "ngày 30 tháng 7 năm 2003" is one date, not three
    "date": re.compile(
        r"\b\d{1,2}\s?[/-]\s?\d{1,2}(?:\s?[/-]\s?\d{2,4})?\b"
        r"|\b(?:ngày \d{1,2} )?tháng \d{1,2}(?: năm \d{4})?\b|\b(?:ngày|mùng|mồng) \d{1,2}\b"
        r"|\bnăm \d{4}\b",
        re.I,
    ),
    # a place is named after the word for its kind: "tỉnh Quảng Trị", "tại Hà Nội"
    "place": re.compile(
        r"\b(?:[Tt]ỉnh|[Tt]hành phố|TP\.?|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]ại|[Ởở]"
        rf"|[Vv]ùng|[Nn]ước)\s+(?:[{_UPPER}]\w*\s?){{1,3}}"
    ),
    "number": re.compile(_NUMBER),
    # a work by its title, after the word for it or in quotes after "trong": «tác phẩm nổi
    # tiếng Sửa đổi lối làm việc», «bài viết: " Nhân tài và kiến quốc "», «trong " Phê phán
    # Cương lĩnh Gôta "» (its first three words, to tell it from a title the question gives)
    "work": re.compile(
        r"\b(?:tác phẩm|cuốn sách|cuốn|sách|bài viết|bài báo|bài)(?:\s+nổi tiếng)?\s*:?\s*"
        rf"[\"«“]?\s*([{_UPPER}]\w*(?:\s+\w+){{1,2}})"
        rf"|\btrong\s+[\"«“]\s*([{_UPPER}]\w*(?:\s+\w+){{1,2}})"
    ),
    "press": re.compile(rf"\b(?:báo|tạp chí)\s+[\"«“]?\s*([{_UPPER}]\w*(?:\s+\w+)?)"),
}

# Who and when are often answered without a name or a date: by an office or a body ("Hiệu
# trưởng quyết định", "do Ban Thường vụ Tỉnh ủy ban hành"), by a time relative to something
# ("trước mỗi học kỳ", "sau khi kết thúc khóa học", "chậm nhất 15 ngày"). A body is named with
# a capital ("Ban Thường vụ", not "ban hành"); offices and times are matched in lower case.
_ALSO = {
    "person": re.compile(
        r"\b(?:(?:[Pp]hó )?(?:[Hh]iệu trưởng|[Gg]iám đốc|[Cc]hủ tịch|[Bb]í thư|[Tt]hủ tướng"
        r"|[Bb]ộ trưởng|[Tt]rưởng (?:phòng|khoa|ban|bộ môn)|[Gg]iảng viên|[Cc]ố vấn học tập"
        r"|[Nn]hà trường|[Cc]ấp ủy|[Cc]ấp uỷ)"
        r"|(?:Phòng|Khoa|Ban|Sở|Bộ|Cục|Vụ|Viện|Hội đồng|Ủy ban|Uỷ ban|Thường trực|Cơ quan"
        r"|Đảng ủy|Đảng uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Chi bộ) [A-ZĐ]?\w*"
        r"|UBND|HĐND|BTV)\b"
    ),
    "date": re.compile(
        r"\b(?:(?:trước|sau) khi|(?:trước|sau|chậm nhất|kể từ|trong vòng|trong thời hạn|đầu|"
        r"cuối|giữa|hằng|hàng|mỗi)(?: \w+){0,2}? (?:ngày|tuần|tháng|quý|năm|học kỳ|kỳ|đợt|khóa))\b",
        re.I,
    ),
}
# "nộp ở đâu?": at an office or a body ("Phòng Đào tạo"); "dùng đầu tiên ở đâu?": in a kind of
# place ("ở các nước phương Tây")
_ALSO["place"] = re.compile(
    rf"{_ALSO['person'].pattern}|\b(?:[Ởở]|[Tt]ại)\s+(?:các\s+|những\s+|một số\s+)?"
    r"(?:nước|quốc gia|vùng|khu vực|miền|châu|thành phố|đô thị|nông thôn)\b"
)

# …but not "Hiệu trưởng là ai?", "Ai làm Chủ tịch?", "Ai ký?" (not the "ký" of "đăng ký",
# registering): these want a person's name.
_NAME_ONLY = re.compile(r"\blà ai\b|\bai là (?!người)|\bai (?:làm|giữ)\b|(?<!đăng )\bký\b", re.I)
# …and typed without diacritics (not "ky", which is also "kỳ": "ai chủ trì kỳ họp?")
_NAME_ONLY_PLAIN = re.compile(r"\bla ai\b|\bai la (?!nguoi)|\bai (?:lam|giu)\b")

# Small numbers in words ("ba năm", "mười lăm ngày"); not "năm", which is also "year".
_SPELLED = r"(?:hai|ba|bốn|sáu|bảy|tám|chín|mười(?: một| hai| lăm)?)"
# "số 102 ngày 15/11" numbers a document; "ba (03) ngày" spells a number, then gives its digits
_N = rf"(?<!số )(?P<n>{_NUMBER})\)?"

# …or gives its digits, then spells it: "250 (hai trăm năm mươi) triệu đồng", "30 (ba mươi) ngày"
_N_SPELLED = rf"{_N}\s*(?:\([^()\d]{{1,60}}\)\s*)?"
# "1 triệu lao động" counts people: a magnitude is money only with its currency.
_CURRENCY = rf"{_N_SPELLED}(?:nghìn|ngàn|triệu|tỷ)?\s*(?:đồng|đ\b|vnđ|usd)"

# Units of a number question: (the question asks for it, accent-free; a sentence supplies it,
# lower case with diacritics). The first that matches decides.
# "quyết định số mấy?" wants a document's number: «số 25/2008/QĐ-UBND», «Chỉ thị 05-CT/TU»; so
# does "thay cho quyết định nào?", "lấy theo văn bản nào?": a document it replaces or rests on
_ASKS_NUMBER = re.compile(
    r"\b(?:quyet dinh|nghi quyet|chi thi|thong tu|nghi dinh|van ban|cong van|ket luan"
    r"|quy dinh|ke hoach|to trinh|qd|nq|ct|tt|nd|la)(?: cu)? so (?:may|bao nhieu)\b"
    r"|\b(?:thay(?: the)?(?: cho)?|bai bo|bo|sua doi|theo|can cu|dua tren|thuc hien)"
    r" (?:quyet dinh|nghi quyet|chi thi|thong tu|nghi dinh|van ban|to trinh|qd|nq|nd|tt)"
    r"(?: cu)? nao\b"
)
DOCUMENT_NUMBER = (r"\b(?P<n>\d+(?:/\d{2,4})?[/-][^\W\d_][\w./-]*)",)
# A time: «sau 12 tháng», «hằng quý», «mỗi tháng»; a duration, in figures or in words
_PERIOD = rf"(?<!số )(?P<n>{_NUMBER}|hằng|hàng|mỗi)\)?\s*(?:giờ|ngày|tuần|tháng|quý|năm)\b"
_DURATION = rf"(?:{_N_SPELLED}|\b(?P<w>{_SPELLED})\b\s*)(?:ngày|tuần|tháng|năm)\b"
_UNITS = (
    (_ASKS_NUMBER.pattern, DOCUMENT_NUMBER),
    # "dẫn điều mấy Hiến pháp?" wants an article's number: «Điều 32, Hiến pháp 2013 quy định»
    (
        r"\b(?:dieu|khoan|chuong) (?:so )?(may|bao nhieu)\b",
        (r"\b(?:điều|khoản|chương)\s+(?P<n>\d+)",),
    ),
    (r"\b(phan tram|ty le)\b|%", (rf"{_N}\s*(?:%|phần trăm)",)),
    # "bao nhiêu tuổi", "độ tuổi tối đa là bao nhiêu" (not the "tưới lúa" of "tuoi lua")
    (r"\b(bao nhieu|may) tuoi\b|\btuoi\b(?: \w+){0,5} (bao nhieu|may)\b", (rf"{_N}\s*tuổi",)),
    (r"\bbao lau\b", (_PERIOD,)),
    # "mấy tháng một lần?" asks how often: «6 tháng một lần», «ba năm một lần», «hằng quý»
    (
        r"\b(?:bao nhieu|may) (?:ngay|tuan|thang|nam)\b(?: \w+){0,5} (?:1|mot) lan\b",
        (_PERIOD, _DURATION),
    ),
    # "bao nhiêu năm?" asks a duration, in figures or in words ("ba năm"); "bao nhiêu năm
    # 2010?" asks how much in 2010
    (r"\b(bao nhieu|may) (thang|nam|ngay|tuan)\b(?! \d{4}\b)", (_DURATION,)),
    (
        r"\b(bao nhieu|may) (m2|met vuong|ha|hecta|km2|km vuong|cay so vuong|kilomet vuong)\b",
        (rf"{_N_SPELLED}(?:m2|m²|mét vuông|ha\b|héc|km2|km²|km vuông|cây số vuông|kilômét vuông)",),
    ),
    # "bao nhiêu tỷ đồng" wants an amount in its currency, not the "100%" of "100% vốn"
    # …not "bao nhiêu triệu công nhân", a count in millions
    (r"\b(bao nhieu|may) (?:(?:nghin|ngan|trieu|ty)(?: dong\b|(?! [a-z]))|dong\b)", (_CURRENCY,)),
)
# Money, asked as "bao nhiêu tiền" or with a money word, which is only told apart from other
# words by its diacritics ("giá", not "gia đình"; "phí", not "phi").
_MONEY_WORDS = re.compile(
    r"\b(tiền|phí|giá|lương|phụ cấp|trợ cấp|hỗ trợ|phạt|kinh phí|ngân sách|vốn)\b"
)
# …and typed without diacritics, by the word pairs that are money whatever their accents
# ("phu cap" is "phụ cấp"; "phi" alone may be "phi", "gia" "gia đình")
_MONEY_WORDS_PLAIN = re.compile(
    r"\b(?:phu cap|tro cap|kinh phi|hoc phi|le phi|muc phi|muc luong|tien luong|ngan sach"
    r"|muc ho tro|muc thu|don gia)\b"
)
_MONEY = (
    _CURRENCY,
    rf"{_N}\s*(?:%|phần trăm|mức lương)",
    rf"hệ số\s+(?:là\s+)?{_N}",
)
# "bao nhiêu đảng viên", "mấy chi bộ": a count of something, answered by a number of it
# ("157.105 đảng viên", "12 chi bộ cơ sở"), not by a number of something else. The first
# syllable after the question word names it, unless it says nothing of what is counted.
_COUNTED = re.compile(
    r"\b(?:bao nhieu|may) (?!(?:nguoi|dan|tien|moi|mot|de|cho|khi|thi|trong|va|co|la|duoc"
    r"|nhieu|nua|lan|giai|tu|den|tai|o|vao|theo|voi|cua)\b|(?:nam|thang) \d)"  # "… bao nhiêu năm 2010?"
    r"([a-z][a-z0-9]*)((?: [a-z]+){0,3})"
)
# A count: a number, a unit maybe glued to it ("17,2km"), before what it counts (the number
# nearest it: "năm 2000 là 444 kg" counts 444); or a share of it ("trên 15% số nghị sỹ").
_COUNT = rf"(?<!so )(?P<n>{_NUMBER})\)?%?\s*(?:[^\W\d]\w*\s+){{0,2}}?"
# …or a small number spelled out right before the question's own words for it ("một khu
# phố" for "bao nhiêu khu phố"; not the "ba đại diện" of "bao nhiêu đại biểu").
_SPELLED_COUNT = r"\b(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+"

# A date right after a document number ("số 233/2008/NQ-HĐND ngày 23/7/2008", "số
# 25/2008/QĐ-UBND, ngày 15/5/2008") dates that document: it answers "when" only when the
# question names the document.
_DATED_DOCUMENT = re.compile(r"(\d+)[\w./-]*[/-][^\W\d][\w./-]*,?\s+(?:ngày\s*)?$")


@dataclass(frozen=True)
class Asked:
    kind: Kind
    given: frozenset[str]  # the question's own persons, dates or numbers (accent-free keys)
    words: frozenset[str]  # the question's accent-free words
    unit: tuple[str, ...] = ()  # for a number: patterns of which a sentence must hold one
    counted: tuple[str, ...] = ()  # for a number: what is counted, its forms (accent-free)
    counted_words: str | None = None  # …and the question's first two words for it
    name_only: bool = False  # for a person or a place: an office or a body does not answer
    years: frozenset[str] = frozenset()  # the years it asks about: "… năm 2009?"
    day: bool = False  # for a date: "ngày nào?" asks a day, which a year alone does not give
    effect: bool = False  # asks when a document takes effect ("… áp dụng từ ngày nào?")


def asked(question: str) -> Asked | None:
    """What the question asks for, or None when it asks for nothing this specific."""
    found = _asked(question)
    folded = strip_accents(question).lower()
    years = frozenset(_ASKED_YEAR.findall(folded))
    effect = bool(_ASKS_EFFECT.search(folded))
    return replace(found, years=years, effect=effect) if found else None


def _asked(question: str) -> Asked | None:
    folded = strip_accents(_LOOKALIKES.sub(" ", question)).lower()
    # "… quy định ở QĐ số mấy, năm nào?" asks a number first: the number dates its document
    kind = "number" if _ASKS_NUMBER.search(folded) else None
    kind = kind or next((k for k, pattern in _ASKS if re.search(pattern, folded)), None)
    if kind is None or (
        kind == "number" and _YES_NO.search(folded) and not _HOW_MUCH.search(folded)
    ):
        return None
    given = frozenset(_key(m.group()) for m in _INSTANCES[kind].finditer(question))
    words = frozenset(_key(question).split())
    if kind == "person":
        name_only = bool(_NAME_ONLY.search(fold_tones(question))) or (
            not has_diacritics(question) and bool(_NAME_ONLY_PLAIN.search(folded))
        )
        return Asked("person", given, words, name_only=name_only)
    if kind == "place":  # "tỉnh nào?" wants a province; "ở đâu?" may be told by a body
        return Asked("place", given, words, name_only=not re.search(r"\b(o dau|noi nao)\b", folded))
    if kind == "date":
        return Asked("date", given, words, day=bool(_ASKS_DAY.search(folded)))
    if kind in ("work", "press"):
        return Asked(kind, given, words)
    unit = next((supplied for wanted, supplied in _UNITS if re.search(wanted, folded)), ())
    count = None if unit else _COUNTED.search(folded)
    toned = fold_tones(_NAMES.sub(" ", question))  # "Tiền Giang" is no money
    plain_money = not has_diacritics(question) and _MONEY_WORDS_PLAIN.search(folded)
    if not unit and ("bao nhieu tien" in folded or _MONEY_WORDS.search(toned) or plain_money):
        # "bao nhiêu kinh phí?", "phụ cấp bao nhiêu?" ask an amount; "hỗ trợ bao nhiêu hộ?"
        # counts households, "lương thực bao nhiêu kg?" weighs
        counted_word = re.search(r"\b(?:bao nhiêu|mấy)\s+(\S+(?:\s+\S+)?)", toned)
        if count is None or (counted_word and _MONEY_WORDS.match(counted_word.group(1))):
            unit, count = _MONEY, None
    counted = _counted_forms(count.group(1), count.group(2).split()) if count else ()
    spelled = " ".join([count.group(1), *count.group(2).split()[:1]]) if counted else None
    return Asked("number", given, words, unit, counted, spelled)


# Where a question asking several things splits: "… họp ở đâu, ngày nào, ai chủ trì?", "… bao
# nhiêu ha và bao nhiêu nhân khẩu?".
_PARTS = re.compile(r"[,;]|\bvà\b", re.IGNORECASE)


def asked_parts(question: str) -> list[tuple[str, Asked]]:
    """Each part of a question asking several things, with what it asks for ([] for a question
    asking one thing)."""
    parts = [(part, found) for part in _PARTS.split(question) if (found := asked(part))]
    return parts if len(parts) >= 2 else []


def _counted_forms(syllable: str, after: list[str]) -> tuple[str, ...]:
    """The ways a document may write what is counted, accent-free: the syllable after the
    question word, spelled out if it is an acronym ("dv" → "dang vien"), and the acronym of
    the words from it on ("hợp tác xã" → "htx": «85 HTX»)."""
    forms = [_spelled_out(syllable)]
    words = [syllable, *after]
    forms += [_initials(words[:n]) for n in (3, 4) if len(words) >= n]
    return tuple(dict.fromkeys(forms))


def _initials(words: list[str]) -> str:
    return "".join(word[0] for word in words)


def _spelled_out(syllable: str) -> str:
    """What an acronym stands for, accent-free ("dv" → "dang vien"): a synonym whose words'
    initials it is, not a mere word of the same letters ("hop" is not "họp" → "hội nghị")."""
    for words, terms in load_synonyms().terms.items():
        if strip_accents(" ".join(words)) != syllable:
            continue
        for term in map(strip_accents, terms):
            if _initials(term.split()) == syllable:
                return term
    return syllable


def _key(instance: str) -> str:
    return " ".join(re.findall(r"\w+", strip_accents(instance).lower()))


def supplies(text: str, wanted: Asked) -> bool:
    """Whether ``text`` holds a person, date, place or number (in the asked unit, or of the
    thing counted) other than those the question gives: "bao nhiêu đảng viên năm 2021?" is not
    answered by a sentence whose only number is 2021."""
    if not wanted.effect and _takes_effect(text):
        return False
    years = set(_YEAR.findall(text))
    if wanted.years and years and not wanted.years & years:
        return False  # "quý III năm 2009?" is not answered by «quý III năm 2010»
    pattern = _INSTANCES[wanted.kind]
    # "ngày nào?" asks a day: «chậm nhất là mười ngày làm việc» gives none (but "hiệu lực từ
    # ngày nào?" is answered by «sau 10 ngày kể từ ngày ký»)
    relative_day = wanted.kind == "date" and wanted.day and not wanted.effect
    also = _ALSO.get(wanted.kind) if not (wanted.name_only or relative_day) else None
    if also and any(not set(_key(m).split()) <= wanted.words for m in also.findall(text)):
        return True
    if wanted.kind == "place" and any(
        not any(set(form.split()) <= wanted.words for form in forms)
        for forms in listed_places(text)
    ):  # "tỉnh nào?" answered by «… ở Nam Định …», with no "tỉnh" before it
        return True
    if wanted.kind in ("person", "place"):
        return any(not set(_key(m).split()) <= wanted.words for m in pattern.findall(text))
    if wanted.kind in ("work", "press"):
        titles = (next(g for g in m.groups() if g) for m in pattern.finditer(text))
        return any(not set(_key(title).split()) <= wanted.words for title in titles)
    if wanted.kind == "date":
        return any(
            _key(m.group()) not in wanted.given
            and _dates_asked_document(text, m.start(), wanted)
            and not (wanted.day and _YEAR_ONLY.fullmatch(m.group()))
            for m in pattern.finditer(text)
        )
    if wanted.unit:
        lowered = fold_tones(text)
        found = (
            m.group("n") or m.groupdict().get("w")
            for unit in wanted.unit
            for m in re.finditer(unit, lowered)
        )
        return any(_key(n) not in wanted.given for n in found)
    if wanted.counted:
        plain = strip_accents(fold_tones(text))
        counted = "|".join(map(re.escape, wanted.counted))
        found = (m.group("n") for m in re.finditer(rf"{_COUNT}(?:{counted})\b", plain))
        return any(_key(n) not in wanted.given for n in found) or bool(
            re.search(rf"{_SPELLED_COUNT}{wanted.counted_words}\b", plain)
        )
    return any(_key(m) not in wanted.given for m in pattern.findall(text))


def _takes_effect(text: str) -> bool:
    clause = _TAKES_EFFECT.search(text)
    return clause is not None and not _COUNTED_FROM.search(clause.group("before"))


# The label a value of the asked kind is given in the documents, whatever words the question
# asks with: "… đi kiểm tra vào lúc nào?" is answered by «Thời gian kiểm tra vào sáng thứ Bảy».
_LABEL = {
    "date": re.compile(r"^\W*(?:thời gian|thời điểm|thời hạn)\b", re.IGNORECASE),
    "place": re.compile(r"^\W*(?:địa điểm)\b", re.IGNORECASE),
}


def labelled(text: str, wanted: Asked) -> bool:
    """Whether ``text`` opens with the label of the asked kind of value."""
    label = _LABEL.get(wanted.kind)
    return bool(label and label.match(fold_tones(text)))


def _dates_asked_document(text: str, start: int, wanted: Asked) -> bool:
    """False for a date that dates a document the question does not name."""
    document = _DATED_DOCUMENT.search(text[max(0, start - 40) : start])
    return document is None or document.group(1).lstrip("0") in {
        w.lstrip("0") for w in wanted.words
    }
