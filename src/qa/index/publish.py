"""Index builds published through the database, for replicas that share no folder.

The reindex stores every file of a build (with its SHA-256) before it activates it; a replica
whose index folder lacks the active build fetches those files, verifies each checksum, writes
them to a temporary folder and renames it into place, and only then loads the build. A build
that cannot be fetched whole and intact is never switched to.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from qa import messages
from qa.index.snapshot import Snapshot, build_folder, load_snapshot
from qa.store.models import BuildFileRow, IndexBuild


class BuildUnavailable(Exception):
    """The active build is not in this index folder and cannot be fetched (message for the
    admin, in Vietnamese)."""


def publish(session: Session, build_id: int, folder: Path) -> None:
    """Add every file of the build's folder to the session (committed with the activation)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        session.add(
            BuildFileRow(
                build_id=build_id,
                name=path.relative_to(folder).as_posix(),
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                data=data,
            )
        )


def unpublish(session: Session, build_id: int) -> None:
    session.execute(delete(BuildFileRow).where(BuildFileRow.build_id == build_id))


def load_active(session: Session, index_dir: Path, build: IndexBuild) -> Snapshot:
    """The build loaded from the index folder, fetched from the database first when it is
    not there; BuildUnavailable when it cannot be fetched whole and intact."""
    folder = build_folder(index_dir, build.id)
    if folder.is_dir():
        return load_snapshot(session, index_dir, build)
    _fetch(session, build.id, folder)
    try:
        return load_snapshot(session, index_dir, build)
    except (FileNotFoundError, RuntimeError, ValueError) as error:  # a file was not published
        shutil.rmtree(folder, ignore_errors=True)
        raise BuildUnavailable(
            messages.BUILD_FETCH_INCOMPLETE.format(build=build.id, error=error)
        ) from error


def _fetch(session: Session, build_id: int, folder: Path) -> None:
    files = session.execute(
        select(BuildFileRow.name, BuildFileRow.sha256, BuildFileRow.size)
        .where(BuildFileRow.build_id == build_id)
        .order_by(BuildFileRow.name)
    ).all()
    if not files:
        raise BuildUnavailable(messages.BUILD_NOT_PUBLISHED.format(build=build_id, folder=folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f"{folder.name}.fetch-", dir=folder.parent))
    try:
        for name, sha256, size in files:  # one file in memory at a time
            data = session.scalar(
                select(BuildFileRow.data).where(
                    BuildFileRow.build_id == build_id, BuildFileRow.name == name
                )
            )
            intact = data is not None and len(data) == size
            if not intact or hashlib.sha256(data).hexdigest() != sha256 or ".." in Path(name).parts:
                raise BuildUnavailable(
                    messages.BUILD_FETCH_CORRUPT.format(build=build_id, name=name)
                )
            _write(temporary / name, data)
        temporary.rename(folder)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
