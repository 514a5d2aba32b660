"""What every reader returns (Extracted) or raises (IngestError)."""

from __future__ import annotations

from dataclasses import dataclass

from qa.models import RejectedPage


class IngestError(Exception):
    """A file that cannot be indexed; ``reason`` is shown to the admin (Vietnamese)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Extracted:
    """What was read from a file: its text and, for PDFs and images, how its pages went."""

    text: str
    title: str | None = None  # HTML <title> or first <h1>
    pages: int | None = None  # PDF and image files
    scanned_pages: int = 0  # pages read by OCR and kept in ``text``
    rejected_pages: tuple[RejectedPage, ...] = ()  # pages read by OCR and left out
