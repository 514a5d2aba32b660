"""What a whole document says, as a short outline: the opening of each of its main parts (its
chapters, articles or numbered sections, whichever level it has several of) with the openings
of its sub-parts and items; an article whose parts are set off by heading lines ("Thực trạng
tổ chức cơ sở Đảng hiện nay") is outlined by those headings; an article whose numbered parts
come late (the solutions it ends with) by its opening and the lines announcing what follows,
then those parts; a document without parts (a report, an article) by the first sentence of
each paragraph. The preamble ("Căn cứ …"), headers, signatures and recipients are left out,
and so, when the outline is too long, is the article naming who carries the document out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.answer.units import BULLETS, LEVELS, Span, is_bare_heading, is_junk, is_lead_in, lines_of
from qa.index.snapshot import Snapshot
from qa.text import LEGAL_MARKER, statements

# A marker alone on its line ("1.").
_BARE_MARKER = re.compile(r"(?:[IVXivx]{1,4}|\d{1,2}|[a-zđ])[.)]?\s*$")
# Who carries the document out: "Chánh Văn phòng …, Giám đốc … chịu trách nhiệm thi hành
# Quyết định này.", "… cá nhân có liên quan căn cứ Quyết định thi hành." Every decision says it;
# it tells nothing of this one.
_KIND = r"(?:quyết định|chỉ thị|nghị quyết|thông tư|nghị định)"
_EXECUTION = re.compile(
    r"(?:chịu|có)\s+trách nhiệm\s+(?:tổ chức\s+)?(?:thi|chấp) hành"
    rf"|(?:thi|chấp) hành\s+{_KIND}\s+này|căn cứ\s+{_KIND}(?:\s+này)?\s+(?:thi|chấp) hành",
    re.IGNORECASE,
)
_ARTICLE = LEVELS[3]
# A part holding more than this share of the document's lines is outlined by its own parts
# ("Điều 1. Phê duyệt Đề án … với những nội dung chủ yếu sau: I. … II. …").
DOMINANT = 0.6
# Numbered or lettered parts ("1.", "a)") that begin after this share of an article's lines are
# a list within its argument (the solutions it ends with), not its main parts.
LATE_PARTS = 0.25
_LEGAL_LEVELS = LEVELS[:4]  # "Phần", "Chương", "Mục", "Điều": always the main parts

Part = tuple[Span, list[Span]]  # a part's first line, and the lines under it


def document_lines(snapshot: Snapshot, path: str) -> list[Span]:
    """The lines of the document at ``path`` that an outline is made of: without its header,
    title, preamble, signature and recipients, a marker alone on its line joined to its title."""
    return _titled(
        [
            Span(passage, line.start, line.end)
            for passage in snapshot.documents.get(path, [])
            for line in lines_of(passage.text)
            if not is_junk(passage, line.start, line.end) and not _BARE_MARKER.match(line.text)
        ]
    )


def part_lines(snapshot: Snapshot, path: str, opens: Callable[[str], bool]) -> list[Span]:
    """The ``document_lines`` of the part of a document whose first line ``opens`` tells (the
    highest-level one, if several do), to the next line of its level or a higher one."""
    lines = document_lines(snapshot, path)
    levels = [_level(line.text) for line in lines]
    heads = [i for i, line in enumerate(lines) if levels[i] < len(LEVELS) and opens(line.text)]
    if not heads:
        return []
    first = min(heads, key=lambda i: levels[i])
    end = next((i for i in range(first + 1, len(lines)) if levels[i] <= levels[first]), len(lines))
    return lines[first:end]


def _level(text: str) -> int:
    """The level of marker a line opens with (an index of ``LEVELS``; their number if none)."""
    return next((n for n, level in enumerate(LEVELS) if level.match(text)), len(LEVELS))


def outline(lines: list[Span], *, executing: bool = True, whole: bool = False) -> list[list[Span]]:
    """The main parts of a document (its ``document_lines``), in order: each the opening of
    its first line, then the openings of the parts or paragraphs under it; without the article
    naming who carries the document out unless ``executing``; with ``whole``, each part's
    lines in full instead."""
    parts = _parts(lines, minimum=2)
    if parts and _late(parts, lines):
        parts = [*_argument(lines[: lines.index(parts[0][0])]), *parts]
    parts = parts or _headed(lines)
    if parts is None:  # an article: its paragraphs (one copied twice from the web, once)
        distinct = {line.text: line for line in reversed(lines)}
        return [[line if whole else opening(line)] for line in lines if distinct[line.text] is line]
    if not executing:
        parts = [part for part in parts if not _executes(part)] or parts
    first, body = max(parts, key=lambda part: len(part[1]))
    inner = _parts(body, minimum=2) if len(body) > DOMINANT * len(lines) else None
    if inner is not None:
        at = next(i for i, part in enumerate(parts) if part[0] is first)
        parts[at : at + 1] = [(first, []), *inner]
    if whole:
        return [[head, *body] for head, body in parts]
    return [[opening(head), *_under(body)] for head, body in parts]


def introduction(lines: list[Span]) -> list[Span]:
    """The lines of a document (its ``document_lines``) before its first main part ([] if it
    has no parts): an essay's introduction."""
    parts = _parts(lines, minimum=2) or _headed(lines)
    return lines[: lines.index(parts[0][0])] if parts else []


def executing_article(lines: list[Span]) -> list[Span]:
    """The article of a document (its ``document_lines``) naming who carries it out, else the
    line that does; [] if none does."""
    for head, body in _parts(lines, minimum=2) or []:
        if _executes((head, body)):
            return [head, *body]
    return [line for line in lines if _EXECUTION.search(line.text)][:1]


def _executes(part: Part) -> bool:
    """An article naming who carries the document out."""
    head, body = part
    return bool(_ARTICLE.match(head.text)) and any(
        _EXECUTION.search(line.text) for line in (head, *body)
    )


def _late(parts: list[Part], lines: list[Span]) -> bool:
    """Whether numbered or lettered parts begin after the opening quarter of the document's
    lines: those before them are an argument, not a preamble to leave out."""
    first = parts[0][0]
    if any(level.match(first.text) for level in _LEGAL_LEVELS):
        return False
    return lines.index(first) >= LATE_PARTS * len(lines)


def _argument(lines: list[Span]) -> list[Part]:
    """The argument before an article's late parts, as parts: its first line, and each line
    announcing what follows ("… có những yếu tố cấu thành sau đây:", "… cần thực hiện tốt
    một số giải pháp cơ bản sau:")."""
    return [(lines[0], []), *((line, []) for line in lines[1:] if is_lead_in(line.text))]


def _titled(lines: list[Span]) -> list[Span]:
    """``lines`` with a marker alone on its line ("Chương II", "Điều 4.") joined to the title
    on the line after it."""
    joined: list[Span] = []
    for line in lines:
        last = joined[-1] if joined else None
        if last and last.passage is line.passage and LEGAL_MARKER.fullmatch(last.text):
            joined[-1] = Span(line.passage, last.start, line.end)
        else:
            joined.append(line)
    return joined


def _parts(lines: list[Span], minimum: int) -> list[Part] | None:
    """``lines`` cut at the highest level of marker that opens at least ``minimum`` of them
    (the lines before the first are left out), or None. Bulleted lines are never parts: they
    are a list within a part, shown among its paragraphs."""
    for marker in LEVELS[:-BULLETS]:
        openers = [i for i, line in enumerate(lines) if marker.match(line.text)]
        if len(openers) >= minimum:
            ends = [*openers[1:], len(lines)]
            return [(lines[i], lines[i + 1 : end]) for i, end in zip(openers, ends)]
    return None


def _headed(lines: list[Span]) -> list[Part] | None:
    """``lines`` cut at their heading lines, if at least two of them are; the lines before the
    first heading are the opening part."""
    headings = [i for i, line in enumerate(lines) if is_bare_heading(line.text.strip())]
    if len(headings) < 2:
        return None
    if headings[0] > 0:
        headings.insert(0, 0)
    ends = [*headings[1:], len(lines)]
    return [(lines[i], lines[i + 1 : end]) for i, end in zip(headings, ends)]


def _under(body: list[Span]) -> list[Span]:
    """What an outline shows of a part's body: the openings of its parts one level down, or,
    if it has none, of its paragraphs."""
    parts = _parts(body, minimum=1)
    return [opening(line) for line in ([head for head, _ in parts] if parts else body)]


def opening(line: Span) -> Span:
    """The first statement of a line, with the article's marker before it ("Điều 2. …")."""
    spans = statements(line.text)
    if not spans:
        return line
    start, end = spans[0]
    if LEGAL_MARKER.fullmatch(line.text[start:end]) and len(spans) > 1:
        end = spans[1][1]
    return Span(line.passage, line.start + start, line.start + end)
