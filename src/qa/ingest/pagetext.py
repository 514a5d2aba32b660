"""The text of one page: hyphenated words joined, OCR'd lines joined into paragraphs, and the
check that OCR output reads as Vietnamese before it is indexed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qa.ingest import legacy

_LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)-\n([^\W\d_]+)")


def join_hyphenated(text: str) -> str:
    """ "docu-\\nment" → "document", but "kinh tế-\\nxã hội" and "Mác-\\nLênin" stay: Vietnamese
    syllables are never split, so a hyphen between two whole syllables is a real one."""

    def join(match: re.Match[str]) -> str:
        left, right = match.groups()
        if right[0].isupper() or (legacy.is_syllable(left) and legacy.is_syllable(right)):
            return match.group()
        return left + right

    return _LINE_END_HYPHEN.sub(join, text)


# A line that starts an item of its own: "1.", "a)", "-", "•", "Điều 3", "Chương II"…
_ITEM_START = re.compile(r"(\d+[.)/]|[a-zđ][.)]|[IVXLC]+\.|[-–—•+*]|(Điều|Chương|Mục|Phần)\s)")
_SENTENCE_END = (".", ":", ";", "!", "?")
_WRAPPED = 0.6  # a wrapped line is at least this share of the page's longest lines


def join_lines(text: str) -> str:
    """OCR text with the lines a paragraph was wrapped into joined back into one line.

    A line is joined with the next when it looks wrapped: long, not ending a sentence, not in
    capitals (header lines, "CHỈ THỊ"); and the next line does not start a list item. Across
    the blank line Tesseract puts between its paragraphs (it sometimes cuts one in two), only
    when the next line starts in lower case: it goes on with the sentence.
    """
    lines = [line.strip() for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    long_line = lengths[int(0.9 * (len(lengths) - 1))]
    out: list[str] = []
    wrapped = False  # the last line kept looks wrapped
    blank = False  # and a blank line followed it
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if wrapped and not _ITEM_START.match(line) and (not blank or line[0].islower()):
            out[-1] = f"{out[-1]} {line}"
        else:
            out += ["", line] if blank else [line]
        last = out[-1]
        wrapped = (
            len(line) >= _WRAPPED * long_line
            and not last.endswith(_SENTENCE_END)
            and not _mostly_capitals(last)
        )
        blank = False
    return "\n".join(out)


def _mostly_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def clean_ocr(text: str) -> str:
    """Tesseract's output of one page as the indexer stores it (before ``qa.text.normalize``)."""
    text = unicodedata.normalize("NFC", text).replace("\f", "\n")
    return join_lines(join_hyphenated(text)).strip()


_WORD = re.compile(r"[^\W\d_]+")
MIN_SHARE = 0.75  # of the words, well-formed Vietnamese syllables


@dataclass(frozen=True)
class Reading:
    """How much of a page's text reads as Vietnamese."""

    words: int  # words of letters
    share: float  # of them, well-formed Vietnamese syllables

    @property
    def blank(self) -> bool:
        return self.words == 0

    @property
    def plausible(self) -> bool:
        return not self.blank and self.share >= MIN_SHARE


def reading(text: str) -> Reading:
    """Garbage read from a stamp, a picture or a page in another language has few well-formed
    Vietnamese syllables; a Vietnamese page has nearly only those, even with a letter misread
    here and there (abbreviations such as "CT", "TU", "b/c" are the few exceptions)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return Reading(0, 0.0)
    return Reading(len(words), sum(legacy.is_syllable(w) for w in words) / len(words))
