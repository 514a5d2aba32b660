"""What every Telegram handler shares: the bot's dependencies, access checks, the typing
indicator, and sending replies split to Telegram's limit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.access import AccessPolicy, RateLimiter
from bot.conversation import Conversation
from bot.render import TELEGRAM_LIMIT, telegram_messages
from qa import messages

log = logging.getLogger(__name__)

MEMBERSHIP_SECONDS = 600  # how long a group-membership check is trusted
TYPING_REPEAT_SECONDS = 4.0  # Telegram shows "typing…" for about 5 s
MEMBER_STATUSES = {
    ChatMemberStatus.OWNER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.RESTRICTED,
}

Handler = Callable[..., Awaitable[None]]  # (update, context, *more)


@dataclass
class Deps:
    """What the handlers share, kept in the application's ``bot_data``."""

    conversation: Conversation
    policy: AccessPolicy
    limiter: RateLimiter
    max_upload_mb: int
    limit: int = TELEGRAM_LIMIT
    members: dict[str, tuple[bool, float]] = field(default_factory=dict)  # user → (ok, until)
    removals: dict[str, str] = field(default_factory=dict)  # confirmation token → path


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    return context.bot_data["deps"]


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


async def is_allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Open access, a listed user or chat, an admin, or a member of a listed group."""
    d = deps(context)
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return False
    if d.policy.admits(str(user.id), str(chat.id)):
        return True
    cached = d.members.get(str(user.id))
    if cached and cached[1] > time.monotonic():
        return cached[0]
    member = False
    for group in d.policy.chats:
        try:
            found = await context.bot.get_chat_member(group, user.id)
        except TelegramError:
            continue  # the bot left the group, or the group id is wrong
        if found.status in MEMBER_STATUSES:
            member = True
            break
    d.members[str(user.id)] = (member, time.monotonic() + MEMBERSHIP_SECONDS)
    return member


def members_only(handler: Handler) -> Handler:
    """Run the handler for allowed users; others get a polite refusal. Only handlers for
    messages addressed to the bot are wrapped, so the refusal never adds noise to a group."""

    @wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE, *args: Any) -> None:
        if await is_allowed(update, context):
            await handler(update, context, *args)
        else:
            await _refuse(update, messages.NOT_ALLOWED)

    return guarded


def admins_only(handler: Handler) -> Handler:
    """Run the handler for admins; others are told the command is not theirs."""

    @wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE, *args: Any) -> None:
        user = update.effective_user
        if user is not None and deps(context).policy.is_admin(str(user.id)):
            await handler(update, context, *args)
        else:
            await _refuse(update, messages.NOT_ADMIN)

    return guarded


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message:
        await update.effective_message.reply_text(text)


@asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat for as long as the block runs."""

    async def keep_typing() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError:
                log.debug("chat action failed", exc_info=True)
            await asyncio.sleep(TYPING_REPEAT_SECONDS)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()


async def reply_long(
    message: Message,
    text: str,
    limit: int,
    keyboard: InlineKeyboardMarkup | None = None,
) -> list[Message]:
    """Reply with ``text`` (plain, rendered to HTML) in as many messages as needed; the
    keyboard goes under the last one."""
    parts = telegram_messages(text, limit)
    sent = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent.append(await message.reply_html(part, reply_markup=keyboard if last else None))
    return sent
