"""The channel-neutral core of the bots: an incoming message in, an answer or a collection
operation out. Telegram and Zalo only translate to and from their APIs.

Everything slow (embedding, search, database, reindex) runs in worker threads, so the event
loop that talks to the chat services never blocks.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import OperationalError

from bot import uploads
from bot.health import LastHandled
from bot.once import UPDATE_LEASE_SECONDS, Once
from qa import by_link
from qa.chatstate import Purged, Turn
from qa.followup import Thread, is_follow_up
from qa.index.links import LinkInfo
from qa.index.lock import ReindexBusy
from qa.journal import Activity, RatedDown, Source, sources_of
from qa.library import DocumentCard, Shelf
from qa.models import Answer, ReindexReport
from qa.reports import Unanswered
from qa.service import DocumentInfo, IndexStatus, QAService

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

FOLLOW_UP_SECONDS = 15 * 60  # a question this soon after the previous one may continue it
PROGRESS_SECONDS = 2.0  # how often a reindex reports progress


@dataclass(frozen=True)
class Incoming:
    channel: str  # "telegram" | "zalo"
    chat_id: str
    user_id: str
    text: str


@dataclass(frozen=True)
class Reply:
    question_id: int | None  # None when the journal could not be written
    answer: Answer
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class LastAnswer:
    """A member's last answer, as remembered in the database (``/nguon N``, ``/dung``)."""

    question_id: int
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Added:
    path: str
    document: DocumentInfo | None  # None when the reindex could not read it
    report: ReindexReport


# (done, total, unit): pages read of the pages to read, then passages embedded (qa.index.build)
Progress = Callable[[int, int, str], Awaitable[None]]


class Conversation:
    def __init__(
        self,
        service: QAService,
        workers: int = 2,
        *,
        update_lease_seconds: float = UPDATE_LEASE_SECONDS,
    ) -> None:
        self.service = service
        # every update answered once (``bot.once``): ``await conversation.once.run(...)``
        self.once = Once(service.chat_state, update_lease_seconds)
        self._answering = ThreadPoolExecutor(workers, thread_name_prefix="qa-answer")
        self._indexing = ThreadPoolExecutor(1, thread_name_prefix="qa-reindex")
        self._reindex_lock = asyncio.Lock()
        self._reindexed: list[Callable[[], None]] = []  # wake the notice senders
        self.handled = LastHandled()  # for /health

    async def _run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._answering, partial(fn, *args, **kwargs))

    async def _remember(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A short query of the members' state (``qa.chatstate``), in a thread of its own
        rather than behind the answering workers."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    # --- members ---------------------------------------------------------------------------
    async def ask(self, incoming: Incoming) -> Reply:
        """Answer a question, as a follow-up of the previous one when it reads like one.

        Raises QAError (its message is for the member) for a bad question or a missing index.
        The thread, the last answer and the scope are kept in the database (``qa.chatstate``):
        a restart, or another process, carries on.
        """
        return await self._run(self._ask, incoming)

    def _ask(self, incoming: Incoming) -> Reply:
        state = self.service.chat_state
        member = (incoming.channel, incoming.chat_id, incoming.user_id)
        follow_up = timedelta(seconds=FOLLOW_UP_SECONDS)
        document, previous = None, None
        with _unless_database_down("member state not read"):  # then a question on its own
            document = state.take_scope(*member, follow_up)
            previous = state.turn(*member)
        thread = None
        if (
            document is None
            and previous
            and datetime.now(UTC) - previous.answered_at < follow_up
            and is_follow_up(incoming.text)
        ):
            thread = Thread(previous.topic, previous.quotes)
        reply = self._answer(incoming, thread, document)
        if reply.answer.kind in ("small_talk", "out_of_scope", "library"):
            if document:  # "cảm ơn" asks nothing: the next question still searches the document
                with _unless_database_down("scope not kept"):
                    state.scope_next(*member, document)
            return reply  # the thread and the last answer's sources stay as they were
        quotes = tuple(c.quote for c in reply.answer.citations)
        topic = thread.topic if thread else incoming.text
        with _unless_database_down("member state not saved"):
            state.save_turn(*member, Turn(topic, quotes, reply.question_id, datetime.now(UTC)))
        return reply

    def _answer(self, incoming: Incoming, thread: Thread | None, document: str | None) -> Reply:
        answer = self.service.ask(incoming.text, thread=thread, document=document)
        question_id = None  # the database is down: the member still gets the answer
        with _unless_database_down("question not journaled"):
            question_id = self.service.journal.record(
                channel=incoming.channel,
                chat_id=incoming.chat_id,
                user_id=incoming.user_id,
                question=incoming.text,
                searched=answer.question,
                answer=answer,
                build_id=self.service.snapshot().build_id,
            )
        return Reply(question_id, answer, sources_of(answer))

    async def scope_next(self, channel: str, chat_id: str, user_id: str, path: str) -> None:
        """The member's next question in this chat (within FOLLOW_UP_SECONDS) searches only
        the document at ``path``."""
        await self._remember(self.service.chat_state.scope_next, channel, chat_id, user_id, path)

    async def remember_list(
        self, channel: str, chat_id: str, user_id: str, paths: list[str]
    ) -> None:
        """The documents of a numbered list just shown to the member (Zalo's ``/vb N``)."""
        await self._remember(self.service.chat_state.save_shelf, channel, chat_id, user_id, paths)

    async def listed(self, channel: str, chat_id: str, user_id: str) -> list[str]:
        """The paths of the member's last numbered list, [] when none."""
        return await self._remember(self.service.chat_state.shelf, channel, chat_id, user_id)

    async def show_card(self, channel: str, chat_id: str, user_id: str, path: str) -> None:
        """The document of the card just shown to the member (Zalo's ``/hoi``, ``/goc``)."""
        await self._remember(self.service.chat_state.save_card, channel, chat_id, user_id, path)

    async def shown_card(self, channel: str, chat_id: str, user_id: str) -> DocumentCard | None:
        """The card last shown to the member, also after a restart (as the index has it now);
        None when none was. QAError when its document has left the collection."""
        path = await self._remember(self.service.chat_state.card, channel, chat_id, user_id)
        return None if path is None else await self.card(path)

    async def library(self, text: str = "") -> Shelf:
        """The documents a member's words filter or name, newest first (``QAService.library``)."""
        return await self._run(self.service.library, text)

    async def card(self, query: str) -> DocumentCard:
        """The card of the one document ``query`` names; QAError otherwise."""
        return await self._run(self.service.card, query)

    async def original_file(self, query: str) -> Path:
        return await self._run(self.service.original_file, query)

    async def last_reply(self, channel: str, chat_id: str, user_id: str) -> LastAnswer | None:
        """The member's last answer in this chat with its sources (from the journal), also
        after a restart; None when there is none or the journal no longer has it."""
        return await self._remember(self._last_reply, channel, chat_id, user_id)

    def _last_reply(self, channel: str, chat_id: str, user_id: str) -> LastAnswer | None:
        turn = self.service.chat_state.turn(channel, chat_id, user_id)
        sources = None if turn is None else self.service.journal.sources(turn.question_id)
        return None if sources is None else LastAnswer(turn.question_id, sources)

    async def sources(self, question_id: int) -> tuple[Source, ...] | None:
        return await self._run(self.service.journal.sources, question_id)

    async def feedback(
        self, question_id: int, user_id: str, helpful: bool, comment: str | None = None
    ) -> bool:
        return await self._run(
            self.service.journal.give_feedback,
            question_id,
            user_id,
            1 if helpful else -1,
            comment,
        )

    # --- what members need (admin reports), and members' own history --------------------------
    async def comment(self, question_id: int, user_id: str, text: str) -> bool:
        """A member's words after their 👎; False when they have not rated that answer."""
        return await self._run(self.service.journal.add_comment, question_id, user_id, text)

    async def forget(self, channel: str, user_id: str) -> int:
        """Delete a member's questions and feedback (/xoalichsu), and what is remembered of
        them (thread, last answer, scope, list); returns how many questions were deleted."""
        await self._remember(self.service.chat_state.forget, channel, user_id)
        return await self._run(self.service.journal.forget, channel, user_id)

    async def purge_journal(self) -> int:
        """Delete the questions older than QA_JOURNAL_DAYS; returns how many."""
        return await self._run(self.service.journal.purge)

    async def purge_state(self) -> Purged:
        """Delete members' old state, expired handled updates and rate-limit events."""
        return await self._remember(self.service.chat_state.purge)

    async def prune_notices(self) -> int:
        """Delete the notices sent long ago (``qa.notices.KEEP_DAYS``); returns how many."""
        return await self._remember(self.service.notices.prune)

    async def unanswered(self, days: int) -> list[Unanswered]:
        return await self._run(self.service.reports.unanswered, days)

    async def rated_down(self, days: int) -> list[RatedDown]:
        return await self._run(self.service.reports.feedback, days)

    async def documents(self) -> list[DocumentInfo]:
        return await self._run(self.service.documents)

    async def recent(self, count: int = 10) -> list[DocumentInfo]:
        documents = await self.documents()
        return sorted(documents, key=lambda d: d.first_indexed_at, reverse=True)[:count]

    async def links(self) -> list[LinkInfo]:
        """What the documents say they replace, amend or repeal (admins)."""
        return await self._run(self.service.links)

    async def set_link(self, link_id: int, status: str) -> LinkInfo:
        """Confirm or undo a link (admins); raises QAError for an unknown id."""
        return await self._run(self.service.set_link_status, link_id, status)

    async def stats(self) -> tuple[IndexStatus, Activity]:
        status = await self._run(self.service.status)
        return status, await self._run(self.service.journal.activity)

    # --- new-document notices ------------------------------------------------------------------
    async def subscribe(self, channel: str, chat_id: str, is_group: bool) -> bool:
        """False when the chat was subscribed already."""
        return await self._run(self.service.notices.subscribe, channel, chat_id, is_group)

    async def unsubscribe(self, channel: str, chat_id: str) -> bool:
        """False when the chat was not subscribed."""
        return await self._run(self.service.notices.unsubscribe, channel, chat_id)

    # --- admins ----------------------------------------------------------------------------
    @property
    def reindexing(self) -> bool:
        return self._reindex_lock.locked()

    async def reindex(
        self, progress: Progress | None = None, *, wait: bool = False, notify: bool = True
    ) -> ReindexReport:
        """Run the incremental reindex in its own thread, reporting progress every few seconds.

        Members keep being answered from the old build until the new one is active. Raises
        ReindexBusy when one is already running (unless ``wait``). With ``notify``, new and
        changed documents are announced to the subscribers (see ``bot.notices``).
        """
        if self._reindex_lock.locked() and not wait:
            raise ReindexBusy()
        async with self._reindex_lock:
            latest: list[tuple[int, int, str]] = []

            def track(done: int, total: int, unit: str) -> None:
                latest[:] = [(done, total, unit)]

            loop = asyncio.get_running_loop()
            task = loop.run_in_executor(
                self._indexing, partial(self.service.reindex, progress=track, notify=notify)
            )
            reported: list[tuple[int, int, str]] = []
            while not task.done():
                await asyncio.wait({task}, timeout=PROGRESS_SECONDS)
                if progress and latest and latest != reported and not task.done():
                    reported = list(latest)
                    await progress(*reported[0])
            report = task.result()
            for wake in self._reindexed:
                wake()
            return report

    def when_reindexed(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (in the event loop) after each reindex of this process."""
        self._reindexed.append(callback)

    async def add_document(self, name: str, data: bytes, limit_mb: int) -> Added:
        """Check an uploaded file, read it as the indexer would, and only then save it into the
        documents folder and reindex. A file that cannot be read is rejected, never saved."""
        safe = uploads.check(name, data, limit_mb)
        await self._run(_try_reading, self.service, safe, data)
        folder = self.service.settings.documents_dir / uploads.UPLOAD_FOLDER
        path = await self._run(uploads.save, folder, safe, data)
        return await self._indexed(path)

    async def add_link(self, link: str, limit_mb: int) -> Added:
        """Download a page or file (article pages keep their main text), check it as an upload
        is checked, save it under ``tu-lien-ket/`` with the link in its sidecar, and reindex.
        Raises IntakeRejected or IngestError (with the reason) before anything is saved."""
        settings = self.service.settings
        limits = by_link.limits(settings, limit_mb)
        # in its own thread: a slow site must not hold up one of the answering workers
        path = await asyncio.to_thread(by_link.add, link, settings.documents_dir, limits)
        return await self._indexed(path)

    async def _indexed(self, path: Path) -> Added:
        """Reindex, then the document at ``path`` as the new index holds it."""
        report = await self.reindex(wait=True)
        relative = path.relative_to(self.service.settings.documents_dir.resolve()).as_posix()
        found = [d for d in await self.documents() if d.path == relative]
        return Added(relative, found[0] if found else None, report)

    async def find_documents(self, query: str) -> list[DocumentInfo]:
        """Documents whose file name, number or title contains the query (case-insensitive)."""
        needle = query.casefold().strip()
        return [
            d
            for d in await self.documents()
            if needle in d.path.casefold()
            or needle in (d.meta.number or "").casefold()
            or needle in d.meta.title.casefold()
        ]

    async def remove_document(self, path: str) -> tuple[Path, ReindexReport]:
        """Move a document (and its sidecar) out of the collection, into the index folder's
        ``removed/`` (so it can be restored) and, with replicas, out of every replica's folder
        (``QAService.remove_source``), then reindex."""
        trash = await self._run(self.service.remove_source, path)
        return trash, await self.reindex(wait=True)

    def close(self) -> None:
        self._answering.shutdown(wait=False, cancel_futures=True)
        self._indexing.shutdown(wait=True)


@contextmanager
def _unless_database_down(what: str) -> Iterator[None]:
    """With the database out of reach, a question costs the member's state or its journal
    entry, logged as ``what``, never the answer: it comes from the build in memory."""
    try:
        yield
    except OperationalError as error:
        log.warning("%s: database unreachable (%s)", what, type(error.orig).__name__)


def _try_reading(service: QAService, name: str, data: bytes) -> None:
    """Raise IngestError (with the reason for the admin) if the indexer could not read it.
    Scanned pages are OCR'd into the page cache: the reindex that follows reuses them."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        service.read_document(Path(folder), path)
