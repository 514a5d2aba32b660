"""Every update answered once, whichever replica gets it and however often it comes.

The first process to get an update claims it in the database (``ChatState.claim``) and marks
it done once its handlers have finished (the reply is sent); a redelivery of a done update is
dropped. A claim is a lease: its owner renews it every third of UPDATE_LEASE_SECONDS for as
long as it is answering (a reindex takes minutes), so only a claim left behind by a process
that died (SIGKILL, a lost host) grows older than the lease; the next redelivery of that
update is then taken over by the process that receives it. A redelivery within the lease is
dropped: its owner is still answering, or has just died.

Why 30 seconds: a load balancer retries at once, while the owner is alive (dropped: the owner
answers); Telegram repeats a webhook call that got no answer later, for up to a day (the Bot
API documents no schedule), so a dead replica's update is answered by the first redelivery
more than half a minute later. A live owner misses its lease only if the database is out of
reach for two renewals in a row. (python-telegram-bot acknowledges a webhook call as soon as
the update is queued: Telegram itself redelivers only a call that died before that.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy.exc import OperationalError

from qa.chatstate import ChatState

log = logging.getLogger(__name__)

UPDATE_LEASE_SECONDS = 30.0  # BOT_UPDATE_LEASE_SECONDS
RENEWALS_PER_LEASE = 3


class Once:
    def __init__(self, state: ChatState, lease_seconds: float = UPDATE_LEASE_SECONDS) -> None:
        self._state = state
        self.lease = timedelta(seconds=lease_seconds)

    async def run(
        self, channel: str, update_id: str, handle: Callable[[], Awaitable[None]]
    ) -> bool:
        """Await ``handle`` unless this or another process has answered the update or is
        answering it; False when it was dropped. With the database out of reach the update is
        answered (from the loaded build) rather than lost."""
        try:
            if not await asyncio.to_thread(self._state.claim, channel, update_id, self.lease):
                return False
        except OperationalError:
            log.warning("update not checked for a redelivery: database unreachable")
        renewing = asyncio.create_task(self._renew(channel, update_id))
        try:
            await handle()
        finally:
            renewing.cancel()
        try:  # not when ``handle`` was cancelled: a redelivery after the lease is answered
            await asyncio.to_thread(self._state.done, channel, update_id)
        except OperationalError:
            log.warning("update not marked answered: database unreachable")
        return True

    async def _renew(self, channel: str, update_id: str) -> None:
        while True:
            await asyncio.sleep(self.lease.total_seconds() / RENEWALS_PER_LEASE)
            try:
                await asyncio.to_thread(self._state.renew, channel, update_id)
            except OperationalError:
                log.warning("claim of an update not renewed: database unreachable")
