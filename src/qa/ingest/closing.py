"""The end of an official document: the signature block ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ",
"PHÓ BÍ THƯ", "(Đã ký)", the name) and the recipients ("Nơi nhận:" and its dashed lines).

They are the document's metadata, never passages to quote. The two columns of that block
reach us in several shapes: a DOCX layout table gives the left column's lines, then the right
one's; a row of one-line cells is "left | right"; a PDF text layer (and OCR) interleaves them,
two cells on one line: "- Ban Tổ chức Trung ương, BÍ THƯ". Each line is therefore cut into a
recipient part and a signature part, whatever the order of the two columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.text import fold_tones


@dataclass(frozen=True)
class Closing:
    spans: tuple[tuple[int, int], ...] = ()  # where the blocks stand in the text
    signer: str | None = None  # "Lê Quang Tùng (Bí thư)"
    recipients: tuple[str, ...] = ()


@dataclass
class _Block:
    """What the lines of one closing block said so far."""

    recipients: list[str] = field(default_factory=list)
    roles: list[tuple[str, bool]] = field(default_factory=list)  # (text, has "T/M"-like prefix)
    name: str | None = None
    heading: bool = False  # "Nơi nhận" seen: dashed lines are recipients
    signed: bool = False  # "(Đã ký)"

    @property
    def complete(self) -> bool:
        """Enough to be a closing, not a stray line of the body."""
        return self.heading or (bool(self.roles) and (self.name is not None or self.signed))


_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_HEADING = re.compile(r"nơi\s+nhận\s*(?::|$)\s*", re.IGNORECASE)
_DASH = re.compile(r"[-–—•+]\s*")
_DASHED_ITEMS = re.compile(r"(?:^|\s)[-–—•+]\s+")
# "T/M", "TM.", "K/T", "KT.", "TL.", "TUQ.", "Q." (thay mặt, ký thay, thừa lệnh, quyền)
_PREFIX = r"(?:T/M|T\.M\.?|TM\.?|K/T|K\.T\.?|KT\.?|T/L|TL\.?|TUQ\.?|Q\.|Q/)"
_PREFIXED = re.compile(rf"{_PREFIX}\s*\S")
_PREFIX_INSIDE = re.compile(rf"(?:^|\s){_PREFIX}\s*\S")
_SIGNED = re.compile(r"[(\[]?\s*(?:đã\s+ký|ký\s+tên|ký\b)[^()\[\]]{0,40}[)\]]?", re.IGNORECASE)
_SIGNED_AT_END = re.compile(r"[(\[]\s*(?:đã\s+ký|ký\s+tên|ký\b)[^()\[\]]{0,40}[)\]]$", re.I)
_MARKER = re.compile(r"(?:[IVXLC]+|\d+)[.)]")  # "II. TĂNG TRƯỞNG …" is a heading
# offices a person signs as
_TITLES = ("bí thư", "chủ tịch", "trưởng", "giám đốc", "thủ tướng", "chủ nhiệm", "chánh", "thư ký")
_ROLE_CASE = {"bí thư": "Bí thư", "chủ tịch": "Chủ tịch", "thường trực": "Thường trực"}
_EMPHASIS = "*_# "


def read_closing(text: str) -> Closing:
    """The signature blocks and recipient lists of a normalised text, and where they stand."""
    lines = [(m.start(), m.end(), m.group().strip(_EMPHASIS)) for m in _LINE.finditer(text)]
    spans, blocks = [], []
    i = 0
    while i < len(lines):
        block, end = _Block(), i
        while end < len(lines) and _read_line(lines[end][2], block):
            end += 1
        if end > i and block.complete:
            spans.append((lines[i][0], lines[end - 1][1]))
            blocks.append(block)
            i = end
        else:
            i += 1
    signers = [signer for b in blocks if (signer := _signer(b))]
    recipients = tuple(r.rstrip(" ,;.") for b in blocks for r in b.recipients)
    return Closing(tuple(spans), signers[0] if signers else None, recipients)


def _read_line(line: str, block: _Block) -> bool:
    """Add what ``line`` says to ``block``; False when it is not a line of a closing."""
    cells = [cell.strip(_EMPHASIS) for cell in line.split(" | ")]
    saved = (list(block.recipients), list(block.roles), block.name, block.heading, block.signed)
    if all(_read_cell(cell, block) for cell in cells if cell):
        return True
    block.recipients, block.roles, block.name, block.heading, block.signed = saved
    return False


def _read_cell(cell: str, block: _Block) -> bool:
    if heading := _HEADING.match(cell):
        block.heading = True
        rest = cell[heading.end() :]
        if _DASH.match(rest):  # "Nơi nhận: - Như trên; - Lưu VT."
            block.recipients += [_item(item) for item in _DASHED_ITEMS.split(rest) if item.strip()]
            return True
        return not rest or _read_signature(rest, block)
    if block.heading and (_DASH.match(cell) or cell[0].islower()):
        item, tail = _split_tail(cell, block)
        if tail and not _read_signature(tail, block):
            return False
        if _DASH.match(item) or not block.recipients:
            block.recipients.append(_item(item))
        else:  # a recipient wrapped onto the next line
            block.recipients[-1] = f"{block.recipients[-1]} {_item(item)}"
        return True
    return _read_signature(cell, block)


def _read_signature(cell: str, block: _Block) -> bool:
    """A role ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"), "(Đã ký)", or the signer's name."""
    if _SIGNED.fullmatch(cell):
        block.signed = True
    elif _is_role(cell):
        block.roles.append((cell, bool(_PREFIXED.match(cell))))
    elif block.name is None and (block.roles or block.signed) and _is_name(cell.split()):
        block.name = cell.title() if cell.isupper() else cell
    else:
        return False
    return True


def _split_tail(cell: str, block: _Block) -> tuple[str, str]:
    """A recipient line with the signature column's line after it: (recipient, signature)."""
    if signed := _SIGNED_AT_END.search(cell):
        return cell[: signed.start()].rstrip(), signed.group()
    prefixes = list(_PREFIX_INSIDE.finditer(cell))
    if prefixes and cell[prefixes[-1].start() :].isupper():
        start = prefixes[-1].start()
        return cell[:start].rstrip(), cell[start:].strip()
    words = cell.split()
    n = len(words)
    while n > 1 and words[n - 1].isupper() and any(ch.isalpha() for ch in words[n - 1]):
        n -= 1
    if n < len(words) and _is_role(" ".join(words[n:])):
        return " ".join(words[:n]), " ".join(words[n:])
    if block.name is None and (block.roles or block.signed):
        n = len(words)
        while n > 1 and len(words) - n < 5 and _is_name_word(words[n - 1]):
            n -= 1
        before = words[n - 1] if n else ""
        boundary = before.endswith((",", ".", ";", ":")) or (len(before) > 1 and before.isupper())
        if len(words) - n >= 2 and n > 1 and boundary:
            return " ".join(words[:n]), " ".join(words[n:])
    return cell, ""


def _item(text: str) -> str:
    return _DASH.sub("", text.strip(), count=1).strip()


def _is_role(cell: str) -> bool:
    """Capitals naming who signs: with a "T/M"-like prefix, or an office ("PHÓ BÍ THƯ")."""
    if not cell.isupper() or len(cell.split()) > 8:
        return False
    if _PREFIXED.match(cell):
        return True
    if _MARKER.match(cell) or len(cell.split()) > 6:
        return False
    folded = " ".join(re.findall(r"\w+", fold_tones(cell)))
    return any(re.search(rf"\b{title}\b", folded) for title in _TITLES)


def _is_name_word(word: str) -> bool:
    return word.isalpha() and word[0].isupper() and (word[1:].islower() or len(word) == 1)


def _is_name(words: list[str]) -> bool:
    """2–5 words of a person's name: "Lê Quang Tùng", or in capitals "LÊ QUANG TÙNG"."""
    if not 2 <= len(words) <= 5:
        return False
    if all(w.isalpha() and w.isupper() for w in words):
        return not _is_role(" ".join(words))
    return all(_is_name_word(w) for w in words)


def _signer(block: _Block) -> str | None:
    """The name, with the office signed as (the last role without a prefix)."""
    if block.name is None:
        return None
    offices = [role for role, prefixed in block.roles if not prefixed]
    if not offices:
        return block.name
    office = offices[-1].lower()
    for words, cased in _ROLE_CASE.items():
        office = office.replace(words, cased)
    return f"{block.name} ({office[0].upper()}{office[1:]})"
