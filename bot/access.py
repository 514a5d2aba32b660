"""Who may ask, who is an admin, and how often one may ask: the one place that decides."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from dataclasses import dataclass


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
    """At most ``limit`` events per key in any window of ``window`` seconds."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: defaultdict[str, deque[float]] = defaultdict(deque)

    def wait_seconds(self, key: str) -> float:
        """0 and the event counted, or how long to wait before the next one is allowed."""
        now = time.monotonic()
        events = self._events[key]
        while events and now - events[0] >= self.window:
            events.popleft()
        if len(events) >= self.limit:
            return self.window - (now - events[0])
        events.append(now)
        return 0.0
