"""Who may ask, who is an admin, and how often one may ask: the one place that decides."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from qa.chatstate import ChatState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccessPolicy:
    open: bool
    admins: frozenset[str]
    users: frozenset[str]
    chats: frozenset[str]  # group chats whose members may ask (Telegram)

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.admins

    def admits(self, user_id: str, chat_id: str) -> bool:
        """Allowed without asking the chat service about group membership."""
        return self.open or user_id in self.admins or user_id in self.users or chat_id in self.chats


class RateLimiter:
    """At most ``limit`` events per key in any window of ``window`` seconds, counted in the
    database (``qa.chatstate``): shared by every process and kept across restarts."""

    def __init__(self, state: ChatState, limit: int, window: float = 60.0) -> None:
        self.state = state
        self.limit = limit
        self.window = window

    async def wait_seconds(self, key: str) -> float:
        """0 and the event counted, or how long to wait before the next one is allowed.

        In a thread of its own, not behind the answering workers: it is one short query. With
        the database out of reach nothing is counted, and the member is answered."""
        try:
            return await asyncio.to_thread(self.state.wait_seconds, key, self.limit, self.window)
        except SQLAlchemyError as error:
            log.warning("rate limit not checked: %s", type(error).__name__)
            return 0.0
