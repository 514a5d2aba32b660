"""Handlers for members: questions, sources, feedback, help and the document lists."""

from __future__ import annotations

import html
import math

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.conversation import Incoming, Reply
from bot.render import docs_page, recent_text, source_text, telegram_messages, to_html
from bot.telegram.common import deps, is_private, members_only, reply_long, typing
from bot.telegram.reports import ask_for_comment
from qa import messages
from qa.service import QAError


def help_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    parts = [messages.BOT_WELCOME, messages.BOT_EXAMPLES, messages.BOT_MEMBER_COMMANDS]
    if not is_private(update):
        parts.append(messages.BOT_GROUP_HINT.format(username=context.bot.username))
    user = update.effective_user
    if user is not None and deps(context).policy.is_admin(str(user.id)):
        parts.append(messages.BOT_ADMIN_COMMANDS)
    return "\n\n".join(parts)


@members_only
async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help."""
    await reply_long(update.effective_message, help_text(update, context), deps(context).limit)


def addressed_text(message: Message, bot_username: str, bot_id: int) -> str | None:
    """In a group: the question when the bot is mentioned or replied to, else None."""
    text = message.text or ""
    mention = f"@{bot_username}"
    if mention.casefold() in text.casefold():
        start = text.casefold().index(mention.casefold())
        return (text[:start] + text[start + len(mention) :]).strip(" ,:")
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    return None


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question; in a group, only text addressed to the bot."""
    message = update.effective_message
    private = is_private(update)
    text = (
        message.text if private else addressed_text(message, context.bot.username, context.bot.id)
    )
    if text is None:
        return  # group chatter
    await _answer(update, context, text, private)


@members_only
async def _answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, private: bool
) -> None:
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    d = deps(context)
    wait = await d.limiter.wait_seconds(f"telegram:{user.id}")
    if wait:
        if private:  # in a group, stay silent rather than add noise
            await message.reply_text(messages.RATE_LIMITED.format(seconds=math.ceil(wait)))
        return
    try:
        async with typing(context.bot, chat.id):
            reply = await d.conversation.ask(Incoming("telegram", str(chat.id), str(user.id), text))
    except QAError as error:
        await message.reply_text(str(error))
        return
    keyboard = answer_keyboard(reply)
    if private:
        await reply_long(message, reply.answer.text, d.limit, keyboard)
    else:  # one message in a group: the sources are a tap away, the rest in a private chat
        parts = telegram_messages(reply.answer.text, d.limit - len(messages.MORE_IN_PRIVATE) - 2)
        more = f"\n\n{html.escape(messages.MORE_IN_PRIVATE)}" if len(parts) > 1 else ""
        await message.reply_html(parts[0] + more, reply_markup=keyboard)


def answer_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    # small talk, out of scope, a plain refusal; or not journaled (the database was down): the
    # buttons would find nothing, and the answer's own lines already name its sources
    if not reply.answer.citations or reply.question_id is None:
        return None
    qid = reply.question_id
    sources = [
        InlineKeyboardButton(
            messages.SOURCE_BUTTON.format(number=s.number), callback_data=f"src:{qid}:{s.number}"
        )
        for s in reply.sources
    ]
    feedback = [
        InlineKeyboardButton(messages.FEEDBACK_GOOD, callback_data=f"fb:{qid}:1"),
        InlineKeyboardButton(messages.FEEDBACK_BAD, callback_data=f"fb:{qid}:0"),
    ]
    return InlineKeyboardMarkup(
        [sources[i : i + 3] for i in range(0, len(sources), 3)] + [feedback]
    )


@members_only
async def on_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A source button: the full passage with its heading path and the document's metadata."""
    query = update.callback_query
    await query.answer()
    _, qid, number = query.data.split(":")
    sources = await deps(context).conversation.sources(int(qid))
    found = [s for s in sources or () if s.number == int(number)]
    text = source_text(found[0]) if found else messages.SOURCE_GONE
    await reply_long(query.message, text, deps(context).limit)


@members_only
async def on_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    _, qid, helpful = query.data.split(":")
    stored = await deps(context).conversation.feedback(
        int(qid), str(update.effective_user.id), helpful == "1"
    )
    await query.answer(messages.FEEDBACK_THANKS if stored else messages.FEEDBACK_NOTHING)
    if stored and helpful == "0":
        await ask_for_comment(query.message, int(qid))


# --- the collection ------------------------------------------------------------------------------
@members_only
async def on_docs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/docs: the indexed documents, a page at a time."""
    text, keyboard = await _docs_page(context, 1)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


@members_only
async def on_docs_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    text, keyboard = await _docs_page(context, int(query.data.split(":")[1]))
    await query.edit_message_text(text, parse_mode="HTML", reply_markup=keyboard)


async def _docs_page(
    context: ContextTypes.DEFAULT_TYPE, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    try:
        documents = await deps(context).conversation.documents()
    except QAError as error:
        return html.escape(str(error)), None
    text, page, pages = docs_page(documents, page)
    buttons = []
    if page > 1:
        buttons.append(
            InlineKeyboardButton(messages.DOCS_PREVIOUS, callback_data=f"docs:{page - 1}")
        )
    if page < pages:
        buttons.append(InlineKeyboardButton(messages.DOCS_NEXT, callback_data=f"docs:{page + 1}"))
    return to_html(text), InlineKeyboardMarkup([buttons]) if buttons else None


@members_only
async def on_recent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/moi: the most recently added documents."""
    try:
        documents = await deps(context).conversation.recent()
    except QAError as error:
        await update.effective_message.reply_text(str(error))
        return
    await reply_long(update.effective_message, recent_text(documents), deps(context).limit)


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if is_private(update):
        command = (update.effective_message.text or "").split()[0]
        await update.effective_message.reply_text(messages.UNKNOWN_COMMAND.format(command=command))


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice: a short explanation in private chats, silence in groups."""
    if is_private(update):
        await update.effective_message.reply_text(messages.UNSUPPORTED_MESSAGE)
