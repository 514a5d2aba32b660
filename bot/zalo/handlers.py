"""Zalo messages to the conversation core and back, in plain text with text commands
(Zalo bots have no buttons, no formatting and no file uploads)."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from functools import partial

from bot.access import AccessPolicy, RateLimiter
from bot.conversation import Conversation, Incoming
from bot.notices import quiet, toggle
from bot.render import (
    ZALO_LIMIT,
    docs_page,
    progress_text,
    source_text,
    stats_text,
    zalo_messages,
)
from bot.zalo import library, reports
from bot.zalo.api import ZaloAPIError, ZaloBotAPI, ZaloMessage
from bot.zalo.library import ZaloLibrary
from bot.zalo.reports import ZaloReports
from qa import messages
from qa.index.lock import ReindexBusy
from qa.service import QAError

log = logging.getLogger(__name__)

TEXT_EVENT = "message.text.received"
PROGRESS_MESSAGE_SECONDS = 30.0  # Zalo cannot edit a message: progress is a new one, rarely
TYPING_REPEAT_SECONDS = 4.0


class ZaloHandlers:
    def __init__(
        self,
        conversation: Conversation,
        api: ZaloBotAPI,
        policy: AccessPolicy,
        limiter: RateLimiter,
        limit: int = ZALO_LIMIT,
    ) -> None:
        self.conversation = conversation
        self.limit = limit
        self.api = api
        self.policy = policy
        self.limiter = limiter
        self.library = ZaloLibrary(conversation, self.send, self._ask)
        self.reports = ZaloReports(conversation, self.send, policy)

    async def handle(self, message: ZaloMessage) -> None:
        """Answer one incoming message. Zalo may deliver a message twice, and after a restart
        or to another replica: it is answered once (``bot.once``)."""
        if not message.user.is_bot:
            await self.conversation.once.run(
                "zalo", message.message_id, partial(self._handle, message)
            )

    async def _handle(self, message: ZaloMessage) -> None:
        """Answer one message; failures are logged and the member told."""
        chat = message.chat_id
        try:
            if message.event_name != TEXT_EVENT or not (message.text or "").strip():
                await self.send(chat, messages.UNSUPPORTED_MESSAGE)
            elif not self.policy.admits(message.user.id, chat):
                await self.send(chat, messages.NOT_ALLOWED)
            elif message.text.lstrip().startswith("/"):
                await self._command(message)
            else:
                await self._ask(message, message.text)
        except QAError as error:  # no index yet, a database error: the message says what to do
            await self.send(chat, str(error))
        except ZaloAPIError as error:
            log.warning("Zalo call failed: %s", error)
        except Exception:
            log.exception("Zalo message failed")
            await self.send(chat, messages.UNEXPECTED_ERROR)

    async def send(self, chat_id: str, text: str) -> None:
        for part in zalo_messages(text, self.limit):
            await self.api.send_message(chat_id, part)

    # --- members ---------------------------------------------------------------------------
    async def _ask(self, message: ZaloMessage, text: str) -> None:
        chat, user = message.chat_id, message.user.id
        wait = await self.limiter.wait_seconds(f"zalo:{user}")
        if wait:
            await self.send(chat, messages.RATE_LIMITED.format(seconds=math.ceil(wait)))
            return
        typing = asyncio.create_task(self._keep_typing(chat))
        try:
            reply = await self.conversation.ask(Incoming("zalo", chat, user, text))
        finally:
            typing.cancel()
        await self.send(chat, reply.answer.text)

    async def _keep_typing(self, chat_id: str) -> None:
        while True:
            try:
                await self.api.send_chat_action(chat_id, "typing")
            except ZaloAPIError:
                log.debug("typing action failed")
            await asyncio.sleep(TYPING_REPEAT_SECONDS)

    async def _command(self, message: ZaloMessage) -> None:
        command, _, argument = message.text.strip()[1:].partition(" ")
        command = command.lower()
        chat, user = message.chat_id, message.user.id
        admin = self.policy.is_admin(user)
        if command in ("start", "help"):
            await self.send(chat, self._help(admin))
        elif command == "docs":
            await self._docs(chat, argument)
        elif command == "nguon":
            await self._source(message, argument)
        elif command == "dung":
            await self._feedback(message, helpful=True)
        elif command == "sai":  # "/sai <góp ý>": what is wrong or missing
            await self._feedback(message, helpful=False, comment=argument.strip() or None)
        elif command in ("theodoi", "huytheodoi"):
            subscribe = command == "theodoi"
            reply = await toggle(self.conversation, "zalo", chat, group=False, subscribe=subscribe)
            await self.send(chat, reply)
        elif command in ("reindex", "stats"):
            if not admin:
                await self.send(chat, messages.NOT_ADMIN)
            elif command == "reindex":
                await self._reindex(chat, notify=not quiet(argument.split()))
            else:
                status, activity = await self.conversation.stats()
                await self.send(chat, stats_text(status, activity))
        elif command in library.COMMANDS:
            await self.library.handle(message, command, argument)
        elif command in reports.COMMANDS:
            await self.reports.handle(message, command, argument)
        else:
            await self.send(chat, messages.UNKNOWN_COMMAND.format(command=f"/{command}"))

    @staticmethod
    def _help(admin: bool) -> str:
        parts = [messages.BOT_WELCOME, messages.BOT_EXAMPLES, messages.BOT_ZALO_MEMBER_COMMANDS]
        if admin:
            parts.append(messages.BOT_ZALO_ADMIN_COMMANDS)
        return "\n\n".join(parts)

    async def _docs(self, chat: str, argument: str) -> None:
        page = int(argument) if argument.strip().isdigit() else 1
        text, page, pages = docs_page(await self.conversation.documents(), page)
        if page < pages:
            text += "\n" + messages.DOCS_NEXT_PAGE_ZALO.format(page=page + 1)
        await self.send(chat, text)

    async def _source(self, message: ZaloMessage, argument: str) -> None:
        chat = message.chat_id
        last = await self.conversation.last_reply("zalo", chat, message.user.id)
        if not argument.strip().isdigit():
            await self.send(chat, messages.SOURCE_USAGE)
        elif last is None or not last.sources:
            await self.send(chat, messages.SOURCE_NO_ANSWER)
        elif not 1 <= int(argument) <= len(last.sources):
            await self.send(chat, messages.SOURCE_OUT_OF_RANGE.format(count=len(last.sources)))
        else:
            await self.send(chat, source_text(last.sources[int(argument) - 1]))

    async def _feedback(
        self, message: ZaloMessage, helpful: bool, comment: str | None = None
    ) -> None:
        last = await self.conversation.last_reply("zalo", message.chat_id, message.user.id)
        stored = last is not None and await self.conversation.feedback(
            last.question_id, message.user.id, helpful, comment
        )
        if not stored:
            reply = messages.FEEDBACK_NOTHING
        elif comment:
            reply = messages.FEEDBACK_COMMENT_SAVED
        elif helpful:
            reply = messages.FEEDBACK_THANKS
        else:
            reply = f"{messages.FEEDBACK_THANKS}\n{messages.FEEDBACK_COMMENT_HINT_ZALO}"
        await self.send(message.chat_id, reply)

    # --- admins ----------------------------------------------------------------------------
    async def _reindex(self, chat: str, notify: bool) -> None:
        if self.conversation.reindexing:
            await self.send(chat, messages.REINDEX_BUSY)
            return
        await self.send(chat, messages.REINDEX_STARTED)
        last_sent = time.monotonic()

        async def progress(done: int, total: int, unit: str) -> None:
            nonlocal last_sent
            if time.monotonic() - last_sent >= PROGRESS_MESSAGE_SECONDS:
                last_sent = time.monotonic()
                await self.send(chat, progress_text(done, total, unit))

        try:
            report = await self.conversation.reindex(progress, notify=notify)
        except (ReindexBusy, QAError) as error:
            await self.send(chat, str(error))
            return
        await self.send(chat, report.summary())
