"""The OCR page cache (``qa.ingest.pages.PageCache``) in the database, like the vectors.

Kept across reindexes, ``--full`` ones too: the key names the Tesseract version, language and
resolution, so a cached text is what OCR would read again, and a scan is never OCR'd twice.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from qa.store.models import OcrPageRow


class SqlPageCache:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, engine_key: str, content_hash: str) -> str | None:
        row = self._session.get(OcrPageRow, (engine_key, content_hash))
        return row.text if row is not None else None

    def put(self, engine_key: str, content_hash: str, text: str) -> None:
        """Stored at once: OCR'd pages survive a reindex that is killed half-way."""
        self._session.merge(OcrPageRow(engine_key=engine_key, content_hash=content_hash, text=text))
        self._session.commit()
