"""What a document says of older ones: that it replaces, amends or repeals them.

"Chỉ thị này thay thế Chỉ thị số 05-CT/TU …", "bãi bỏ Quyết định số 15/2007/QĐ-UBND",
"Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số …",
"Quyết định số … hết hiệu lực kể từ ngày Quyết định này có hiệu lực". Only the document's own
statements count: a legal basis ("Căn cứ Nghị định … sửa đổi, bổ sung …"), a passive ("được
thay thế bằng …") and a sentence whose subject is another numbered document ("Chỉ thị số
12-CT/TU thay thế …", in a report) say nothing of this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from qa.refs import NumberMatch, find_numbers
from qa.text import normalize_inline, statements, strip_accents

Relation = Literal["replaces", "amends", "repeals"]
EVIDENCE_CHARS = 500


@dataclass(frozen=True)
class Link:
    relation: Relation
    target_number: str  # canonical, as qa.refs writes it
    target_type: str | None
    evidence: str  # the paragraph (or, if long, the sentence) that says so


_VERBS: tuple[tuple[re.Pattern[str], Relation], ...] = (
    (re.compile(r"sửa\s+đổi\s*,?\s*(?:và\s+)?bổ\s+sung|sửa\s+đổi|bổ\s+sung", re.I), "amends"),
    (re.compile(r"thay\s+thế(?!\s+(?:bởi|bằng)\b)", re.I), "replaces"),
    (re.compile(r"bãi\s+bỏ|h[ủu]ỷ?\s+bỏ", re.I), "repeals"),
)
_EXPIRES = re.compile(
    r"\s*(?:ngày\s+[\d/.\-]+\s+)?(?:của\s+[^,;.]{0,80}?\s+)?hết\s+hiệu\s+lực", re.I
)
_LEGAL_BASIS = re.compile(r"\W*căn\s+cứ\b", re.I)
# "được thay thế", "bị bãi bỏ"; "(thay thế …)" and "về việc sửa đổi …" describe another document
_NOT_OWN_VERB = re.compile(r"(?:\bđược|\bbị|\bđã|\bvề(?:\s+việc)?|\()\s*$", re.I)
_THIS = re.compile(r"\bnày\b", re.I)
# Words that may stand between the verb and the number it governs ("thay thế Quy định ban hành
# kèm theo Quyết định số …", "bãi bỏ khoản 2 Điều 3 của Chỉ thị …"), accent-free.
_OBJECT_WORDS = set(
    "toan bo cac nhung mot so dieu noi dung cua tai trong va cho diem khoan chuong muc phan phu "
    "luc quy dinh che ban hanh kem theo van sau day nhu doi voi "
    "chi thi nghi quyet ket luan huong dan bao cao thong ke hoach cong tu lien tich".split()
)
_OBJECT_TOKEN = re.compile(r"\d+[a-z]?|[ivxlc]+|[a-z]")  # "Điều 5a", "khoản 2", "điểm b", "Mục II"
_PART = re.compile(r"\b(?:dieu|khoan|diem|chuong|muc|phan|phu luc)\b")  # a part, not the whole
_NEXT_NUMBER = re.compile(  # "…, Quyết định số B", "… và Chỉ thị B"
    r"(?:,|;|\bvà)\s*(?:các\s+)?(?:[^\W\d_]+\s+){0,3}?(?:số\s*)?$", re.I
)


def detect_links(text: str, own_number: str | None = None) -> list[Link]:
    """The documents ``text`` says it replaces, amends or repeals, each (relation, number) once."""
    found: dict[tuple[str, str], Link] = {}
    for line in text.split("\n"):
        for start, end in statements(line):
            sentence = line[start:end]
            if _LEGAL_BASIS.match(sentence):
                continue
            said = line if len(line) <= EVIDENCE_CHARS else sentence  # the paragraph if short
            evidence = normalize_inline(said)[:EVIDENCE_CHARS]
            for relation, match in _statements_of(sentence, line, own_number):
                link = Link(relation, match.number, match.doc_type, evidence)
                found.setdefault((relation, match.number), link)
    return list(found.values())


def _statements_of(
    sentence: str, paragraph: str, own: str | None
) -> list[tuple[Relation, NumberMatch]]:
    numbers = [m for m in find_numbers(sentence) if m.number != own]
    verbs = sorted(
        (m.start(), m.end(), relation)
        for pattern, relation in _VERBS
        for m in pattern.finditer(sentence)
    )
    verbs = [v for i, v in enumerate(verbs) if not (i and v[0] < verbs[i - 1][1])]  # overlaps
    if verbs and _names_other_subject(sentence[: verbs[0][0]], own):
        return []
    said: list[tuple[Relation, NumberMatch]] = []
    for i, (start, end, relation) in enumerate(verbs):
        if _NOT_OWN_VERB.search(sentence[:start]):
            continue
        stop = verbs[i + 1][0] if i + 1 < len(verbs) else len(sentence)
        governed = [m for m in numbers if end <= m.start < stop]
        if not governed:
            continue
        between = _folded_words(sentence[end : governed[0].start])
        if len(between) > 15 or not all(_object_word(w) for w in between):
            continue
        partial = relation != "amends" and _PART.search(" ".join(between))
        kind: Relation = "amends" if partial else relation
        said.append((kind, governed[0]))
        previous = governed[0]
        for match in governed[1:]:
            gap = sentence[previous.end : match.start]
            if not _NEXT_NUMBER.search(gap):
                break
            said.append((kind, match))
            previous = match
    for match in numbers:  # "Quyết định số 15/2007/QĐ-UBND … hết hiệu lực"
        if _EXPIRES.match(sentence, match.end) and _THIS.search(paragraph):
            said.append(("replaces", match))
    return said


def _names_other_subject(before: str, own: str | None) -> bool:
    """ "Chỉ thị số 12-CT/TU thay thế …": the clause's subject is another document."""
    return not _THIS.search(before) and any(m.number != own for m in find_numbers(before))


def _folded_words(text: str) -> list[str]:
    return re.findall(r"\w+", strip_accents(text).lower())


def _object_word(word: str) -> bool:
    return word in _OBJECT_WORDS or bool(_OBJECT_TOKEN.fullmatch(word))
