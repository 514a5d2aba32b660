"""Structure-aware splitting of a normalised document into passages with heading paths.

Headings are recognised line by line; a bare marker line ("I.", "1.", "Chương II") is read
together with the line after it. Levels: ``#`` … ``######`` > Phần > Chương > Mục > Điều >
I. > 1. > 1.1. > … > a).

* Markdown ``#`` headings and ``Phần``/``Chương``/``Mục``/``Điều`` with a number are always
  headings; a legal unit keeps its title in the label only when the title is heading-like
  ("Điều 5. Phạm vi điều chỉnh"), otherwise the label is the unit alone ("Điều 3").
* List items ``I.``/``II-``/``1.``/``1.1.``/``2)``/``a)``/``đ)`` are headings when the rest of the
  line is heading-like — ≤ 25 words, not ending with ``;`` ``,`` ``!`` ``?`` ``…``, and ending
  with ``.`` only if ≤ 8 words without a comma — or when the next line is a deeper item (the
  item heads a block; its label is cut to 20 words). Other items are body text (the full
  sentences of a list), but they close the open headings of their level and deeper.
* A plain line of ≤ 15 words starting with a capital, of words and light punctuation with
  none at the end, followed by a line that is not such a line, is a heading nested under the
  open ``Điều`` or list heading and above the items that follow it.
* The first line is body text when it is the document's ``title``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from qa.models import Passage
from qa.text import normalize_inline, sentences

WORDS_MIN, WORDS_TARGET, WORDS_MAX, WORDS_TINY = 100, 180, 250, 40
_HEADING_WORDS, _PLAIN_WORDS, _LABEL_WORDS = 25, 15, 20
_LEGAL_RANKS = {"phần": 10, "chương": 11, "mục": 12, "điều": 13}  # I. is 14, 1. 15, a) 25

_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_WORD = re.compile(r"\S+")
_MARKDOWN = re.compile(r"(#{1,6})\s+")
_LEGAL = re.compile(
    r"(phần|chương|mục)\s+(thứ\s+\w+|[ivxlc]+|\d+)\b|(điều)\s*\d+[a-zđ]?\b", re.IGNORECASE
)
_LEGAL_END = re.compile(r"\s*(?:[.:\-–]\s*|$)")
_ROMAN = re.compile(r"([IVX][IVXivx]*)\s*[.):\-–](?!\d)\s*")
_ROMAN_VALUE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)(?:[.)/](?!\d)|\s+[-–](?=\s))\s*")
_NUMBER_BARE = re.compile(r"(\d{1,2}(?:\.\d{1,2})+)\s+(?=[^\W\d_])")  # "2.1 Tổ chức"
_LETTER = re.compile(r"([a-zđ])[.)](?:\s+|$)")
_PLAIN = re.compile(r"[^\W\d_](?:[\w ,()&'\"“”–-]*[\w)\"”])?")


@dataclass(frozen=True)
class _Marker:
    rank: int
    label: str  # the marker alone: "Điều 3", "II.", "" for markdown
    rest: str  # the line after the marker
    always: bool  # markdown and legal units are headings whatever follows


@dataclass(frozen=True, eq=False)  # compared by identity: two "1." headings differ
class _Open:
    label: str
    rank: float
    plain: bool = False


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    words: int
    path: tuple[_Open, ...]
    heading: bool  # a short heading line (or the title): never left at the end of a passage


def _marker(line: str) -> _Marker | None:
    """The heading or list marker that starts ``line``, if any."""
    if m := _MARKDOWN.match(line):
        return _Marker(len(m.group(1)), "", line[m.end() :], True)
    if m := _LEGAL.match(line):
        rest = line[m.end() :].lstrip()
        if end := _LEGAL_END.match(line, m.end()):  # "Điều 5. Tên", "Chương I:", "Mục 2"
            rest = line[end.end() :]
        elif not rest[0].isupper():  # without a stop, a title must follow: "Chương I Tên"
            return None
        return _Marker(_LEGAL_RANKS[(m.group(1) or m.group(3)).lower()], m.group(0), rest, True)
    if (m := _ROMAN.match(line)) and _ROMAN_VALUE.fullmatch(m.group(1).upper()):
        return _Marker(14, m.group(0).strip(), line[m.end() :], False)
    if m := _NUMBER.match(line) or _NUMBER_BARE.match(line):
        return _Marker(15 + m.group(1).count("."), m.group(0).strip(), line[m.end() :], False)
    if m := _LETTER.match(line):
        return _Marker(25, m.group(0).strip(), line[m.end() :], False)
    return None


def _heading_like(rest: str) -> bool:
    words = rest.split()
    if len(words) > _HEADING_WORDS or rest.endswith((";", ",", "!", "?", "…")):
        return False
    return not rest.endswith(".") or (len(words) <= 8 and "," not in rest)


def _plain(line: str) -> bool:
    return (
        line[0].isupper()
        and len(line.split()) <= _PLAIN_WORDS
        and _PLAIN.fullmatch(line) is not None
        and _marker(line) is None
    )


def _label(line: str) -> str:
    words = line.rstrip(" :").split()
    return " ".join(words[:_LABEL_WORDS]) + (" …" if len(words) > _LABEL_WORDS else "")


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines; a bare marker line is joined with the line after it."""
    spans = [m.span() for m in _LINE.finditer(text)]
    lines: list[tuple[int, int]] = []
    for start, end in spans:
        marker = _marker(text[slice(*lines[-1])]) if lines else None  # joined lines have a rest
        if marker and not marker.rest and _marker(text[start:end]) is None:
            lines[-1] = (lines[-1][0], end)
        else:
            lines.append((start, end))
    return lines


def _heading(lines: list[str], i: int, stack: list[_Open]) -> _Open | None:
    """The heading that line ``i`` opens; a body list item closes the headings of its level."""
    line, following = lines[i], lines[i + 1] if i + 1 < len(lines) else ""
    if marker := _marker(line):
        after = _marker(following) if following else None
        if marker.always and not marker.label:
            return _Open(_label(marker.rest), marker.rank)
        if marker.always:
            title = marker.rest.rstrip(" :")
            heading_like = title and _heading_like(marker.rest)
            return _Open(f"{marker.label}. {title}" if heading_like else marker.label, marker.rank)
        if _heading_like(marker.rest) or (after and not after.always and after.rank > marker.rank):
            return _Open(_label(line), marker.rank)
        while stack and stack[-1].rank >= marker.rank:
            stack.pop()
    elif _plain(line) and following and not _plain(following):
        base = max((o.rank for o in stack if not o.plain), default=0)
        return _Open(line, max(base, _LEGAL_RANKS["điều"]) + 0.5, plain=True)
    return None


def _atoms(text: str, start: int, end: int, path: tuple[_Open, ...], heading: bool) -> list[_Atom]:
    """A paragraph cut into sentences; a sentence over the limit is cut at word boundaries."""
    words = len(text[start:end].split())
    if heading and words <= WORDS_TARGET:
        return [_Atom(start, end, words, path, True)]
    atoms = []
    for s, e in sentences(text[start:end]):
        spans = [m.span() for m in _WORD.finditer(text, start + s, start + e)]
        n = len(spans)
        size = n if n <= WORDS_MAX else math.ceil(n / math.ceil(n / WORDS_TARGET))
        for j in range(0, n, size):
            piece = spans[j : j + size]
            atoms.append(_Atom(piece[0][0], piece[-1][1], len(piece), path, False))
    return atoms


def _paragraphs(text: str, title: str) -> tuple[list[list[_Atom]], bool]:
    """The atoms of every line with the heading path open there; whether line 0 is the title."""
    spans = _lines(text)
    lines = [" ".join(text[s:e].split()) for s, e in spans]
    title_key = normalize_inline(title).rstrip(" .:").casefold()
    is_title = bool(lines) and lines[0].lstrip("# ").rstrip(" .:").casefold() == title_key
    stack: list[_Open] = []
    paragraphs = []
    for i, (start, end) in enumerate(spans):
        found = None if i == 0 and is_title else _heading(lines, i, stack)
        if found:
            while stack and stack[-1].rank >= found.rank:
                stack.pop()
            stack.append(found)
        short_heading = found is not None and len(lines[i].split()) <= _HEADING_WORDS
        heading = short_heading or (i == 0 and is_title)
        paragraphs.append(_atoms(text, start, end, tuple(stack), heading))
    return paragraphs, is_title


def _words(atoms: list[_Atom]) -> int:
    return sum(a.words for a in atoms)


def _flush(passages: list[list[_Atom]], current: list[_Atom]) -> list[_Atom]:
    """Close ``current``; trailing heading lines move on to the next passage."""
    keep = len(current)
    while keep > 1 and current[keep - 1].heading:
        keep -= 1
    passages.append(current[:keep])
    return current[keep:]


def _pack(paragraphs: list[list[_Atom]], section_words: Counter[object]) -> list[list[_Atom]]:
    """Greedy packing of the atoms into passages, as ``chunk`` describes."""
    passages: list[list[_Atom]] = []
    current: list[_Atom] = []
    for atoms in paragraphs:
        n, section = _words(current), current[-1].path[:1] if current else ()
        if current and (
            (atoms[0].path[:1] != section and section_words[section] >= WORDS_TINY)
            or (n >= WORDS_MIN and (atoms[0].heading or n + _words(atoms) > WORDS_TARGET))
        ):
            current = _flush(passages, current)
        remaining = _words(atoms)
        for atom in atoms:
            n = _words(current)
            fits_whole = n + remaining <= WORDS_MAX  # then rather end with the paragraph
            remaining -= atom.words
            if current and (
                n + atom.words > WORDS_MAX
                or (n >= WORDS_MIN and n + atom.words > WORDS_TARGET and not fits_whole)
            ):
                current = _flush(passages, current)
            current.append(atom)
    return passages + [current] if current else passages


def _halves(atoms: list[_Atom]) -> list[list[_Atom]]:
    """``atoms`` cut in two passages of about the same size, never just after a heading."""
    total, seen, cuts = _words(atoms), 0, []
    for k in range(1, len(atoms)):
        seen += atoms[k - 1].words
        if not atoms[k - 1].heading:
            cuts.append((abs(2 * seen - total), k))
    k = min(cuts)[1] if cuts else len(atoms)
    return [part for part in (atoms[:k], atoms[k:]) if part]


def _merge_short(passages: list[list[_Atom]]) -> list[list[_Atom]]:
    """Short passages join the previous one: < 40 words always, < 100 in the same section."""
    merged: list[list[_Atom]] = []
    for atoms in passages:
        words = _words(atoms)
        same_section = bool(merged) and atoms[0].path[:1] == merged[-1][-1].path[:1]
        if merged and (words < WORDS_TINY or (words < WORDS_MIN and same_section)):
            both = merged[-1] + atoms
            if _words(both) <= WORDS_MAX:
                merged[-1] = both
                continue
            if same_section:
                merged[-1:] = _halves(both)
                continue
        merged.append(atoms)
    return merged


def _common_path(atoms: list[_Atom]) -> tuple[str, ...]:
    """The headings shared by the body of a passage (its own heading lines are in its text)."""
    paths = [a.path for a in atoms if not a.heading] or [a.path for a in atoms]
    n = 0
    while all(len(path) > n and path[n] is paths[0][n] for path in paths):
        n += 1
    return tuple(o.label for o in paths[0][:n])


def chunk(text: str, title: str = "", skip: tuple[tuple[int, int], ...] = ()) -> list[Passage]:
    """The passages of ``text`` (see ``_passages``). The spans in ``skip`` (a signature block,
    the recipients) are left out: the text on either side is cut apart, and offsets stay those
    of ``text``."""
    passages: list[Passage] = []
    start = 0
    for end, resume in [*sorted(skip), (len(text), len(text))]:
        for p in _passages(text[start:end], title if start == 0 else ""):
            passages.append(
                Passage(len(passages), p.heading_path, p.text, p.start + start, p.end + start)
            )
        start = max(start, resume)
    return passages


def _passages(text: str, title: str) -> list[Passage]:
    """Passages of ~100–250 words (target 180) of a normalised ``text``, with heading paths.

    Lines are packed in order. A passage closes before a heading, or before a paragraph that
    would take it past the target, once it has 100 words; inside a paragraph it closes at a
    sentence past the target only when the rest of the paragraph would not fit in 250 words,
    and a sentence over 250 words is cut at word boundaries. It never crosses a top-level
    section boundary unless the section ending there has < 40 words. A remainder under 100
    words joins the previous passage of its section (the two share their words evenly if
    together over 250); one under 40 words joins the previous passage whatever its section.
    The heading path is the part of the heading chain common to the passage's body lines.
    """
    paragraphs, is_title = _paragraphs(text, title)
    section_words: Counter[object] = Counter()
    for atoms in paragraphs[int(is_title) :]:  # the title belongs to no section
        section_words[atoms[0].path[:1]] += _words(atoms)
    passages = []
    for ordinal, atoms in enumerate(_merge_short(_pack(paragraphs, section_words))):
        start, end = atoms[0].start, atoms[-1].end
        passages.append(Passage(ordinal, _common_path(atoms), text[start:end], start, end))
    return passages
