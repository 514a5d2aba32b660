"""The collection as members browse it: documents by type, year and issuer, and each one's card."""

from __future__ import annotations

import hashlib


def document_key(path: str) -> str:
    """A short, stable id of a document (its path's hash): fits in a Telegram button's data
    and survives reindexing, unlike a database row id."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]
