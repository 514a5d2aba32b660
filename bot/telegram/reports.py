"""What members need, for admins (/chuatraloi, /danhgia); a member's comment after 👎; a
member deleting their own history (/xoalichsu)."""

from __future__ import annotations

import re

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes, filters

from bot.telegram.common import admins_only, deps, members_only, reply_long
from qa import messages
from qa.reports import feedback_text, parse_days, unanswered_text
from qa.service import QAError

FORGET = r"^forget:(yes|no):\d+$"
_PROMPT = re.compile(re.escape(messages.FEEDBACK_COMMENT_PROMPT).replace(r"\{id\}", r"(\d+)"))


# --- admins ---------------------------------------------------------------------------------
@admins_only
async def on_unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chuatraloi [ngày]: the questions the documents did not answer, grouped."""
    await _report(update, context, "chuatraloi")


@admins_only
async def on_rated_down(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/danhgia [ngày]: the answers rated 👎, with their sources and comments."""
    await _report(update, context, "danhgia")


async def _report(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> None:
    message = update.effective_message
    days = parse_days(" ".join(context.args or []))
    if days is None:
        await message.reply_text(messages.REPORT_USAGE.format(command=command))
        return
    conversation = deps(context).conversation
    try:
        if command == "chuatraloi":
            text = unanswered_text(await conversation.unanswered(days), days)
        else:
            text = feedback_text(await conversation.rated_down(days), days)
    except QAError as error:
        await message.reply_text(str(error))
        return
    await reply_long(message, text, deps(context).limit)


# --- a comment after 👎 -----------------------------------------------------------------------
async def ask_for_comment(answer: Message, question_id: int) -> None:
    """Invite an optional one-line comment: the member answers by replying to this message."""
    await answer.reply_text(
        messages.FEEDBACK_COMMENT_PROMPT.format(id=question_id),
        reply_markup=ForceReply(
            # in a group, not everyone's reply box: the member replies to the message
            selective=answer.chat.type != ChatType.PRIVATE,
            input_field_placeholder=messages.FEEDBACK_COMMENT_PLACEHOLDER,
        ),
    )


class _RepliesToCommentPrompt(filters.MessageFilter):
    """A reply to the bot's own comment prompt (recognised by its text, which holds the
    question id: nothing is remembered between the 👎 and the comment)."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return (
            replied is not None
            and replied.from_user is not None
            and replied.from_user.id == message.get_bot().id
            and _PROMPT.match(replied.text or "") is not None
        )


COMMENT_REPLY = _RepliesToCommentPrompt()


@members_only
async def on_comment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    question_id = int(_PROMPT.match(message.reply_to_message.text)[1])
    stored = await deps(context).conversation.comment(
        question_id, str(update.effective_user.id), message.text
    )
    await message.reply_text(
        messages.FEEDBACK_COMMENT_SAVED if stored else messages.FEEDBACK_COMMENT_NOTHING
    )


# --- a member's own history ---------------------------------------------------------------------
async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xoalichsu: anyone may delete what they asked, even after losing access: confirm first."""
    user = update.effective_user.id
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(messages.FORGET_YES, callback_data=f"forget:yes:{user}"),
                InlineKeyboardButton(messages.FORGET_NO, callback_data=f"forget:no:{user}"),
            ]
        ]
    )
    await update.effective_message.reply_text(messages.FORGET_CONFIRM, reply_markup=keyboard)


async def on_forget_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    _, choice, user = query.data.split(":")
    if user != str(update.effective_user.id):  # in a group, only who asked may press
        await query.answer(messages.FORGET_NOT_YOURS, show_alert=True)
        return
    await query.answer()
    if choice == "no":
        await query.edit_message_text(messages.FORGET_CANCELLED)
        return
    deleted = await deps(context).conversation.forget("telegram", user)
    await query.edit_message_text(messages.FORGET_DONE.format(count=deleted))
