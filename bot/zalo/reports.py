"""What members need, for admins (/chuatraloi, /danhgia), and a member deleting their own
history (/xoalichsu, confirmed by /xoalichsu chac: Zalo bots have no buttons)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.access import AccessPolicy
from bot.conversation import Conversation
from bot.zalo.api import ZaloMessage
from qa import messages
from qa.reports import feedback_text, parse_days, unanswered_text
from qa.text import strip_accents

COMMANDS = frozenset({"chuatraloi", "danhgia", "xoalichsu"})
CONFIRM = "chac"  # /xoalichsu chac (or "chắc")


class ZaloReports:
    def __init__(
        self,
        conversation: Conversation,
        send: Callable[[str, str], Awaitable[None]],
        policy: AccessPolicy,
    ) -> None:
        self.conversation = conversation
        self._send = send
        self.policy = policy

    async def handle(self, message: ZaloMessage, command: str, argument: str) -> None:
        chat, user = message.chat_id, message.user.id
        if command == "xoalichsu":
            await self._forget(chat, user, argument)
        elif not self.policy.is_admin(user):
            await self._send(chat, messages.NOT_ADMIN)
        elif (days := parse_days(argument)) is None:
            await self._send(chat, messages.REPORT_USAGE.format(command=command))
        elif command == "chuatraloi":
            await self._send(chat, unanswered_text(await self.conversation.unanswered(days), days))
        else:
            await self._send(chat, feedback_text(await self.conversation.rated_down(days), days))

    async def _forget(self, chat: str, user: str, argument: str) -> None:
        if strip_accents(argument.strip().casefold()) != CONFIRM:
            await self._send(chat, messages.FORGET_CONFIRM_ZALO)
            return
        deleted = await self.conversation.forget("zalo", user)
        await self._send(chat, messages.FORGET_DONE.format(count=deleted))
