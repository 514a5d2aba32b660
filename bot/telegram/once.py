"""Every update answered once: Telegram redelivers an update it has no answer for (a webhook
call that failed or timed out, a poll not confirmed before a restart), and a load balancer may
retry a webhook call on another replica. The first handler of every update takes its id in the
database (``Conversation.first_time``); a repeated one goes no further."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.telegram.common import deps

GROUP = -1  # before every other handler group


async def drop_repeats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    # update_ids count per bot: the bot's id keeps two bots on one database apart
    taken = f"{context.bot.id}:{update.update_id}"
    if not await deps(context).conversation.first_time("telegram", taken):
        raise ApplicationHandlerStop
