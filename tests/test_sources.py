"""The documents folder kept in agreement across replicas (qa.index.sources): two QAService
replicas with their own documents and index folders, one PostgreSQL database (127.0.0.1:5432).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bot.conversation import Conversation
from conftest import SMALL, STARTER_DOCUMENTS, make_settings, write
from qa.embed import Embedder
from qa.service import QAService
from qa.settings import Settings
from qa.store.models import SourceFileRow


def text_of(name: str) -> str:
    return (STARTER_DOCUMENTS / "van-ban-hanh-chinh" / name).read_text("utf-8")


def indexed(service: QAService) -> set[str]:
    return {d.path for d in service.documents()}


def rows(url: str) -> dict[str, SourceFileRow]:
    engine = create_engine(url)
    with Session(engine) as session:
        found = {row.path: row for row in session.scalars(select(SourceFileRow))}
    engine.dispose()
    return found


@dataclass
class Replicas:
    a: QAService
    b: QAService
    url: str

    def folder(self, service: QAService) -> Path:
        return service.settings.documents_dir


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str, embedder: Embedder) -> Iterator[Replicas]:
    """A and B, both holding SMALL[1]; A has made the first build."""
    services = []
    for name in ("a", "b"):
        documents = tmp_path / name / "documents"
        write(documents, SMALL[1], text_of(SMALL[1]))
        settings = Settings(
            QA_DOCUMENTS_DIR=documents,
            QA_INDEX_DIR=tmp_path / name / "index",
            DATABASE_URL=postgres_url,
        )
        services.append(QAService(settings, embedder))
    pair = Replicas(*services, postgres_url)
    pair.a.reindex()
    yield pair
    for service in services:
        service.close()


def test_a_document_added_on_one_replica_survives_a_reindex_on_another(
    replicas: Replicas,
) -> None:
    a, b = replicas.a, replicas.b
    added = write(replicas.folder(a), SMALL[0], text_of(SMALL[0]))
    assert a.reindex().added == [SMALL[0]]

    report = b.reindex()  # B's folder lacked it: pulled first, so it stays indexed

    assert SMALL[0] not in report.removed
    assert indexed(b) == indexed(a) == {SMALL[0], SMALL[1]}
    assert (replicas.folder(b) / SMALL[0]).read_bytes() == added.read_bytes()
    assert set(rows(replicas.url)) == {SMALL[0], SMALL[1]}
    assert not [p for p in replicas.folder(b).iterdir() if p.name.startswith(".sync-")]


def test_a_document_removed_on_one_replica_stays_removed(replicas: Replicas) -> None:
    a, b = replicas.a, replicas.b
    write(replicas.folder(a), SMALL[0], text_of(SMALL[0]))
    a.reindex()
    b.reindex()
    assert (replicas.folder(b) / SMALL[0]).is_file()

    conversation = Conversation(a)
    try:
        trash, report = asyncio.run(conversation.remove_document(SMALL[0]))
    finally:
        conversation.close()
    assert report.removed == [SMALL[0]] and (trash / SMALL[0]).is_file()
    assert rows(replicas.url)[SMALL[0]].removed

    report = b.reindex()  # B's copy does not bring it back

    assert report.removed == []  # the build it replaced was A's, without it already
    assert indexed(b) == indexed(a) == {SMALL[1]}
    assert not (replicas.folder(b) / SMALL[0]).exists()
    moved = list((b.settings.index_dir / "removed").glob(f"*/{SMALL[0]}"))
    assert [p.read_text("utf-8") for p in moved] == [text_of(SMALL[0])]
    a.reindex()
    assert indexed(a) == {SMALL[1]} and not (replicas.folder(a) / SMALL[0]).exists()


def test_a_file_copied_by_hand_is_published_by_its_replica(replicas: Replicas) -> None:
    a, b = replicas.a, replicas.b
    copied = write(replicas.folder(b), SMALL[2], text_of(SMALL[2]))
    write(replicas.folder(b), ".ghi-chu.txt", "nháp, không phải văn bản")  # skipped by the ingest

    assert b.reindex().added == [SMALL[2]]
    assert set(rows(replicas.url)) == {SMALL[1], SMALL[2]}
    assert not (replicas.folder(a) / SMALL[2]).exists()

    a.reindex()

    assert (replicas.folder(a) / SMALL[2]).read_bytes() == copied.read_bytes()
    assert indexed(a) == {SMALL[1], SMALL[2]}
    assert not (replicas.folder(a) / ".ghi-chu.txt").exists()


def test_the_newest_version_wins_and_the_older_is_kept(replicas: Replicas) -> None:
    a, b = replicas.a, replicas.b
    edited = text_of(SMALL[1]).replace("Điều 1", "Điều 1 (sửa đổi)", 1)
    assert edited != text_of(SMALL[1])
    time.sleep(0.01)  # after A published its copy
    write(replicas.folder(b), SMALL[1], edited)

    assert b.reindex().changed == [SMALL[1]]  # B's copy is newer: published
    a.reindex()

    assert (replicas.folder(a) / SMALL[1]).read_text("utf-8") == edited
    older = list((a.settings.index_dir / "removed").glob(f"*/{SMALL[1]}"))
    assert [p.read_text("utf-8") for p in older] == [text_of(SMALL[1])]
    stale = replicas.folder(a) / SMALL[1]
    write(replicas.folder(a), SMALL[1], text_of(SMALL[1]))
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # an old copy put back by hand
    a.reindex()
    assert (replicas.folder(a) / SMALL[1]).read_text("utf-8") == edited


def test_the_original_file_of_a_document_only_another_replica_has(replicas: Replicas) -> None:
    a, b = replicas.a, replicas.b
    added = write(replicas.folder(a), SMALL[0], text_of(SMALL[0]))
    a.reindex()
    assert not (replicas.folder(b) / SMALL[0]).exists()

    path = b.original_file(SMALL[0])

    assert path == (replicas.folder(b) / SMALL[0]).resolve()
    assert path.read_bytes() == added.read_bytes()


def test_sqlite_publishes_no_documents(collection: Path, tmp_path: Path, embedder) -> None:
    write(collection, SMALL[1], text_of(SMALL[1]))
    write(collection, SMALL[0], text_of(SMALL[0]))
    index = tmp_path / "index"
    service = QAService(make_settings(collection, index), embedder)
    before = sorted(p.relative_to(collection) for p in collection.rglob("*"))

    service.reindex()
    assert sorted(p.relative_to(collection) for p in collection.rglob("*")) == before
    service.remove_source(SMALL[0])
    service.reindex()

    assert indexed(service) == {SMALL[1]}
    assert list((index / "removed").glob(f"*/{SMALL[0]}"))
    with sqlite3.connect(index / "qa.sqlite3") as db:
        assert db.execute("select count(*) from source_files").fetchone()[0] == 0
    service.close()
