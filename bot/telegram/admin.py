"""Handlers for admins: reindex with a progress message, uploads and links, removal, statistics."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from functools import partial

from telegram import (
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    Update,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.conversation import Added, Conversation
from bot.notices import quiet
from bot.render import progress_text, stats_text
from bot.telegram.common import admins_only, deps, reply_long
from bot.uploads import UploadRejected
from qa import messages
from qa.answer.compose import describe
from qa.index.lock import ReindexBusy
from qa.ingest import IngestError
from qa.models import ReindexReport
from qa.service import DocumentInfo, QAError

log = logging.getLogger(__name__)

MAX_CHOICES = 10  # documents offered as buttons when /xoa matches several


async def _edit(message: Message, text: str) -> None:
    """Edit a status message; an unchanged text or a deleted message is not an error."""
    try:
        await message.edit_text(text)
    except BadRequest:
        log.debug("status message not edited", exc_info=True)


async def _reindex_and_report(
    conversation: Conversation, status: Message, notify: bool
) -> ReindexReport | None:
    async def progress(done: int, total: int, unit: str) -> None:
        await _edit(status, progress_text(done, total, unit))

    try:
        report = await conversation.reindex(progress, notify=notify)
    except (ReindexBusy, QAError) as error:
        await _edit(status, str(error))
        return None
    except Exception as error:  # the admin must hear how it ended, whatever happened
        log.exception("reindex failed")
        await _edit(status, messages.REINDEX_FAILED.format(error=type(error).__name__))
        return None
    await _edit(status, report.summary())
    return report


@admins_only
async def on_reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reindex: run in the background, editing one progress message until the summary.
    ``/reindex im``: without new-document notices."""
    conversation = deps(context).conversation
    if conversation.reindexing:
        await update.effective_message.reply_text(messages.REINDEX_BUSY)
        return
    status = await update.effective_message.reply_text(messages.REINDEX_STARTED)
    context.application.create_task(
        _reindex_and_report(conversation, status, notify=not quiet(context.args or [])),
        update=update,
        name="reindex",
    )


@admins_only
async def on_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document or a photo sent by an admin: checked, saved into the documents folder,
    indexed."""
    message = update.effective_message
    attachment, name = _attachment(message)
    d = deps(context)
    if attachment.file_size and attachment.file_size > d.max_upload_mb * 1024 * 1024:
        size = attachment.file_size / 1024 / 1024
        await message.reply_text(messages.UPLOAD_TOO_BIG.format(size=size, limit=d.max_upload_mb))
        return
    status = await message.reply_text(messages.UPLOAD_RECEIVED.format(name=name))
    try:
        data = bytes(await (await attachment.get_file()).download_as_bytearray())
    except TelegramError:
        log.warning("upload download failed", exc_info=True)
        await _edit(status, messages.UPLOAD_DOWNLOAD_FAILED)
        return
    adding = d.conversation.add_document(name, data, d.max_upload_mb)
    rejected = partial(messages.UPLOAD_REJECTED.format, name=name)
    context.application.create_task(_add(status, adding, rejected), update=update)


def _attachment(message: Message) -> tuple[Document | PhotoSize, str]:
    """The file of an upload and its name. A photo (always a JPEG) is taken at its largest
    size and named by its date and Telegram's unique id, e.g. "anh-2025-06-01-AgADxy.jpg"."""
    if message.photo:
        photo = max(message.photo, key=lambda size: size.width * size.height)
        return photo, f"anh-{message.date:%Y-%m-%d}-{photo.file_unique_id}.jpg"
    return message.document, message.document.file_name or "tai-lieu"


@admins_only
async def on_add_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/them <link>: download the page or file, check, save, index, and show what was read."""
    message = update.effective_message
    link = " ".join(context.args or []).strip()
    if not link:
        await message.reply_text(messages.LINK_USAGE)
        return
    d = deps(context)
    status = await message.reply_text(messages.LINK_FETCHING.format(url=link))
    adding = d.conversation.add_link(link, d.max_upload_mb)
    rejected = partial(messages.LINK_REJECTED.format, url=link)
    context.application.create_task(_add(status, adding, rejected), update=update)


async def _add(status: Message, adding: Awaitable[Added], rejected: Callable[..., str]) -> None:
    """Edit the status message with how adding a document ended; ``rejected(reason=…)`` says
    why it was not accepted."""
    try:
        added = await adding
    except (UploadRejected, IngestError) as error:
        await _edit(status, rejected(reason=error))
        return
    except (ReindexBusy, QAError) as error:
        await _edit(status, str(error))
        return
    if added.document is None:
        await _edit(status, added.report.summary())
        return
    await _edit(status, added_text(added.path, added.document, added.report))


def added_text(path: str, document: DocumentInfo, report: ReindexReport) -> str:
    """What an admin reads once a document is indexed: its pages (how many read by OCR, which
    left out and why) and the metadata found in its header."""
    meta = document.meta
    unknown = messages.FIELD_UNKNOWN
    skipped = [warning.reason for warning in report.warnings if warning.path == path]
    lines = [messages.UPLOAD_DONE.format(path=path, passages=document.passages)]
    if meta.pages is not None:
        counts = [
            template.format(count=count)
            for template, count in [
                (messages.PAGES_SCANNED, meta.scanned_pages),
                (messages.PAGES_SKIPPED, len(skipped)),
            ]
            if count
        ]
        details = f" ({', '.join(counts)})" if counts else ""
        lines.append(f"• {messages.FIELD_PAGES}: {meta.pages}{details}")
        lines += [f"  - {reason}" for reason in skipped]
    lines += [
        f"• {messages.FIELD_TYPE}: {meta.doc_type}",
        f"• {messages.FIELD_NUMBER}: {meta.number or unknown}",
        f"• {messages.FIELD_TITLE}: {meta.title}",
        f"• {messages.FIELD_ISSUER}: {meta.issuer or unknown}",
        f"• {messages.FIELD_DATE}: {f'{meta.issued:%d/%m/%Y}' if meta.issued else unknown}",
    ]
    found_only = [
        (messages.FIELD_PLACE, meta.place),
        (messages.FIELD_SIGNER, meta.signer),
        (messages.FIELD_SOURCE_URL, meta.source_url),
    ]
    lines += [f"• {label}: {value}" for label, value in found_only if value]
    return "\n".join(lines)


@admins_only
async def on_remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xoa <file name or number>: offer the matching documents, then ask for confirmation."""
    message = update.effective_message
    query = " ".join(context.args or [])
    if not query:
        await message.reply_text(messages.REMOVE_USAGE)
        return
    try:
        found = await deps(context).conversation.find_documents(query)
    except QAError as error:
        await message.reply_text(str(error))
        return
    if not found:
        await message.reply_text(messages.REMOVE_NOT_FOUND.format(query=query))
    elif len(found) == 1:
        text, keyboard = _confirmation(context, found[0])
        await message.reply_text(text, reply_markup=keyboard)
    else:
        buttons = [
            [InlineKeyboardButton(d.path[-60:], callback_data=f"rmask:{_token(context, d.path)}")]
            for d in found[:MAX_CHOICES]
        ]
        await message.reply_text(
            messages.REMOVE_MANY.format(count=len(found), query=query),
            reply_markup=InlineKeyboardMarkup(buttons),
        )


def _token(context: ContextTypes.DEFAULT_TYPE, path: str) -> str:
    """A short id for a path: callback data is limited to 64 bytes."""
    token = secrets.token_hex(4)
    deps(context).removals[token] = path
    return token


def _confirmation(
    context: ContextTypes.DEFAULT_TYPE, document: DocumentInfo
) -> tuple[str, InlineKeyboardMarkup]:
    token = _token(context, document.path)
    text = messages.REMOVE_CONFIRM.format(document=describe(document.meta), path=document.path)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(messages.REMOVE_YES, callback_data=f"rmyes:{token}"),
                InlineKeyboardButton(messages.REMOVE_NO, callback_data="rmno"),
            ]
        ]
    )
    return text, keyboard


@admins_only
async def on_remove_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button of /xoa: pick a document, confirm, or cancel."""
    query = update.callback_query
    await query.answer()
    action, _, token = query.data.partition(":")
    path = deps(context).removals.get(token)
    if action == "rmno" or path is None:
        await query.edit_message_text(messages.REMOVE_CANCELLED)
        return
    conversation = deps(context).conversation
    if action == "rmask":
        found = [d for d in await conversation.documents() if d.path == path]
        if found:
            text, keyboard = _confirmation(context, found[0])
            await query.edit_message_text(text, reply_markup=keyboard)
        else:
            await query.edit_message_text(messages.REMOVE_NOT_FOUND.format(query=path))
        return
    deps(context).removals.pop(token)
    await query.edit_message_text(messages.REINDEX_STARTED)
    try:
        trash, report = await conversation.remove_document(path)
    except FileNotFoundError:
        await query.edit_message_text(messages.REMOVE_NOT_FOUND.format(query=path))
        return
    except (ReindexBusy, QAError) as error:
        await query.edit_message_text(str(error))
        return
    done = messages.REMOVE_DONE.format(path=path, trash=trash)
    await query.edit_message_text(f"{done}\n{report.summary()}")


@admins_only
async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        status, activity = await deps(context).conversation.stats()
    except QAError as error:
        await update.effective_message.reply_text(str(error))
        return
    text = stats_text(status, activity)
    await reply_long(update.effective_message, text, deps(context).limit)
