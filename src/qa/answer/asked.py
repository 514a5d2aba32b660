"""What kind of information a question asks for (a person, a date, a number), and whether a
text contains that kind: the best sentence for "Ai chủ trì…?" names someone.
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
_CONTAINS = {
    "person": re.compile(
        r"(?:\b[A-ZĐ][a-zà-ỹđ]+\s){2,3}[A-ZĐ][a-zà-ỹđ]+\b|\b(?:ông|bà|đồng chí)\s+[A-ZĐ]"
    ),
    "date": re.compile(
        r"\b\d{1,2}\s?[/-]\s?\d{1,2}(?:\s?[/-]\s?\d{2,4})?\b|\bngày \d{1,2}\b|\bnăm \d{4}\b|\btháng \d{1,2}\b",
        re.I,
    ),
    "number": re.compile(r"\d"),
}


def asked_kind(question: str) -> Kind | None:
    folded = strip_accents(question).lower()
    for kind, pattern in _ASKS:
        if re.search(pattern, folded):
            return kind  # type: ignore[return-value]
    return None


def contains_kind(text: str, kind: Kind) -> bool:
    return bool(_CONTAINS[kind].search(text))
