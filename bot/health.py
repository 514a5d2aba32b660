"""``GET /health`` of a bot process, for the load balancer and the operators: the build it
answers from, whether the database is reachable, when it last handled an update on each
channel, the reindex in progress (on any replica) and its uptime. 200 when the database is
reachable and a build is loaded, 503 otherwise."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import web

from qa.service import QAError, QAService
from qa.status_report import iso, reindexing_json

log = logging.getLogger(__name__)

CHECK_SECONDS = 3.0  # each database look-up of a health check gives up after this
T = TypeVar("T")


class LastHandled:
    """When this process last handled an update, per channel (kept in memory: it describes
    this process, not the others)."""

    def __init__(self) -> None:
        self._at: dict[str, datetime] = {}

    def seen(self, channel: str) -> None:
        self._at[channel] = datetime.now(UTC)

    def get(self, channel: str) -> datetime | None:
        return self._at.get(channel)


class Health:
    def __init__(self, service: QAService, handled: LastHandled, channels: list[str]) -> None:
        self.service = service
        self.handled = handled
        self.channels = channels
        self._started = time.monotonic()

    async def report(self) -> tuple[int, dict[str, Any]]:
        """The HTTP status and the JSON body. The look-ups run in worker threads (not the
        answering ones: a hung database must not take their place), each with a timeout."""
        database = await _checked(self.service.database_reachable, False)
        build_id = await _checked(self._build_id, None)
        reindex = await _checked(self.service.reindexing, None) if database else None
        ok = database and build_id is not None
        body = {
            "ok": ok,
            "host": socket.gethostname(),
            "build_id": build_id,
            "database": database,
            "last_update": {name: iso(self.handled.get(name)) for name in self.channels},
            "reindex": reindexing_json(reindex),
            "uptime_seconds": round(time.monotonic() - self._started, 1),
        }
        return (200 if ok else 503), body

    def _build_id(self) -> int | None:
        """The build this process answers from (loaded now if it was not yet)."""
        try:
            return self.service.snapshot().build_id
        except QAError:  # no index yet, or the database down before any build was loaded
            return None

    def app(self) -> web.Application:
        async def health(request: web.Request) -> web.Response:
            status, body = await self.report()
            return web.json_response(body, status=status)

        app = web.Application()
        app.router.add_get("/health", health)
        return app

    async def serve(self, listen: str, port: int, stop: asyncio.Event) -> None:
        """Serve until ``stop`` is set. A port already taken is logged, and the bots go on."""
        runner = web.AppRunner(self.app(), access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, listen, port).start()
        except OSError as error:
            log.error("health endpoint not started on %s:%d: %s", listen, port, error)
            await runner.cleanup()
            return
        log.info("health endpoint on http://%s:%d/health", listen, port)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()


async def _checked(look_up: Callable[[], T], failed: T) -> T:
    try:
        return await asyncio.wait_for(asyncio.to_thread(look_up), CHECK_SECONDS)
    except Exception:  # a timeout, or a database error the look-up did not expect
        log.warning("health check: %s failed", getattr(look_up, "__name__", "look-up"))
        return failed
