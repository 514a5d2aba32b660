"""Plain data passed between the stages: ingest → chunk → index → retrieve → answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from qa import messages


@dataclass(frozen=True)
class DocumentMeta:
    """What a citation names. Every field may be overridden by a sidecar ``name.meta.toml``."""

    title: str
    doc_type: str = "Văn bản khác"
    number: str | None = None  # canonical, e.g. "05-CT/TU", "12/2005/CT-UBND"
    issuer: str | None = None
    issued: date | None = None
    replaced_by: str | None = None
    pages: int | None = None  # PDF and image files
    scanned_pages: int = 0  # pages read by OCR: quotes from them say "bản quét"
    source_url: str | None = None  # the page or file it was downloaded from (qa add, /them)
    place: str | None = None  # where it was signed: "Quảng Trị" of "Quảng Trị, ngày …"
    signer: str | None = None  # the name, with the office signed as: "Lê Quang Tùng (Bí thư)"
    recipients: tuple[str, ...] = ()  # the "Nơi nhận" lines
    # from the links between documents (qa.index.links), not from a header or sidecar
    repealed_by: str | None = None
    amended_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One source file, read and normalised (NFC, clean whitespace)."""

    path: str  # relative to the documents folder, with "/" separators
    text: str
    meta: DocumentMeta
    rejected_pages: tuple[RejectedPage, ...] = ()  # OCR'd pages left out of ``text``
    # spans of ``text`` kept as metadata, never cut into passages: signature block, recipients
    unquoted: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RejectedPage:
    """A page of a scan not indexed, e.g. its OCR text is not plausible Vietnamese."""

    page: int  # 1-based
    reason: str  # Vietnamese, shown to the admin


@dataclass(frozen=True)
class IngestFailure:
    path: str
    reason: str  # Vietnamese, shown to the admin


@dataclass(frozen=True)
class Passage:
    """A piece of a document: ``document.text[start:end] == text``."""

    ordinal: int
    heading_path: tuple[str, ...]
    text: str
    start: int
    end: int

    @property
    def section(self) -> str:
        return " › ".join(self.heading_path)


@dataclass(frozen=True)
class IndexedPassage:
    """A passage as the retriever sees it: with its document's metadata."""

    id: int
    document_path: str
    meta: DocumentMeta
    heading_path: tuple[str, ...]
    text: str
    start: int
    end: int

    @property
    def section(self) -> str:
        return " › ".join(self.heading_path)


@dataclass(frozen=True)
class Hit:
    passage: IndexedPassage
    score: float  # fused score, higher is better
    dense_rank: int | None = None
    lexical_rank: int | None = None
    names_asked_document: bool = False  # the passage is of, or cites, a document the question names


@dataclass(frozen=True)
class Citation:
    number: int  # the [n] shown in the answer
    hit: Hit
    quote: str  # the exact sentences quoted from the passage


# What a reply is: quotes that answer; a plain "the documents do not answer"; a message that is
# not about the documents' subject at all; greetings, thanks and other small talk.
ReplyKind = Literal["answer", "refusal", "out_of_scope", "small_talk", "library"]


@dataclass(frozen=True)
class Answer:
    question: str
    kind: ReplyKind
    text: str
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()

    @property
    def answered(self) -> bool:
        """The reply quotes the documents as an answer."""
        return self.kind == "answer"


@dataclass
class ReindexReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[IngestFailure] = field(default_factory=list)
    warnings: list[IngestFailure] = field(default_factory=list)  # indexed, but pages left out
    passages: int = 0
    embedded: int = 0  # passages whose vectors were computed (not taken from the cache)
    seconds: float = 0.0
    build_id: int | None = None
    notified: int = 0  # subscribers (chats) a new-document notice goes to (qa.notices)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """What an admin reads when a reindex ends (Vietnamese)."""
        lines = [
            messages.REINDEX_SUMMARY.format(
                seconds=self.seconds,
                added=len(self.added),
                changed=len(self.changed),
                removed=len(self.removed),
                unchanged=self.unchanged,
                failed=len(self.failed),
                passages=self.passages,
                embedded=self.embedded,
            )
        ]
        if self.failed:
            lines.append(messages.REINDEX_FAILURES)
            lines += listed(self.failed)
        if self.warnings:
            lines.append(messages.REINDEX_WARNINGS)
            lines += listed(self.warnings)
        if self.notified:
            lines.append(messages.REINDEX_NOTIFIED.format(count=self.notified))
        return "\n".join(lines)


def listed(failures: list[IngestFailure]) -> list[str]:
    """A line per file, as the admin reads it: "  - path: reason"."""
    return [f"  - {failure.path}: {failure.reason}" for failure in failures]
