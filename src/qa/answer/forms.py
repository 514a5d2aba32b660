"""The form of answer a question wants, beside what it asks for (qa.answer.asked): the items of
a list ("những sản phẩm nào?", "gồm những ai?"), or what a whole document says ("Chỉ thị 05
nói về gì?", "nghị quyết về phụ cấp thôn xóm quy định những gì?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.terms import GENERAL_NOUNS
from qa.index.synonyms import load_synonyms
from qa.refs import find_refs
from qa.text import strip_accents

# Matched on the accent-free, lower-case question. "What it says": a verb of saying or holding
# ("nói", "đề cập", "quy định", "nêu", "gồm") or "nội dung", then, through a general noun (nội
# dung, vấn đề, ý, điểm) and "chính / chủ yếu", the question word at the end ("nào" only after
# such a noun: "những nơi nào", "theo quy định nào" ask which place, which rule); or "tóm tắt
# (giúp mình) (các ý chính)" at the end.
_SAYS = (
    r"(?:noi|de cap|quy dinh|neu|nhac|viet|ban hanh|trinh bay|huong dan|gom|bao gom|co|de ra"
    r"|yeu cau|phan tich|dua ra|de xuat|chi dao|xac dinh|phe duyet|phan anh|cho biet"
    r"|tap trung vao|xoay quanh|sua|sua doi|bo sung|thay doi|lap luan)"
)
_GENERAL = f"(?:{'|'.join(GENERAL_NOUNS)})"
_MAIN = r"(?:chinh|chu yeu|co ban|quan trong|noi bat|lon)"
# "gồm mấy điều, mỗi điều nói gì?", "có mấy câu, tóm tắt từng câu?": the parts, and what each says
_PART_NOUN = r"(?:phan|muc|chuong|dieu|cau|y|diem)"
_PARTS_OF = rf"(?:co|gom|chia(?: thanh| lam)?) (?:may|bao nhieu) {_PART_NOUN}"
_EACH = (
    rf"(?:(?:(?:moi|tung) {_PART_NOUN} )?(?:noi|de cap|quy dinh)(?: ve)?(?: nhung)? gi"
    rf"|(?:y chinh|noi dung|tom tat) (?:cua )?(?:moi|tung) {_PART_NOUN})"
)
_ABOUT = re.compile(
    rf"\b(?:{_SAYS}\s+(?:cu the\s+)?(?:(?:ve|den|toi|len|ra)\s+)?(?:(?:nhung|cac)\s+)?"
    rf"(?:(?:(?:{_GENERAL})\s+)?(?:(?:{_MAIN}|gi)\s+)?gi|(?:{_GENERAL})\s+(?:{_MAIN}\s+)?nao)"
    rf"|noi dung\s+(?:{_MAIN}\s+)?(?:(?:la|nhu)\s+)?(?:gi|nao|the nao|ra sao)"
    rf"|noi dung(?:\s+{_MAIN})?|ve (?:cai|dieu|van de) gi"
    rf"|(?:tom tat|tom luoc)(?: (?:giup|cho|ho))?(?: (?:toi|minh|em))?"
    rf"(?: (?:nhung|cac) (?:{_GENERAL}) (?:{_MAIN}))?"
    rf"|noi gi|co gi (?:dang chu y|moi|dac biet)"
    rf"|{_PARTS_OF}(?: {_MAIN})?(?: {_EACH})?|{_EACH}"
    rf"|bo cuc (?:the nao|ra sao|nhu the nao|gom nhung gi|gi)(?: (?:co |gom )?may {_PART_NOUN})?)"
    r"\s*\??\s*$"
)
# A document named by its kind: "chỉ thị về …", "nghị quyết này", "văn bản số …", "bài …",
# "đề tài …", "tác phẩm …".
_DOCUMENT = re.compile(
    r"\b(?:chi thi|nghi quyet|quyet dinh|nghi dinh|thong tu|thong bao|ket luan|bao cao|ke hoach"
    r"|huong dan|cong van|van ban|van kien|tai lieu|quy che|quy dinh|de an|chuong trinh|dieu le"
    r"|to trinh|tieu luan|de tai|luan van|khoa luan|tac pham|bai(?! hoc)|ct|nq|qd|tt|ttlt|kl|hd|kh)\b"
)
# …or, first, what is wanted of it: "Nội dung chính của Nghị quyết 21 là gì?", "Tóm tắt Chỉ
# thị 05", "Hãy cho biết những nội dung cơ bản của Quyết định 489", "Ý chính của bài …".
_ABOUT_FIRST = re.compile(
    r"^(?:(?:hay|xin|vui long)\s+)?(?:(?:cho\s+(?:(?:toi|minh|em)\s+)?)?biet|neu|trinh bay)?\s*"
    rf"(?:(?:tom tat|tom luoc)(?:\s+(?:giup|cho|ho)(?:\s+(?:toi|minh|em))?)?"
    rf"|(?:(?:nhung|cac)\s+)?(?:noi dung(?:\s+{_MAIN})?"
    rf"|(?:y|diem|van de)\s+{_MAIN}))\s+(?:(?:cua|trong)\s+)?{_DOCUMENT.pattern}"
)
# A part of a document ("Điều 5", "khoản 2", "chương II", "mục 3", "ý 4") is asked about, not the
# whole.
_PART = re.compile(r"\b(dieu|khoan|diem|chuong|muc|phan|y)\s+(\d+|[ivx]+)\b")
_ROMAN = {"i": 1, "v": 5, "x": 10}
# A part named by words of its title ("phần định hướng phân cấp thời gian tới có …", "chuong
# tiep nhan don khieu nai trong tt …"): "phần", not "phân" or "phản" (so not "phan", typed
# without diacritics); its words end before the document's name or what is asked of it. A
# heading holding this share of them is that part's.
_PART_TITLE = re.compile(
    r"\b(?P<level>chương|phần|mục|chuong|muc)\s+(?:về\s+|ve\s+)?"
    r"(?!trình\b|trinh\b|tiêu\b|tieu\b|đích\b|dich\b|trăm\b|tram\b)(?P<words>\w+(?:\s+\w+)+)"
)
_PART_TITLE_END = re.compile(
    r"(?:^|\s)(?:trong|của|cua|thuộc|thuoc|có|co|gồm|gom|bao gồm|bao gom|nêu|neu|nói|noi"
    r"|đề cập|de cap|là|la|ra sao|thế nào|the nao)\b"
)
TITLE_SHARE = 0.7
_SECTIONS = {"muc", "phan", "y"}  # what members call a numbered section ("3. …", "III. …")
_LIST = re.compile(
    r"\b(?:nhung|cac|gom|bao gom|mot so)\s+(?:\w+\s+){0,6}?(?:nao|gi|ai)\b"
    r"|^(?:(?:hay\s+)?(?:neu|ke|liet ke|cho biet)\s+(?:ra\s+|ten\s+)?)?(?:nhung|cac)\b"
    r"|\b(?:nhiem vu|trach nhiem|giai phap|bien phap|yeu cau|quyen|nghia vu|doi tuong"
    r"|dieu kien|tieu chuan|han che|uu diem|nguyen nhan|muc|truong hop|ket qua|thanh tuu"
    r"|hanh vi|hinh thuc|ho so|giay to|thu tuc)\s+(?:\w+\s+){0,2}?(?:gi|nao)\b"
    r"|\b(?:phai|can|duoc giao|se) lam (?:nhung )?gi\b"
    # what someone is told to do: "yêu cầu doanh nghiệp viễn thông làm gì?"
    r"|\b(?:yeu cau|giao|de nghi|chi dao|phan cong|giao cho)\s+(?:\w+\s+){1,8}?lam (?:nhung )?gi\b"
    r"|\bnhung ai\b|\bnhung gi\b|\bliet ke\b|\bke ten\b|\bgom nhung\b|\bbao gom\b"
    r"|\bmay (?:loai|nhom|nhiem vu|noi dung|giai phap|bien phap|muc tieu|giai doan|buoc|cap)\b"
    # a value for each of several: "mức thù lao theo từng cấp là bao nhiêu?"
    r"|\btung (?:cap|quy|loai|nhom|doi tuong|chuc danh|khu vuc|vung|giai doan|nam|thang)\b"
)


# What a document was issued on: its legal bases and the proposal ("căn cứ những luật nào?",
# "theo đề nghị của ai?", "do sở nào trình, tờ trình số mấy?"). "Dựa vào / dựa theo" only before
# a kind of document: typed without diacritics it is "đưa vào" ("người bán dâm bị đưa vào trung
# tâm …"), "đưa theo".
_BASIS = re.compile(
    r"\b(?:can cu|dua tren|(?:theo|do|nao|ai) de nghi|de nghi cua|to trinh"
    r"|(?:nao|ai) trinh|co so phap ly"
    r"|dua (?:vao|theo) (?:nhung |cac )?(?:van ban|luat|nghi dinh|nd|quyet dinh|qd|thong tu"
    r"|nghi quyet|nq|chi thi|phap lenh|can cu|co so))\b"
)


def _folded(question: str) -> str:
    return " ".join(re.findall(r"\w+|\?", strip_accents(question).lower()))


def _asks_what_it_says(question: str, folded: str) -> bool:
    """A document is named, by number or by its kind, and what it (or a part of it) says is
    asked."""
    if _ABOUT_FIRST.match(folded):
        return True
    if not _ABOUT.search(folded):
        return False
    return bool(find_refs(question)) or bool(_DOCUMENT.search(folded))


def asks_about_document(question: str) -> bool:
    """ "What does document X say", as a whole."""
    folded = _folded(question)
    return not _PART.search(folded) and _asks_what_it_says(question, folded)


@dataclass(frozen=True)
class PartName:
    """A part of a document as a question names it: "mục 3" is ("muc", 3), "chương II"
    ("chuong", 2); "phần định hướng phân cấp" is ("phan", None, ("dinh", "huong", "phan",
    "cap")), named by words of its title."""

    level: str
    number: int | None
    words: tuple[str, ...] = ()

    def heads(self, heading: str) -> bool:
        """Whether ``heading`` opens this part: "Điều 9. …" for "điều 9"; "Chương II …" for
        "chương 2"; for "mục" and "phần", the numbered sections members call so ("3. …",
        "III. …", "Phần I", "Mục 3"); for a part named by words, a heading holding most of
        them."""
        folded = strip_accents(heading).lower()
        if self.number is None:
            held = set(re.findall(r"\w+", folded))
            return sum(word in held for word in self.words) >= TITLE_SHARE * len(self.words)
        named = _PART.match(folded)
        if named:
            level, number = named.groups()
            same = level == self.level or {level, self.level} <= _SECTIONS
            return same and _number(number) == self.number
        marker = re.match(r"(\d+|[ivx]+)\s*[.)]", folded)
        return bool(marker) and self.level in _SECTIONS and _number(marker[1]) == self.number


def _number(token: str) -> int:
    """An Arabic or Roman number's value ("3", "iii")."""
    if token.isdigit():
        return int(token)
    values = [_ROMAN[ch] for ch in token]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0]))


def asked_part(question: str, read: str | None = None) -> PartName | None:
    """ "What does part P of document X say" ("bài về … mục 3 gồm những ý lớn nào?", "Điều 9
    thông tư … quy định gì?", "chương tiếp nhận đơn … có những điều gì"): the part, when one
    is named by its number (not a clause or point of an article: "khoản 2 Điều 5") or by
    words of its title, read in ``read`` (the question with the diacritics the collection
    most likely means, if typed without them: "phan giai phap …" is "phần giải pháp …")."""
    folded = _folded(question)
    if not _asks_what_it_says(question, folded):
        return None
    named = _PART.findall(folded)
    if named:
        if len(named) != 1 or named[0][0] in ("khoan", "diem"):
            return None
        level, number = named[0]
        return PartName(level, _number(number))
    titled = _PART_TITLE.search(load_synonyms().spelled_out(read or question).lower())
    if not titled:
        return None
    words = tuple(strip_accents(_PART_TITLE_END.split(titled["words"])[0]).split())
    return PartName(strip_accents(titled["level"]), None, words) if len(words) >= 2 else None


def document_topic(question: str) -> str:
    """What names the document in a question on what it says: the question without the words
    asking it ("Bài về văn hoá Đảng có những ý chính nào?" → "Bài về văn hoá Đảng")."""
    words = re.findall(r"\w+|\?", question)
    folded = _folded(question)
    first = _ABOUT_FIRST.match(folded)
    if first:  # "tóm tắt giúp bài …, gồm những phần nào": the asking words on both sides
        words = words[len(first.group().split()) :]
        folded = " ".join(folded.split()[len(first.group().split()) :])
    about = _ABOUT.search(folded)
    if about:
        words = words[: len(words) - len(about.group().split())]
        folded = " ".join(folded.split()[: len(words)])
    issued = _ISSUED.search(folded) if not (first or about) else None
    if issued:  # "ai ký quyết định …?", "… do cơ quan nào ban hành?": the asking words
        return " ".join(_without(words, folded, issued))
    part = _PART.search(folded)
    if part:  # "bài về … , mục 3": the part named is no word of the document's identity
        words = _without(words, folded, part)
    return " ".join(words) if first or about else question


def _without(words: list[str], folded: str, found: re.Match[str]) -> list[str]:
    """``words`` without those of a match in ``folded``, their accent-free, lower-case run."""
    at = len(folded[: found.start()].split())
    return words[:at] + words[at + len(found.group().split()) :]


# Words pointing back to a document rather than naming it: "chỉ thị **này**", "văn bản **đó**",
# "nghị quyết **trên**".
_POINTING = re.compile(r"\b(?:nay|do|tren|kia|ay|vua roi|noi tren|ben tren)\b|\?")


def names_a_document(question: str) -> bool:
    """Whether a question on one document says which: by its number, or by words beside its
    kind and "này / đó / trên" ("Chỉ thị này nói gì?", "Mục 3 nói gì?" name none, outside the
    conversation that named it)."""
    if find_refs(question):
        return True
    rest = _POINTING.sub(" ", _DOCUMENT.sub(" ", _folded(document_topic(question))))
    return bool(rest.strip())


# Who carries a document out: "QĐ … giao những ai thi hành?", "những sở nào chịu trách nhiệm
# thi hành QĐ …?", "những cơ quan nào phải chấp hành?"; not "thi hành án" (enforcing judgments)
# nor "hiệu lực thi hành từ ngày nào?".
_WHO = (
    r"\b(?:ai|(?:co quan|don vi|so|ban|nganh|cap|chu tich|giam doc|thu truong|huyen|phong"
    r"|nguoi)(?: \w+){0,2}? nao)\b"
)
_EXECUTE = r"(?<!hieu luc )\b(?:thi hanh|chap hanh)\b(?! an\b)"
# "… giao những ai phải thực hiện?": carrying out, when nothing follows that is carried out
_CARRY_OUT = rf"\bgiao (?:cho )?(?:nhung |cac )?{_WHO} (?:phai )?thuc hien\W*$"
_EXECUTORS = re.compile(rf"{_WHO}.*{_EXECUTE}|{_EXECUTE}.*{_WHO}|{_CARRY_OUT}")


def asks_who_executes(question: str) -> bool:
    """ "Who carries document X out": a document is named, by number or by its kind, and who
    must execute it is asked; its executing article answers."""
    folded = _folded(question)
    if not _EXECUTORS.search(folded):
        return False
    return bool(find_refs(question)) or bool(_DOCUMENT.search(folded))


# Who issued or signed a document: "Nghị quyết thành lập thị xã Chí Linh do ai ban hành?",
# "cơ quan nào ban hành quyết định …?", "ai ký QĐ …?", "người ký chỉ thị 05 là ai?"; not "đăng
# ký", nor "ký kết" (a contract's parties), nor "giao cơ quan nào ban hành …?" (whom a document
# charges with issuing another).
_ISSUER_WHO = r"(?:ai|co quan nao|don vi nao|cap nao|nguoi nao)"
_SIGNS = r"(?<!dang )\bky\b(?! ket)"
_ISSUED = re.compile(
    rf"(?<!giao )(?<!giao cho )\b{_ISSUER_WHO} (?:da |duoc )?(?:ban hanh|{_SIGNS})"
    rf"|\b(?:do|boi) {_ISSUER_WHO}(?: (?:ban hanh|ky))?\W*$"
    r"|(?<!dang )\bnguoi ky\b|\bco quan ban hanh\b"
)


def asks_who_issued(question: str) -> bool:
    """ "Who issued or signed document X": a document is named, by number or by its kind; the
    issuer and signer its header and closing name answer, not sentences sharing its words."""
    folded = _folded(question)
    if not _ISSUED.search(folded):
        return False
    return bool(find_refs(question)) or bool(_DOCUMENT.search(folded))


def asks_signer(question: str) -> bool:
    """Of those, one asking who signed ("ai ký …?")."""
    return bool(re.search(_SIGNS, _folded(question)))


def asks_for_basis(question: str) -> bool:
    """The question asks what a document was issued on: the preamble's "Căn cứ …", "Xét …",
    "Theo đề nghị của …" lines, which answer nothing else."""
    return bool(_BASIS.search(_folded(question)))


# "vào những năm nào?" asks when: the years, as a sentence gives them («những năm 1925 - 1927»)
_WHEN = re.compile(r"\bnhung (?:nam|thang|ngay|thoi gian|thoi diem|dip) nao\b")


def asks_for_list(question: str) -> bool:
    """The question wants the items of a list: "những sản phẩm nào?", "gồm những ai?"; not
    "những năm nào?", which asks when."""
    folded = _folded(question)
    return bool(_LIST.search(folded)) and not _WHEN.search(folded)


# A question that first names the document it asks within: "Bài về … : Bác nêu bao nhiêu …?",
# "TTLT BTC - BGDĐT về lệ phí tuyển sinh: thi NCS …?", "Theo QĐ sửa đổi QĐ 952 của Tây Ninh, kênh
# tưới …?". What names it holds no question mark and opens with a kind of document; a colon
# between digits tells a time ("họp lúc 8:30"), not where it ends.
_CONTEXT = (
    re.compile(r"^(?P<document>[^:?]+?)\s*(?:(?<!\d):|:(?!\d))\s*(?P<question>\S.*)$"),
    re.compile(r"^(?:theo|trong)\s+(?P<document>[^,?]+?)\s*,\s*(?P<question>\S.*)$", re.I),
)


@dataclass(frozen=True)
class NamedContext:
    """A question asked within a document it names first: what names the document, and the
    question itself."""

    document: str
    question: str


def named_context(question: str) -> NamedContext | None:
    for pattern in _CONTEXT:
        found = pattern.match(question)
        if found and _DOCUMENT.match(_folded(found["document"])):
            return NamedContext(found["document"], found["question"])
    return _named_last(question)


# …or names it last, after what is asked of it and before the asking words: "Mục tiêu tổng quát
# trong QĐ duyệt KH phát triển HTX … gồm những ý gì?" asks "Mục tiêu tổng quát gồm những ý gì?"
# within that decision.
_WITHIN = re.compile(r"\s(?:trong|của|cua)\s", re.IGNORECASE)


def _named_last(question: str) -> NamedContext | None:
    for within in _WITHIN.finditer(question):
        asked, rest = question[: within.start()].strip(), question[within.end() :]
        if not asked or _DOCUMENT.match(_folded(asked)):  # "Quyết định … trong kế hoạch …"
            continue
        folded = _folded(rest)
        about = _ABOUT.search(folded)
        if about and about.start() > 0 and _DOCUMENT.match(folded):
            words = re.findall(r"\w+|\?", rest)
            asking = len(about.group().split())
            question_words = " ".join(words[-asking:]).replace(" ?", "?")
            return NamedContext(" ".join(words[:-asking]), f"{asked} {question_words}")
    return None


@dataclass(frozen=True)
class Form:
    """The form of reply a question wants, read from its words alone."""

    part: PartName | None  # what a part of a document says ("mục 3 của QĐ … nói gì?")
    about_document: bool  # what a document says, as a whole
    who_executes: bool  # who carries a document out
    wants_list: bool  # the items of a list
    who_issued: bool = False  # who issued or signed a document

    @property
    def on_one_document(self) -> bool:
        """It asks what one document (or a part of it) says, who carries it out or who issued
        it: answered from that document whatever its sentences share with the question."""
        return self.about_document or self.part is not None or self.who_executes or self.who_issued


def form_of(question: str, read: str | None = None) -> Form:
    """``read``: the question with its diacritics restored, if typed without them."""
    return Form(
        asked_part(question, read),
        asks_about_document(question),
        asks_who_executes(question),
        asks_for_list(question),
        asks_who_issued(question),
    )
