"""One reindex at a time per index folder: a second one is refused at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from qa import messages


class ReindexBusy(RuntimeError):
    def __init__(self) -> None:
        super().__init__(messages.REINDEX_BUSY)


@contextmanager
def reindex_lock(index_dir: Path) -> Iterator[None]:
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
