"""The two columns of an official header, read back from lines that hold both.

A header is two columns: the issuing body and "Số …" on the left, the national heading
("ĐẢNG CỘNG SẢN VIỆT NAM", or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh
phúc") and "Quảng Trị, ngày 15 tháng 4 năm 2021" on the right. A PDF text layer or OCR puts
the two cells of a row on one line ("TỈNH ỦY QUẢNG TRỊ ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-CT/TU
Quảng Trị, ngày …"); the national heading and the place-and-date are recognisable wherever
they stand, so a line is cut before and after them.
"""

from __future__ import annotations

import re

# in capitals (the same words in a sentence are not the heading), and the motto
_NATIONAL = re.compile(
    r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|(?i:độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc)"
)
# ", ngày 15 tháng 4 năm 2021", ", ngày 15/4/2021", ", 25-10-2018"
_COMMA_DATE = re.compile(
    r",\s*(?:ngày\s*)?\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm|[/.-]\s*\d{1,2}\s*[/.-])\s*\d{4}",
    re.IGNORECASE,
)
_CONNECTORS = {"phố", "xã", "trấn"}  # "Thành phố Hồ Chí Minh", "Thị xã Quảng Trị"


def split_columns(line: str) -> list[str]:
    """The cells of a header line: the national heading and "Place, ngày …" stand apart."""
    cells = []
    for part in _split_national(line):
        date = _COMMA_DATE.search(part)
        start = place_start(part[: date.start()]) if date else None
        if start:
            cells += [part[:start], part[start:]]
        else:
            cells.append(part)
    return [cell.strip() for cell in cells if cell.strip()]


def _split_national(line: str) -> list[str]:
    parts, start = [], 0
    for match in _NATIONAL.finditer(line):
        parts += [line[start : match.start()], match.group()]
        start = match.end()
    return parts + [line[start:]]


def place_start(text: str) -> int | None:
    """Where the place name that ends ``text`` starts ("Số 05-CT/TU Quảng Trị" → 12)."""
    words = list(re.finditer(r"\S+", text))
    first = None
    for i in range(len(words) - 1, -1, -1):
        word = words[i].group()
        if _capitalised(word):
            first = i
        elif word not in _CONNECTORS or i == 0:
            break
    return None if first is None else words[first].start()


def place_of(text: str) -> str | None:
    """The place name that ends ``text``, if any."""
    start = place_start(text)
    return text[start:].strip() if start is not None else None


def _capitalised(word: str) -> bool:
    """ "Quảng", "Hồ", "TP." — not "TỈNH" (a body in capitals) nor "05-CT/TU"."""
    letters = word.rstrip(".")
    if not letters.isalpha() or not letters[0].isupper():
        return False
    return not letters[1:].isupper() or word.endswith(".")
