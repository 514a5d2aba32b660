"""The same reindex and answers on PostgreSQL (127.0.0.1:5432), with migrations applied."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect

from conftest import STARTER_DOCUMENTS, write
from qa.service import QAService
from qa.settings import Settings


def test_reindex_and_answer_on_postgres(
    postgres_url: str, collection: Path, tmp_path: Path, embedder
) -> None:
    report_file = "bao-cao/quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang"
    for suffix in (".txt", ".meta.toml"):
        write(
            collection,
            report_file + suffix,
            (STARTER_DOCUMENTS / (report_file + suffix)).read_text("utf-8"),
        )
    settings = Settings(
        QA_DOCUMENTS_DIR=collection, QA_INDEX_DIR=tmp_path / "index", DATABASE_URL=postgres_url
    )
    service = QAService(settings, embedder)

    first = service.reindex()
    second = service.reindex()

    assert first.added == [report_file + ".txt"] and first.embedded == first.passages
    assert second.unchanged == 1 and second.embedded == 0
    answer = service.ask("Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng?")
    assert answer.answered and "Phan Văn Phụng" in answer.text
    engine = create_engine(postgres_url)
    assert {"documents", "passages", "embeddings", "index_builds", "alembic_version"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()
    service.close()
