"""Ingestion on real files of every format: text, metadata, legacy encodings, bad files."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from fpdf import FPDF

from factories import pdf_bytes
from qa import messages
from qa.ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    legacy,
    list_source_files,
    read_document,
    source_hash,
)
from qa.ingest.metadata import apply_sidecar, extract_meta
from qa.ingest.readers import read_html
from qa.models import DocumentMeta
from qa.refs import type_from_words
from qa.text import normalize

STARTER = Path(__file__).resolve().parents[1] / "documents"

PARTY_HEADER = """ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY QUẢNG TRỊ
*
Số 05-CT/TU            Quảng Trị, ngày 15 tháng 4 năm 2021
CHỈ THỊ
của Ban Thường vụ Tỉnh ủy
về đẩy mạnh công tác phát triển đảng viên
trong tình hình mới
Trong những năm qua, thực hiện Quyết định số 12-QĐ/TU của Tỉnh ủy, công tác phát triển đảng viên có nhiều chuyển biến.
"""
STATE_HEADER = """ỦY BAN NHÂN DÂN TỈNH GIA LAI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2005/CT-UBND
Gia Lai, ngày 03 tháng 12 năm 2005
CHỈ THỊ
Về việc tăng cường quản lý hoạt động khai thác khoáng sản
Thời gian qua, việc khai thác khoáng sản trên địa bàn tỉnh còn nhiều bất cập.
"""
ALL_VOWELS = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam, Đảng ủy, Chỉ thị về phát triển đảng viên, quyết định, "
    "nghị quyết, thư, ưu tiên, ước, ỹ, ỵ"
)

# TCVN3 (ABC) as published: byte → letter. Written independently of qa.ingest.legacy.
TCVN3_BYTES = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
}
TO_TCVN3 = {letter: chr(byte) for byte, letter in TCVN3_BYTES.items()}
# VNI-Windows modifiers, by mark: tone (sắc, huyền, hỏi, ngã, nặng) and vowel shape.
VNI_TONE = dict(zip("\u0301\u0300\u0309\u0303\u0323", "ùøûõï"))
VNI_CIRCUMFLEX = {"": "â", **dict(zip("\u0301\u0300\u0309\u0303\u0323", "áàåãä"))}
VNI_BREVE = {"": "ê", **dict(zip("\u0301\u0300\u0309\u0303\u0323", "éèúüë"))}
VNI_I = dict(zip("\u0301\u0300\u0309\u0303\u0323", "íìæóò"))
MARKS = set("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 bytes read as Latin-1 (TCVN3 has no capitals with tones)."""
    return "".join(TO_TCVN3.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    return "".join(_vni_letter(ch) for ch in unicodedata.normalize("NFC", text))


def _vni_letter(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base, marks = decomposed[0], decomposed[1:]
    if ch in "đĐ":
        code = "ñ"
    elif not marks or base not in "aeiouy" or not set(marks) <= MARKS:
        return ch
    else:
        tone = next((m for m in marks if m in VNI_TONE), "")
        if base == "i":
            code = VNI_I[tone]
        elif base == "y" and tone == "\u0323":
            code = "î"
        elif "\u0302" in marks:
            code = base + VNI_CIRCUMFLEX[tone]
        elif "\u0306" in marks:
            code = base + VNI_BREVE[tone]
        elif "\u031b" in marks:
            code = {"o": "ô", "u": "ö"}[base] + VNI_TONE.get(tone, "")
        else:
            code = base + VNI_TONE[tone]
    return code.upper() if ch.isupper() else code


def corpus_rows() -> list[dict]:
    """The real texts of the starter collection (the 99 administrative documents and the report)."""
    return [
        {"doc_id": path.name, "kind": path.parent.name, "text": path.read_text("utf-8")}
        for path in sorted(STARTER.rglob("*.txt"))
    ]


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read(folder: Path, name: str, data: bytes | str):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_document(folder, write_bytes(folder, name, raw))


def reason_of(folder: Path, name: str, data: bytes | str) -> str:
    with pytest.raises(IngestError) as caught:
        read(folder, name, data)
    return caught.value.reason


# --- Listing and hashing -----------------------------------------------------------------------


def test_list_source_files_skips_hidden_sidecars_and_root_readme(tmp_path: Path) -> None:
    for name in [
        "README.md",
        "b.txt",
        "a/README.md",
        "a/c.docx",
        "a/c.meta.toml",
        "bang.xlsx",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/x.md",
    ]:
        write_bytes(tmp_path, name, b"x")

    found = [p.relative_to(tmp_path).as_posix() for p in list_source_files(tmp_path)]

    assert found == ["a/README.md", "a/c.docx", "b.txt", "bang.xlsx"]
    assert ".htm" in SUPPORTED_SUFFIXES and ".xlsx" not in SUPPORTED_SUFFIXES


def test_source_hash_changes_with_the_file_and_with_its_sidecar(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "chi-thi-05.txt", "Chỉ thị về công tác cán bộ".encode())
    first = source_hash(path)
    sidecar = write_bytes(tmp_path, "chi-thi-05.meta.toml", b'number = "05-CT/TU"\n')
    with_sidecar = source_hash(path)
    sidecar.write_bytes(b'number = "06-CT/TU"\n')

    assert len({first, with_sidecar, source_hash(path)}) == 3
    path.write_bytes("Chỉ thị về công tác cán bộ.".encode())
    assert source_hash(path) not in {first, with_sidecar}


# --- Formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", "Nghị quyết về công tác dân vận\nTăng cường dân vận.".encode()),
        ("bom.txt", "\ufeffNghị quyết về công tác dân vận\nTăng cường dân vận.".encode()),
        ("utf16.txt", "Nghị quyết về công tác dân vận\nTăng cường dân vận.".encode("utf-16")),
        (
            "nfd.TXT",
            unicodedata.normalize(
                "NFD", "Nghị quyết về công tác dân vận\nTăng cường dân vận."
            ).encode(),
        ),
    ],
)
def test_text_files_are_decoded_and_nfc(tmp_path: Path, name: str, data: bytes) -> None:
    document = read(tmp_path, f"sub/{name}", data)

    assert document.path == f"sub/{name}"
    assert document.text == "Nghị quyết về công tác dân vận\nTăng cường dân vận."
    assert unicodedata.is_normalized("NFC", document.text)
    assert document.meta.doc_type == "Nghị quyết"
    assert document.meta.title == "Nghị quyết về công tác dân vận"


def test_a_marker_alone_on_its_line_is_joined_to_the_line_it_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bai-viet.txt"
    path.write_text(
        "Công tác thi đua năm 2010\nI.\nNội dung phong trào thi đua\n1.\nQuán triệt Chỉ thị.\n"
        "a)\nTổ chức tốt việc sơ kết.\nNăm 2010.\nKết quả đạt được.\n",
        "utf-8",
    )
    text = read_document(tmp_path, path).text
    assert "I. Nội dung phong trào thi đua\n1. Quán triệt Chỉ thị.\na) Tổ chức tốt" in text
    assert "Năm 2010.\nKết quả đạt được." in text  # a sentence is not a marker


def test_markdown_keeps_its_headings(tmp_path: Path) -> None:
    text = "# Kế hoạch tuyên truyền\n\n## Mục tiêu\n\nNâng cao nhận thức của cán bộ, đảng viên."
    document = read(tmp_path, "ke-hoach.md", text)

    assert document.text == text
    assert (document.meta.title, document.meta.doc_type) == ("Kế hoạch tuyên truyền", "Kế hoạch")


def test_docx_paragraphs_headings_and_tables_in_body_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Hướng dẫn kết nạp đảng viên", level=0)
    document.add_heading("Hồ sơ", level=2)
    document.add_paragraph("Chi bộ xem xét hồ sơ của quần chúng ưu tú.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["Bước", "Việc làm"], ["1", "Học lớp cảm tình Đảng"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Sau đó cấp ủy cấp trên ra quyết định kết nạp.")
    document.save(str(tmp_path / "huong-dan.docx"))

    read_back = read_document(tmp_path, tmp_path / "huong-dan.docx")

    assert read_back.text == (
        "# Hướng dẫn kết nạp đảng viên\n## Hồ sơ\nChi bộ xem xét hồ sơ của quần chúng ưu tú.\n"
        "Bước | Việc làm\n1 | Học lớp cảm tình Đảng\nSau đó cấp ủy cấp trên ra quyết định kết nạp."
    )
    assert (read_back.meta.doc_type, read_back.meta.title) == (
        "Hướng dẫn",
        "Hướng dẫn kết nạp đảng viên",
    )


def test_docx_header_table_gives_the_metadata(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = "TỈNH ỦY QUẢNG TRỊ"
    left.add_paragraph("Số 05-CT/TU")
    right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("Quảng Trị, ngày 15 tháng 4 năm 2021")
    for line in ["CHỈ THỊ", "về đẩy mạnh công tác phát triển đảng viên", "Nội dung chỉ thị."]:
        document.add_paragraph(line)
    document.save(str(tmp_path / "ct.docx"))

    meta = read_document(tmp_path, tmp_path / "ct.docx").meta

    assert meta == DocumentMeta(
        title="Chỉ thị về đẩy mạnh công tác phát triển đảng viên",
        doc_type="Chỉ thị",
        number="05-CT/TU",
        issuer="Tỉnh ủy Quảng Trị",
        issued=date(2021, 4, 15),
        place="Quảng Trị",
    )


def test_pdf_text_layer_pages_and_hyphens(tmp_path: Path) -> None:
    data = pdf_bytes(
        [
            "Thông báo kết luận của Ban Thường vụ",
            "Hội nghị thống nhất tăng cường kiểm tra, giám sát tổ chức đảng cơ sở, tài liệu docu-\nment",
            "và phát triển kinh tế-\nxã hội ở địa phương.",
        ]
    )
    document = read(tmp_path, "thong-bao.pdf", data)

    assert "kiểm tra, giám sát tổ chức đảng cơ sở" in document.text
    assert "document" in document.text
    assert "kinh tế-\nxã hội" in document.text
    assert (document.meta.doc_type, document.meta.title) == (
        "Thông báo",
        "Thông báo kết luận của Ban Thường vụ",
    )


def test_html_visible_text_headings_and_title(tmp_path: Path) -> None:
    page = """<html><head><title>Tin hoạt động</title><style>p {color: red}</style></head><body>
    <header>Trang chủ | Liên hệ</header><nav><a href="/">Trang chủ</a></nav>
    <h1>Đại hội chi bộ</h1><p>Đại <b>hội</b> chi bộ thôn Đông<br>bầu ban chi ủy.</p>
    <ul><li>Bí thư chi bộ</li><li>Phó Bí thư</li></ul>
    <table><tr><th>Chức vụ</th><td>Họ tên</td></tr></table>
    <script>var x = 1;</script><!-- ghi chú --><footer>Bản quyền</footer></body></html>"""
    document = read(tmp_path, "tin.htm", page)

    assert document.text == (
        "# Đại hội chi bộ\nĐại hội chi bộ thôn Đông\nbầu ban chi ủy.\nBí thư chi bộ\nPhó Bí thư\n"
        "Chức vụ | Họ tên"
    )
    assert document.meta.title == "Đại hội chi bộ"
    assert read_html(page.encode()).title == "Tin hoạt động"


def test_html_text_outside_blocks_is_kept(tmp_path: Path) -> None:
    page = "<body>Chi bộ họp <i>tháng</i> 5<hr>Kết luận</body>"
    assert read(tmp_path, "tin.html", page).text == "Chi bộ họp tháng 5\nKết luận"


def test_html_title_used_when_the_first_line_is_no_title(tmp_path: Path) -> None:
    page = f"<title>Tin hoạt động</title><p>{'Đại hội chi bộ thôn Đông. ' * 20}</p>"
    assert read(tmp_path, "tin.html", page).meta.title == "Tin hoạt động"


# --- Files that cannot be indexed --------------------------------------------------------------


def test_bad_files_are_reported_with_a_reason(tmp_path: Path) -> None:
    real_pdf = pdf_bytes(["Thông báo kết luận", "Hội nghị thống nhất tăng cường kiểm tra."])
    scanned = FPDF()
    scanned.add_page()
    scanned.rect(10, 10, 80, 40, style="F")

    assert reason_of(tmp_path, "bang.xlsx", b"PK\x03\x04 data") == messages.UNSUPPORTED_TYPE
    assert reason_of(tmp_path, "rong.txt", b"") == messages.EMPTY_FILE
    assert reason_of(tmp_path, "trang.md", b"  \n\t\n") == messages.EMPTY_FILE
    assert reason_of(tmp_path, "chi-script.html", "<script>var x;</script>") == messages.EMPTY_FILE
    assert (
        reason_of(tmp_path, "anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
        == messages.BINARY_FILE
    )
    assert (
        reason_of(tmp_path, "nhat.txt", "日本語のテキストです。".encode("shift_jis") * 20)
        == messages.UNDECODABLE
    )
    assert reason_of(
        tmp_path, "hong.pdf", b"%PDF-1.4\n%\xe2\xe3 not really a pdf \x00\x01"
    ) == messages.CORRUPT_FILE.format(kind="PDF")
    for cut in (len(real_pdf) // 2, len(real_pdf) - len(b"%%EOF\n")):
        assert reason_of(tmp_path, "cut.pdf", real_pdf[:cut]) == messages.CORRUPT_FILE.format(
            kind="PDF"
        )
    assert reason_of(tmp_path, "quet.pdf", bytes(scanned.output())) == messages.PDF_NO_TEXT
    assert reason_of(
        tmp_path, "hong.docx", b"PK\x03\x04 broken zip" * 10
    ) == messages.CORRUPT_FILE.format(kind="DOCX")


# --- Legacy encodings --------------------------------------------------------------------------


def test_tcvn3_and_vni_tables_round_trip_every_vowel_and_tone() -> None:
    assert legacy.repair(to_tcvn3(ALL_VOWELS)) == ALL_VOWELS
    assert legacy.repair(to_vni(ALL_VOWELS)) == ALL_VOWELS
    assert (
        legacy.repair("Céng hßa X· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc")
        == "Cộng hòa Xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
    )
    assert (
        legacy.repair("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc")
        == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
    )


def test_real_unicode_vietnamese_is_never_taken_for_legacy() -> None:
    for row in corpus_rows():
        for text in (row["text"], unicodedata.normalize("NFD", row["text"])):
            assert legacy.detect(text) is None, row["doc_id"]
            assert legacy.repair(text) == text


def test_unicode_with_typographic_symbols_is_not_legacy() -> None:
    text = "Điều 1. «Chỉ thị» § 2 × 3 ½ ¼ ® © — nhiệt độ 30°"
    assert legacy.repair(text) == text
    latin_only_line = (
        "Đảng viên phải gương mẫu, đi đầu trong mọi việc.\nGiá bán: 5 × 3 «ô tô» ½ ¼ ©"
    )
    assert legacy.repair(latin_only_line) == latin_only_line


def test_whole_corpus_converts_back_from_tcvn3_and_vni() -> None:
    for row in corpus_rows():
        text = row["text"]
        assert legacy.repair(to_tcvn3(text.lower())) == text.lower(), row["doc_id"]
        assert legacy.repair(to_vni(text)) == text, row["doc_id"]


def test_foreign_latin_text_is_not_legacy() -> None:
    german = (
        "Die Straße führt über die Brücke zur Müllerstraße. Größe, Übermaß und Äpfel schmecken süß."
    )
    assert legacy.detect(german) is None


def test_legacy_text_files_are_converted(tmp_path: Path) -> None:
    expected = "Chỉ thị về phát triển đảng viên\nĐảng ủy xã đề nghị kết nạp người ưu tú."
    tcvn3_bytes = to_tcvn3(expected).encode("cp1252")
    assert read(tmp_path, "tcvn3.txt", tcvn3_bytes).text == expected  # 8-bit file, not UTF-8
    assert (
        read(tmp_path, "pasted.txt", to_tcvn3(expected)).text == expected
    )  # legacy characters in UTF-8
    assert read(tmp_path, "vni.txt", to_vni(expected).encode("cp1252")).text == expected
    document = read(tmp_path, "cp1258.txt", cp1258_bytes(expected))
    assert (document.text, document.meta.doc_type) == (expected, "Chỉ thị")


def cp1258_bytes(text: str) -> bytes:
    """windows-1258 keeps tones as combining marks after a precomposed base letter."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", decomposed[:-1])
            out += base.encode("cp1258") + decomposed[-1].encode("cp1258")
    return out


def test_legacy_that_cannot_be_converted_is_reported(tmp_path: Path) -> None:
    lines = [
        "Chỉ thị về phát triển đảng viên trong tình hình mới",
        "Đảng ủy xã đề nghị kết nạp những người ưu tú",
        "Chi bộ họp xét hồ sơ của quần chúng ưu tú",
        "Cấp ủy cấp trên quyết định kết nạp đảng viên",
    ]
    mixed = "\n".join(to_tcvn3(line) if i % 2 else to_vni(line) for i, line in enumerate(lines))

    reason = reason_of(tmp_path, "lan-bang-ma.txt", mixed.encode("cp1252"))

    assert reason in {messages.LEGACY_ENCODING.format(encoding=e) for e in ("TCVN3", "VNI")}


def test_docx_runs_in_legacy_fonts_are_converted(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run(to_tcvn3("chỉ thị")).font.name = ".VnTimeH"  # capitals font
    paragraph.add_run(" " + to_tcvn3("về phát triển đảng viên")).font.name = ".VnTime"
    second = document.add_paragraph()
    run = second.add_run("ng")
    run.font.name = ".VnTime"
    run._r.append(OxmlElement("w:softHyphen"))  # how Word may store TCVN3 "ư"
    tail = OxmlElement("w:t")
    tail.text = to_tcvn3("ời dân")
    run._r.append(tail)
    second.add_run(" " + to_vni("được hưởng lợi")).font.name = "VNI-Times"
    second.add_run(" và Unicode: Việt Nam").font.name = ".VnTime"  # wrong font, real Unicode
    document.save(str(tmp_path / "cu.docx"))

    read_back = read_document(tmp_path, tmp_path / "cu.docx")

    assert (
        read_back.text
        == "CHỈ THỊ về phát triển đảng viên\nngười dân được hưởng lợi và Unicode: Việt Nam"
    )


# --- Metadata ----------------------------------------------------------------------------------


def test_party_header_metadata() -> None:
    assert extract_meta(normalize(PARTY_HEADER), Path("ct.txt")) == DocumentMeta(
        title="Chỉ thị về đẩy mạnh công tác phát triển đảng viên trong tình hình mới",
        doc_type="Chỉ thị",
        number="05-CT/TU",
        issuer="Tỉnh ủy Quảng Trị",
        issued=date(2021, 4, 15),
        place="Quảng Trị",
    )


def test_state_header_metadata() -> None:
    assert extract_meta(normalize(STATE_HEADER), Path("ct.txt")) == DocumentMeta(
        title="Chỉ thị về việc tăng cường quản lý hoạt động khai thác khoáng sản",
        doc_type="Chỉ thị",
        number="12/2005/CT-UBND",
        issuer="Ủy ban nhân dân tỉnh Gia Lai",
        issued=date(2005, 12, 3),
        place="Gia Lai",
    )


def test_quy_dinh_and_quyet_dinh_stay_distinct() -> None:
    header = "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 08-QĐi/TW\nHà Nội, 25-10-2018\nCăn cứ Điều lệ Đảng;"
    meta = extract_meta(header, Path("qdi.txt"))
    assert (meta.doc_type, meta.number, meta.title) == (
        "Quy định",
        "08-QĐi/TW",
        "Quy định 08-QĐi/TW",
    )
    assert (meta.issuer, meta.issued) == ("Ban Chấp hành Trung ương", date(2018, 10, 25))

    decision = extract_meta(
        "Số 294-QĐ/TW\nQUYẾT ĐỊNH\nban hành Quy định về thi hành kỷ luật", Path("qd.txt")
    )
    assert (decision.doc_type, decision.number) == ("Quyết định", "294-QĐ/TW")
    assert decision.title == "Quyết định ban hành Quy định về thi hành kỷ luật"


def test_type_line_with_its_subject_or_without_one() -> None:
    capitals = extract_meta(
        "# KẾ HOẠCH TUYÊN TRUYỀN\n## Mục tiêu\nNâng cao nhận thức.", Path("k.md")
    )
    assert (capitals.doc_type, capitals.title) == ("Kế hoạch", "Kế hoạch tuyên truyền")
    bare = "TỈNH ỦY QUẢNG TRỊ\nSố 05-CT/TU\nCHỈ THỊ\nTrong những năm qua, công tác có chuyển biến."
    assert extract_meta(bare, Path("ct.txt")).title == "Chỉ thị 05-CT/TU"


def test_numbers_and_dates_are_never_borrowed_or_invented() -> None:
    text = (
        "Quyết định về việc tiếp tục thực hiện quyết định số 42/2004/qđ-ubbt ngày 26/5/2004\n"
        "Ủy ban nhân dân tỉnh bình thuận\nCăn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;"
    )
    meta = extract_meta(text, Path("qd.txt"))
    assert (meta.doc_type, meta.number, meta.issued) == ("Quyết định", None, None)
    assert meta.issuer == "Ủy ban nhân dân tỉnh Bình Thuận"
    assert (
        extract_meta(
            "CHỈ THỊ\nSố 05-CT/TU\nQuảng Trị, ngày 31 tháng 2 năm 2021", Path("x.txt")
        ).issued
        is None
    )
    assert (
        extract_meta("Chỉ thị số 05-CT/TU về phát triển đảng viên", Path("x.txt")).number
        == "05-CT/TU"
    )


def test_title_falls_back_to_the_file_name() -> None:
    meta = extract_meta("1. " + "Nội dung rất dài " * 30, Path("van-ban_so-moi.txt"))
    assert (meta.title, meta.doc_type) == ("Van ban so moi", "Văn bản khác")


def test_an_article_has_no_issuer() -> None:
    """An article's title names a body ("Đảng bộ tỉnh ..."), but the article is not issued by it."""
    article = "Đảng bộ tỉnh Tiền Giang thực hiện công tác tuyên giáo\n\nNhững năm qua, công tác tuyên giáo có nhiều chuyển biến."
    meta = extract_meta(article, Path("bai-viet.txt"))
    assert (meta.doc_type, meta.issuer) == ("Văn bản khác", None)


def test_corpus_administrative_documents_get_their_type() -> None:
    rows = [r for r in corpus_rows() if r["kind"] == "van-ban-hanh-chinh"]
    assert len(rows) == 99
    typed = 0
    for row in rows:
        words = row["text"].split("\n")[0].split()
        expected = next(
            filter(None, (type_from_words(" ".join(words[:n])) for n in (4, 3, 2))), None
        )
        if expected:
            typed += 1
            assert extract_meta(normalize(row["text"]), Path("x.txt")).doc_type == expected, row[
                "title"
            ]
    assert typed >= 95


def test_sidecar_overrides_every_field(tmp_path: Path) -> None:
    write_bytes(
        tmp_path,
        "qd-24.meta.toml",
        """
title = "Quy định về thi hành kỷ luật đảng"
type = "quy dinh"
number = "24-qđi/tw"
issuer = "Ban Chấp hành Trung ương"
date = "30/07/2021"
replaced_by = "Quy định 69-QĐ/TW"
place = "Hà Nội"
signer = "Trần Quốc Vượng (Thường trực Ban Bí thư)"
""".encode(),
    )
    document = read(tmp_path, "qd-24.txt", PARTY_HEADER)

    assert document.meta == DocumentMeta(
        title="Quy định về thi hành kỷ luật đảng",
        doc_type="Quy định",
        number="24-QĐi/TW",
        issuer="Ban Chấp hành Trung ương",
        issued=date(2021, 7, 30),
        replaced_by="Quy định 69-QĐ/TW",
        place="Hà Nội",
        signer="Trần Quốc Vượng (Thường trực Ban Bí thư)",
    )


def test_sidecar_subset_and_toml_date(tmp_path: Path) -> None:
    sidecar = write_bytes(
        tmp_path,
        "bc.meta.toml",
        b'type = "B\xc3\xa1o c\xc3\xa1o"\ndate = 2021-07-01\nnumber = ""\n',
    )
    meta = apply_sidecar(extract_meta(normalize(PARTY_HEADER), Path("bc.txt")), sidecar)
    assert (meta.doc_type, meta.issued, meta.number, meta.issuer) == (
        "Báo cáo",
        date(2021, 7, 1),
        None,
        "Tỉnh ủy Quảng Trị",
    )


@pytest.mark.parametrize(
    "sidecar",
    [
        'tilte = "Sai khóa"',
        'title = "không đóng ngoặc',
        'type = "Sắc lệnh"',
        'date = "15/13/2021"',
        "number = 5",
        'title = ""',
    ],
)
def test_bad_sidecar_is_reported(tmp_path: Path, sidecar: str) -> None:
    write_bytes(tmp_path, "ct.meta.toml", sidecar.encode())
    reason = reason_of(tmp_path, "ct.txt", PARTY_HEADER)
    assert reason.startswith(messages.BAD_SIDECAR.split("{")[0] + "ct.meta.toml")
