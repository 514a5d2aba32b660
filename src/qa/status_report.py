"""``qa status`` as Vietnamese lines or JSON (the bots' /health uses the same JSON pieces)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from qa import messages
from qa.status import Reindexing, aware

if TYPE_CHECKING:
    from qa.service import IndexStatus


def iso(moment: datetime | None) -> str | None:
    moment = aware(moment)
    return moment.isoformat() if moment else None


def reindexing_json(running: Reindexing | None) -> dict[str, Any] | None:
    if running is None:
        return None
    return {
        "build_id": running.build_id,
        "host": running.host,
        "started_at": iso(running.started_at),
        "done": running.done,
        "total": running.total,
        "unit": running.unit,
        "heartbeat_at": iso(running.heartbeat_at),
    }


def status_json(
    index: IndexStatus | None, running: Reindexing | None, last: datetime | None
) -> dict[str, Any]:
    return {
        "build_id": index.build_id if index else None,
        "documents": index.documents if index else None,
        "passages": index.passages if index else None,
        "built_at": iso(index.finished_at) if index else None,
        "database": True,
        "reindex": reindexing_json(running),
        "last_question_at": iso(last),
    }


def status_lines(
    index: IndexStatus | None, running: Reindexing | None, last: datetime | None
) -> list[str]:
    lines = [messages.STATUS_DATABASE_OK]
    if index is None:
        lines.append(messages.STATUS_NO_BUILD)
    else:
        lines.append(
            messages.STATUS_BUILD.format(
                build_id=index.build_id, documents=index.documents, passages=index.passages
            )
        )
        if index.finished_at:
            lines.append(messages.STATUS_BUILT_AT.format(when=local(index.finished_at)))
    lines.append(_reindexing_line(running))
    when = local(last) if last else None
    lines.append(
        messages.STATUS_LAST_QUESTION.format(when=when) if when else messages.STATUS_NO_QUESTION
    )
    return lines


def _reindexing_line(running: Reindexing | None) -> str:
    if running is None:
        return messages.STATUS_NOT_REINDEXING
    if running.done is not None and running.total is not None and running.unit:
        unit = messages.STATUS_REINDEX_UNITS.get(running.unit, running.unit)
        progress = messages.STATUS_REINDEX_PROGRESS.format(
            done=running.done, total=running.total, unit=unit
        )
    else:
        progress = messages.STATUS_REINDEX_STARTED.format(when=local(running.started_at))
    return messages.STATUS_REINDEXING.format(
        build_id=running.build_id,
        host=running.host or messages.STATUS_UNKNOWN_HOST,
        progress=progress,
    )


def local(moment: datetime) -> str:
    """A moment in this machine's time zone, day first as Vietnamese write dates."""
    return (aware(moment) or moment).astimezone().strftime("%d/%m/%Y %H:%M:%S %Z")
