"""Files sent by admins: a safe name inside the documents folder, a size limit, and a type
checked by the content, not only by the name. Nothing is written until the file passes.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from qa import messages
from qa.ingest import SUPPORTED_SUFFIXES

UPLOAD_FOLDER = "tai-len"  # inside the documents folder
MAX_NAME_CHARS = 120


class UploadRejected(ValueError):
    """The message (Vietnamese) says why the file was not accepted."""


def safe_name(name: str) -> str:
    """The last path component, NFC, without characters that are unsafe in file names:
    "../../etc/passwd.txt" becomes "passwd.txt"."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[^\w.\- ()]+", "_", base).strip(" ._")
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem:
        raise UploadRejected(messages.UPLOAD_BAD_NAME)
    return f"{stem[: MAX_NAME_CHARS - len(suffix) - 1]}.{suffix.lower()}"


def check(name: str, data: bytes, limit_mb: int) -> str:
    """The safe file name for an upload, or UploadRejected."""
    if len(data) > limit_mb * 1024 * 1024:
        raise UploadRejected(
            messages.UPLOAD_TOO_BIG.format(size=len(data) / 1024 / 1024, limit=limit_mb)
        )
    safe = safe_name(name)
    suffix = Path(safe).suffix
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(messages.UNSUPPORTED_TYPE)
    if not data.strip():
        raise UploadRejected(messages.EMPTY_FILE)
    kind = {".pdf": "PDF", ".docx": "DOCX"}.get(suffix, "TEXT")
    if _sniff(data) != kind:
        name = messages.TEXT_KIND if kind == "TEXT" else kind
        raise UploadRejected(messages.UPLOAD_TYPE_MISMATCH.format(kind=name))
    return safe


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "DOCX" if "word/document.xml" in archive.namelist() else "ZIP"
        except zipfile.BadZipFile:
            return "BINARY"
    return "BINARY" if b"\x00" in data[:8192] else "TEXT"  # txt, md, html: the reader decodes


def save(folder: Path, name: str, data: bytes) -> Path:
    """Write atomically into ``folder`` (created if needed); returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise UploadRejected(messages.UPLOAD_BAD_NAME)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, target)
    return target
