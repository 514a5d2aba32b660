"""New-document notices: who subscribed, what each reindex announced, and the outbox the bots
drain.

A reindex that adds or changes documents writes one notice and one ``pending`` delivery per
subscription of that moment. Each bot claims a batch of its channel's deliveries (``sending``,
with the time of the claim), sends them and records how each ended: ``sent``; ``dropped`` (the
chat blocked the bot: its subscription is deleted); back to ``pending`` to be tried again
RETRY_SECONDS after the last attempt, or ``failed`` after MAX_ATTEMPTS. A bot that stops
cleanly gives back what it claimed and did not send. A delivery still ``sending`` a lease after
its claim belongs to a process that died mid-send: it is claimed again.

A claim is one conditional UPDATE per row (``WHERE status = <seen> AND attempts = <seen>``;
every claim increments ``attempts``), so two processes, or two bots of one process, never
claim the same delivery, on SQLite and PostgreSQL alike. Nobody is skipped: a delivery leaves
the outbox only as sent, dropped or failed.

The one window for a duplicate: a process that dies after the chat server accepted a message
and before ``mark_sent`` committed leaves the delivery ``sending``; after the lease it is sent
again. The window is one HTTP answer and one commit long, for the few messages in flight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from qa.library import document_key
from qa.models import DocumentMeta
from qa.store.models import NoticeDeliveryRow, NoticeRow, SubscriptionRow, utcnow

LEASE_SECONDS = 60.0  # a claim older than this belongs to a process that died mid-send
RETRY_SECONDS = 30.0  # a failed delivery is tried again this long after its last attempt
MAX_ATTEMPTS = 5
KEEP_DAYS = 30  # a notice whose deliveries have all ended is deleted this long after
CLAIM_ROUNDS = 5  # reads of the outbox by one claim when other senders took what it saw

PENDING, SENDING, SENT, DROPPED, FAILED = "pending", "sending", "sent", "dropped", "failed"
Change = Literal["added", "changed"]


@dataclass(frozen=True)
class NoticedDocument:
    """A document as a notice names it; ``key`` opens its card (``qa.library.document_key``)."""

    path: str
    key: str
    doc_type: str
    number: str | None
    title: str
    issuer: str | None
    issued: date | None
    change: Change

    def to_json(self) -> dict:
        return {**asdict(self), "issued": self.issued.isoformat() if self.issued else None}

    @classmethod
    def from_json(cls, data: dict) -> NoticedDocument:
        issued = data.get("issued")
        return cls(**{**data, "issued": date.fromisoformat(issued) if issued else None})


def noticed(path: str, meta: DocumentMeta, change: Change) -> NoticedDocument:
    return NoticedDocument(
        path=path,
        key=document_key(path),
        doc_type=meta.doc_type,
        number=meta.number,
        title=meta.title,
        issuer=meta.issuer,
        issued=meta.issued,
        change=change,
    )


@dataclass(frozen=True)
class Announced:
    notice_id: int
    recipients: int  # subscriptions, on every channel, that get it


@dataclass(frozen=True)
class Delivery:
    """One notice to one chat, claimed by a sender."""

    notice_id: int
    channel: str
    chat_id: str
    attempts: int  # this one included
    documents: tuple[NoticedDocument, ...]


class Notices:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        lease_seconds: float = LEASE_SECONDS,
        retry_seconds: float = RETRY_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self._sessions = sessions
        self._lease = timedelta(seconds=lease_seconds)
        self._retry = timedelta(seconds=retry_seconds)
        self._max_attempts = max_attempts

    # --- subscriptions -------------------------------------------------------------------------
    def subscribe(self, channel: str, chat_id: str, is_group: bool) -> bool:
        """False when the chat was subscribed already."""
        with self._sessions.begin() as session:
            if session.get(SubscriptionRow, (channel, chat_id)) is not None:
                return False
            session.add(SubscriptionRow(channel=channel, chat_id=chat_id, is_group=is_group))
            return True

    def unsubscribe(self, channel: str, chat_id: str) -> bool:
        """False when the chat was not subscribed. Notices not yet sent to it are dropped."""
        with self._sessions.begin() as session:
            removed = session.execute(
                delete(SubscriptionRow).where(
                    SubscriptionRow.channel == channel, SubscriptionRow.chat_id == chat_id
                )
            ).rowcount
            self._drop_pending(session, channel, chat_id, "unsubscribed")
            return bool(removed)

    def is_subscribed(self, channel: str, chat_id: str) -> bool:
        with self._sessions() as session:
            return session.get(SubscriptionRow, (channel, chat_id)) is not None

    def subscribers(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(SubscriptionRow)) or 0

    # --- notices -------------------------------------------------------------------------------
    def announce(self, build_id: int, documents: Sequence[NoticedDocument]) -> Announced | None:
        """A notice of these documents for every subscription; None when there are no
        documents or no subscribers."""
        if not documents:
            return None
        with self._sessions.begin() as session:
            chats = session.execute(select(SubscriptionRow.channel, SubscriptionRow.chat_id)).all()
            if not chats:
                return None
            notice = NoticeRow(build_id=build_id, documents=[d.to_json() for d in documents])
            session.add(notice)
            session.flush()
            session.add_all(
                NoticeDeliveryRow(
                    notice_id=notice.id, channel=channel, chat_id=chat_id, status=PENDING
                )
                for channel, chat_id in chats
            )
            return Announced(notice.id, len(chats))

    def claim(self, channel: str, limit: int) -> list[Delivery]:
        """Up to ``limit`` deliveries of a channel to send now, marked ``sending``: pending ones
        (retried ones once RETRY_SECONDS have passed), and ones whose sender died. Rows another
        sender claimed first are read past, a few times, so that contention alone does not
        leave the caller empty-handed."""
        claimed: list[tuple[int, str, int]] = []
        for _ in range(CLAIM_ROUNDS):
            seen = self._due(channel, limit)
            if not seen:
                break
            claimed = self._take(channel, seen)
            if claimed:
                break
        if not claimed:
            return []
        with self._sessions() as session:
            ids = {notice_id for notice_id, _, _ in claimed}
            notices = {
                notice.id: tuple(NoticedDocument.from_json(d) for d in notice.documents)
                for notice in session.scalars(select(NoticeRow).where(NoticeRow.id.in_(ids)))
            }
        return [
            Delivery(notice_id, channel, chat_id, attempts, notices[notice_id])
            for notice_id, chat_id, attempts in claimed
        ]

    def _due(self, channel: str, limit: int) -> list[tuple[int, str, str, int]]:
        """(notice id, chat id, status, attempts) of deliveries to send now."""
        now = utcnow()
        row = NoticeDeliveryRow
        due = or_(
            and_(
                row.status == PENDING,
                or_(row.claimed_at.is_(None), row.claimed_at <= now - self._retry),
            ),
            and_(row.status == SENDING, row.claimed_at <= now - self._lease),
        )
        with self._sessions() as session:
            return [
                tuple(found)
                for found in session.execute(
                    select(row.notice_id, row.chat_id, row.status, row.attempts)
                    .where(row.channel == channel, due)
                    .order_by(row.notice_id, row.chat_id)
                    .limit(limit)
                )
            ]

    def _take(
        self, channel: str, seen: list[tuple[int, str, str, int]]
    ) -> list[tuple[int, str, int]]:
        """Claim each delivery still as it was seen (a write transaction of its own, which
        starts with a write, so that SQLite waits for another writer instead of failing)."""
        row = NoticeDeliveryRow
        taken = []
        with self._sessions.begin() as session:
            for notice_id, chat_id, status, attempts in seen:
                won = session.execute(
                    update(row)
                    .where(
                        row.notice_id == notice_id,
                        row.channel == channel,
                        row.chat_id == chat_id,
                        row.status == status,
                        row.attempts == attempts,
                    )
                    .values(status=SENDING, claimed_at=utcnow(), attempts=attempts + 1)
                ).rowcount
                if won:
                    taken.append((notice_id, chat_id, attempts + 1))
        return taken

    def mark_sent(self, delivery: Delivery) -> None:
        with self._sessions.begin() as session:
            self._set(session, delivery, status=SENT, sent_at=utcnow(), error=None)

    def drop(self, delivery: Delivery, reason: str) -> None:
        """The chat blocked the bot (or is gone): no more notices to it."""
        with self._sessions.begin() as session:
            self._set(session, delivery, status=DROPPED, error=reason)
            session.execute(
                delete(SubscriptionRow).where(
                    SubscriptionRow.channel == delivery.channel,
                    SubscriptionRow.chat_id == delivery.chat_id,
                )
            )
            self._drop_pending(session, delivery.channel, delivery.chat_id, reason)

    def retry(self, delivery: Delivery, error: str) -> str:
        """Try again later, or give up after MAX_ATTEMPTS; returns the new status."""
        status = FAILED if delivery.attempts >= self._max_attempts else PENDING
        with self._sessions.begin() as session:
            self._set(session, delivery, status=status, error=error)
        return status

    def release(self, deliveries: Sequence[Delivery]) -> None:
        """Give back claimed deliveries that were not sent (the sender is stopping): they are
        due again at once, and the claim does not count as an attempt."""
        with self._sessions.begin() as session:
            for delivery in deliveries:
                self._set(
                    session,
                    delivery,
                    status=PENDING,
                    claimed_at=None,
                    attempts=delivery.attempts - 1,
                )

    def prune(self, keep_days: int = KEEP_DAYS) -> int:
        """Delete the notices older than ``keep_days`` whose deliveries have all ended (sent,
        dropped or failed), with those deliveries; returns how many notices."""
        row = NoticeDeliveryRow
        open_ = select(row.notice_id).where(row.status.in_((PENDING, SENDING)))
        old = select(NoticeRow.id).where(
            NoticeRow.created_at < utcnow() - timedelta(days=keep_days),
            NoticeRow.id.not_in(open_),
        )
        with self._sessions.begin() as session:
            ids = session.scalars(old).all()
            session.execute(delete(row).where(row.notice_id.in_(ids)))
            return session.execute(delete(NoticeRow).where(NoticeRow.id.in_(ids))).rowcount

    def statuses(self, notice_id: int) -> dict[str, int]:
        """How many deliveries of a notice are in each status."""
        row = NoticeDeliveryRow
        with self._sessions() as session:
            counts = session.execute(
                select(row.status, func.count())
                .where(row.notice_id == notice_id)
                .group_by(row.status)
            ).all()
        return {status: count for status, count in counts}

    @staticmethod
    def _set(session: Session, delivery: Delivery, **values: object) -> None:
        """Update a delivery this sender still holds: ``sending`` under its claim, not claimed
        again by another sender after the lease."""
        row = NoticeDeliveryRow
        session.execute(
            update(row)
            .where(
                row.notice_id == delivery.notice_id,
                row.channel == delivery.channel,
                row.chat_id == delivery.chat_id,
                row.status == SENDING,
                row.attempts == delivery.attempts,
            )
            .values(**values)
        )

    @staticmethod
    def _drop_pending(session: Session, channel: str, chat_id: str, reason: str) -> None:
        row = NoticeDeliveryRow
        session.execute(
            update(row)
            .where(row.channel == channel, row.chat_id == chat_id, row.status == PENDING)
            .values(status=DROPPED, error=reason)
        )
