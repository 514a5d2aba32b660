""".doc, .rtf and .odt read through LibreOffice: a Party directive written with python-docx,
converted by LibreOffice in the test, then indexed and asked about on the real stack."""

from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import docx
import psutil
import pytest
from PIL import Image
from test_ingest import to_tcvn3

from bot.uploads import UploadRejected, check
from conftest import make_settings, write
from factories import (
    DIRECTIVE_ANSWER,
    DIRECTIVE_BODY,
    DIRECTIVE_QUESTION,
    DIRECTIVE_SIGNER,
    DIRECTIVE_SUBJECT,
    libreoffice_convert,
    make_directive_docx,
)
from qa import messages
from qa.ingest import SUPPORTED_SUFFIXES, IngestError, office, read_document
from qa.ingest.readers import extract
from qa.service import QAService

FORMATS = (".doc", ".rtf", ".odt")


def tcvn3_docx(path: Path) -> Path:
    """A page typed in the .VnTime font: TCVN3 bytes, which Word shows as Vietnamese."""
    document = docx.Document()
    title = document.add_paragraph().add_run(to_tcvn3("thông báo kết luận"))
    title.font.name = ".VnTimeH"  # the capitals font
    body = document.add_paragraph().add_run(
        to_tcvn3("Hội nghị thống nhất tăng cường kiểm tra, giám sát tổ chức đảng cơ sở.")
    )
    body.font.name = ".VnTime"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The directive as .doc, .rtf and .odt, and the TCVN3 page as "tcvn3.doc" (three runs of
    LibreOffice, one per target format)."""
    folder = tmp_path_factory.mktemp("office")
    sources = [make_directive_docx(folder / "chi-thi.docx"), tcvn3_docx(folder / "tcvn3.docx")]
    files: dict[str, bytes] = {}
    for suffix in FORMATS:
        directive, *_ = libreoffice_convert(
            sources if suffix == ".doc" else sources[:1], suffix, folder
        )
        files[suffix] = directive.read_bytes()
    files["tcvn3.doc"] = (folder / "tcvn3.doc").read_bytes()
    return files


def test_the_new_suffixes_are_supported() -> None:
    assert set(FORMATS) <= set(SUPPORTED_SUFFIXES)


def test_uploads_accept_each_new_format_told_by_its_bytes(converted: dict[str, bytes]) -> None:
    images = {}
    for kind, suffix in [("JPEG", ".jpg"), ("PNG", ".png"), ("TIFF", ".tif")]:
        out = io.BytesIO()
        Image.new("L", (8, 8), 255).save(out, kind)
        images[suffix] = out.getvalue()
    files = {**converted, **images, ".jpeg": images[".jpg"], ".tiff": images[".tif"]}
    for suffix in [*FORMATS, *images, ".jpeg", ".tiff"]:
        assert check(f"van-ban{suffix.upper()}", files[suffix], 20) == f"van-ban{suffix}"
    for name, data, kind in [
        ("a.doc", converted[".rtf"], "DOC"),
        ("a.rtf", converted[".odt"], "RTF"),
        ("a.odt", converted[".doc"], "ODT"),
        ("a.jpg", images[".png"], "JPEG"),
        ("a.tiff", b"II*\x01 no tiff", "TIFF"),
    ]:
        with pytest.raises(UploadRejected) as raised:
            check(name, data, 20)
        assert str(raised.value) == messages.UPLOAD_TYPE_MISMATCH.format(kind=kind)


def test_each_format_reads_with_its_header_metadata_in_parallel(
    converted: dict[str, bytes], tmp_path: Path
) -> None:
    for suffix in FORMATS:
        (tmp_path / f"chi-thi{suffix}").write_bytes(converted[suffix])

    # Three LibreOffice runs at once: each has its own profile, none waits for another.
    with ThreadPoolExecutor(len(FORMATS)) as pool:
        documents = list(
            pool.map(lambda s: read_document(tmp_path, tmp_path / f"chi-thi{s}"), FORMATS)
        )

    for document in documents:
        meta = document.meta
        assert meta.title == f"Chỉ thị {DIRECTIVE_SUBJECT}", document.path
        assert meta.doc_type == "Chỉ thị"
        assert meta.number == "05-CT/TU"
        assert meta.issuer == "Tỉnh ủy Quảng Trị"
        assert meta.place == "Quảng Trị"
        assert meta.issued == date(2021, 4, 15)
        assert meta.signer == f"{DIRECTIVE_SIGNER} (Bí thư)"
        assert meta.recipients == (
            "Ban Tổ chức Trung ương",
            "Các huyện ủy, thành ủy",
            "Lưu VP Tỉnh ủy",
        )
        lines = document.text.split("\n")
        assert all(paragraph in lines for paragraph in DIRECTIVE_BODY), document.path


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_question_is_answered_from_each_format_with_a_cited_quote(
    suffix: str, converted: dict[str, bytes], collection: Path, tmp_path: Path, embedder
) -> None:
    (collection / f"chi-thi-05{suffix}").write_bytes(converted[suffix])
    write(
        collection,
        "thong-bao.txt",
        "Thông báo về lịch tiếp công dân\nLãnh đạo Văn phòng Tỉnh ủy tiếp công dân vào sáng thứ "
        "Năm hằng tuần tại trụ sở cơ quan.",
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    try:
        report = service.reindex()
        assert report.ok and sorted(report.added) == [f"chi-thi-05{suffix}", "thong-bao.txt"]

        answer = service.ask(DIRECTIVE_QUESTION)
    finally:
        service.close()

    assert answer.kind == "answer"
    citation = answer.citations[0]
    passage = citation.hit.passage
    assert passage.document_path == f"chi-thi-05{suffix}"
    assert passage.meta.number == "05-CT/TU"
    assert DIRECTIVE_ANSWER in citation.quote and citation.quote in passage.text
    assert f"[{citation.number}]" in answer.text and "05-CT/TU" in answer.text


def test_a_doc_in_the_tcvn3_font_reads_as_unicode_vietnamese(converted: dict[str, bytes]) -> None:
    text = extract(".doc", converted["tcvn3.doc"]).text

    assert text == (
        "THÔNG BÁO KẾT LUẬN\nHội nghị thống nhất tăng cường kiểm tra, giám sát tổ chức đảng cơ sở."
    )


def test_files_that_are_not_what_their_name_says_are_reported_and_nothing_else_is_lost(
    converted: dict[str, bytes], collection: Path, tmp_path: Path, embedder
) -> None:
    write(collection, "van-ban.doc", "Chỉ thị này là một tệp văn bản thuần đặt đuôi .doc.")
    (collection / "hong.doc").write_bytes(converted[".doc"][:4096])  # cut short
    (collection / "rac.rtf").write_bytes(b"\x00\x01garbage" * 50)
    (collection / "nen.odt").write_bytes(converted[".doc"])  # a .doc named .odt
    write(
        collection,
        "thong-bao.txt",
        "Thông báo về lịch tiếp công dân\nLãnh đạo Văn phòng Tỉnh ủy tiếp công dân vào sáng thứ "
        "Năm hằng tuần tại trụ sở cơ quan.",
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    try:
        report = service.reindex()
        hit = service.search("lãnh đạo tiếp công dân vào ngày nào", top_k=1)[0]
    finally:
        service.close()

    assert report.added == ["thong-bao.txt"] and hit.passage.document_path == "thong-bao.txt"
    assert {f.path: f.reason for f in report.failed} == {
        "hong.doc": messages.CORRUPT_FILE.format(kind="DOC"),
        "nen.odt": messages.CORRUPT_FILE.format(kind="ODT"),
        "rac.rtf": messages.CORRUPT_FILE.format(kind="RTF"),
        "van-ban.doc": messages.CORRUPT_FILE.format(kind="DOC"),
    }


def test_without_libreoffice_the_message_names_the_package(
    converted: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "chi-thi.odt").write_bytes(converted[".odt"])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    with pytest.raises(IngestError) as raised:
        read_document(tmp_path, tmp_path / "chi-thi.odt")

    assert raised.value.reason == messages.OFFICE_MISSING.format(
        kind="ODT", package="libreoffice-writer-nogui"
    )
    assert "libreoffice-writer-nogui" in raised.value.reason


def test_a_conversion_that_takes_too_long_is_stopped_with_its_processes(
    converted: dict[str, bytes],
) -> None:
    with pytest.raises(IngestError) as raised:
        office.to_docx(converted[".rtf"], ".rtf", timeout=0.3)

    assert raised.value.reason == messages.OFFICE_TIMEOUT.format(kind="RTF", seconds=0.3)
    deadline = time.monotonic() + 5
    while (left := _orphans()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left


def _orphans() -> list[psutil.Process]:
    """LibreOffice processes still running in a conversion folder that no longer exists."""
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        cmdline = process.info["cmdline"] or []
        profiles = [a for a in cmdline if a.startswith("-env:UserInstallation=file://")]
        if process.info["status"] == psutil.STATUS_ZOMBIE or not profiles:
            continue
        folder = Path(profiles[0].removeprefix("-env:UserInstallation=file://")).parent
        if folder.name.startswith("qa-office-") and not folder.exists():
            found.append(process)
    return found
