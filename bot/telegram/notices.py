"""New-document notices on Telegram: /theodoi and /huytheodoi, and the notice itself, with a
button per document (``vb:<document key>`` opens the document's card).

A group is subscribed or unsubscribed by its owner or administrators (or the bot's admins);
a private chat by the member. Blocked: Telegram answers 403 Forbidden ("bot was blocked by
the user", "user is deactivated", "bot was kicked from the group chat") or 400 "chat not
found". Flood limits: the application's rate limiter paces the messages and retries a 429
itself; one it gives up on comes here as RetryAfter and is waited out by the sender.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import partial

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.notices import Blocked, FloodWait, NoticeSender, document_name, listed, notice_text, toggle
from bot.telegram.common import deps, is_private, members_only
from qa import messages
from qa.notices import Delivery, NoticedDocument

CHANNEL = "telegram"
GROUP_MANAGERS = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}
GONE = "chat not found"  # a 400 answer for a chat that no longer exists


@members_only
async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/theodoi: notices of new documents in this chat."""
    await _toggle(update, context, subscribe=True)


@members_only
async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/huytheodoi: no more notices in this chat."""
    await _toggle(update, context, subscribe=False)


async def _toggle(update: Update, context: ContextTypes.DEFAULT_TYPE, *, subscribe: bool) -> None:
    message, chat = update.effective_message, update.effective_chat
    group = not is_private(update)
    if group and not await _manages_group(update, context):
        await message.reply_text(messages.NOTICES_GROUP_ADMINS_ONLY)
        return
    conversation = deps(context).conversation
    reply = await toggle(conversation, CHANNEL, str(chat.id), group=group, subscribe=subscribe)
    await message.reply_text(reply)


async def _manages_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """The bot's admin, or the group's owner or an administrator of it."""
    user = update.effective_user
    if deps(context).policy.is_admin(str(user.id)):
        return True
    try:
        member = await context.bot.get_chat_member(update.effective_chat.id, user.id)
    except TelegramError:
        return False
    return member.status in GROUP_MANAGERS


def keyboard(documents: Sequence[NoticedDocument]) -> InlineKeyboardMarkup:
    """A button per document named in the notice; another handler opens the card."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    messages.NOTICE_BUTTON.format(name=document_name(document)),
                    callback_data=f"vb:{document.key}",
                )
            ]
            for document in listed(documents)
        ]
    )


async def send(bot: Bot, delivery: Delivery) -> None:
    """One notice to one chat, as plain text with its buttons."""
    try:
        await bot.send_message(
            int(delivery.chat_id),
            notice_text(delivery.documents, commands=False),
            reply_markup=keyboard(delivery.documents),
        )
    except Forbidden as error:
        raise Blocked(error.message) from error
    except BadRequest as error:
        if GONE in error.message.lower():
            raise Blocked(error.message) from error
        raise
    except RetryAfter as error:
        wait = error.retry_after
        raise FloodWait(wait.total_seconds() if isinstance(wait, timedelta) else wait) from error


def sender(application: Application) -> NoticeSender:
    """The notice sender of this application, woken by its reindexes."""
    conversation = application.bot_data["deps"].conversation
    notices = NoticeSender(conversation.service, CHANNEL, partial(send, application.bot))
    conversation.when_reindexed(notices.wake)
    return notices
