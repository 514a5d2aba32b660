"""Ingestion: find the source files, read each into a normalised Document with metadata.

A file that cannot be read raises IngestError with a Vietnamese reason for the admin.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from qa import messages
from qa.ingest import legacy, readers
from qa.ingest.closing import read_closing
from qa.ingest.markers import attach_markers
from qa.ingest.metadata import SIDECAR_SUFFIX, apply_sidecar, extract_meta, sidecar_for
from qa.ingest.pages import IMAGE_SUFFIXES, ScanReader
from qa.ingest.readers import IngestError
from qa.models import Document
from qa.text import normalize

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "list_source_files",
    "read_document",
    "source_hash",
]

SUPPORTED_SUFFIXES = (
    *(".txt", ".md", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm"),
    *IMAGE_SUFFIXES,  # photos and scans of a page, read by OCR
)


def list_source_files(root: Path) -> list[Path]:
    """Every file under ``root``, sorted, except hidden ones, sidecars and the root README.md.

    Unsupported files are listed too, so that the indexer reports them.
    """
    found = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(folder) / name
            skipped = name.startswith(".") or name.endswith(SIDECAR_SUFFIX)
            if not skipped and not (name == "README.md" and path.parent == root):
                found.append(path)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


# Raised when a change of how files are read changes their passages (2: list markers alone on
# their line joined to it): the next reindex reads every file again, and embeds only the
# passages that changed.
READING = 2


def source_hash(path: Path) -> str:
    """sha256 of the file and of its sidecar, if any (editing the sidecar is a change), and of
    the way files are read."""
    digest = hashlib.sha256(f"reading {READING}\0".encode())
    digest.update(path.read_bytes())
    sidecar = sidecar_for(path)
    if sidecar.is_file():
        digest.update(b"\0" + SIDECAR_SUFFIX.encode() + b"\0" + sidecar.read_bytes())
    return digest.hexdigest()


def read_document(root: Path, path: Path, scans: ScanReader | None = None) -> Document:
    """Read, convert, normalise one file and extract its metadata (sidecar fields win).

    ``scans`` reads PDFs and images (OCR engine, page cache, progress). Raises IngestError
    for files that cannot be indexed; OSError passes through.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(messages.UNSUPPORTED_TYPE)
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(messages.EMPTY_FILE)
    extracted = readers.extract(suffix, data, scans)
    try:
        text = attach_markers(normalize(legacy.repair(extracted.text)))
    except legacy.LegacyEncodingError as error:
        raise IngestError(messages.LEGACY_ENCODING.format(encoding=error.encoding)) from error
    if not text:
        raise IngestError(messages.EMPTY_FILE)
    meta = extract_meta(text, path, extracted.title)
    sidecar = sidecar_for(path)
    if sidecar.is_file():
        meta = apply_sidecar(meta, sidecar)
    meta = replace(meta, pages=extracted.pages, scanned_pages=extracted.scanned_pages)
    unquoted = read_closing(text).spans  # signature block and recipients: metadata only
    return Document(
        path.relative_to(root).as_posix(), text, meta, extracted.rejected_pages, unquoted
    )
