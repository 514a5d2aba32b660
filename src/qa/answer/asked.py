"""What kind of information a question asks for (a person, a date, a number), and whether a
text supplies it: the best sentence for "Ai chủ trì…?" names someone the question does not.
"""

from __future__ import annotations

import re
from typing import Literal

from qa.text import strip_accents

Kind = Literal["person", "date", "number"]

_ASKS = (
    (
        "date",
        r"\b(khi nao|bao gio|ngay nao|thang nao|nam nao|luc nao|thoi diem nao|ngay bao nhieu|ngay may)\b",
    ),
    ("person", r"(^|\s)(ai|nguoi nao|dong chi nao|ong nao|ba nao)\b"),
    ("number", r"\b(bao nhieu|may|ty le|muc)\b"),
)
# "mấy" (how many) and "máy" (machine) differ only by their accents.
_NOT_NUMBER = re.compile(r"\bmáy\b", re.I)
_INSTANCES = {
    "person": re.compile(
        r"(?:\b[A-ZĐ][a-zà-ỹđ]+\s){2,3}[A-ZĐ][a-zà-ỹđ]+\b|\b(?:ông|bà|đồng chí)\s+[A-ZĐ][a-zà-ỹđ]+"
    ),
    "date": re.compile(
        r"\b\d{1,2}\s?[/-]\s?\d{1,2}(?:\s?[/-]\s?\d{2,4})?\b|\bngày \d{1,2}\b|\bnăm \d{4}\b|\btháng \d{1,2}\b",
        re.I,
    ),
    # not a part of a date or of a document number ("1/7/2021", "05-CT/TU")
    "number": re.compile(r"(?<![\d/.,-])\d+(?:[.,]\d+)*(?![\d/-])"),
}


def asked_kind(question: str) -> Kind | None:
    folded = strip_accents(_NOT_NUMBER.sub(" ", question)).lower()
    for kind, pattern in _ASKS:
        if re.search(pattern, folded):
            return kind  # type: ignore[return-value]
    return None


def _key(instance: str) -> str:
    return " ".join(re.findall(r"\w+", strip_accents(instance).lower()))


def supplies(text: str, kind: Kind, question: str) -> bool:
    """Whether ``text`` holds a person, date or number other than those the question gives:
    "bao nhiêu đảng viên năm 2021?" is not answered by a sentence whose only number is 2021."""
    given = {_key(m) for m in _INSTANCES[kind].findall(question)}
    if kind == "person":
        words = set(_key(question).split())
        return any(not set(_key(m).split()) <= words for m in _INSTANCES[kind].findall(text))
    return any(_key(m) not in given for m in _INSTANCES[kind].findall(text))
