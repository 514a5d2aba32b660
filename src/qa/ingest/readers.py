"""One reader per format: file bytes → raw text, with headings as markdown "#" lines.

The text is not normalised yet and may still be in a legacy encoding (see ``legacy``);
``read_document`` does both for every format.
"""

from __future__ import annotations

import codecs
import io
import re

import docx
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from qa import messages
from qa.ingest import legacy, office
from qa.ingest.base import Extracted, IngestError
from qa.ingest.pages import IMAGE_SUFFIXES, ScanReader


def extract(suffix: str, data: bytes, scans: ScanReader | None = None) -> Extracted:
    """Raw text of a file of a supported type (``suffix`` in lower case, with the dot).

    PDFs and images go page by page through ``scans`` (OCR for pages without a text layer).
    """
    if suffix == ".docx":
        return Extracted(read_docx(data))
    if suffix in office.SUFFIXES:  # .doc, .rtf, .odt: converted to DOCX by LibreOffice
        return Extracted(read_docx(office.to_docx(data, suffix)))
    if suffix == ".pdf":
        return (scans or ScanReader()).read_pdf(data)
    if suffix in IMAGE_SUFFIXES:
        return (scans or ScanReader()).read_image(data, suffix)
    if suffix in (".html", ".htm"):
        return read_html(data)
    return Extracted(decode_text(data))


# --- Plain text --------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Bytes of a text file → str: a BOM, else UTF-8, else the ``declared`` charset, else a
    legacy Vietnamese 8-bit text (TCVN3/VNI read as windows-1252, or windows-1258)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data, codec)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if b"\x00" in data or controls > 0.05 * len(data):
        raise IngestError(messages.BINARY_FILE)
    for codec in filter(None, ("utf-8", declared)):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return _legacy_text(data)


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise IngestError(messages.UNDECODABLE) from error


def _legacy_text(data: bytes) -> str:
    """8-bit text kept only if it is Vietnamese: legacy-encoded (converted later) or cp1258."""
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        latin = data.decode("latin-1")
    if legacy.detect(latin):
        return latin
    try:
        vietnamese = data.decode("cp1258")
    except UnicodeDecodeError:
        vietnamese = ""
    if vietnamese and legacy.reads_as_vietnamese(vietnamese):
        return vietnamese
    raise IngestError(messages.UNDECODABLE)


# --- DOCX --------------------------------------------------------------------------------------


def read_docx(data: bytes) -> str:
    """Paragraphs and tables in body order; Title/Heading paragraphs become "#" lines.

    Runs in legacy fonts (".VnTime", "VNI-Times") are converted here, where the font is known.
    """
    try:
        document = docx.Document(io.BytesIO(data))
        default_font = _style_font(document.styles.default(WD_STYLE_TYPE.PARAGRAPH))
        lines = [
            line
            for block in document.iter_inner_content()
            for line in _block_lines(block, default_font)
        ]
    except Exception as error:  # python-docx, zipfile and lxml raise many kinds
        raise IngestError(messages.CORRUPT_FILE.format(kind="DOCX")) from error
    return "\n".join(lines)


def _block_lines(block: Paragraph | Table, default_font: str | None) -> list[str]:
    if isinstance(block, Table):
        return _table_lines(block, default_font)
    line = _paragraph_line(block, default_font)
    return [line] if line else []


def _table_lines(table: Table, default_font: str | None) -> list[str]:
    """A row per line, cells joined by " | "; a layout table (cells of several paragraphs,
    like the header of an official document) gives one line per paragraph instead."""
    lines: list[str] = []
    for row in table.rows:
        cells = list(dict.fromkeys(row.cells))  # a merged cell repeats across the columns
        texts = [
            [
                line
                for block in cell.iter_inner_content()
                for line in _block_lines(block, default_font)
            ]
            for cell in cells
        ]
        if any(len(cell) > 1 for cell in texts):
            lines += [line for cell in texts for line in cell]
        elif row_text := " | ".join(cell[0] for cell in texts if cell):
            lines.append(row_text)
    return lines


_HEADING_STYLE = re.compile(r"Heading (\d)")


def _paragraph_line(paragraph: Paragraph, default_font: str | None) -> str:
    style = paragraph.style
    font = _style_font(style) or default_font
    runs = [
        run
        for item in paragraph.iter_inner_content()
        for run in (item.runs if isinstance(item, Hyperlink) else [item])
    ]
    text = "".join(_run_text(run, font) for run in runs).strip()
    name = (style.name or "") if style is not None else ""
    heading = _HEADING_STYLE.fullmatch(name)
    level = 1 if name == "Title" else min(int(heading.group(1)), 6) if heading else 0
    return f"{'#' * level} {text}" if level and text else text


def _style_font(style: BaseStyle | None) -> str | None:
    while style is not None:
        if style.font.name:
            return style.font.name
        style = style.base_style
    return None


_RUN_TEXT_TAGS = frozenset(qn(f"w:{t}") for t in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab"))
_SOFT_HYPHEN = qn("w:softHyphen")


def _run_text(run: Run, paragraph_font: str | None) -> str:
    font = run.font.name or _style_font(run.style) or paragraph_font or ""
    encoding = legacy.font_encoding(font)
    if encoding is None:
        return run.text
    text = legacy.convert(_legacy_run_text(run), encoding)
    return text.upper() if encoding == legacy.TCVN3 and font.endswith("H") else text


def _legacy_run_text(run: Run) -> str:
    """The run's text with Word's soft hyphens kept: in TCVN3 that byte is the letter "ư"."""
    parts = []
    for child in run._r:  # python-docx has no public access to <w:softHyphen/>
        if child.tag == _SOFT_HYPHEN:
            parts.append("\xad")
        elif child.tag in _RUN_TEXT_TAGS:
            parts.append(str(child))
    return "".join(parts)


# --- HTML --------------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_DROPPED = {"script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg"}
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
}
_HTML_HEADINGS = {f"h{level}": level for level in range(1, 7)}


def read_html(data: bytes) -> Extracted:
    declared = _CHARSET.search(data[:4096])
    text = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    soup = BeautifulSoup(text, "lxml")
    h1 = soup.find("h1")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    title = title or (h1.get_text(" ", strip=True) if h1 else None)
    return Extracted("\n".join(_HtmlLines().collect(soup.body or soup)), title or None)


class _HtmlLines:
    """Collects the visible text: a line per block, heading or table row."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._inline: list[str] = []

    def collect(self, node: Tag) -> list[str]:
        self._walk(node)
        self._flush()
        return self.lines

    def _walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    self._inline.append(str(child))
            elif child.name in _DROPPED:
                continue
            elif child.name in _HTML_HEADINGS or child.name == "tr":
                self._flush()
                self._add(self._composite(child))
            elif child.name in _BLOCKS:
                self._flush()
                self._walk(child)
                self._flush()
            else:
                self._walk(child)

    def _composite(self, tag: Tag) -> str:
        if tag.name == "tr":
            cells = tag.find_all(["td", "th"], recursive=False)
            return " | ".join(filter(None, (_inline_text(cell) for cell in cells)))
        text = _inline_text(tag)
        return f"{'#' * _HTML_HEADINGS[tag.name]} {text}" if text else ""

    def _flush(self) -> None:
        self._add(" ".join("".join(self._inline).split()))
        self._inline.clear()

    def _add(self, line: str) -> None:
        if line:
            self.lines.append(line)


def _inline_text(tag: Tag) -> str:
    """A heading's or a cell's text on one line."""
    return " ".join(_HtmlLines().collect(tag))
