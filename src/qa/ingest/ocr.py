"""OCR of one page image with Tesseract and its Vietnamese model (Debian: tesseract-ocr,
tesseract-ocr-vie).

pytesseract, which runs the ``tesseract`` command, rather than tesserocr, whose bindings
must be compiled against the installed libtesseract: it installs from PyPI anywhere, and
the command it runs is a setting (QA_TESSERACT_CMD). Starting a process per page costs
about 0.1 s beside the seconds of OCR itself.

A photo taken at a slight angle is straightened first (``deskew``: Tesseract alone loses a
page turned by more than about 5°); a page turned by a quarter or a half turn is found by
Tesseract's orientation detection (OSD), asked only when the first reading is not Vietnamese.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pytesseract
from deskew import determine_skew
from PIL import Image

from qa import messages
from qa.ingest.base import IngestError
from qa.ingest.pagetext import reading

PAGE_TIMEOUT_SECONDS = 300  # a page that takes longer is reported, not waited for forever
_SKEW_SIDE = 1200  # the skew is measured on the page shrunk to this size (fast, as precise)
_MIN_SKEW = 0.5  # degrees; a smaller angle is left alone
# Tesseract's mean word confidence (0-100) below which a line is dropped: lines of text
# score 85-96 even on a noisy photo, the page's edge read as letters below 30
MIN_LINE_CONFIDENCE = 40
# pytesseract keeps the command in a module global: set and used under one lock
_command_lock = threading.Lock()


@dataclass(frozen=True)
class OcrEngine:
    """Tesseract with one language, command and rendering resolution.

    ``key`` names the Tesseract version, the language and the resolution: cached page texts
    are kept per key, so an upgrade of Tesseract reads the pages again.
    """

    command: str = "tesseract"
    language: str = "vie"
    dpi: int = 300  # PDF pages are rendered at this resolution before OCR

    @cached_property
    def key(self) -> str:
        """E.g. "tesseract 5.3.0 vie 300dpi"; raises IngestError when Tesseract or its
        language data is missing."""
        if shutil.which(self.command) is None:
            raise IngestError(messages.OCR_MISSING)
        try:
            with _command_lock:
                pytesseract.pytesseract.tesseract_cmd = self.command
                version = pytesseract.get_tesseract_version()
                languages = pytesseract.get_languages()
        except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError) as error:
            raise IngestError(messages.OCR_MISSING) from error
        if self.language not in languages:
            raise IngestError(messages.OCR_NO_VIETNAMESE)
        return f"tesseract {version} {self.language} {self.dpi}dpi"

    def read(self, image: Image.Image, dpi: int | None = None) -> str:
        """Tesseract's text of a page image (straightened, turned upright if needed).

        ``dpi``: the image's resolution when known (a rendered PDF page)."""
        page = straighten(image.convert("L"))
        text = self._ocr(page, dpi)
        found = reading(text)
        if not found.blank and not found.plausible:
            turn = self._upright_turn(page)
            if turn:
                text = self._ocr(page.rotate(turn, expand=True), dpi)
        return text

    def _ocr(self, page: Image.Image, dpi: int | None) -> str:
        config = f"--psm 3 --dpi {dpi}" if dpi else "--psm 3"
        words = self._run(
            pytesseract.image_to_data,
            page,
            lang=self.language,
            config=config,
            output_type=pytesseract.Output.DICT,
        )
        return text_of(words)

    def _upright_turn(self, page: Image.Image) -> int:
        """Degrees (counter-clockwise) that turn the page upright, 0 when unknown."""
        try:
            osd = self._run(pytesseract.image_to_osd, page, output_type=pytesseract.Output.DICT)
        except IngestError:
            return 0  # too little text to tell the orientation
        return -int(osd.get("rotate", 0)) % 360

    def _run(self, function, page: Image.Image, **options):  # type: ignore[no-untyped-def]
        try:
            with _command_lock:
                pytesseract.pytesseract.tesseract_cmd = self.command
                return function(page, timeout=PAGE_TIMEOUT_SECONDS, **options)
        except pytesseract.TesseractNotFoundError as error:
            raise IngestError(messages.OCR_MISSING) from error
        except (pytesseract.TesseractError, RuntimeError) as error:  # RuntimeError: timeout
            raise IngestError(messages.OCR_FAILED.format(error=error)) from error


def text_of(words: dict[str, list]) -> str:
    """Tesseract's words put back into lines, and paragraphs separated by a blank line, without
    the lines it is unsure of: the edge of a photographed page, a stamp, a smudge."""
    lines: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for block, paragraph, line, word, confidence in zip(
        words["block_num"], words["par_num"], words["line_num"], words["text"], words["conf"]
    ):
        if word.strip():
            lines.setdefault((block, paragraph, line), []).append((word, float(confidence)))
    out: list[str] = []
    previous = None
    for (block, paragraph, _), line_words in lines.items():
        if sum(c for _, c in line_words) / len(line_words) < MIN_LINE_CONFIDENCE:
            continue
        if previous is not None and previous != (block, paragraph):
            out.append("")
        out.append(" ".join(word for word, _ in line_words))
        previous = (block, paragraph)
    return "\n".join(out)


def straighten(page: Image.Image) -> Image.Image:
    """The page rotated so that its lines of text are horizontal (skew up to ±45°)."""
    small = page.copy()
    small.thumbnail((_SKEW_SIDE, _SKEW_SIDE))
    pixels = np.asarray(small)
    if pixels.size == 0 or pixels.min() == pixels.max():
        return page  # blank
    angle = determine_skew(pixels)
    if angle is None or abs(angle) < _MIN_SKEW:
        return page
    return page.rotate(float(angle), Image.Resampling.BICUBIC, expand=True, fillcolor=255)
