"""The documents folder published through the database, for replicas that share no folder.

Each replica has its own documents folder; table ``source_files`` holds every file of the
collection (documents and their ``.meta.toml`` sidecars, by path relative to the folder) as
last added, changed or removed on any replica. A reindex first brings its folder and the
table into agreement (``sync_sources``, under the reindex lock), so a build made on any
replica holds the documents added on every one, and none removed on any.

The rule for a file that differs between the folder and the table: the most recent change
wins, comparing the file's modification time with the row's ``updated_at`` (a file pulled
from the table gets the row's time as its modification time; on a tie the table wins). A
local file that loses — an older version, or a copy of a document removed since — is moved
into the index folder's ``removed/<stamp>/``, never deleted, so it can be restored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa.ingest import list_source_files
from qa.ingest.metadata import sidecar_for
from qa.store.models import SourceFileRow, utcnow

log = logging.getLogger(__name__)

REMOVED_FOLDER = "removed"  # in the index folder
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SourcesSynced:
    """What a sync did, as paths relative to the documents folder."""

    pulled: tuple[str, ...]  # written into the folder from the database
    published: tuple[str, ...]  # stored in the database from the folder
    removed: tuple[str, ...]  # moved out of the folder: removed on another replica, or older


def sync_sources(session: Session, documents_dir: Path, index_dir: Path) -> SourcesSynced:
    """Bring the documents folder and table ``source_files`` into agreement (module doc)."""
    root = documents_dir.resolve()
    local = {p.relative_to(root).as_posix(): p for p in _collection(root)}
    rows = {
        row.path: row
        for row in session.execute(
            select(
                SourceFileRow.path,
                SourceFileRow.sha256,
                SourceFileRow.removed,
                SourceFileRow.updated_at,
            )
        )
    }
    pulled: list[str] = []
    published: list[str] = []
    removed: list[str] = []
    trash: Path | None = None

    def keep(path: Path) -> None:
        """Move a local file that lost to the database's copy into ``removed/``."""
        nonlocal trash
        trash = trash or new_trash(index_dir)
        move_out(trash, [path])
        removed.append(path.relative_to(root).as_posix())

    for rel in sorted(set(local) | set(rows)):
        row, path = rows.get(rel), local.get(rel)
        if path is None:
            if row is not None and not row.removed and _pull(session, root, rel):
                pulled.append(rel)
            continue
        data = path.read_bytes()
        if row is not None and row.sha256 == hashlib.sha256(data).hexdigest() and not row.removed:
            continue
        if row is None or _modified(path) > _aware(row.updated_at):
            _publish(session, rel, data, _modified(path))
            published.append(rel)
            continue
        if row.removed:
            keep(path)
        elif _pull(session, root, rel, keep):  # the older copy is kept once the newer is checked
            pulled.append(rel)
    synced = SourcesSynced(tuple(pulled), tuple(published), tuple(removed))
    if pulled or published or removed:
        log.info(
            "documents folder synced: %d pulled, %d published, %d moved out%s",
            len(pulled),
            len(published),
            len(removed),
            f" (into {trash})" if trash else "",
        )
    return synced


def mark_removed(session: Session, root: Path, paths: Iterable[Path]) -> None:
    """Record the files (still in the folder) as removed, so every replica removes them."""
    now = utcnow()
    for path in paths:
        data = path.read_bytes()
        row = session.get(SourceFileRow, path.relative_to(root).as_posix())
        if row is None:
            row = SourceFileRow(path=path.relative_to(root).as_posix())
            session.add(row)
        row.sha256, row.size, row.data = hashlib.sha256(data).hexdigest(), len(data), None
        row.removed, row.updated_at = True, now
    session.commit()


def fetch_source(session: Session, documents_dir: Path, rel: str) -> bool:
    """Write the published file ``rel`` into the documents folder; False when the database
    has no intact copy of it."""
    row = session.get(SourceFileRow, rel)
    return row is not None and not row.removed and _pull(session, documents_dir.resolve(), rel)


def with_sidecar(path: Path) -> list[Path]:
    """A document and its sidecar, when it has one."""
    sidecar = sidecar_for(path)
    return [path, sidecar] if sidecar.is_file() else [path]


def new_trash(index_dir: Path) -> Path:
    """A new folder ``removed/<stamp>/`` of the index folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    trash = index_dir / REMOVED_FOLDER / stamp
    trash.mkdir(parents=True, exist_ok=True)
    return trash


def move_out(trash: Path, files: Iterable[Path]) -> None:
    """Move files into ``trash`` by name (into a numbered subfolder when that name is taken
    already: two files of one name, or two versions), so they can be restored."""
    for file in files:
        target, taken = trash / file.name, 0
        while target.exists():
            taken += 1
            target = trash / str(taken) / file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(file, target)


def _collection(root: Path) -> list[Path]:
    """The files the ingest reads and their sidecars: hidden files and the like stay local."""
    return [file for path in list_source_files(root) for file in with_sidecar(path)]


def _publish(session: Session, rel: str, data: bytes, modified: datetime) -> None:
    row = session.get(SourceFileRow, rel) or SourceFileRow(path=rel)
    row.sha256, row.size, row.data = hashlib.sha256(data).hexdigest(), len(data), data
    row.removed, row.updated_at = False, modified
    session.merge(row)
    session.commit()
    session.expunge_all()  # one file in memory at a time


def _pull(
    session: Session, root: Path, rel: str, keep: Callable[[Path], None] | None = None
) -> bool:
    """Write the row's data to ``root/rel`` atomically, with the row's time as its modification
    time (the file it replaces is handed to ``keep`` first); False (logged) when the path leaves
    the folder or the data is not intact."""
    row = session.get(SourceFileRow, rel)
    assert row is not None
    target = (root / rel).resolve()
    data = row.data
    intact = data is not None and len(data) == row.size
    if root not in target.parents or not intact or hashlib.sha256(data).hexdigest() != row.sha256:
        log.error("published document %r not written: outside the folder or corrupt", rel)
        session.expunge(row)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".sync-", delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    stamp = (_aware(row.updated_at) - EPOCH) // timedelta(microseconds=1) * 1000
    os.utime(tmp.name, ns=(stamp, stamp))
    if keep and target.exists():
        keep(target)
    os.replace(tmp.name, target)
    session.expunge(row)
    return True


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _aware(moment: datetime) -> datetime:
    """A time from the database, in UTC (SQLite returns it without a zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
