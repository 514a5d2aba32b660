"""Replies as the channels show them: Telegram HTML or Zalo plain text, split into messages
that fit the channel's limit at paragraph, then sentence, then word boundaries.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable

from qa import messages
from qa.answer.compose import describe, link_notices
from qa.journal import Activity, Source
from qa.models import Answer
from qa.reports import local_time
from qa.service import DocumentInfo, IndexStatus

TELEGRAM_LIMIT = 4096  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH
ZALO_LIMIT = 2000
DOCS_PER_PAGE = 10

# Boundaries to split at, from the most to the least preferred; each keeps its separator.
_BOUNDARIES = (
    re.compile(r"(?<=\n\n)"),
    re.compile(r"(?<=\n)"),
    re.compile(r"(?<=[.!?…;:»])\s+"),
    re.compile(r"(?<=\s)"),
)


def split(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Messages of at most ``limit`` (as ``measure`` counts), in order, losing no words."""
    parts: list[str] = []
    current = ""
    for piece in _pieces(text.strip(), limit, measure, 0):
        if current and measure((current + piece).strip()) > limit:
            parts.append(current.strip())
            current = ""
        current += piece
    if current.strip():
        parts.append(current.strip())
    return parts


def _pieces(text: str, limit: int, measure: Callable[[str], int], level: int) -> Iterable[str]:
    if measure(text) <= limit:
        yield text
    elif level == len(_BOUNDARIES):  # one word longer than a message: cut it
        step = max(1, limit // 2)
        yield from (text[i : i + step] for i in range(0, len(text), step))
    else:
        pieces = _split_keeping(text, _BOUNDARIES[level])
        if len(pieces) == 1:
            yield from _pieces(text, limit, measure, level + 1)
        for piece in pieces if len(pieces) > 1 else ():
            yield from _pieces(piece, limit, measure, level + 1)


def _split_keeping(text: str, boundary: re.Pattern[str]) -> list[str]:
    """Split after each boundary; whitespace matched by the boundary stays with the piece
    before it, so that joining the pieces gives the text back."""
    pieces, start = [], 0
    for match in boundary.finditer(text):
        if match.end() > start and match.end() < len(text):
            pieces.append(text[start : match.end()])
            start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p]


# --- plain text (Zalo, and the content of Telegram messages) ---------------------------------
def answer_text(answer: Answer) -> str:
    return answer.text


def source_text(source: Source) -> str:
    lines = [f"{messages.SOURCE_TITLE.format(number=source.number)}: {source.document}"]
    if source.issuer:
        lines.append(f"{messages.SOURCE_ISSUER}: {source.issuer}")
    if source.section:
        lines.append(f"{messages.SOURCE_SECTION}: {source.section}")
    lines.append(f"{messages.SOURCE_FILE}: {source.path}")
    if source.source_url:
        lines.append(f"{messages.FIELD_SOURCE_URL}: {source.source_url}")
    return "\n".join(lines) + "\n\n" + source.text


def document_line(number: int, document: DocumentInfo) -> str:
    """A document in a list, with who replaced, amended or repealed it."""
    notices = "".join(f" ({notice})" for notice in link_notices(document.meta))
    return f"{number}. {describe(document.meta)}{notices}"


def docs_page(documents: list[DocumentInfo], page: int) -> tuple[str, int, int]:
    """One page of the document list: (text, page, pages), the page clamped to what exists."""
    pages = max(1, math.ceil(len(documents) / DOCS_PER_PAGE))
    page = min(max(page, 1), pages)
    first = (page - 1) * DOCS_PER_PAGE
    lines = [messages.DOCS_HEADER.format(count=len(documents), page=page, pages=pages)]
    shown = documents[first : first + DOCS_PER_PAGE]
    lines += [document_line(first + i, d) for i, d in enumerate(shown, 1)]
    return "\n".join(lines), page, pages


def recent_text(documents: list[DocumentInfo]) -> str:
    lines = [messages.RECENT_HEADER] + [
        f"{document_line(i, d)} — "
        f"{messages.DOC_ADDED_ON.format(date=local_time(d.first_indexed_at))}"
        for i, d in enumerate(documents, 1)
    ]
    return "\n".join(lines)


def progress_text(done: int, total: int, unit: str) -> str:
    """A reindex's progress as an admin reads it: pages read, then passages embedded."""
    percent = round(100 * done / total) if total else 100
    text = messages.REINDEX_READING if unit == "pages" else messages.REINDEX_EMBEDDING
    return text.format(done=done, total=total, percent=percent)


def stats_text(status: IndexStatus, activity: Activity) -> str:
    finished = status.finished_at
    return messages.STATS.format(
        documents=status.documents,
        passages=status.passages,
        questions=activity.questions,
        answered=activity.answered,
        helpful=activity.feedback.helpful,
        unhelpful=activity.feedback.unhelpful,
        build_id=status.build_id,
        finished=f"{local_time(finished):%d/%m/%Y %H:%M}" if finished else "—",
        added=status.added,
        changed=status.changed,
        removed=status.removed,
        failed=status.failed,
    )


# --- Telegram HTML -------------------------------------------------------------------------------
_BOLD_LINES = {messages.SOURCES, messages.ANSWER_INTRO}
_SOURCE_TITLE = re.compile(re.escape(messages.SOURCE_TITLE).replace(r"\{number\}", r"\d+") + ":")


def to_html(text: str) -> str:
    """Escape for Telegram's HTML mode; headings and the source's title line in bold."""
    lines = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        bold = line in _BOLD_LINES or _SOURCE_TITLE.match(line)
        lines.append(f"<b>{escaped}</b>" if bold else escaped)
    return "\n".join(lines)


def telegram_messages(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """HTML messages of at most ``limit`` characters after escaping."""
    return [to_html(part) for part in split(text, limit, lambda s: len(to_html(s)))]


def zalo_messages(text: str, limit: int = ZALO_LIMIT) -> list[str]:
    return split(text, limit)
