"""Several replicas sharing only PostgreSQL (127.0.0.1:5432): each with its own index folder,
builds published through the database, one reindex at a time, progress visible everywhere,
a reindex killed or out of disk space. Replicas are QAService instances or ``qa`` processes."""

from __future__ import annotations

import hashlib
import logging
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.orm import Session

import qa.service
from conftest import SMALL, STARTER_DOCUMENTS, make_settings, qa_env, write
from qa import messages
from qa.embed import Embedder
from qa.index.lock import ReindexBusy, reindex_lock
from qa.index.publish import load_active
from qa.index.snapshot import build_folder
from qa.service import QAError, QAService
from qa.settings import Settings
from qa.status import reindexing
from qa.store.models import BuildFileRow, IndexBuild

UNIVERSITY = "thành lập trường đại học công nghiệp thực phẩm"
HEALTH_WORKERS = "tăng cường cán bộ y tế cho tuyến huyện và tuyến xã"
BIG = "van-ban-hanh-chinh/quyet-dinh-ve-viec-xay-dung-quan-ly-khai-thac-tu-sach-phap-luat.txt"


class CountingEmbedder:
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.passages = 0

    @property
    def key(self) -> str:
        return self._inner.key

    @property
    def dim(self) -> int:
        return self._inner.dim

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages += len(texts)
        return self._inner.embed_passages(texts)


def add(folder: Path, name: str) -> None:
    write(folder, name, (STARTER_DOCUMENTS / "van-ban-hanh-chinh" / name).read_text("utf-8"))


def replica(documents: Path, index: Path, url: str, embedder: Embedder) -> QAService:
    settings = Settings(QA_DOCUMENTS_DIR=documents, QA_INDEX_DIR=index, DATABASE_URL=url)
    return QAService(settings, embedder)


def top_document(service: QAService, question: str) -> str:
    return service.search(question, top_k=1)[0].passage.document_path


def checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def wait_for(condition, seconds: float) -> float:  # type: ignore[no-untyped-def]
    """Seconds until ``condition()`` holds (polled); fails after ``seconds``."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "not within time"
        time.sleep(0.1)
    return time.monotonic() - started


def status_of(url: str, build_id: int) -> str:
    engine = create_engine(url)
    with Session(engine) as session:
        status = session.scalar(select(IndexBuild.status).where(IndexBuild.id == build_id))
    engine.dispose()
    assert status is not None
    return status


def advisory_locks(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
    engine.dispose()
    return int(count or 0)


@pytest.fixture
def documents(collection: Path) -> Path:
    add(collection, SMALL[1])
    return collection


@pytest.fixture
def first(documents: Path, tmp_path: Path, postgres_url: str, embedder) -> Iterator[QAService]:
    """Replica A, which has made the first build."""
    service = replica(documents, tmp_path / "a", postgres_url, embedder)
    service.reindex()
    yield service
    service.close()


def test_a_build_made_on_one_replica_reaches_the_others(
    first: QAService, documents: Path, tmp_path: Path, postgres_url: str, embedder
) -> None:
    counting = CountingEmbedder(embedder)
    other = replica(documents, tmp_path / "b", postgres_url, counting)
    build_id = first.status().build_id

    started = time.monotonic()
    assert other.snapshot().build_id == build_id  # fetched from the database
    fetched_in = time.monotonic() - started

    assert top_document(other, UNIVERSITY) == SMALL[1]
    assert counting.passages == 0  # a replica that starts later fetches, never re-embeds
    ours, theirs = (build_folder(s.settings.index_dir, build_id) for s in (first, other))
    assert checksums(theirs) == checksums(ours) and len(checksums(ours)) >= 5
    engine = create_engine(postgres_url)
    with Session(engine) as session:
        published = {
            row.name: row.sha256
            for row in session.scalars(
                select(BuildFileRow).where(BuildFileRow.build_id == build_id)
            )
        }
    assert published == checksums(ours)

    add(documents, SMALL[0])
    second = first.reindex()
    switched_in = wait_for(lambda: other.snapshot().build_id == second.build_id, seconds=5)
    assert top_document(other, HEALTH_WORKERS) == SMALL[0]
    assert counting.passages == 0
    assert not [p for p in (tmp_path / "b" / "builds").iterdir() if ".fetch-" in p.name]
    print(f"first fetch {fetched_in:.2f}s, switched to the second build in {switched_in:.2f}s")

    # pruning a build deletes its published files too
    third = first.reindex()
    fourth = first.reindex()
    with Session(engine) as session:
        kept = set(session.scalars(select(BuildFileRow.build_id).distinct()))
    assert kept == {third.build_id, fourth.build_id}
    engine.dispose()
    other.close()


def test_a_corrupt_published_build_is_never_switched_to(
    first: QAService,
    documents: Path,
    tmp_path: Path,
    postgres_url: str,
    embedder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    other = replica(documents, tmp_path / "b", postgres_url, embedder)
    old = other.snapshot().build_id
    add(documents, SMALL[0])
    new = first.reindex().build_id
    engine = create_engine(postgres_url)
    with Session(engine) as session:
        session.execute(
            update(BuildFileRow)
            .where(BuildFileRow.build_id == new, BuildFileRow.name == "dense.faiss")
            .values(data=b"not what was published")
        )
        session.commit()

    time.sleep(1.1)  # the replica looks for a newer build every second
    with caplog.at_level(logging.ERROR, logger="qa.service"):
        assert other.snapshot().build_id == old  # keeps answering from the build it has
    assert top_document(other, UNIVERSITY) == SMALL[1]
    corrupt = messages.BUILD_FETCH_CORRUPT.format(build=new, name="dense.faiss")
    assert corrupt in caplog.text
    assert sorted(p.name for p in (tmp_path / "b" / "builds").iterdir()) == [str(old)]

    fresh = replica(documents, tmp_path / "c", postgres_url, embedder)
    with pytest.raises(QAError) as error:
        fresh.snapshot()  # nothing to answer from: says why
    assert str(error.value) == corrupt

    with Session(engine) as session:  # a published file missing
        session.execute(
            BuildFileRow.__table__.delete().where(
                BuildFileRow.build_id == new, BuildFileRow.name == "dense.faiss"
            )
        )
        session.commit()
    with pytest.raises(QAError) as error:
        fresh.snapshot()
    assert str(error.value).startswith(
        messages.BUILD_FETCH_INCOMPLETE.split("(")[0].format(build=new)
    )
    assert not (tmp_path / "c" / "builds" / str(new)).exists()
    engine.dispose()
    for service in (other, fresh):
        service.close()


def test_answering_goes_on_while_a_newer_build_is_fetched(
    first: QAService,
    documents: Path,
    tmp_path: Path,
    postgres_url: str,
    embedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = replica(documents, tmp_path / "b", postgres_url, embedder)
    old = other.snapshot().build_id
    add(documents, SMALL[0])
    new = first.reindex().build_id
    fetching, fetched = threading.Event(), threading.Event()

    def slow_fetch(*args):  # type: ignore[no-untyped-def]
        fetching.set()
        assert fetched.wait(30)
        return load_active(*args)

    monkeypatch.setattr(qa.service, "load_active", slow_fetch)
    time.sleep(1.1)
    loader = threading.Thread(target=other.snapshot)
    loader.start()
    assert fetching.wait(30)

    started = time.monotonic()
    assert other.snapshot().build_id == old  # not blocked by the fetch
    assert top_document(other, UNIVERSITY) == SMALL[1]
    # blocked, it would wait for the fetch, which waits 30 s for this test to let it go
    assert time.monotonic() - started < 10
    fetched.set()
    loader.join()
    assert other.snapshot().build_id == new
    other.close()


def test_one_reindex_at_a_time_across_replicas(
    collection: Path, tmp_path: Path, postgres_url: str, embedder
) -> None:
    add(collection, SMALL[1])
    other = replica(collection, tmp_path / "b", postgres_url, embedder)
    with reindex_lock(tmp_path / "a", postgres_url):  # replica A reindexing, its own folder
        assert advisory_locks(postgres_url) == 1
        with pytest.raises(ReindexBusy):
            other.reindex()
    assert advisory_locks(postgres_url) == 0
    assert other.reindex().passages > 0
    assert not (tmp_path / "b" / "reindex.lock").exists()  # no file lock on PostgreSQL
    other.close()


def qa_process(documents: Path, index: Path, url: str, **options) -> dict:  # type: ignore[no-untyped-def]
    """Popen arguments for ``qa reindex`` as another replica (its own index folder)."""
    env = {**qa_env(documents, index), "DATABASE_URL": url}
    return dict(args=[sys.executable, "-m", "qa", "reindex"], env=env, text=True, **options)


def test_a_replica_killed_while_reindexing(
    first: QAService, documents: Path, tmp_path: Path, postgres_url: str, embedder
) -> None:
    old = first.status().build_id
    write(documents, "them.txt", (STARTER_DOCUMENTS / BIG).read_text("utf-8"))
    process = subprocess.Popen(
        **qa_process(
            documents,
            tmp_path / "killed",
            postgres_url,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    engine = create_engine(postgres_url)

    def embedding() -> bool:
        assert process.poll() is None, "reindex finished before it could be killed"
        with Session(engine) as session:
            running = reindexing(session)
        return running is not None and running.unit == "passages"

    wait_for(embedding, seconds=120)
    process.send_signal(signal.SIGKILL)
    process.wait()

    other = replica(documents, tmp_path / "b", postgres_url, embedder)
    assert other.snapshot().build_id == old  # not activated; the old build answers
    assert top_document(other, UNIVERSITY) == SMALL[1]
    wait_for(lambda: advisory_locks(postgres_url) == 0, seconds=10)  # released by the server
    with Session(engine) as session:
        killed = session.scalar(select(IndexBuild.id).where(IndexBuild.status == "building"))
    assert killed is not None

    report = other.reindex()  # a later reindex, on another replica, succeeds
    assert report.added == ["them.txt"]
    assert status_of(postgres_url, killed) == "deleted"  # marked failed, then pruned
    assert top_document(first, "tủ sách pháp luật") == "them.txt"
    engine.dispose()
    other.close()


FILE_SIZE_LIMIT = 4096  # bytes: less than the dense index of the build


def small_files() -> None:
    """In the child: files may not grow past the limit, and a write past it fails with
    EFBIG ("File too large") instead of the process being killed by SIGXFSZ."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def test_disk_full_during_a_reindex(
    first: QAService, documents: Path, tmp_path: Path, postgres_url: str, embedder
) -> None:
    old = first.status().build_id
    index = tmp_path / "full"
    result = subprocess.run(
        **qa_process(
            documents, index, postgres_url, capture_output=True, preexec_fn=small_files, timeout=300
        )
    )

    assert result.returncode == 1, result.stderr
    assert "Ổ đĩa đã đầy" in result.stderr and "File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert first.status().build_id == old
    assert status_of(postgres_url, old + 1) == "failed"
    assert not list((index / "builds").iterdir())  # its partial files removed
    other = replica(documents, tmp_path / "b", postgres_url, embedder)
    assert other.snapshot().build_id == old
    assert top_document(other, UNIVERSITY) == SMALL[1]
    other.close()


def test_progress_is_visible_from_another_connection(
    collection: Path, tmp_path: Path, postgres_url: str, embedder
) -> None:
    add(collection, SMALL[1])
    add(collection, SMALL[0])
    service = replica(collection, tmp_path / "a", postgres_url, embedder)
    watcher = create_engine(postgres_url)  # as another replica would look
    seen: list[tuple] = []

    def progress(done: int, total: int, unit: str) -> None:
        with Session(watcher) as session:
            running = reindexing(session)
        assert running is not None
        seen.append((running.unit, running.done, running.total, running.host))
        assert running.heartbeat_at is not None

    report = service.reindex(progress=progress)

    host = socket.gethostname()
    assert ("pages", 2, 2, host) in seen
    assert ("passages", report.embedded, report.embedded, host) in seen
    with Session(watcher) as session:
        assert reindexing(session) is None
    watcher.dispose()
    service.close()


def test_sqlite_keeps_the_file_lock_and_publishes_nothing(
    collection: Path, tmp_path: Path, embedder
) -> None:
    add(collection, SMALL[1])
    index = tmp_path / "index"
    settings = make_settings(collection, index)
    assert not settings.publishes_builds
    assert Settings(DATABASE_URL="postgresql+psycopg://db/qa").publishes_builds
    assert not Settings(
        DATABASE_URL="postgresql+psycopg://db/qa", QA_PUBLISH_BUILDS="0"
    ).publishes_builds
    service = QAService(settings, embedder)

    service.reindex()

    with sqlite3.connect(index / "qa.sqlite3") as db:
        assert db.execute("select count(*) from build_files").fetchone()[0] == 0
        assert db.execute("select host from index_builds").fetchone()[0] == socket.gethostname()
    with reindex_lock(index, settings.db_url):
        assert (index / "reindex.lock").exists()
        with pytest.raises(ReindexBusy):
            service.reindex()
    assert top_document(service, UNIVERSITY) == SMALL[1]
    service.close()
