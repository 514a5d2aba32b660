"""The library in Telegram: /vanban [filter] lists documents newest first, a button each;
/vanban 05-CT/TU (or /vb, or a document's button) opens its card, with the original file and
"ask within this document" buttons."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.library import button_label, card_text, empty_text, shelf_page
from bot.render import to_html
from bot.telegram.common import deps, members_only, reply_long
from qa import messages
from qa.answer.compose import describe
from qa.library import DocumentCard, Shelf, document_key
from qa.service import QAError

PER_PAGE = 8
UPLOAD_LIMIT_MB = 50  # what a bot may send through Telegram's cloud Bot API
CALLBACK_BYTES = 64  # Telegram's limit for a button's callback data
CARD = r"^vb:[0-9a-f]{10}$"
ORIGINAL = r"^vbf:[0-9a-f]{10}$"
ASK_WITHIN = r"^vbq:[0-9a-f]{10}$"
PAGE = r"^vbp:\d+:"


@members_only
async def on_library(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vanban [filter or number]: a page of the list, or the card of the one document named."""
    message = update.effective_message
    try:
        shelf = await deps(context).conversation.library(" ".join(context.args or []))
    except QAError as error:
        await message.reply_text(str(error))
        return
    if shelf.card is not None:
        await _send_card(message, context, shelf.card)
    elif not shelf.documents:
        await message.reply_text(empty_text(shelf))
    else:
        text, keyboard = _page(shelf, 1)
        await message.reply_html(text, reply_markup=keyboard)


@members_only
async def on_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀ / ▶ under a list: the same filter (carried in the button), another page."""
    query = update.callback_query
    await query.answer()
    _, page, words = query.data.split(":", 2)
    try:
        shelf = await deps(context).conversation.library(words)
    except QAError as error:
        await query.message.reply_text(str(error))
        return
    text, keyboard = _page(shelf, int(page))
    await query.edit_message_text(text, parse_mode="HTML", reply_markup=keyboard)


def _page(shelf: Shelf, page: int) -> tuple[str, InlineKeyboardMarkup]:
    text, shown, page, pages = shelf_page(shelf, page, PER_PAGE)
    first = (page - 1) * PER_PAGE
    rows = [
        [
            InlineKeyboardButton(
                button_label(first + i, d), callback_data=f"vb:{document_key(d.path)}"
            )
        ]
        for i, d in enumerate(shown, 1)
    ]
    words = shelf.query if shelf.named else shelf.filter.words()
    navigation = []
    if page > 1:
        navigation.append(
            InlineKeyboardButton(messages.DOCS_PREVIOUS, callback_data=_page_data(page - 1, words))
        )
    if page < pages:
        navigation.append(
            InlineKeyboardButton(messages.DOCS_NEXT, callback_data=_page_data(page + 1, words))
        )
    return to_html(text), InlineKeyboardMarkup([*rows, navigation] if navigation else rows)


def _page_data(page: int, words: str) -> str:
    """``vbp:<page>:<filter words>``, the words cut at a word boundary to fit 64 bytes (a
    shorter issuer filter only widens the list)."""
    data = f"vbp:{page}:{words}"
    while len(data.encode("utf-8")) > CALLBACK_BYTES:
        data = data.rsplit(" ", 1)[0] if " " in data else data[:-1]
    return data


@members_only
async def on_card_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vb <number or key>: the document's card."""
    query = " ".join(context.args or [])
    if not query:
        await update.effective_message.reply_text(messages.VB_USAGE_TELEGRAM)
        return
    await _open_card(update.effective_message, context, query)


@members_only
async def on_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document's button (in a list, or under a new-document notice): its card."""
    query = update.callback_query
    await query.answer()
    await _open_card(query.message, context, query.data.split(":", 1)[1])


async def _open_card(message: Message, context: ContextTypes.DEFAULT_TYPE, query: str) -> None:
    try:
        card = await deps(context).conversation.card(query)
    except QAError as error:
        await message.reply_text(str(error))
        return
    await _send_card(message, context, card)


async def _send_card(
    message: Message, context: ContextTypes.DEFAULT_TYPE, card: DocumentCard
) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    messages.CARD_ORIGINAL_BUTTON, callback_data=f"vbf:{card.key}"
                ),
                InlineKeyboardButton(messages.CARD_ASK_BUTTON, callback_data=f"vbq:{card.key}"),
            ]
        ]
    )
    await reply_long(message, card_text(card), deps(context).limit, keyboard)


@members_only
async def on_original(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📄 Bản gốc: the document's file, as it is in the documents folder."""
    query = update.callback_query
    await query.answer()
    try:
        path = await deps(context).conversation.original_file(query.data.split(":", 1)[1])
    except QAError as error:
        await query.message.reply_text(str(error))
        return
    size = path.stat().st_size
    if size > UPLOAD_LIMIT_MB * 1024 * 1024:
        await query.message.reply_text(
            messages.ORIGINAL_TOO_BIG.format(
                name=path.name, size=size / 1024 / 1024, limit=UPLOAD_LIMIT_MB
            )
        )
        return
    data = await asyncio.to_thread(Path.read_bytes, path)
    await query.message.reply_document(document=data, filename=path.name)


@members_only
async def on_ask_within(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """❓ Hỏi trong văn bản này: the member's next question in this chat searches only it."""
    query = update.callback_query
    await query.answer()
    d = deps(context)
    try:
        card = await d.conversation.card(query.data.split(":", 1)[1])
    except QAError as error:
        await query.message.reply_text(str(error))
        return
    chat, user = update.effective_chat, update.effective_user
    await d.conversation.scope_next("telegram", str(chat.id), str(user.id), card.path)
    await query.message.reply_html(
        html.escape(messages.CARD_ASK_SET.format(document=describe(card.meta)))
    )
