"""New-document notices, channel-neutral: the notice's text, subscribing from a chat, and the
sender that drains a channel's outbox (``qa.notices``) through a channel's ``send``.

A channel's ``send(delivery)`` sends the notice and raises ``Blocked`` when the chat blocked
the bot (the subscriber is dropped) or ``FloodWait`` when the chat service asks to slow down
(the sender waits as long, then tries again); any other exception is a failure tried again
later (``qa.notices.RETRY_SECONDS``), until the delivery is marked failed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from bot.conversation import Conversation
from qa import messages
from qa.notices import Delivery, NoticedDocument, Notices
from qa.service import QAService

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0  # how often the outbox is looked at when nothing woke the sender
BATCH = 100  # deliveries claimed at a time
CONCURRENCY = 10  # sends in flight: enough to reach Telegram's 30 a second over the internet
FLOOD_WAITS = 5  # waits asked by the chat service for one delivery before it is tried later
MAX_LISTED = 8  # documents named in one notice (one button each on Telegram)
TITLE_CHARS = 90  # a notice is read on a phone: long titles and issuers are cut
ISSUER_CHARS = 60


QUIET = "im"  # "/reindex im" (im lặng): reindex without notices


def quiet(words: Sequence[str]) -> bool:
    """Whether a /reindex command's words ask for no notices."""
    return [word.casefold() for word in words] == [QUIET]


class Blocked(Exception):
    """The chat blocked the bot, left, or no longer exists."""


class FloodWait(Exception):
    """The chat service asks to wait ``seconds`` before sending again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


Send = Callable[[Delivery], Awaitable[None]]


# --- the notice ----------------------------------------------------------------------------------
def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_name(document: NoticedDocument) -> str:
    """ "Chỉ thị 05-CT/TU", or the document's (cut) title when it has no number."""
    if document.number:
        return f"{document.doc_type} {document.number}"
    return _cut(document.title, 40)


def document_summary(document: NoticedDocument) -> str:
    """Type and number, title, issuer, date; "(cập nhật)" for a changed document."""
    head = f"{document.doc_type} {document.number}" if document.number else document.doc_type
    parts = [head]
    if document.title.casefold() != head.casefold():
        parts.append(_cut(document.title, TITLE_CHARS))
    if document.issuer:
        parts.append(_cut(document.issuer, ISSUER_CHARS))
    text = " — ".join(parts)
    if document.issued:
        text += f" ({document.issued:%d/%m/%Y})"
    if document.change == "changed":
        text += f" ({messages.NOTICE_CHANGED})"
    return text


def listed(documents: Sequence[NoticedDocument]) -> Sequence[NoticedDocument]:
    """The documents a notice names (the rest are counted)."""
    return documents[:MAX_LISTED]


def notice_text(documents: Sequence[NoticedDocument], *, commands: bool) -> str:
    """The notice as plain text; with ``commands`` (Zalo, no buttons), each document is
    followed by the command that opens its card."""
    lines = [messages.NOTICE_HEADING]
    for document in listed(documents):
        lines.append(f"• {document_summary(document)}")
        if commands:
            ref = document.number or document.key
            lines.append(f"  {messages.NOTICE_OPEN_ZALO.format(ref=ref)}")
    if len(documents) > MAX_LISTED:
        lines.append(messages.NOTICE_MORE.format(count=len(documents) - MAX_LISTED))
    return "\n".join(lines)


# --- subscribing ---------------------------------------------------------------------------------
async def toggle(
    conversation: Conversation, channel: str, chat_id: str, *, group: bool, subscribe: bool
) -> str:
    """Subscribe or unsubscribe a chat; the reply for it."""
    if subscribe:
        done = await conversation.subscribe(channel, chat_id, group)
        replies = (
            (messages.NOTICES_SUBSCRIBED_GROUP, messages.NOTICES_ALREADY_GROUP)
            if group
            else (messages.NOTICES_SUBSCRIBED, messages.NOTICES_ALREADY)
        )
    else:
        done = await conversation.unsubscribe(channel, chat_id)
        replies = (
            (messages.NOTICES_UNSUBSCRIBED_GROUP, messages.NOTICES_NOT_SUBSCRIBED_GROUP)
            if group
            else (messages.NOTICES_UNSUBSCRIBED, messages.NOTICES_NOT_SUBSCRIBED)
        )
    return replies[0] if done else replies[1]


# --- sending -------------------------------------------------------------------------------------
class NoticeSender:
    """Drains one channel's outbox: claims deliveries, sends them ``concurrency`` at a time
    (the channel's own rate limiter paces the messages), records each outcome. Database work
    runs in worker threads."""

    def __init__(
        self,
        service: QAService,
        channel: str,
        send: Send,
        *,
        concurrency: int = CONCURRENCY,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self._service = service
        self.channel = channel
        self._send = send
        self._concurrency = concurrency
        self._poll = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look at the outbox now (a reindex of this process announced something)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Until ``stop`` is set; then the sends in flight finish and the rest is given back."""
        notices = await asyncio.to_thread(lambda: self._service.notices)
        while not stop.is_set():
            self._wake.clear()
            try:
                claimed = await asyncio.to_thread(notices.claim, self.channel, BATCH)
                if claimed:
                    await self._deliver_all(notices, claimed, stop)
                    continue
            except SQLAlchemyError as error:
                log.warning("%s notices: database error %s", self.channel, type(error).__name__)
            await _first(stop, self._wake, self._poll)

    async def _deliver_all(
        self, notices: Notices, claimed: list[Delivery], stop: asyncio.Event
    ) -> None:
        slots = asyncio.Semaphore(self._concurrency)
        unsent: list[Delivery] = []

        async def one(delivery: Delivery) -> None:
            async with slots:
                try:
                    if stop.is_set() or not await self._deliver(notices, delivery, stop):
                        unsent.append(delivery)
                except SQLAlchemyError as error:  # left "sending": claimed again after the lease
                    log.warning("%s notices: database error %s", self.channel, type(error).__name__)

        try:
            await asyncio.gather(*(one(delivery) for delivery in claimed))
        finally:
            if unsent:
                await asyncio.to_thread(notices.release, unsent)
        log.info("%s notices: %d handled", self.channel, len(claimed) - len(unsent))

    async def _deliver(self, notices: Notices, delivery: Delivery, stop: asyncio.Event) -> bool:
        """Send one notice and record how it ended; False when stopped before it was sent."""
        for _ in range(FLOOD_WAITS + 1):
            try:
                await self._send(delivery)
            except Blocked as error:
                await asyncio.to_thread(notices.drop, delivery, str(error) or "blocked")
                return True
            except FloodWait as error:
                log.info("%s notices: flood wait %g s", self.channel, error.seconds)
                if await _first(stop, None, error.seconds):
                    return False
                continue
            except Exception as error:  # noqa: BLE001 - any failure is tried again later
                log.warning("%s notice failed: %s", self.channel, type(error).__name__)
                await asyncio.to_thread(notices.retry, delivery, type(error).__name__)
                return True
            await asyncio.to_thread(notices.mark_sent, delivery)
            return True
        await asyncio.to_thread(notices.retry, delivery, "flood wait")
        return True


async def _first(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> bool:
    """Wait until ``stop`` or ``wake`` is set or ``seconds`` have passed; True when stopped."""
    waits = {asyncio.create_task(stop.wait())}
    if wake is not None:
        waits.add(asyncio.create_task(wake.wait()))
    try:
        await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waits:
            task.cancel()
    return stop.is_set()
