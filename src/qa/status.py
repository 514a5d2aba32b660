"""What operators look at: is the database reachable, is a reindex running (on any replica),
when was the last question asked. Read by ``qa status`` and the bots' /health endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from qa.store.models import IndexBuild, QuestionRow

# A build still "building" whose heartbeat is older than this was left by a process that died.
STALE_HEARTBEAT = timedelta(minutes=5)


@dataclass(frozen=True)
class Reindexing:
    """A reindex in progress, as its process last reported it."""

    build_id: int
    host: str | None
    started_at: datetime
    done: int | None  # of ``total`` pages read or passages embedded (``unit``)
    total: int | None
    unit: str | None
    heartbeat_at: datetime | None


def database_reachable(engine: Engine) -> bool:
    """Whether a ``SELECT 1`` succeeds (a fresh connection is made if the pool's are gone)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def reindexing(session: Session, now: datetime | None = None) -> Reindexing | None:
    """The newest build still being made whose process is alive (a recent heartbeat, or none
    reported yet), or None."""
    build = session.scalars(
        select(IndexBuild).where(IndexBuild.status == "building").order_by(IndexBuild.id.desc())
    ).first()
    if build is None:
        return None
    beat = aware(build.heartbeat_at)
    if beat is not None and (now or datetime.now(UTC)) - beat > STALE_HEARTBEAT:
        return None
    return Reindexing(
        build_id=build.id,
        host=build.host,
        started_at=aware(build.started_at) or build.started_at,
        done=build.progress_done,
        total=build.progress_total,
        unit=build.progress_unit,
        heartbeat_at=beat,
    )


def last_question_at(session: Session) -> datetime | None:
    """When the newest question in the journal was asked (any channel, any replica)."""
    return aware(session.scalar(select(func.max(QuestionRow.asked_at))))


def aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; every time stored is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
