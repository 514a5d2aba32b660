"""Reindex: read the documents folder, reuse what is unchanged, embed only new passages,
write a new build beside the active one and switch to it only when it is complete.

A crash or kill at any point leaves the active build (files and rows) untouched; the
unfinished build is discarded by the next reindex (a reindex that fails, e.g. for a full disk,
discards its own). Only one reindex runs at a time, on any replica (qa.index.lock).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

import numpy as np
from sqlalchemy import delete, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from qa import messages
from qa.chunk import chunk
from qa.embed import Embedder
from qa.index import dense
from qa.index.accents import AccentModel, save_accent_model
from qa.index.lexical import LexicalIndex
from qa.index.links import sync_links
from qa.index.lock import reindex_lock
from qa.index.ocr_cache import SqlPageCache
from qa.index.progress import Heartbeat, this_host
from qa.index.publish import publish as publish_files
from qa.index.publish import unpublish
from qa.index.snapshot import PASSAGE_IDS, active_build, build_folder, meta_of
from qa.index.sources import sync_sources
from qa.index.terms import TermStats, save_term_stats
from qa.ingest import IngestError, list_source_files, read_document, source_hash
from qa.ingest.ocr import OcrEngine
from qa.ingest.pages import ScanReader, count_pages
from qa.models import Document, DocumentMeta, IngestFailure, ReindexReport
from qa.store.db import make_engine, make_sessionmaker, upgrade
from qa.store.models import (
    BuildDocument,
    DocumentRow,
    EmbeddingRow,
    IndexBuild,
    IngestFailureRow,
    PassageRow,
    utcnow,
)

# (done, total, unit): pages read of the pages to read (a text file is one page, a scan one
# per page: OCR is slow), then passages embedded of the passages to embed
Unit = Literal["pages", "passages"]
Progress = Callable[[int, int, Unit], None]
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class DocumentsDirMissing(FileNotFoundError):
    def __init__(self, path: Path) -> None:
        super().__init__(messages.DOCUMENTS_DIR_MISSING.format(path=path))


class ReindexDiskFull(Exception):
    """Writing the new build failed for want of disk space: the reindex was undone."""

    def __init__(self, reason: str) -> None:
        super().__init__(messages.REINDEX_DISK_FULL.format(error=reason))


class NothingToIndex(Exception):
    """No file of the documents folder could be read: the active build stays."""

    def __init__(self, report: ReindexReport) -> None:
        super().__init__(messages.NOTHING_TO_INDEX)
        self.report = report


def embed_text(meta: DocumentMeta, heading_path: list[str] | tuple[str, ...], text: str) -> str:
    """What the model sees for a passage: its document's title and number, headings, text."""
    title = f"{meta.title} ({meta.number})" if meta.number else meta.title
    return "\n".join([title, *heading_path, text])


def lexical_text(meta: DocumentMeta, heading_path: tuple[str, ...], text: str) -> str:
    """What BM25 indexes: the embedded text, and the document's type, number and issuer, so
    that "quảng trị" in a question matches every passage of the Tỉnh ủy Quảng Trị's texts."""
    return " ".join(
        [meta.doc_type, meta.number or "", meta.issuer or "", embed_text(meta, heading_path, text)]
    )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Planned:
    """A document of the new build: an unchanged row to keep, or a freshly read document."""

    path: str
    row: DocumentRow | None = None
    document: Document | None = None
    source_hash: str = ""
    first_indexed_at: datetime | None = None


def reindex(
    documents_dir: Path,
    index_dir: Path,
    db_url: str,
    embedder: Embedder,
    *,
    full: bool = False,
    progress: Progress | None = None,
    ocr: OcrEngine | None = None,
    publish: bool = False,
) -> ReindexReport:
    """Build a new index version from ``documents_dir`` and make it the active one.

    ``ocr`` reads the scanned pages (default: the ``tesseract`` command). ``publish`` stores
    the build's files in the database too, for replicas on other hosts (qa.index.publish),
    after bringing the documents folder and the database's copy into agreement
    (qa.index.sources)."""
    if not documents_dir.is_dir():
        raise DocumentsDirMissing(documents_dir)
    started = time.perf_counter()
    engine = make_engine(db_url)
    try:
        with reindex_lock(index_dir, engine), make_sessionmaker(engine)() as session:
            upgrade(engine)
            # no other reindex runs on any replica: a 'building' row is a dead one's
            _discard_unfinished(session, index_dir)
            if publish:  # the documents added or removed on any replica, in this folder too
                with make_sessionmaker(engine)() as sources:
                    sync_sources(sources, documents_dir, index_dir)
            scans = ScanReader(ocr or OcrEngine(), SqlPageCache(session))
            try:
                report = _run(
                    session,
                    documents_dir,
                    index_dir,
                    embedder,
                    full,
                    progress,
                    scans,
                    started,
                    publish,
                )
            except Exception as error:
                _abandon(session, index_dir)
                reason = _disk_full(error)
                if reason:
                    raise ReindexDiskFull(reason) from error
                raise
            _prune(session, index_dir)
    finally:
        engine.dispose()
    return report


def _run(
    session: Session,
    documents_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    full: bool,
    progress: Progress | None,
    scans: ScanReader,
    started: float,
    publish: bool,
) -> ReindexReport:
    previous = active_build(session)
    previous_docs = {row.path: row for row in previous.documents} if previous else {}
    build = IndexBuild(
        status="building",
        embedder_key=embedder.key,
        dim=embedder.dim,
        host=this_host(),
        heartbeat_at=utcnow(),
    )
    session.add(build)
    session.commit()
    progress = Heartbeat(session.get_bind(), build.id, progress)

    report = ReindexReport(build_id=build.id)
    planned = _plan(documents_dir, previous_docs, full, report, scans, progress)
    report.removed = sorted(set(previous_docs) - {p.path for p in planned})

    rows = [_document_row(p) if p.document else p.row for p in planned]
    session.add_all([row for row in rows if row.id is None])
    session.flush()
    passages = [(row, passage) for row in rows for passage in row.passages]
    if not passages:  # nothing to answer from: keep the build members are answered from
        session.rollback()
        session.delete(build)
        session.commit()
        raise NothingToIndex(report)
    # the new documents (in no build yet): on SQLite, the heartbeat's own connection must not
    # wait for this session's write lock
    session.commit()
    texts = [embed_text(meta_of(row), _path(p), p.text) for row, p in passages]
    vectors = _vectors(
        session, embedder, texts, [p.content_hash for _, p in passages], full, progress
    )
    report.embedded = vectors.embedded
    report.passages = len(passages)

    folder = build_folder(index_dir, build.id)
    _write_build_files(
        folder,
        vectors.matrix,
        [p.id for _, p in passages],
        [lexical_text(meta_of(row), _path(p), p.text) for row, p in passages],
    )
    if publish:
        publish_files(session, build.id, folder)
    session.add_all(BuildDocument(build_id=build.id, document_id=row.id) for row in rows)
    sync_links(session, rows)
    session.add_all(
        IngestFailureRow(build_id=build.id, path=f.path, reason=f.reason) for f in report.failed
    )
    report.seconds = time.perf_counter() - started
    _activate(session, build, report)
    return report


def _plan(
    documents_dir: Path,
    previous: dict[str, DocumentRow],
    full: bool,
    report: ReindexReport,
    scans: ScanReader,
    progress: Progress | None,
) -> list[_Planned]:
    planned: list[_Planned] = []
    to_read: list[tuple[Path, str, DocumentRow | None, str]] = []
    for path in list_source_files(documents_dir):
        rel = path.relative_to(documents_dir).as_posix()
        old = previous.get(rel)
        try:
            digest = source_hash(path)
        except OSError as error:
            _failed(planned, report, rel, old, str(error.strerror))
            continue
        if old is not None and old.source_hash == digest and not full:
            report.unchanged += 1
            planned.append(_Planned(rel, row=old))
        else:
            to_read.append((path, rel, old, digest))

    pages = _PagesRead([count_pages(path) for path, *_ in to_read], progress)
    scans = replace(scans, on_page=pages.one)
    for path, rel, old, digest in to_read:
        try:
            document = read_document(documents_dir, path, scans)
        except (IngestError, OSError) as error:
            reason = error.reason if isinstance(error, IngestError) else str(error.strerror)
            _failed(planned, report, rel, old, reason)
            continue
        finally:
            pages.file_done()
        if old is None:
            report.added.append(rel)
        elif old.source_hash != digest:
            report.changed.append(rel)
        else:
            report.unchanged += 1
        report.warnings += [
            IngestFailure(rel, messages.OCR_PAGE_REJECTED.format(page=r.page, reason=r.reason))
            for r in document.rejected_pages
        ]
        first = old.first_indexed_at if old is not None else None
        planned.append(_Planned(rel, document=document, source_hash=digest, first_indexed_at=first))
    return sorted(planned, key=lambda p: p.path)  # the order of list_source_files


def _failed(
    planned: list[_Planned],
    report: ReindexReport,
    rel: str,
    old: DocumentRow | None,
    reason: str,
) -> None:
    if old is not None:  # a bad new version never loses the good one
        reason = f"{reason}; {messages.KEPT_PREVIOUS}"
        planned.append(_Planned(rel, row=old))
    report.failed.append(IngestFailure(rel, reason))


class _PagesRead:
    """Reading progress in pages: one per page of a PDF or image, as it is read."""

    def __init__(self, counts: list[int], progress: Progress | None) -> None:
        self._counts = counts
        self._total = sum(counts)
        self._files = 0
        self._done = 0
        self._progress = progress
        self._report()

    def one(self) -> None:
        self._done += 1
        self._report()

    def file_done(self) -> None:
        """The pages of the file just read, whether its reader counted them or it failed."""
        self._files += 1
        self._done = sum(self._counts[: self._files])
        self._report()

    def _report(self) -> None:
        if self._progress:
            self._progress(min(self._done, self._total), self._total, "pages")


def _document_row(planned: _Planned) -> DocumentRow:
    document = planned.document
    assert document is not None
    meta = document.meta
    row = DocumentRow(
        path=document.path,
        source_hash=planned.source_hash,
        title=meta.title,
        doc_type=meta.doc_type,
        number=meta.number,
        issuer=meta.issuer,
        issued=meta.issued,
        replaced_by=meta.replaced_by,
        pages=meta.pages,
        scanned_pages=meta.scanned_pages,
        source_url=meta.source_url,
        place=meta.place,
        signer=meta.signer,
        recipients=list(meta.recipients) or None,
        text=document.text,
        first_indexed_at=planned.first_indexed_at or utcnow(),
    )
    for passage in chunk(document.text, meta.title, document.unquoted):
        row.passages.append(
            PassageRow(
                ordinal=passage.ordinal,
                heading_path="\n".join(passage.heading_path),
                text=passage.text,
                start=passage.start,
                end=passage.end,
                content_hash=content_hash(embed_text(meta, passage.heading_path, passage.text)),
            )
        )
    return row


def _path(passage: PassageRow) -> tuple[str, ...]:
    return tuple(filter(None, passage.heading_path.split("\n")))


@dataclass
class _Vectors:
    matrix: np.ndarray
    embedded: int


def _vectors(
    session: Session,
    embedder: Embedder,
    texts: list[str],
    hashes: list[str],
    full: bool,
    progress: Progress | None,
    batch_size: int = 16,
) -> _Vectors:
    """Vectors for every passage: from the cache by content hash, else embedded (and cached)."""
    cached = {} if full else _cached(session, embedder.key, set(hashes))
    missing = sorted({h: i for i, h in enumerate(hashes) if h not in cached}.items())
    todo = [(h, texts[i]) for h, i in missing]
    if progress:
        progress(0, len(todo), "passages")
    for done, batch in _batches(todo, batch_size):
        matrix = embedder.embed_passages([text for _, text in batch])
        for (digest, _), vector in zip(batch, matrix):
            cached[digest] = vector
            session.merge(
                EmbeddingRow(model_key=embedder.key, content_hash=digest, vector=vector.tobytes())
            )
        session.commit()  # embedded work survives a kill: the next reindex reuses it
        if progress:
            progress(done, len(todo), "passages")
    matrix = (
        np.stack([cached[h] for h in hashes]) if hashes else np.zeros((0, embedder.dim), np.float32)
    )
    return _Vectors(matrix.astype(np.float32), len(todo))


def _cached(session: Session, model_key: str, hashes: set[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    ordered = sorted(hashes)
    for start in range(0, len(ordered), 500):
        rows = session.execute(
            select(EmbeddingRow.content_hash, EmbeddingRow.vector).where(
                EmbeddingRow.model_key == model_key,
                EmbeddingRow.content_hash.in_(ordered[start : start + 500]),
            )
        )
        found.update((digest, np.frombuffer(blob, dtype=np.float32)) for digest, blob in rows)
    return found


def _batches(items: list, size: int) -> Iterator[tuple[int, list]]:
    for start in range(0, len(items), size):
        batch = items[start : start + size]
        yield start + len(batch), batch


def _write_build_files(folder: Path, vectors: np.ndarray, ids: list[int], texts: list[str]) -> None:
    """Write the build into a temporary folder, flush it to disk, then rename it into place."""
    temporary = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    dense.save(dense.build(vectors), temporary)
    with (temporary / PASSAGE_IDS).open("wb") as handle:  # a full disk: an OSError with errno
        handle.write(_npy(np.asarray(ids, dtype=np.int64)))
    LexicalIndex.build(texts).save(temporary)
    save_term_stats(TermStats.from_texts(texts), temporary)
    save_accent_model(AccentModel.from_texts(texts), temporary)
    for path in temporary.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    temporary.rename(folder)


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def _activate(session: Session, build: IndexBuild, report: ReindexReport) -> None:
    """Switch the active build in one transaction."""
    session.execute(
        update(IndexBuild).where(IndexBuild.status == "active").values(status="retired")
    )
    build.status = "active"
    build.finished_at = utcnow()
    build.seconds = report.seconds
    build.added, build.changed, build.removed = (
        len(report.added),
        len(report.changed),
        len(report.removed),
    )
    build.unchanged, build.failed = report.unchanged, len(report.failed)
    build.passages, build.embedded = report.passages, report.embedded
    session.commit()


def _abandon(session: Session, index_dir: Path) -> None:
    """After a failed reindex (still under the lock): its build marked failed, its files
    removed. Should the database fail too, the next reindex does it."""
    try:
        session.rollback()
        _discard_unfinished(session, index_dir)
    except SQLAlchemyError:
        session.rollback()


def _disk_full(error: Exception) -> str | None:
    """Why writing failed, when it was for want of disk space (or of the file size allowed):
    an OSError's errno, a short write numpy reports without one, or the database saying so."""
    if isinstance(error, OSError):
        if error.errno in DISK_FULL or (error.errno is None and "written" in str(error)):
            return str(error)
        return None
    if isinstance(error, OperationalError):
        said = str(error.orig)
        if "disk is full" in said or os.strerror(errno.ENOSPC) in said:
            return said.splitlines()[0]
    return None


def _discard_unfinished(session: Session, index_dir: Path) -> None:
    """Mark builds left 'building' by a crash as failed and delete their files. Only under the
    reindex lock: otherwise the build of a reindex running elsewhere would be 'unfinished'."""
    for build in session.scalars(select(IndexBuild).where(IndexBuild.status == "building")):
        build.status = "failed"
        folder = build_folder(index_dir, build.id)
        shutil.rmtree(folder.with_name(folder.name + ".tmp"), ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    session.commit()


def _prune(session: Session, index_dir: Path, keep_retired: int = 1) -> None:
    """Keep the active build and the newest retired one; delete older builds and orphan rows."""
    retired = session.scalars(
        select(IndexBuild)
        .where(IndexBuild.status.in_(("retired", "failed")))
        .order_by(IndexBuild.id.desc())
    ).all()
    old = [b for b in retired if b.status == "failed"] + [
        b for b in retired if b.status == "retired"
    ][keep_retired:]
    for build in old:
        shutil.rmtree(build_folder(index_dir, build.id), ignore_errors=True)
        session.execute(delete(BuildDocument).where(BuildDocument.build_id == build.id))
        unpublish(session, build.id)
        build.status = "deleted"
    session.flush()
    referenced = select(BuildDocument.document_id)
    orphans = session.scalars(select(DocumentRow).where(DocumentRow.id.not_in(referenced))).all()
    for row in orphans:
        session.delete(row)
    session.commit()
