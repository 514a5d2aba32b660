"""Files sent by admins: a safe name inside the documents folder, a size limit, and a type
checked by the content, not only by the name. Nothing is written until the file passes.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from qa import messages
from qa.ingest import SUPPORTED_SUFFIXES
from qa.ingest.intake import KIND_OF_SUFFIX, save, sniff
from qa.ingest.intake import IntakeRejected as UploadRejected

__all__ = ["UPLOAD_FOLDER", "UploadRejected", "check", "safe_name", "save"]

UPLOAD_FOLDER = "tai-len"  # inside the documents folder
MAX_NAME_CHARS = 120


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
    kind = KIND_OF_SUFFIX.get(suffix, "TEXT")
    if sniff(data) != kind:
        name = messages.TEXT_KIND if kind == "TEXT" else kind
        raise UploadRejected(messages.UPLOAD_TYPE_MISMATCH.format(kind=name))
    return safe
