"""Document types and numbers: find them in documents and in loosely typed questions.

Party documents are numbered "số-LOẠI/CƠ QUAN" (05-CT/TU, 08-QĐi/TW), state documents
"số/năm/LOẠI-CƠ QUAN" (12/2005/CT-UBND) or "số/LOẠI-CƠ QUAN" (187/QĐ-TTg). "QĐi" (Quy định)
and "QĐ" (Quyết định) are different documents and never match each other.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from qa.text import strip_accents

OTHER_TYPE = "Văn bản khác"

# (type name, number code, accent-free short forms people type)
_TYPES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Chỉ thị", "CT", ("ct",)),
    ("Nghị quyết", "NQ", ("nq",)),
    ("Quy định", "QĐi", ("qdi",)),
    ("Kết luận", "KL", ("kl",)),
    ("Quyết định", "QĐ", ("qd",)),
    ("Hướng dẫn", "HD", ("hd",)),
    ("Báo cáo", "BC", ("bc",)),
    ("Thông báo", "TB", ("tb",)),
    ("Kế hoạch", "KH", ("kh",)),
    ("Công văn", "CV", ("cv",)),
    ("Thông tư liên tịch", "TTLT", ("ttlt",)),
    ("Thông tư", "TT", ("tt",)),
    ("Nghị định", "NĐ", ("nd",)),
)
_TYPE_BY_CODE = {strip_accents(code).lower(): name for name, code, _ in _TYPES}
_TYPE_BY_WORDS = {strip_accents(name).lower(): name for name, _, _ in _TYPES}
TYPE_WORDS_MAX = 4  # the words of the longest type's name: "thông tư liên tịch"
_TYPE_BY_SHORT = {short: name for name, _, shorts in _TYPES for short in shorts}
_MIXED_CASE = {"QĐI": "QĐi", "TTG": "TTg", "CTR": "CTr"}
_CODE_BY_TYPE = {name: code for name, code, _ in _TYPES}
_ISSUER_SHOWN = {"HDND": "HĐND", "DU": "ĐU", **_MIXED_CASE}  # questions are read accent-free
# Party committees, whose documents are numbered "05-CT/TU"; the state's are "25/QĐ-TTg".
_PARTY_ISSUERS = {"TW", "TU", "HU", "QU", "DU", "ĐU"}


def type_from_code(code: str) -> str | None:
    return _TYPE_BY_CODE.get(strip_accents(code).lower())


def type_from_words(words: str) -> str | None:
    """ "Chỉ thị" / "chi thi" → "Chỉ thị"; unknown words → None."""
    return _TYPE_BY_WORDS.get(" ".join(strip_accents(words).lower().split()))


def _canonical_code(code: str) -> str:
    upper = code.upper()
    return _MIXED_CASE.get(upper, upper)


def _canonical_issuer(issuer: str) -> str:
    return "-".join(_MIXED_CASE.get(part.upper(), part.upper()) for part in issuer.split("-"))


def _pad(number: str) -> str:
    return f"{int(number):02d}"


_CODE = r"(?:QĐi|QĐI|QĐ|Qđ|qđ|CTr|TTLT|[A-ZĐ]{1,4}|[a-zđ]{1,4})"
_ISSUER = r"(?:[A-ZĐa-zđ][A-Za-zĐđ]{0,9}(?:-[A-ZĐa-zđ][A-Za-zĐđ]{0,9})*)"
_PARTY_NUMBER = re.compile(rf"\b(\d{{1,4}})\s?[-–]\s?({_CODE})\s?/\s?({_ISSUER})\b")
_STATE_NUMBER = re.compile(
    rf"\b(\d{{1,5}})\s?/\s?(?:(\d{{4}})\s?/\s?)?({_CODE})\s?[-–]\s?({_ISSUER})\b"
)


@dataclass(frozen=True)
class NumberMatch:
    number: str  # canonical
    doc_type: str | None
    start: int
    end: int


def find_numbers(text: str) -> list[NumberMatch]:
    """Every document number written in ``text``, in order, canonicalised."""
    found: list[NumberMatch] = []
    for m in _PARTY_NUMBER.finditer(text):
        code = _canonical_code(m.group(2))
        number = f"{_pad(m.group(1))}-{code}/{_canonical_issuer(m.group(3))}"
        found.append(NumberMatch(number, type_from_code(code), m.start(), m.end()))
    for m in _STATE_NUMBER.finditer(text):
        code = _canonical_code(m.group(3))
        year = f"/{m.group(2)}" if m.group(2) else ""
        number = f"{_pad(m.group(1))}{year}/{code}-{_canonical_issuer(m.group(4))}"
        found.append(NumberMatch(number, type_from_code(code), m.start(), m.end()))
    return sorted(found, key=lambda match: match.start)


# "Chỉ thị 05 về xây dựng gia đình văn hóa": a document cited by its type and bare number,
# as articles do ("kế hoạch 5 năm" is a span of time, not a document).
_BARE_CITATION = re.compile(
    rf"\b({'|'.join(name for name, _, _ in _TYPES)})\s+(?:số\s+)?(\d{{1,4}})\b"
    r"(?!\s?[-/–]|\s+(?:năm|tháng|ngày)\b)",
    re.IGNORECASE,
)


def find_bare_citations(text: str) -> list[tuple[str, str]]:
    """(type, number without code) of the documents ``text`` cites by type and bare number."""
    return [
        (name, _pad(m.group(2)))
        for m in _BARE_CITATION.finditer(text)
        if (name := type_from_words(m.group(1)))
    ]


# "Quyết định 25/TTg", "Nghị quyết số 04/ĐUBQP": a document cited by its type, its number and
# its issuer, without the code; its type may be glued to the word before ("tốtNghị quyết").
_ISSUER_CITATION = re.compile(
    rf"(?:\b|(?<=[^\W\d_])(?=[A-ZĐ]))((?i:{'|'.join(name for name, _, _ in _TYPES)}))"
    r"\s+(?i:số\s+)?(\d{1,4})\s?/\s?([A-ZĐa-zđ][A-Za-zĐđ]{0,9})\b(?!\s?[-–/])"
)


def find_issuer_citations(text: str) -> list[tuple[str, str]]:
    """(type, canonical number) of the documents ``text`` cites by type, number and issuer:
    "Quyết định 25/TTg" → ("Quyết định", "25/QĐ-TTg")."""
    return [
        (name, f"{_pad(m.group(2))}/{_CODE_BY_TYPE[name]}-{_canonical_issuer(m.group(3))}")
        for m in _ISSUER_CITATION.finditer(text)
        if (name := type_from_words(m.group(1)))
    ]


def cited_numbers(text: str) -> set[tuple[str | None, str]]:
    """(type, number) of every document ``text`` cites, by full number, by bare number or by
    number and issuer."""
    cited: set[tuple[str | None, str]] = {(m.doc_type, m.number) for m in find_numbers(text)}
    cited.update(find_bare_citations(text))
    cited.update(find_issuer_citations(text))
    return cited


def canonical_number(text: str) -> str | None:
    """The canonical form of one written number ("5-ct/tu" → "05-CT/TU"), or None."""
    matches = find_numbers(text.strip())
    return matches[0].number if matches else None


@dataclass(frozen=True)
class DocRef:
    """A document named in a question, as loosely as people type it."""

    doc_type: str | None
    number: int
    year: int | None = None
    issuer: str | None = None  # upper case, accent-free: "TU", "TW", "UBND"

    def label(self) -> str:
        """The document as named back to the member: "Chỉ thị 05-CT/TU", "Quyết định
        15/2007/QĐ-UBND", "Quyết định 25/QĐ-TTg", "Chỉ thị số 05"."""
        kind = self.doc_type or "Văn bản"
        code = _CODE_BY_TYPE.get(kind)
        issuer = _ISSUER_SHOWN.get(self.issuer or "", self.issuer)
        number = f"{self.number:02d}"
        if code and issuer:
            if self.year:
                return f"{kind} {number}/{self.year}/{code}-{issuer}"
            if issuer in _PARTY_ISSUERS:
                return f"{kind} {number}-{code}/{issuer}"
            return f"{kind} {number}/{code}-{issuer}"
        year = f"/{self.year}" if self.year else ""
        return f"{kind} số {number}{year}"

    def matches(self, doc_type: str, number: str | None) -> bool:
        """Does a document of this type and canonical number fit the reference?"""
        if self.doc_type and doc_type and doc_type != self.doc_type:
            return False
        parts = parse_number(number) if number else None
        if parts is None:
            return False
        num, year, issuer = parts
        if num != self.number:
            return False
        if not issuer and (self.issuer or self.year):  # "Chỉ thị 05" may be any issuer's
            return False
        if self.year and year and year != self.year:
            return False
        if self.issuer and issuer and not any(p.startswith(self.issuer) for p in issuer.split("-")):
            return False  # "nghị quyết 04 của đảng ủy" (ĐU) is "04/ĐUBQP"
        return True


def names_any(refs: list[DocRef], numbers: Collection[tuple[str | None, str]]) -> bool:
    """Whether one of the (type, number) pairs is a document one of ``refs`` names."""
    return any(ref.matches(doc_type or "", number) for ref in refs for doc_type, number in numbers)


def parse_number(number: str) -> tuple[int, int | None, str] | None:
    """(number, year, accent-free upper-case issuer) of a canonical number."""
    if number.isdigit():  # a bare citation: "Chỉ thị 05"
        return int(number), None, ""
    party = re.fullmatch(r"(\d+)-[^/]+/(.+)", number)
    if party:
        return int(party.group(1)), None, strip_accents(party.group(2)).upper()
    state = re.fullmatch(r"(\d+)/(?:(\d{4})/)?[^-]+-(.+)", number)
    if state:
        year = int(state.group(2)) if state.group(2) else None
        return int(state.group(1)), year, strip_accents(state.group(3)).upper()
    return None


_TYPE_WORDS = sorted(
    [*(strip_accents(n).lower() for n, _, _ in _TYPES), *_TYPE_BY_SHORT], key=len, reverse=True
)
_TYPE_ALT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _TYPE_WORDS)
_ISSUER_WORDS = {
    "tinh uy": "TU",
    "trung uong": "TW",
    "huyen uy": "HU",
    "thanh uy": "TU",
    "dang uy": "DU",
    "ubnd": "UBND",
    "uy ban nhan dan": "UBND",
    "bo chinh tri": "TW",
    "ban bi thu": "TW",
}
# "ct 05", "chỉ thị số 5", "CT05", "chi thi 05/ct-tu", "quy định 08-QĐi/TW", "nq 12/2005"
# a number followed by a unit counts something: "kế hoạch 5 năm", "hướng dẫn 2 lần"; "năm"
# and a year dates the document ("nq 5 năm 2011") unless the year opens a span ("kế hoạch 5 năm
# 2011-2015")
_COUNTING = (
    r"(?!\s*(?:nam(?!\s+\d{4}\b(?!\s*[-–]\s*\d))|thang|ngay|tuan|lan|tuoi|nguoi|gio|phut"
    r"|trieu|nghin|ngan|ty|%)\b)"
)
_QUERY_REF = re.compile(
    rf"\b({_TYPE_ALT})\s*(?:so\s*)?(\d{{1,5}}){_COUNTING}"
    rf"(?:\s*[-/]\s*(\d{{4}})\b)?"
    rf"(?:\s*[-/]\s*(?:{_TYPE_ALT})?\s*[-/]?\s*([a-z]{{2,6}})\b)?"
)
# "05-CT/TU", "05/CT-TU", "12/2005/CT-UBND" typed without a type word in front
_QUERY_NUMBER = re.compile(
    rf"\b(\d{{1,5}})\s*[-/]\s*(?:(\d{{4}})\s*/\s*)?({_TYPE_ALT})\s*[-/]\s*([a-z]{{2,6}})\b"
)


def find_refs(question: str) -> list[DocRef]:
    """Document references in a question, however loosely typed."""
    folded = strip_accents(question).lower()
    issuer_hint = next((code for words, code in _ISSUER_WORDS.items() if words in folded), None)
    refs: list[DocRef] = []
    for m in _QUERY_NUMBER.finditer(folded):
        doc_type = _TYPE_BY_WORDS.get(m.group(3)) or _TYPE_BY_SHORT.get(m.group(3))
        year = int(m.group(2)) if m.group(2) else None
        refs.append(DocRef(doc_type, int(m.group(1)), year, m.group(4).upper()))
    for m in _QUERY_REF.finditer(folded):
        if _is_year(m):
            continue
        words = " ".join(m.group(1).split())
        doc_type = _TYPE_BY_WORDS.get(words) or _TYPE_BY_SHORT.get(words)
        year = int(m.group(3)) if m.group(3) else None
        issuer = m.group(4).upper() if m.group(4) else issuer_hint
        ref = DocRef(doc_type, int(m.group(2)), year, issuer)
        if not any(r.number == ref.number and r.doc_type == ref.doc_type for r in refs):
            refs.append(ref)
    return refs


def _is_year(match: re.Match[str]) -> bool:
    """ "QĐ 2009 của UBND Yên Bái": a bare year after a kind of document, not after "số" nor
    before a code, dates the document rather than numbering it."""
    number, year, code = match.group(2), match.group(3), match.group(4)
    bare = year is None and code is None and not re.search(r"\bso\b", match.group())
    return bare and len(number) == 4 and 1945 <= int(number) <= 2039
