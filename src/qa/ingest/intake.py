"""Files coming in from outside (an admin's upload, a download by link): what a file really is,
told by its first bytes rather than its name, and an atomic write into the documents folder.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
import zlib
from pathlib import Path

from qa import messages

# What the first bytes of a file of each suffix must show; every other suffix is text.
KIND_OF_SUFFIX = {
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".doc": "DOC",
    ".rtf": "RTF",
    ".odt": "ODT",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC"),  # OLE2, the container of Word 97–2003
    (b"{\\rtf", "RTF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ODT = b"application/vnd.oasis.opendocument.text"


class IntakeRejected(ValueError):
    """The message (Vietnamese) says why the file was not accepted."""


def sniff(data: bytes) -> str:
    """A value of KIND_OF_SUFFIX, "ZIP" (another archive), "BINARY", or "TEXT" (txt, md, html:
    the reader decodes them)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return "BINARY" if b"\x00" in data[:8192] else "TEXT"


def _zip_kind(data: bytes) -> str:
    """ "DOCX", "ODT" (its first member, "mimetype", says so), "ZIP", or "BINARY" if broken."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "word/document.xml" in names:
                return "DOCX"
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # read no more than needed
                    if member.read(len(_ODT) + 1) == _ODT:
                        return "ODT"
            return "ZIP"
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError):
        return "BINARY"  # broken, compressed in an unknown way, or encrypted


def save(folder: Path, name: str, data: bytes) -> Path:
    """Write atomically into ``folder`` (created if needed); returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise IntakeRejected(messages.UPLOAD_BAD_NAME)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, target)
    return target
