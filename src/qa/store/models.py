"""The database schema (SQLAlchemy 2 typed ORM). Changes go through Alembic migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class IndexBuild(Base):
    """One run of reindex. Exactly one build is ``active``: the one questions are answered from."""

    __tablename__ = "index_builds"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # building|active|retired|failed
    embedder_key: Mapped[str] = mapped_column(String(500))
    dim: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    seconds: Mapped[float | None] = mapped_column(Float)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    passages: Mapped[int] = mapped_column(Integer, default=0)
    embedded: Mapped[int] = mapped_column(Integer, default=0)
    # while building: progress (qa.index.build Progress) and a heartbeat, so that any replica
    # can show it and tell a build whose process died
    progress_done: Mapped[int | None] = mapped_column(Integer)
    progress_total: Mapped[int | None] = mapped_column(Integer)
    progress_unit: Mapped[str | None] = mapped_column(String(16))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    host: Mapped[str | None] = mapped_column(String(200))  # where it is built

    documents: Mapped[list[DocumentRow]] = relationship(
        secondary="build_documents", order_by="DocumentRow.path"
    )


class DocumentRow(Base):
    """One version of one source file. Unchanged files are shared by successive builds."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(1000), index=True)
    source_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    doc_type: Mapped[str] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(300))
    issued: Mapped[date | None] = mapped_column(Date)
    replaced_by: Mapped[str | None] = mapped_column(String(300))
    pages: Mapped[int | None] = mapped_column(Integer)  # PDF and image files
    scanned_pages: Mapped[int] = mapped_column(Integer, default=0)  # pages read by OCR
    place: Mapped[str | None] = mapped_column(String(200))
    signer: Mapped[str | None] = mapped_column(String(300))
    recipients: Mapped[list | None] = mapped_column(JSON)  # the "Nơi nhận" lines
    source_url: Mapped[str | None] = mapped_column(String(2000))  # added by link
    text: Mapped[str] = mapped_column(Text)
    first_indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    passages: Mapped[list[PassageRow]] = relationship(
        order_by="PassageRow.ordinal", cascade="all, delete-orphan"
    )


class OcrPageRow(Base):
    """OCR cache: the same page image under the same engine is never read twice."""

    __tablename__ = "ocr_pages"

    engine_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentLinkRow(Base):
    """A document replacing, amending or repealing another, keyed by the newer one's path and
    the older one's number so that it survives reindexing. ``status``: detected | confirmed |
    undone (an admin's decision is kept when the text is read again)."""

    __tablename__ = "document_links"
    __table_args__ = (UniqueConstraint("source_path", "relation", "target_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_path: Mapped[str] = mapped_column(String(1000), index=True)
    relation: Mapped[str] = mapped_column(String(16))  # replaces | amends | repeals
    target_number: Mapped[str] = mapped_column(String(100))
    target_type: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str | None] = mapped_column(Text)  # the sentence that says so
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BuildDocument(Base):
    __tablename__ = "build_documents"

    build_id: Mapped[int] = mapped_column(
        ForeignKey("index_builds.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PassageRow(Base):
    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    heading_path: Mapped[str] = mapped_column(Text)  # headings joined by "\n"
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))


class EmbeddingRow(Base):
    """Vector cache: the same text under the same model is never embedded twice."""

    __tablename__ = "embeddings"

    model_key: Mapped[str] = mapped_column(String(500), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class IngestFailureRow(Base):
    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    build_id: Mapped[int] = mapped_column(
        ForeignKey("index_builds.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(1000))
    reason: Mapped[str] = mapped_column(Text)


class QuestionRow(Base):
    """A question asked in a chat, with the answer given and the sources it cited."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))  # telegram | zalo
    chat_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    question: Mapped[str] = mapped_column(Text)  # as the member typed it
    searched: Mapped[str] = mapped_column(Text)  # with the previous question, for a follow-up
    answered: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(16))  # qa.models.ReplyKind
    answer: Mapped[str] = mapped_column(Text)
    sources: Mapped[list] = mapped_column(JSON)  # see qa.journal.Source
    build_id: Mapped[int | None] = mapped_column(Integer)
    asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class FeedbackRow(Base):
    """👍 (+1) or 👎 (-1) of one member on one answer; a second vote replaces the first."""

    __tablename__ = "feedback"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(SmallInteger)
    given_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)  # a member's words after 👎


class SubscriptionRow(Base):
    """A chat (a member's private chat, or a group) that gets new-document notices. The chat id
    is kept as is: it is where the notices go."""

    __tablename__ = "subscriptions"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)  # telegram | zalo
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    subscribed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NoticeRow(Base):
    """The documents a reindex added or changed, announced to the subscribers of that moment."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    build_id: Mapped[int] = mapped_column(Integer)
    documents: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NoticeDeliveryRow(Base):
    """One notice to one chat: the outbox the senders drain, so that a restart midway neither
    skips a subscriber nor notifies one twice. ``status``: pending | sending | sent | dropped
    (the chat blocked the bot) | failed."""

    __tablename__ = "notice_deliveries"

    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True
    )
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)


class AppStateRow(Base):
    """Small values the application keeps for itself (e.g. the journal's salt)."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MemberStateRow(Base):
    """What the bots remember of one member in one chat (ids as salted hashes, qa.privacy):
    the thread a follow-up continues, the last answer (``/nguon N``), the document the next
    question is scoped to, the last library list. Kept in the database so that a restart, or
    another replica, carries on."""

    __tablename__ = "member_state"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    topic: Mapped[str | None] = mapped_column(Text)
    quotes: Mapped[list | None] = mapped_column(JSON)
    question_id: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scope_path: Mapped[str | None] = mapped_column(String(1000))
    scope_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    shelf: Mapped[list | None] = mapped_column(JSON)
    card_path: Mapped[str | None] = mapped_column(String(1000))  # the last card shown (Zalo)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class RateEventRow(Base):
    """One counted event (a question) of a rate-limit key, shared by every replica."""

    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HandledUpdateRow(Base):
    """A Telegram update_id or Zalo message_id already taken by some replica: a redelivery is
    answered once. Expired rows are deleted."""

    __tablename__ = "handled_updates"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    update_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    # set once the reply is sent: a claim left without it by a replica that died is taken
    # over after a lease
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class BuildFileRow(Base):
    """A file of an index build, published through the database so that replicas on other
    hosts fetch (and verify) a build instead of re-embedding it."""

    __tablename__ = "build_files"

    build_id: Mapped[int] = mapped_column(
        ForeignKey("index_builds.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SourceFileRow(Base):
    """A file of the documents folder (path relative to it), published through the database so
    that every replica's folder holds the documents added or removed on any of them; a removed
    one keeps its row (``removed``, no data) so that the other replicas remove it too."""

    __tablename__ = "source_files"

    path: Mapped[str] = mapped_column(String(1000), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
