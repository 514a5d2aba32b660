"""/lienket for admins: the documents that say they replace, amend or repeal another, with
buttons to confirm or undo each link; "/lienket xacnhan N" and "/lienket huy N" do the same."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.telegram.common import admins_only, deps, reply_long
from qa import messages
from qa.index.links import CONFIRMED, UNDONE, LinkInfo
from qa.service import QAError
from qa.text import strip_accents

MAX_BUTTONS = 10  # links offered as buttons: those whose older document is in the collection
ACTIONS = {"xacnhan": CONFIRMED, "huy": UNDONE}
CALLBACK = r"^lk(ok|no):\d+$"


@admins_only
async def on_links(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    args = context.args or []
    conversation = deps(context).conversation
    try:
        if not args:
            found = await conversation.links()
            await reply_long(message, _list_text(found), deps(context).limit, _buttons(found))
            return
        action = ACTIONS.get(strip_accents(args[0]).lower())
        if action is None or len(args) != 2 or not args[1].lstrip("#").isdigit():
            await message.reply_text(messages.DOC_LINK_USAGE)
            return
        link = await conversation.set_link(int(args[1].lstrip("#")), action)
    except QAError as error:
        await message.reply_text(str(error))
        return
    await message.reply_text(_decided(link))


@admins_only
async def on_link_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button of /lienket: confirm or undo one link."""
    query = update.callback_query
    await query.answer()
    action, _, link_id = query.data.partition(":")
    status = CONFIRMED if action == "lkok" else UNDONE
    try:
        link = await deps(context).conversation.set_link(int(link_id), status)
    except QAError as error:
        await query.message.reply_text(str(error))
        return
    await query.message.reply_text(_decided(link))


def _list_text(found: list[LinkInfo]) -> str:
    if not found:
        return messages.NO_DOC_LINKS
    lines = [messages.DOC_LINKS_HEADER.format(count=len(found))]
    lines += [link.text() for link in found]
    return "\n".join([*lines, "", messages.DOC_LINK_USAGE])


def _buttons(found: list[LinkInfo]) -> InlineKeyboardMarkup | None:
    rows = []
    for link in [link for link in found if link.target_paths][:MAX_BUTTONS]:
        row = []
        if link.status != CONFIRMED:
            text = messages.DOC_LINK_CONFIRM_BUTTON.format(id=link.id)
            row.append(InlineKeyboardButton(text, callback_data=f"lkok:{link.id}"))
        if link.status != UNDONE:
            text = messages.DOC_LINK_UNDO_BUTTON.format(id=link.id)
            row.append(InlineKeyboardButton(text, callback_data=f"lkno:{link.id}"))
        rows.append(row)
    return InlineKeyboardMarkup(rows) if rows else None


def _decided(link: LinkInfo) -> str:
    done = messages.DOC_LINK_CONFIRMED if link.status == CONFIRMED else messages.DOC_LINK_UNDONE
    return done.format(**link.fields())
