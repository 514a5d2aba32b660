"""Official documents laid out as Party and state offices issue them: the two-column header,
the type and subject, the body, and the two-column closing ("Nơi nhận" on the left, the
signature on the right). The same page is built as text, Markdown, DOCX (layout tables) and
PDF (columns side by side); the OCR tests render it to an image. ``PARTY_META`` and
``STATE_META`` are what the header and closing state, field by field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from qa.models import DocumentMeta

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core

# --- A directive of a provincial Party committee ------------------------------------------------
PARTY_HEADER_LEFT = ("TỈNH ỦY QUẢNG TRỊ", "*", "Số 05-CT/TU")
PARTY_HEADER_RIGHT = ("ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Trị, ngày 15 tháng 4 năm 2021")
PARTY_TITLE = (
    "CHỈ THỊ",
    "của Ban Thường vụ Tỉnh ủy",
    "về đẩy mạnh công tác phát triển đảng viên",
    "trong tình hình mới",
    "-----",
)
PARTY_BODY = (
    "Trong những năm qua, công tác phát triển đảng viên của Đảng bộ tỉnh đạt nhiều kết quả "
    "quan trọng. Tuy nhiên, việc kết nạp đảng viên ở chi bộ nông thôn và doanh nghiệp ngoài "
    "khu vực nhà nước còn khó khăn; số chi bộ nhiều năm liền không kết nạp được đảng viên "
    "còn cao.",
    "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nhiệm vụ sau:",
    "1. Các cấp ủy xác định công tác phát triển đảng viên là nhiệm vụ thường xuyên; mỗi chi bộ "
    "phấn đấu hằng năm kết nạp ít nhất một đảng viên mới.",
    "2. Chú trọng tạo nguồn kết nạp đảng viên từ đoàn viên thanh niên, người lao động trong "
    "doanh nghiệp, dân quân tự vệ và người có uy tín ở thôn, bản.",
    "3. Ban Tổ chức Tỉnh ủy theo dõi, hướng dẫn, kiểm tra việc thực hiện Chỉ thị này; định kỳ "
    "sáu tháng báo cáo Ban Thường vụ Tỉnh ủy.",
)
PARTY_RECIPIENTS = (
    "Ban Tổ chức Trung ương (b/c),",
    "Các huyện ủy, thị ủy, thành ủy,",
    "Các đồng chí Tỉnh ủy viên,",
    "Lưu Văn phòng Tỉnh ủy.",
)
PARTY_SIGNATURE = ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)", "Lê Quang Tùng")

# As a text file typed from the paper: one column after the other.
PARTY_TEXT = "\n".join(
    [
        PARTY_HEADER_RIGHT[0],
        *PARTY_HEADER_LEFT,
        PARTY_HEADER_RIGHT[1],
        "",
        *PARTY_TITLE,
        *PARTY_BODY,
        "",
        *PARTY_SIGNATURE,
        "",
        "Nơi nhận:",
        *(f"- {line}" for line in PARTY_RECIPIENTS),
    ]
)
PARTY_META = DocumentMeta(
    title="Chỉ thị về đẩy mạnh công tác phát triển đảng viên trong tình hình mới",
    doc_type="Chỉ thị",
    number="05-CT/TU",
    issuer="Tỉnh ủy Quảng Trị",
    issued=date(2021, 4, 15),
    place="Quảng Trị",
    signer="Lê Quang Tùng (Bí thư)",
    recipients=(
        "Ban Tổ chức Trung ương (b/c)",
        "Các huyện ủy, thị ủy, thành ủy",
        "Các đồng chí Tỉnh ủy viên",
        "Lưu Văn phòng Tỉnh ủy",
    ),
)

# --- An official letter (Công văn) of a provincial People's Committee ---------------------------
STATE_TEXT = """# ỦY BAN NHÂN DÂN
# TỈNH QUẢNG TRỊ
Số: 1234/UBND-NN
V/v tăng cường công tác phòng, chống
thiên tai năm 2021

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 20 tháng 5 năm 2021

Kính gửi:
- Các sở, ban, ngành cấp tỉnh;
- Ủy ban nhân dân các huyện, thị xã, thành phố.

Thực hiện chỉ đạo của Ban Chỉ đạo quốc gia về phòng, chống thiên tai, Ủy ban nhân dân tỉnh yêu \
cầu các cơ quan, địa phương rà soát phương án ứng phó với bão, lũ; kiểm tra các hồ chứa nước \
trước mùa mưa và chuẩn bị lực lượng, phương tiện cứu hộ theo phương châm bốn tại chỗ.

**KT. CHỦ TỊCH**
**PHÓ CHỦ TỊCH**
(Đã ký)
**Trần Văn Minh**

*Nơi nhận:*
- Như trên;
- Bộ Nông nghiệp và Phát triển nông thôn (b/c);
- Lưu: VT, NN.
"""
STATE_META = DocumentMeta(
    title="Công văn về việc tăng cường công tác phòng, chống thiên tai năm 2021",
    doc_type="Công văn",
    number="1234/UBND-NN",
    issuer="Ủy ban nhân dân tỉnh Quảng Trị",
    issued=date(2021, 5, 20),
    place="Quảng Trị",
    signer="Trần Văn Minh (Phó Chủ tịch)",
    recipients=("Như trên", "Bộ Nông nghiệp và Phát triển nông thôn (b/c)", "Lưu: VT, NN"),
)


def party_docx(path: Path) -> Path:
    """The directive as offices type it in Word: the header and the closing are tables of two
    cells, each cell a paragraph per line."""
    import docx

    document = docx.Document()
    _two_cells(document, PARTY_HEADER_LEFT, PARTY_HEADER_RIGHT)
    for line in [*PARTY_TITLE, *PARTY_BODY]:
        document.add_paragraph(line)
    _two_cells(document, ["Nơi nhận:", *(f"- {r}" for r in PARTY_RECIPIENTS)], PARTY_SIGNATURE)
    document.save(str(path))
    return path


def _two_cells(document, left: tuple[str, ...] | list[str], right: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def party_pdf_bytes() -> bytes:
    """The directive as a PDF page: header and closing in two columns side by side."""
    from fpdf import FPDF

    assert FONT.exists(), f"the PDF tests need a Unicode font at {FONT} (Debian: fonts-dejavu-core)"
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    right = (PARTY_HEADER_RIGHT[0], "", PARTY_HEADER_RIGHT[1])
    _columns(pdf, 15, 7, PARTY_HEADER_LEFT, right, centred=True)
    pdf.set_xy(pdf.l_margin, 45)
    for line in PARTY_TITLE:
        pdf.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    for paragraph in PARTY_BODY:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    recipients = ("Nơi nhận:", *(f"- {r}" for r in PARTY_RECIPIENTS))
    _columns(pdf, pdf.get_y() + 8, 6, recipients, PARTY_SIGNATURE, centred=False)
    return bytes(pdf.output())


def _columns(pdf, top: float, step: float, left, right, *, centred: bool) -> None:  # type: ignore[no-untyped-def]
    """Two columns of lines, row by row at the same height."""
    for row in range(max(len(left), len(right))):
        for x, width, lines, align in (
            (10, 85, left, "C" if centred else "L"),
            (105, 95, right, "C"),
        ):
            if row < len(lines) and lines[row]:
                pdf.set_xy(x, top + row * step)
                pdf.cell(width, step, lines[row], align=align)


def party_pdf(path: Path) -> Path:
    path.write_bytes(party_pdf_bytes())
    return path
