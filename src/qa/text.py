"""Vietnamese text normalisation shared by ingestion, indexing and questions.

Stored and quoted text is only NFC-normalised and whitespace-cleaned; the matching forms
(lower case, one tone placement, optionally without diacritics) are for search only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize(text: str) -> str:
    """NFC, unified line ends, no control characters, single spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalize_inline(text: str) -> str:
    """``normalize`` and fold everything onto one line (questions, titles)."""
    return " ".join(normalize(text).split())


# Old-style tone placement ("hoà", "thuỷ") → new style ("hòa", "thủy"), for matching only.
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _tone_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            old = unicodedata.normalize("NFC", first + second + tone)
            new = unicodedata.normalize("NFC", first + tone + second)
            pairs[old] = new
    return pairs


_OLD_TO_NEW_TONE = _tone_pairs()
_OLD_TONE_RE = re.compile("(" + "|".join(sorted(_OLD_TO_NEW_TONE)) + r")(?!\w)")


def _fix_tone(match: re.Match[str]) -> str:
    old = match.group(1)
    start = match.start(1)
    # "quý", "quỳnh": after "q" the "u" is part of the consonant, the tone stays on "y".
    if old[0] == "u" and start > 0 and match.string[start - 1] == "q":
        return old
    return _OLD_TO_NEW_TONE[old]


def fold_tones(text: str) -> str:
    """Lower-case and move tone marks to the new-style position: "Hoà" → "hòa", "uỷ" → "ủy"."""
    return _OLD_TONE_RE.sub(_fix_tone, unicodedata.normalize("NFC", text).lower())


def strip_accents(text: str) -> str:
    """Remove every diacritic; "đ"/"Đ" do not decompose and are mapped by hand."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def has_diacritics(text: str) -> bool:
    """True when any letter carries a Vietnamese diacritic (or is "đ")."""
    return any(ch != strip_accents(ch) for ch in text if _LETTERS.match(ch))


_TOKEN = re.compile(r"\w+", re.UNICODE)
T = TypeVar("T")


def tokenize(text: str, *, accents: bool = True) -> list[str]:
    """Syllable tokens for lexical search: one-letter syllables and digits are kept.

    Numbers lose leading zeros ("05" → "5") so loose document numbers match.
    """
    folded = fold_tones(text)
    if not accents:
        folded = strip_accents(folded)
    tokens = []
    for token in _TOKEN.findall(folded):
        if token.isdigit():
            token = token.lstrip("0") or "0"
        tokens.append(token.replace("_", ""))
    return [t for t in tokens if t]


def longest_phrases(
    tokens: list[str], phrases: Mapping[tuple[str, ...], T]
) -> list[tuple[tuple[str, ...], T]]:
    """(phrase, its value) for each phrase of ``phrases`` in ``tokens``, left to right; where
    several start at one token, the longest, and the next one starts after it."""
    longest = max(map(len, phrases), default=0)
    found = []
    start = 0
    while start < len(tokens):
        for size in range(min(longest, len(tokens) - start), 0, -1):
            words = tuple(tokens[start : start + size])
            if words in phrases:
                found.append((words, phrases[words]))
                start += size
                break
        else:
            start += 1
    return found


def _sentence_end(marks: str) -> re.Pattern[str]:
    """A mark of ``marks`` followed by a capital or a digit, or a line break."""
    return re.compile(rf"(?<=[{marks}])\s+(?=[\"“'(\[]?[A-ZĐÀ-Ỹ0-9])|\n+")


_SENTENCE_END = _sentence_end(".!?…;:")
_STATEMENT_END = _sentence_end(".!?…;")  # a colon ends a label, not a statement


def _split(text: str, end: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in end.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (line breaks always end a sentence)."""
    return _split(text, _SENTENCE_END)


# A list marker alone: "1.", "2.1.", "a)", "II." — the start of an item, not a sentence. (An
# article's "Điều 5." stays apart: the article's title after it is matched on its own.)
_MARKER = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX][IVXivx]{0,3})[.)]\s*")
LEGAL_MARKER = re.compile(
    r"\s*(?:[ĐđDd]iều|[Cc]hương|[Mm]ục|[Pp]hần|[Kk]hoản)\s+(?:\d+[a-zđ]?|[IVXLC]+)\s*[.:]?\s*"
)


def statements(text: str) -> list[tuple[int, int]]:
    """Spans of what ``text`` states, one by one: sentences, except that a label stays with
    what follows it on its line ("Giảng viên cấp xã: 120.000 đồng / buổi." is one statement,
    which neither half says alone) and a list marker with its item ("1. Máy tăng âm …"), but
    not an article's marker ("Điều 5.") with its title."""
    spans: list[tuple[int, int]] = []
    for start, end in _split(text, _STATEMENT_END):
        if (
            spans
            and _MARKER.fullmatch(text[spans[-1][0] : spans[-1][1]])
            and "\n" not in text[spans[-1][1] : start]
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(uye|uya|oai|oay|oao|oeo|uoi|uou|uay|uai|uoi|yeu|ieu|[aeiouy]{1,2})"
    r"(ch|ng|nh|[cmnpt])?"
)


def looks_vietnamese(text: str) -> bool:
    """Whether most words are Vietnamese syllables (with or without diacritics).

    Short all-consonant abbreviations ("ct", "ubnd", "hđnd") and numbers are not counted.
    """
    if has_diacritics(text):
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", strip_accents(text).lower())]
    if any(not w.isascii() for w in words):
        return False  # another script: Cyrillic, Chinese, Thai...
    counted = [w for w in words if not (len(w) <= 5 and not re.search(r"[aeiouy]", w))]
    if not counted:
        return bool(words)
    valid = sum(1 for w in counted if _SYLLABLE.fullmatch(w))
    return valid / len(counted) >= 0.6
