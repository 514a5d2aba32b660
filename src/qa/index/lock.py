"""One reindex at a time: a second one is refused at once.

On SQLite (one host) a file lock in the index folder. On PostgreSQL, where replicas on other
hosts share the database but not a folder, a session-level advisory lock held by a connection
of its own for the whole reindex: the server releases it when that connection closes, so a
process killed midway never leaves it taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from qa import messages

# pg_try_advisory_lock's key: "qa-reind" as a (positive) 64-bit integer
ADVISORY_KEY = int.from_bytes(b"qa-reind", "big")


class ReindexBusy(RuntimeError):
    def __init__(self) -> None:
        super().__init__(messages.REINDEX_BUSY)


@contextmanager
def reindex_lock(index_dir: Path, database: Engine | str) -> Iterator[None]:
    """Held while a reindex runs; ``database`` (an engine or its URL) chooses the kind."""
    url = database.url if isinstance(database, Engine) else make_url(database)
    locked = _file_lock(index_dir) if url.get_backend_name() == "sqlite" else _advisory_lock(url)
    with locked:
        yield


@contextmanager
def _file_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / "reindex.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout as error:
        raise ReindexBusy() from error
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _advisory_lock(url: URL) -> Iterator[None]:
    # NullPool: closing the connection really closes it (and so releases the lock); autocommit:
    # no transaction stays open on the server for the length of the reindex
    engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            taken = connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
            )
            if not taken:
                raise ReindexBusy()
            yield
    finally:
        engine.dispose()
