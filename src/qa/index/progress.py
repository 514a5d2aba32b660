"""A reindex's progress in the database: the building row's progress and heartbeat, written
every few seconds, so that any replica can show the reindex running (qa.status.reindexing)."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable

from sqlalchemy import Engine, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from qa.store.models import IndexBuild, utcnow

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0


def this_host() -> str:
    return socket.gethostname()


class Heartbeat:
    """A progress callback (qa.index.build.Progress) that writes each report to the building
    row (at once when the unit changes or the work is done, otherwise at most every ``every``
    seconds), then passes it on to ``then``. Each write is a short transaction of its own: the
    reindex's session would hold its locks, or commit its unfinished work."""

    def __init__(
        self,
        engine: Engine,
        build_id: int,
        then: Callable[[int, int, str], None] | None,
        every: float = HEARTBEAT_SECONDS,
    ) -> None:
        self._engine = engine
        self._build_id = build_id
        self._then = then
        self._every = every
        self._unit: str | None = None
        self._written_at = 0.0

    def __call__(self, done: int, total: int, unit: str) -> None:
        now = time.monotonic()
        if unit != self._unit or done >= total or now - self._written_at >= self._every:
            self._unit, self._written_at = unit, now
            self._write(done, total, unit)
        if self._then:
            self._then(done, total, unit)

    def _write(self, done: int, total: int, unit: str) -> None:
        values = dict(
            progress_done=done, progress_total=total, progress_unit=unit, heartbeat_at=utcnow()
        )
        try:
            with Session(self._engine) as session:
                session.execute(
                    update(IndexBuild).where(IndexBuild.id == self._build_id).values(**values)
                )
                session.commit()
        except OperationalError as error:  # the reindex does not fail for want of a heartbeat
            logger.warning("reindex progress not recorded: %s", type(error.orig).__name__)
