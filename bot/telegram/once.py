"""Every update answered once: Telegram redelivers an update it has no answer for (a webhook
call that failed or timed out, a poll not confirmed before a restart), and a load balancer may
retry a webhook call on another replica. The handlers of an update run only if this process
claims it, and it is marked done once they have finished (``bot.once``)."""

from __future__ import annotations

from functools import partial

from telegram import Update
from telegram.ext import Application


class AnsweredOnce(Application):  # type: ignore[type-arg]
    """The Application, claiming each update before its handlers run (``application_class``
    of the builder)."""

    async def process_update(self, update: object) -> None:
        if not isinstance(update, Update):
            await super().process_update(update)
            return
        handle = partial(super().process_update, update)
        # update_ids count per bot: the bot's id keeps two bots on one database apart
        taken = f"{self.bot.id}:{update.update_id}"
        await self.bot_data["deps"].conversation.once.run("telegram", taken, handle)
