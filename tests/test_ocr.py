"""Scanned PDFs and photos of a page, read by Tesseract (Debian: tesseract-ocr, tesseract-ocr-vie):
from the file to a cited answer, the page checks, the cache, and files that are not what
they claim to be. Every scan is made in the test (tests/scans.py)."""

from __future__ import annotations

import io
import shutil
import stat
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from fpdf import FPDF
from PIL import Image

from bot.render import progress_text
from conftest import make_settings, write
from official_fixtures import FONT, PARTY_META
from qa import messages
from qa.index.ocr_cache import SqlPageCache
from qa.ingest import IngestError, read_document
from qa.ingest.pages import ScanReader
from qa.models import Document, IngestFailure
from qa.service import QAService
from qa.store.db import make_engine, make_sessionmaker
from scans import (
    PAGE_TEXT,
    char_accuracy,
    mixed_pdf,
    page_scan,
    phone_photo,
    png_bytes,
    scanned_pdf,
    typed_page,
)

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-vie)",
)

ANNEX = [
    "PHỤ LỤC: LỊCH SINH HOẠT CHUYÊN ĐỀ NĂM 2021",
    "Quý I, các chi bộ sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong "
    "cách Hồ Chí Minh, gắn với việc thực hiện nhiệm vụ chính trị của cơ quan, đơn vị.",
    "Quý II, các chi bộ sinh hoạt chuyên đề về nâng cao chất lượng đảng viên và công tác "
    "phát triển đảng viên ở khu dân cư.",
]
ENGLISH = [
    "Annex 2: quarterly figures of the provincial statistics office.",
    "The tables below were copied from the yearly report without translation.",
]
PLAN = [
    "Kế hoạch số 12-KH/TU về sinh hoạt chuyên đề năm 2021",
    "Các chi bộ tổ chức sinh hoạt chuyên đề ít nhất mỗi quý một lần theo lịch tại phụ lục "
    "kèm theo kế hoạch này.",
]


def logging_tesseract(folder: Path) -> tuple[Path, Path]:
    """A ``tesseract`` command that logs its arguments, then runs the real one."""
    log = folder / "tesseract.log"
    command = folder / "tesseract"
    command.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec tesseract "$@"\n')
    command.chmod(command.stat().st_mode | stat.S_IEXEC)
    return command, log


def ocr_runs(log: Path) -> int:
    """Pages OCR'd in Vietnamese (not the version, language or orientation queries)."""
    lines = log.read_text().splitlines() if log.exists() else []
    return sum("-l vie" in line for line in lines)


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return page_scan()


@pytest.fixture(scope="module")
def scans(
    tmp_path_factory: pytest.TempPathFactory, page: Image.Image, embedder
) -> Iterator[tuple[QAService, list, Path]]:
    """A collection of a scanned PDF, a phone photo and a PDF of a typed page with two scanned
    annex pages (one in English), indexed once; (service, progress calls, tesseract log)."""
    root = tmp_path_factory.mktemp("scans")
    documents = root / "documents"
    documents.mkdir()
    (documents / "chi-thi-05-ban-quet.pdf").write_bytes(scanned_pdf(page))
    (documents / "anh-chup-chi-thi-05.jpg").write_bytes(phone_photo(page))
    (documents / "ke-hoach-12-kem-phu-luc.pdf").write_bytes(
        mixed_pdf(PLAN, typed_page(ANNEX), typed_page(ENGLISH))
    )
    command, log = logging_tesseract(root)
    settings = make_settings(documents, root / "index", QA_TESSERACT_CMD=str(command))
    service = QAService(settings, embedder)
    progress: list[tuple[int, int, str]] = []
    report = service.reindex(progress=lambda *call: progress.append(call))
    assert sorted(report.added) == [
        "anh-chup-chi-thi-05.jpg",
        "chi-thi-05-ban-quet.pdf",
        "ke-hoach-12-kem-phu-luc.pdf",
    ]
    assert report.failed == []
    yield service, progress, log
    service.close()


def cached_read(service: QAService, name: str) -> Document:
    """A document of the collection read again, its scanned pages from the page cache."""
    engine = make_engine(service.settings.db_url)
    with make_sessionmaker(engine)() as session:
        cached = ScanReader(service.ocr, SqlPageCache(session))
        documents = service.settings.documents_dir
        document = read_document(documents, documents / name, cached)
    engine.dispose()
    return document


def test_scanned_page_is_answered_with_a_quote_marked_as_scanned(scans) -> None:
    service, _, _ = scans
    answer = service.ask("Tạo nguồn kết nạp đảng viên từ đâu?")
    assert answer.kind == "answer"
    # one sentence, though on the photo Tesseract cut its paragraph in two after "doanh"
    assert "người lao động trong doanh nghiệp, dân quân tự vệ" in answer.text
    cited = {c.hit.passage.document_path for c in answer.citations}
    assert cited & {"chi-thi-05-ban-quet.pdf", "anh-chup-chi-thi-05.jpg"}
    sources = answer.text.split(messages.SOURCES)[1]
    assert f"{PARTY_META.doc_type} {PARTY_META.number}" in sources
    assert messages.SCANNED in sources

    annex = service.ask("Quý II các chi bộ sinh hoạt chuyên đề về nội dung gì?")
    assert annex.kind == "answer"
    assert "nâng cao chất lượng đảng viên" in annex.text
    assert annex.citations[0].hit.passage.document_path == "ke-hoach-12-kem-phu-luc.pdf"
    assert messages.SCANNED in annex.text.split(messages.SOURCES)[1]


def test_header_of_a_scan_and_of_a_photo_read_field_by_field(scans) -> None:
    service, _, _ = scans
    documents = {d.path: d for d in service.documents()}
    for path in ("chi-thi-05-ban-quet.pdf", "anh-chup-chi-thi-05.jpg"):
        assert documents[path].meta == replace(PARTY_META, pages=1, scanned_pages=1)
    plan = documents["ke-hoach-12-kem-phu-luc.pdf"].meta
    assert (plan.pages, plan.scanned_pages) == (3, 1)


def test_a_page_that_is_not_vietnamese_is_left_out_and_reported(scans) -> None:
    service, _, _ = scans
    report = service.reindex(full=True)
    [warning] = report.warnings
    assert warning.path == "ke-hoach-12-kem-phu-luc.pdf"
    before, after = messages.OCR_PAGE_REJECTED.split("{reason}")
    assert warning.reason.startswith(before.format(page=3)) and warning.reason.endswith(after)
    assert messages.OCR_NOT_VIETNAMESE.split("(")[0] in warning.reason
    summary = report.summary()  # what `qa reindex` prints and the bot sends
    assert messages.REINDEX_WARNINGS in summary
    assert f"ke-hoach-12-kem-phu-luc.pdf: {warning.reason}" in summary
    text = cached_read(service, "ke-hoach-12-kem-phu-luc.pdf").text
    assert "lịch tại phụ lục" in text and "phong cách Hồ Chí Minh" in text
    assert "statistics" not in text


def test_progress_counts_pages_and_no_page_is_ocrd_twice(scans) -> None:
    service, progress, log = scans
    pages = [call for call in progress if call[2] == "pages"]
    assert pages[0] == (0, 5, "pages") and pages[-1] == (5, 5, "pages")
    assert len({done for done, _, _ in pages}) == 6  # every page moved the count
    assert progress[-1][2] == "passages"  # then the embedding
    assert progress_text(2, 5, "pages") == messages.REINDEX_READING.format(
        done=2, total=5, percent=40
    )  # what the bots show an admin
    # four scanned pages, the English one read twice (upright, then as OSD turned it) at most
    first = ocr_runs(log)
    assert 4 <= first <= 5
    report = service.reindex(full=True)  # reads every file again
    assert len(report.changed) == 0 and report.unchanged == 3
    assert ocr_runs(log) == first


def test_ocr_character_accuracy(scans, tmp_path: Path, page: Image.Image) -> None:
    """The clean render, read here; the photo and the scanned PDF, as the reindex read them
    (from the page cache: nothing is OCR'd again)."""
    (tmp_path / "trang.png").write_bytes(png_bytes(page))
    clean = read_document(tmp_path, tmp_path / "trang.png")
    assert char_accuracy(PAGE_TEXT, clean.text) >= 0.95
    assert (clean.meta.pages, clean.meta.scanned_pages) == (1, 1)

    service, _, log = scans
    runs = ocr_runs(log)
    photo = cached_read(service, "anh-chup-chi-thi-05.jpg")
    pdf = cached_read(service, "chi-thi-05-ban-quet.pdf")
    assert ocr_runs(log) == runs
    assert char_accuracy(PAGE_TEXT, pdf.text) >= 0.95
    assert char_accuracy(PAGE_TEXT, photo.text) >= 0.85  # turned 3°, noisy, soft


def test_without_tesseract_scans_are_reported_and_the_rest_indexed(
    tmp_path: Path, collection: Path, page: Image.Image, embedder
) -> None:
    write(collection, "thong-bao.txt", "Thông báo\nChi bộ họp vào ngày 5 hằng tháng.")
    small = page.resize((page.width // 4, page.height // 4))
    (collection / "ban-quet.pdf").write_bytes(scanned_pdf(small, dpi=50))
    (collection / "anh.png").write_bytes(png_bytes(small))
    typed = FPDF()  # a text PDF with a blank page needs no OCR
    typed.add_font("DejaVu", fname=str(FONT))
    typed.set_font("DejaVu", size=12)
    typed.add_page()
    typed.cell(0, 8, "Quy chế làm việc của chi bộ cơ quan nhiệm kỳ 2020 - 2025")
    typed.add_page()
    (collection / "quy-che.pdf").write_bytes(bytes(typed.output()))
    missing = tmp_path / "khong-co" / "tesseract"
    settings = make_settings(collection, tmp_path / "index", QA_TESSERACT_CMD=str(missing))

    report = QAService(settings, embedder).reindex()

    assert sorted(report.added) == ["quy-che.pdf", "thong-bao.txt"]
    assert report.failed == [
        IngestFailure("anh.png", messages.OCR_MISSING),
        IngestFailure("ban-quet.pdf", messages.OCR_MISSING),
    ]
    assert "tesseract-ocr tesseract-ocr-vie" in messages.OCR_MISSING


def reason(folder: Path, name: str, data: bytes) -> str:
    (folder / name).write_bytes(data)
    with pytest.raises(IngestError) as error:
        read_document(folder, folder / name)
    return error.value.reason


def test_files_that_cannot_be_read_say_why(tmp_path: Path, page: Image.Image) -> None:
    photo = phone_photo(page.resize((page.width // 2, page.height // 2)))
    assert reason(tmp_path, "ghi-chu.png", "Đây là văn bản, không phải ảnh.".encode()) == (
        messages.NOT_AN_IMAGE.format(suffix=".png")
    )
    assert reason(tmp_path, "hong.jpg", photo[: len(photo) // 3]) == messages.CORRUPT_IMAGE
    scan = scanned_pdf(page)
    assert reason(tmp_path, "hong.pdf", scan[: len(scan) // 2]) == messages.CORRUPT_FILE.format(
        kind="PDF"
    )
    white = Image.new("L", (1240, 1754), 255)
    assert reason(tmp_path, "trang.png", png_bytes(white)) == messages.BLANK_SCAN
    assert reason(tmp_path, "trang.pdf", scanned_pdf(white, white)) == messages.BLANK_SCAN
    english = reason(tmp_path, "annex.png", png_bytes(typed_page(ENGLISH)))
    assert english.startswith(messages.OCR_NOTHING_READABLE.split("(")[0])
    assert "trang 1: " in english

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(scan))
    writer.encrypt(user_password="mat-khau", owner_password="chu")
    locked = io.BytesIO()
    writer.write(locked)
    assert reason(tmp_path, "mat-khau.pdf", locked.getvalue()) == messages.PDF_PASSWORD


def test_a_pdf_protected_only_against_copying_is_read(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(bytes(pdf.output())))
    writer.encrypt(user_password="", owner_password="chu", algorithm="AES-256")
    (tmp_path / "khoa.pdf").write_bytes(_written(writer))
    assert "sinh hoạt thường kỳ" in read_document(tmp_path, tmp_path / "khoa.pdf").text


def _written(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_200_page_pdf_is_indexed_beside_files_that_are_not_what_they_say(
    tmp_path: Path, collection: Path, page: Image.Image, embedder
) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    for number in range(1, 201):
        pdf.add_page()
        pdf.cell(0, 8, f"Trang {number}: kết quả thực hiện nhiệm vụ của chi bộ số {number}.")
    (collection / "bao-cao-dai.pdf").write_bytes(bytes(pdf.output()))
    (collection / "ghi-chu.png").write_text("Đây là văn bản, không phải ảnh.", "utf-8")
    photo = phone_photo(page.resize((page.width // 2, page.height // 2)))
    (collection / "anh-hong.jpg").write_bytes(photo[: len(photo) // 3])
    (collection / "trang-trang.png").write_bytes(png_bytes(Image.new("L", (1240, 1754), 255)))
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    progress: list[tuple[int, int, str]] = []

    started = time.perf_counter()
    report = service.reindex(progress=lambda *call: progress.append(call))

    assert report.added == ["bao-cao-dai.pdf"]
    assert report.failed == [
        IngestFailure("anh-hong.jpg", messages.CORRUPT_IMAGE),
        IngestFailure("ghi-chu.png", messages.NOT_AN_IMAGE.format(suffix=".png")),
        IngestFailure("trang-trang.png", messages.BLANK_SCAN),
    ]
    [document] = service.documents()
    assert (document.meta.pages, document.meta.scanned_pages) == (200, 0)
    pages = [done for done, total, unit in progress if unit == "pages"]
    assert {total for _, total, unit in progress if unit == "pages"} == {203}
    assert pages[-1] == 203 and len(set(pages)) == 204  # page by page, from 0
    hit = service.search("kết quả thực hiện nhiệm vụ của chi bộ số 200", top_k=1)[0]
    assert "chi bộ số 200." in hit.passage.text
    assert time.perf_counter() - started < 120
    service.close()


def test_a_multi_page_tiff_is_read_frame_by_frame(tmp_path: Path) -> None:
    annex = typed_page(ANNEX[1:2])
    white = Image.new("L", annex.size, 255)
    buffer = io.BytesIO()
    white.save(buffer, "TIFF", save_all=True, append_images=[annex], compression="tiff_lzw")
    (tmp_path / "phu-luc.tif").write_bytes(buffer.getvalue())
    document = read_document(tmp_path, tmp_path / "phu-luc.tif")
    assert (document.meta.pages, document.meta.scanned_pages) == (2, 1)
    assert "phong cách Hồ Chí Minh" in document.text


def test_a_page_photographed_sideways_is_turned_upright(tmp_path: Path) -> None:
    sideways = typed_page(ANNEX).rotate(90, expand=True)
    (tmp_path / "chup-ngang.png").write_bytes(png_bytes(sideways))
    document = read_document(tmp_path, tmp_path / "chup-ngang.png")
    assert document.text.startswith("PHỤ LỤC: LỊCH SINH HOẠT CHUYÊN ĐỀ NĂM 2021")
    assert "phong cách Hồ Chí Minh" in document.text


def test_an_upload_read_before_it_is_saved_is_not_ocrd_again(
    tmp_path: Path, collection: Path, embedder
) -> None:
    command, log = logging_tesseract(tmp_path)
    settings = make_settings(collection, tmp_path / "index", QA_TESSERACT_CMD=str(command))
    service = QAService(settings, embedder)
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "phu-luc.png").write_bytes(png_bytes(typed_page(ANNEX[:2])))

    checked = service.read_document(upload, upload / "phu-luc.png")  # as the bot checks it
    assert ocr_runs(log) == 1 and checked.meta.scanned_pages == 1
    shutil.copy(upload / "phu-luc.png", collection / "phu-luc.png")  # then saves it
    report = service.reindex()

    assert report.added == ["phu-luc.png"]
    assert ocr_runs(log) == 1
    service.close()


def test_text_on_a_transparent_background_is_read(tmp_path: Path) -> None:
    """A screenshot or an exported image: black letters on no background at all."""
    letters = typed_page(["Chi bộ sinh hoạt thường kỳ mỗi tháng một lần vào ngày mùng 5."])
    image = Image.new("RGBA", letters.size, (0, 0, 0, 0))
    image.putalpha(Image.eval(letters, lambda value: 255 - value))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    (tmp_path / "chup-man-hinh.png").write_bytes(buffer.getvalue())
    text = read_document(tmp_path, tmp_path / "chup-man-hinh.png").text
    assert "sinh hoạt thường kỳ mỗi tháng một lần" in text
