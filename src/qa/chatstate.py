"""What the bots remember between messages, kept in the database so that a restart, or another
replica on the same database, carries on: each member's thread and last answer, the document
their next question is scoped to, their last library list and card (``member_state``); rate-limit
events (``rate_events``); the updates claimed, and answered (``handled_updates``).

Members' ids, and rate-limit keys, are stored as salted hashes (``qa.privacy``, the journal's
salt). Each operation is one short transaction, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from qa.store.models import HandledUpdateRow, MemberStateRow, RateEventRow, utcnow

STATE_DAYS = 30  # a member's state unchanged this long is deleted (at most QA_JOURNAL_DAYS)
UPDATES_KEPT = timedelta(hours=48)  # longer than Telegram or Zalo retry an update
RATE_EVENTS_KEPT = timedelta(days=1)  # longer than any rate-limit window
RATE_KEY_CHANNEL = "rate"  # the "channel" rate-limit keys are hashed under

Hasher = Callable[[str, str], str]  # (channel, raw id) → stored id: Journal.hashed


@dataclass(frozen=True)
class Turn:
    """A member's last answered question: the thread a follow-up continues, and the answer
    ``/nguon N`` opens (its sources are the journal's, under ``question_id``)."""

    topic: str  # the question that started the thread of follow-ups
    quotes: tuple[str, ...]
    question_id: int
    answered_at: datetime


@dataclass(frozen=True)
class Purged:
    members: int
    updates: int
    rate_events: int


class ChatState:
    def __init__(self, sessions: sessionmaker[Session], hashed: Hasher, *, keep_days: int) -> None:
        """``keep_days``: how long a member's state is kept after its last change."""
        self._sessions = sessions
        self._hashed = hashed
        self.keep_days = keep_days

    # --- members -------------------------------------------------------------------------------
    def turn(self, channel: str, chat_id: str, user_id: str) -> Turn | None:
        row = self._row(channel, chat_id, user_id)
        if row is None or row.question_id is None or row.answered_at is None:
            return None
        quotes = tuple(row.quotes or ())
        return Turn(row.topic or "", quotes, row.question_id, _aware(row.answered_at))

    def save_turn(self, channel: str, chat_id: str, user_id: str, turn: Turn) -> None:
        self._set(
            channel,
            chat_id,
            user_id,
            topic=turn.topic,
            quotes=list(turn.quotes),
            question_id=turn.question_id,
            answered_at=turn.answered_at,
        )

    def scope_next(self, channel: str, chat_id: str, user_id: str, path: str) -> None:
        """The member's next question searches only the document at ``path``."""
        self._set(channel, chat_id, user_id, scope_path=path, scope_at=utcnow())

    def take_scope(self, channel: str, chat_id: str, user_id: str, within: timedelta) -> str | None:
        """The document the member chose less than ``within`` ago, forgotten once taken."""
        row = self._row(channel, chat_id, user_id)
        if row is None or row.scope_path is None or row.scope_at is None:
            return None
        self._set(channel, chat_id, user_id, scope_path=None, scope_at=None)
        return row.scope_path if utcnow() - _aware(row.scope_at) < within else None

    def shelf(self, channel: str, chat_id: str, user_id: str) -> list[str]:
        """The paths of the member's last numbered library list (Zalo's ``/vb N``)."""
        row = self._row(channel, chat_id, user_id)
        return list(row.shelf or []) if row else []

    def save_shelf(self, channel: str, chat_id: str, user_id: str, paths: list[str]) -> None:
        self._set(channel, chat_id, user_id, shelf=paths)

    def card(self, channel: str, chat_id: str, user_id: str) -> str | None:
        """The path of the document whose card the member saw last (Zalo's ``/hoi``, ``/goc``)."""
        row = self._row(channel, chat_id, user_id)
        return row.card_path if row else None

    def save_card(self, channel: str, chat_id: str, user_id: str, path: str) -> None:
        self._set(channel, chat_id, user_id, card_path=path)

    def forget(self, channel: str, user_id: str) -> int:
        """Delete what is remembered of a member in every chat; returns how many rows."""
        hashed = self._hashed(channel, user_id)
        with self._sessions.begin() as session:
            return session.execute(
                delete(MemberStateRow).where(
                    MemberStateRow.channel == channel, MemberStateRow.user_id == hashed
                )
            ).rowcount

    def _row(self, channel: str, chat_id: str, user_id: str) -> MemberStateRow | None:
        with self._sessions() as session:
            return session.get(MemberStateRow, self._key(channel, chat_id, user_id))

    def _set(self, channel: str, chat_id: str, user_id: str, **values: Any) -> None:
        """Update the member's row, or create it (a concurrent creator wins: update it then)."""
        key = self._key(channel, chat_id, user_id)
        values["updated_at"] = utcnow()
        where = (
            MemberStateRow.channel == key[0],
            MemberStateRow.chat_id == key[1],
            MemberStateRow.user_id == key[2],
        )
        for attempt in range(2):
            try:
                with self._sessions.begin() as session:
                    if session.execute(
                        update(MemberStateRow).where(*where).values(**values)
                    ).rowcount:
                        return
                    session.add(
                        MemberStateRow(channel=key[0], chat_id=key[1], user_id=key[2], **values)
                    )
                return
            except IntegrityError:
                if attempt:
                    raise

    def _key(self, channel: str, chat_id: str, user_id: str) -> tuple[str, str, str]:
        return channel, self._hashed(channel, chat_id), self._hashed(channel, user_id)

    # --- rate limits ---------------------------------------------------------------------------
    def wait_seconds(self, key: str, limit: int, window: float) -> float:
        """0 and the event counted, or how long to wait before the next one is allowed: at
        most ``limit`` events of ``key`` in any ``window`` seconds, counted over every process
        on this database."""
        hashed = self._hashed(RATE_KEY_CHANNEL, key)
        now = utcnow()
        with self._sessions.begin() as session:
            session.execute(  # a write first: the transaction holds the write lock (SQLite)
                delete(RateEventRow).where(
                    RateEventRow.key == hashed, RateEventRow.at <= now - timedelta(seconds=window)
                )
            )
            times = session.scalars(
                select(RateEventRow.at).where(RateEventRow.key == hashed).order_by(RateEventRow.at)
            ).all()
            if len(times) >= limit:  # allowed again when enough of them have left the window
                oldest = _aware(times[len(times) - limit])
                return window - (now - oldest).total_seconds()
            session.add(RateEventRow(key=hashed, at=now))
            return 0.0

    # --- updates -------------------------------------------------------------------------------
    def claim(self, channel: str, update_id: str, lease: timedelta) -> bool:
        """True when this process is to answer the update (a Telegram update_id, a Zalo
        message_id): nobody has claimed it, or its claim is older than ``lease`` and not done
        (the process that claimed it died: this one takes it over). False for an update that
        was answered, or that another process claimed less than ``lease`` ago: a redelivery
        is answered once."""
        try:
            with self._sessions.begin() as session:
                session.add(HandledUpdateRow(channel=channel, update_id=update_id))
            return True
        except IntegrityError:
            pass
        now = utcnow()
        with self._sessions.begin() as session:  # one conditional UPDATE: one process wins
            return bool(
                session.execute(
                    update(HandledUpdateRow)
                    .where(
                        *_update_is(channel, update_id),
                        HandledUpdateRow.done_at.is_(None),
                        HandledUpdateRow.handled_at < now - lease,
                    )
                    .values(handled_at=now)
                ).rowcount
            )

    def renew(self, channel: str, update_id: str) -> None:
        """Keep a claim alive while the update is being answered (a long one: a reindex)."""
        with self._sessions.begin() as session:
            session.execute(
                update(HandledUpdateRow)
                .where(*_update_is(channel, update_id), HandledUpdateRow.done_at.is_(None))
                .values(handled_at=utcnow())
            )

    def done(self, channel: str, update_id: str) -> None:
        """The update has been answered: a redelivery of it is dropped, whenever it comes."""
        with self._sessions.begin() as session:
            session.execute(
                update(HandledUpdateRow)
                .where(*_update_is(channel, update_id))
                .values(done_at=utcnow())
            )

    # --- clean-up ------------------------------------------------------------------------------
    def purge(self) -> Purged:
        """Delete members' state unchanged for ``keep_days``, updates taken more than
        UPDATES_KEPT ago and rate-limit events older than RATE_EVENTS_KEPT."""
        now = utcnow()
        with self._sessions.begin() as session:
            members = session.execute(
                delete(MemberStateRow).where(
                    MemberStateRow.updated_at < now - timedelta(days=self.keep_days)
                )
            ).rowcount
            updates = session.execute(
                delete(HandledUpdateRow).where(HandledUpdateRow.handled_at < now - UPDATES_KEPT)
            ).rowcount
            events = session.execute(
                delete(RateEventRow).where(RateEventRow.at < now - RATE_EVENTS_KEPT)
            ).rowcount
        return Purged(members, updates, events)


def _update_is(channel: str, update_id: str) -> tuple[Any, ...]:
    return HandledUpdateRow.channel == channel, HandledUpdateRow.update_id == update_id


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
