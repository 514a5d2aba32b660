"""Scans and photos of the directive page of ``official_fixtures``, made in the test: the
page rendered to an image as a scanner would, a phone photo of it (turned a little, noisy,
soft, JPEG), a scanned PDF and a PDF mixing a text page with a scanned one. Used by
tests/test_ocr.py and by scripts/benchmark.py (its OCR figures).
"""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

from official_fixtures import (
    FONT,
    PARTY_BODY,
    PARTY_HEADER_LEFT,
    PARTY_HEADER_RIGHT,
    PARTY_RECIPIENTS,
    PARTY_SIGNATURE,
    PARTY_TITLE,
    party_pdf_bytes,
)

SCAN_DPI = 200  # what an office scanner is usually set to

# The page's text in reading order: the columns of the header and of the closing row by row,
# as OCR (and a PDF's text layer) reads them.
PAGE_TEXT = "\n".join(
    [
        f"{PARTY_HEADER_LEFT[0]} {PARTY_HEADER_RIGHT[0]}",
        PARTY_HEADER_LEFT[1],
        f"{PARTY_HEADER_LEFT[2]} {PARTY_HEADER_RIGHT[1]}",
        *PARTY_TITLE,
        *PARTY_BODY,
        *(
            f"{left} {right}".strip()
            for left, right in zip(
                ["Nơi nhận:", *(f"- {r}" for r in PARTY_RECIPIENTS)],
                [*PARTY_SIGNATURE, "", ""],
            )
        ),
    ]
)


def char_accuracy(expected: str, read: str) -> float:
    """1 - the normalised edit distance between the texts, spaces and line breaks unified."""
    return Levenshtein.normalized_similarity(" ".join(expected.split()), " ".join(read.split()))


def page_scan(dpi: int = SCAN_DPI) -> Image.Image:
    """The directive page as a greyscale scan at ``dpi``."""
    document = pdfium.PdfDocument(party_pdf_bytes())
    try:
        return document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()


def png_bytes(image: Image.Image, dpi: int = SCAN_DPI) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def phone_photo(page: Image.Image, angle: float = 3.0, seed: int = 16) -> bytes:
    """A phone photo of the page: turned by ``angle`` degrees on a grey table, lit unevenly,
    with sensor noise and a slight blur, saved as a JPEG."""
    turned = page.convert("L").rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=150)
    pixels = np.asarray(turned, dtype=np.float32)
    rows, columns = np.mgrid[0 : pixels.shape[0], 0 : pixels.shape[1]]
    light = 0.8 + 0.2 * (1 - (rows / pixels.shape[0] + columns / pixels.shape[1]) / 2)
    noise = np.random.default_rng(seed).normal(0, 15, pixels.shape)
    photo = Image.fromarray(np.clip(pixels * light + noise, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    photo.filter(ImageFilter.GaussianBlur(0.8)).convert("RGB").save(buffer, "JPEG", quality=75)
    return buffer.getvalue()


def scanned_pdf(*pages: Image.Image, dpi: int = SCAN_DPI) -> bytes:
    """A PDF of page images only, as a scanner makes it: no text layer."""
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(buffer, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return buffer.getvalue()


def mixed_pdf(text_lines: list[str], *scans: Image.Image, dpi: int = SCAN_DPI) -> bytes:
    """Page 1 typed (a text layer), then the scanned pages: annexes scanned and appended."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    for line in text_lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    for scan in scans:
        pdf.add_page()
        pdf.image(scan, x=0, y=0, w=min(scan.width / dpi * 25.4, pdf.w))
    return bytes(pdf.output())


def typed_page(paragraphs: list[str], width: int = 1654, font_px: int = 38) -> Image.Image:
    """Paragraphs typed on a white page with PIL, wrapped to the page's width, a blank line
    between them (a page of an annex, a page in another language)."""
    font = ImageFont.truetype(str(FONT), font_px)
    margin, step = 150, round(font_px * 1.6)
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and measure.textlength(candidate, font=font) > width - 2 * margin:
                lines.append(line)
                candidate = word
            line = candidate
        lines += [line, ""]
    image = Image.new("L", (width, 2 * margin + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * step), line, font=font, fill=0)
    return image
