"""Real header and closing layouts, in every format: type, number, issuer, place and date,
title, signer and recipients, read field by field; the signature block and the recipients are
metadata, never passages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import make_settings, run_qa
from official_fixtures import (
    PARTY_META,
    PARTY_TEXT,
    STATE_META,
    STATE_TEXT,
    party_docx,
    party_pdf,
)
from qa.chunk import chunk
from qa.ingest import read_document
from qa.ingest.closing import read_closing
from qa.ingest.metadata import extract_meta
from qa.models import Document, DocumentMeta
from qa.service import QAService
from qa.text import normalize

HEADER_FIELDS = ("title", "doc_type", "number", "issuer", "issued", "place", "signer", "recipients")
CLOSING_WORDS = ("Nơi nhận", "Lê Quang Tùng", "Trần Văn Minh", "(Đã ký)", "Lưu: VT")


def fields(meta: DocumentMeta) -> dict[str, object]:
    return {name: getattr(meta, name) for name in HEADER_FIELDS}


def assert_body_only(document: Document, last_words: str) -> None:
    """Passages are exact slices of the text, the body is all there (up to its last words),
    and no passage holds the signature or recipients."""
    passages = chunk(document.text, document.meta.title, document.unquoted)
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text
        assert not any(word in passage.text for word in CLOSING_WORDS), passage.text
    assert " ".join(passages[-1].text.split()).endswith(last_words)


PARTY_END = "báo cáo Ban Thường vụ Tỉnh ủy."
STATE_END = "theo phương châm bốn tại chỗ."


@pytest.mark.parametrize(
    ("name", "make", "expected", "last_words"),
    [
        ("chi-thi-05.txt", lambda p: p.write_text(PARTY_TEXT, "utf-8"), PARTY_META, PARTY_END),
        ("cong-van-1234.md", lambda p: p.write_text(STATE_TEXT, "utf-8"), STATE_META, STATE_END),
        ("chi-thi-05.docx", party_docx, PARTY_META, PARTY_END),  # header, closing: tables
        ("chi-thi-05.pdf", party_pdf, PARTY_META, PARTY_END),  # two columns side by side
    ],
)
def test_header_and_closing_of_each_format(
    tmp_path: Path, name: str, make, expected: DocumentMeta, last_words: str
) -> None:
    make(tmp_path / name)
    document = read_document(tmp_path, tmp_path / name)
    assert fields(document.meta) == fields(expected)
    assert_body_only(document, last_words)


def test_pdf_columns_arrive_interleaved_and_are_read_apart(tmp_path: Path) -> None:
    """What the PDF test reads really is the hard case: both columns on one line."""
    text = read_document(tmp_path, party_pdf(tmp_path / "ct.pdf")).text
    assert "TỈNH ỦY QUẢNG TRỊ ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 05-CT/TU Quảng Trị, ngày 15 tháng 4 năm 2021" in text
    assert "- Ban Tổ chức Trung ương (b/c), BÍ THƯ" in text


def test_state_header_columns_on_one_line() -> None:
    header = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH GIA LAI Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/2005/CT-UBND Gia Lai, ngày 03 tháng 12 năm 2005\n"
        "CHỈ THỊ\n"
        "Về việc tăng cường quản lý hoạt động khai thác khoáng sản\n"
        "Thời gian qua, việc khai thác khoáng sản trên địa bàn tỉnh còn nhiều bất cập.\n"
        "TM. ỦY BAN NHÂN DÂN\n"
        "KT. CHỦ TỊCH\n"
        "PHÓ CHỦ TỊCH\n"
        "NGUYỄN VĂN AN"
    )
    meta = extract_meta(header, Path("ct.txt"))
    assert fields(meta) == {
        "title": "Chỉ thị về việc tăng cường quản lý hoạt động khai thác khoáng sản",
        "doc_type": "Chỉ thị",
        "number": "12/2005/CT-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Gia Lai",
        "issued": date(2005, 12, 3),
        "place": "Gia Lai",
        "signer": "Nguyễn Văn An (Phó Chủ tịch)",
        "recipients": (),
    }


@pytest.mark.parametrize(
    ("closing", "signer", "recipients"),
    [
        (  # Word table of one-line cells: "left | right" on each row
            "Nơi nhận: | KT. BỘ TRƯỞNG\n- Như Điều 3; | THỨ TRƯỞNG\n- Lưu: VT. | Nguyễn Văn Bình",
            "Nguyễn Văn Bình (Thứ trưởng)",
            ("Như Điều 3", "Lưu: VT"),
        ),
        (  # signature column starts above "Nơi nhận", K/T with the office signed as
            "T/M BAN THƯỜNG VỤ\nNơi nhận: K/T BÍ THƯ\n- Thường trực Tỉnh ủy, PHÓ BÍ THƯ THƯỜNG TRỰC\n"
            "- Các ban đảng Tỉnh ủy,\n  và các đảng ủy trực thuộc, (Đã ký)\n- Lưu VPTU. Hồ Văn Lan",
            "Hồ Văn Lan (Phó Bí thư Thường trực)",
            ("Thường trực Tỉnh ủy", "Các ban đảng Tỉnh ủy, và các đảng ủy trực thuộc", "Lưu VPTU"),
        ),
        (  # all on one line, as a web page gives it
            "Nơi nhận: - Như trên; - Lưu VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Hòa",
            "Lê Văn Hòa (Chủ tịch)",
            ("Như trên", "Lưu VT"),
        ),
    ],
)
def test_closing_layouts(closing: str, signer: str, recipients: tuple[str, ...]) -> None:
    text = normalize(
        f"Các cơ quan tổ chức thực hiện nghiêm túc.\n{closing}\nPHỤ LỤC\nBảng số liệu."
    )
    found = read_closing(text)
    assert (found.signer, found.recipients) == (signer, recipients)
    [(start, end)] = found.spans
    assert text[:start].rstrip().endswith("nghiêm túc.")  # the body before stays quotable
    assert text[end:].strip() == "PHỤ LỤC\nBảng số liệu."  # and so does an appendix after it


def test_body_text_is_never_taken_for_a_closing() -> None:
    body = normalize(
        "II. TĂNG TRƯỞNG KINH TẾ\nNăm 2021, tốc độ tăng trưởng đạt 6,5%.\n"
        "- Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan.\n"
        "Nơi nhận hồ sơ: Văn phòng Tỉnh ủy.\nBÍ THƯ CHI BỘ\nLà người đứng đầu chi bộ."
    )
    assert read_closing(body).spans == ()


def test_sidecar_sets_place_and_signer(tmp_path: Path) -> None:
    (tmp_path / "ct.txt").write_text(PARTY_TEXT, "utf-8")
    (tmp_path / "ct.meta.toml").write_text(
        'place = "Đông Hà"\nsigner = "Nguyễn Văn A (Phó Bí thư)"\n', "utf-8"
    )
    meta = read_document(tmp_path, tmp_path / "ct.txt").meta
    assert (meta.place, meta.signer) == ("Đông Hà", "Nguyễn Văn A (Phó Bí thư)")
    assert meta.recipients == PARTY_META.recipients  # what the sidecar does not set stays


def test_reindex_stores_the_closing_as_metadata(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    """From a DOCX with header tables and a PDF with two header columns to cited answers."""
    documents, index = tmp_path / "documents", tmp_path / "index"
    documents.mkdir()
    party_docx(documents / "chi-thi-05.docx")
    (documents / "ban-in").mkdir()
    party_pdf(documents / "ban-in" / "chi-thi-05.pdf")
    service = QAService(make_settings(documents, index), embedder)
    try:
        assert service.reindex().ok
        infos = service.documents()
        assert [fields(info.meta) for info in infos] == [fields(PARTY_META)] * 2
        for path in ("chi-thi-05.docx", "ban-in/chi-thi-05.pdf"):
            passages = service.snapshot().documents[path]
            assert not any(word in p.text for p in passages for word in CLOSING_WORDS)
        answer = service.ask("Tạo nguồn kết nạp đảng viên từ đâu?")
        assert answer.kind == "answer"
        assert "từ đoàn viên thanh niên" in answer.citations[0].quote
        assert "Chỉ thị 05-CT/TU" in answer.text and "15/04/2021" in answer.text
        found = {h.passage.document_path for h in service.search("kết nạp ít nhất một đảng viên")}
        assert found == {"chi-thi-05.docx", "ban-in/chi-thi-05.pdf"}
    finally:
        service.close()

    listed = run_qa(["docs", "--json"], documents, index)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 2
    for row in rows:
        assert (row["number"], row["date"], row["place"]) == ("05-CT/TU", "2021-04-15", "Quảng Trị")
        assert row["signer"] == "Lê Quang Tùng (Bí thư)"
        assert row["recipients"] == list(PARTY_META.recipients)
    shown = run_qa(["docs"], documents, index)
    assert "Người ký: Lê Quang Tùng (Bí thư)" in shown.stdout
