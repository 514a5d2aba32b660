"""PDFs and images, page by page: a page's text layer when it has one (pypdf, as before),
else OCR of the page image; a page whose OCR text does not read as Vietnamese is left out
and reported with its number.

pypdfium2 renders the scanned pages: PDFium in a wheel, no system package and no process per
page (pdf2image would run poppler's pdftoppm for each one), and it opens the PDFs pypdf does.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from qa import messages
from qa.ingest.base import Extracted, IngestError
from qa.ingest.ocr import OcrEngine
from qa.ingest.pagetext import clean_ocr, join_hyphenated, reading
from qa.models import RejectedPage

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
_TEXT_LAYER_WORDS = 5  # a page with fewer words in its text layer and an image is a scan
MAX_IMAGE_PIXELS = 100_000_000  # a 600 dpi A3 scan; anything larger is refused, not decoded
# PDFium must not be called from two threads at once (an upload is read while a reindex runs)
_pdfium = threading.Lock()


class PageCache(Protocol):
    """OCR'd page texts by engine and page content: a page is never OCR'd twice."""

    def get(self, engine_key: str, content_hash: str) -> str | None: ...

    def put(self, engine_key: str, content_hash: str, text: str) -> None: ...


@dataclass
class _Pages:
    """Page texts collected in order, with what happened to the scanned ones."""

    texts: list[str] = field(default_factory=list)
    scanned: int = 0
    blank_scans: int = 0
    rejected: list[RejectedPage] = field(default_factory=list)

    def add_scan(self, number: int, text: str) -> None:
        found = reading(text)
        if found.plausible:
            self.texts.append(text)
            self.scanned += 1
        elif found.blank:
            self.blank_scans += 1
        else:
            reason = messages.OCR_NOT_VIETNAMESE.format(share=found.share)
            self.rejected.append(RejectedPage(number, reason))

    def extracted(self, pages: int, nothing: str) -> Extracted:
        """The pages read; IngestError when no page has text (``nothing`` says why, unless
        scanned pages were rejected or blank)."""
        if not any(text.strip() for text in self.texts):
            if self.rejected:
                details = "; ".join(f"trang {r.page}: {r.reason}" for r in self.rejected)
                raise IngestError(messages.OCR_NOTHING_READABLE.format(pages=details))
            raise IngestError(messages.BLANK_SCAN if self.blank_scans else nothing)
        return Extracted(
            "\n\n".join(self.texts),
            pages=pages,
            scanned_pages=self.scanned,
            rejected_pages=tuple(self.rejected),
        )


@dataclass
class ScanReader:
    """Reads PDFs and images; ``on_page`` is called after each page (reindex progress)."""

    engine: OcrEngine = field(default_factory=OcrEngine)
    cache: PageCache | None = None
    on_page: Callable[[], None] | None = None

    def read_pdf(self, data: bytes) -> Extracted:
        text_pages, document = _open_pdf(data)
        pages = _Pages()
        try:
            for number, text in enumerate(text_pages, 1):
                image = None
                if len(text.split()) < _TEXT_LAYER_WORDS:
                    image = _scanned_image(document, number - 1, self.engine.dpi)
                if image is None:
                    pages.texts.append(join_hyphenated(text))
                else:
                    pages.add_scan(number, self._ocr(image, self.engine.dpi))
                self._done()
        finally:
            with _pdfium:
                document.close()
        return pages.extracted(len(text_pages), messages.PDF_NO_TEXT)

    def read_image(self, data: bytes, suffix: str) -> Extracted:
        """Every frame of the image (a TIFF may hold several pages), upright as photographed."""
        pages = _Pages()
        count = 0
        for count, frame in enumerate(_frames(data, suffix), 1):
            pages.add_scan(count, self._ocr(frame, None))
            self._done()
        return pages.extracted(count, messages.BLANK_SCAN)

    def _ocr(self, image: Image.Image, dpi: int | None) -> str:
        """The cleaned OCR text of a page image. Tesseract's own text is cached (by the
        image's pixels), so that a better cleaning applies without OCR'ing again."""
        key = self.engine.key
        digest = hashlib.sha256(f"{image.mode} {image.size}\0".encode() + image.tobytes())
        text = self.cache.get(key, digest.hexdigest()) if self.cache else None
        if text is None:
            text = self.engine.read(image, dpi)
            if self.cache:
                self.cache.put(key, digest.hexdigest(), text)
        return clean_ocr(text)

    def _done(self) -> None:
        if self.on_page:
            self.on_page()


def count_pages(path: Path) -> int:
    """Pages of a PDF or image file (1 for any other file, or one that cannot be opened)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            with _pdfium:
                document = pdfium.PdfDocument(path)
                count = len(document)
                document.close()
            return max(count, 1)
        if suffix in IMAGE_SUFFIXES:
            with Image.open(path) as image:
                return max(getattr(image, "n_frames", 1), 1)
    except Exception:  # counting is for progress only: reading reports the real problem
        return 1
    return 1


def _open_pdf(data: bytes) -> tuple[list[str], pdfium.PdfDocument]:
    """The text layer of every page (pypdf) and the document for rendering (PDFium)."""
    try:
        with _pdfium:
            document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise IngestError(messages.PDF_PASSWORD) from error
        raise IngestError(messages.CORRUPT_FILE.format(kind="PDF")) from error
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # PDFium opened it: only permissions are protected
        return [page.extract_text() or "" for page in reader.pages], document
    except Exception as error:  # pypdf raises many kinds on broken files
        with _pdfium:
            document.close()
        raise IngestError(messages.CORRUPT_FILE.format(kind="PDF")) from error


def _scanned_image(document: pdfium.PdfDocument, index: int, dpi: int) -> Image.Image | None:
    """The page rendered in grey at ``dpi`` if it holds an image (a scan), else None."""
    with _pdfium:
        page = document[index]
        try:
            if next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]), None) is None:
                return None
            return page.render(scale=dpi / 72, grayscale=True).to_pil()
        finally:
            page.close()


def _on_white(image: Image.Image) -> Image.Image:
    """A transparent background made white (greyscale would make it black, hiding the text)."""
    if image.mode not in ("RGBA", "LA", "PA") and "transparency" not in image.info:
        return image
    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)


def _frames(data: bytes, suffix: str) -> Iterator[Image.Image]:
    """The decoded frames, turned as the camera's EXIF orientation says."""
    too_large = IngestError(messages.IMAGE_TOO_LARGE.format(limit=MAX_IMAGE_PIXELS // 10**6))
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise too_large
        for frame in ImageSequence.Iterator(image):
            frame.load()
            yield _on_white(ImageOps.exif_transpose(frame))
    except Image.DecompressionBombError as error:
        raise too_large from error
    except UnidentifiedImageError as error:
        raise IngestError(messages.NOT_AN_IMAGE.format(suffix=suffix)) from error
    except (OSError, SyntaxError, ValueError) as error:  # what PIL raises on broken data
        raise IngestError(messages.CORRUPT_IMAGE) from error
