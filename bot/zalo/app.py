"""The Zalo bot wired up in one place: long polling, or a webhook that checks the secret
header, acknowledges at once and answers in the background."""

from __future__ import annotations

import asyncio
import hmac
import logging
from functools import partial
from urllib.parse import urlparse

from aiohttp import web

from bot.access import RateLimiter
from bot.conversation import Conversation
from bot.notices import NoticeSender
from bot.render import ZALO_LIMIT
from bot.settings import BotSettings
from bot.zalo import notices as zalo_notices
from bot.zalo.api import ZaloAPIError, ZaloBotAPI, ZaloMessage, parse_updates
from bot.zalo.handlers import ZaloHandlers

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"
POLL_TIMEOUT = 30
POLL_ERROR_PAUSE = 5.0


class ZaloBot:
    def __init__(
        self, conversation: Conversation, settings: BotSettings, *, limit: int = ZALO_LIMIT
    ) -> None:
        """``limit`` is the message length to split at (Zalo's maximum unless testing)."""
        if settings.zalo_token is None:
            raise ValueError("ZALO_BOT_TOKEN is not set")
        self.settings = settings
        self.api = ZaloBotAPI(settings.zalo_token.get_secret_value(), settings.zalo_base_url)
        self.handlers = ZaloHandlers(
            conversation,
            self.api,
            settings.zalo_access,
            RateLimiter(conversation.service.chat_state, settings.questions_per_minute),
            limit,
        )
        self._tasks: set[asyncio.Task[None]] = set()
        self.notices = NoticeSender(
            conversation.service, zalo_notices.CHANNEL, partial(zalo_notices.send, self.api, limit)
        )
        conversation.when_reindexed(self.notices.wake)

    def dispatch(self, found: list[ZaloMessage]) -> None:
        """Handle each message in its own task, so that a slow one (a reindex) blocks nothing."""
        for message in found:
            task = asyncio.create_task(self.handlers.handle(message))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            task.add_done_callback(self._handled)

    def _handled(self, task: asyncio.Task[None]) -> None:
        self.handlers.conversation.handled.seen("zalo")  # for /health

    async def poll(self, stop: asyncio.Event) -> None:
        await self.api.get_me()  # a wrong token or base URL fails here, at start
        await self.api.delete_webhook()  # getUpdates and a webhook are exclusive
        stopped = asyncio.create_task(stop.wait())
        while not stop.is_set():
            poll = asyncio.create_task(self.api.get_updates(POLL_TIMEOUT))
            await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not poll.done():
                poll.cancel()
                break
            try:
                self.dispatch(poll.result())
            except ZaloAPIError as error:
                log.warning("Zalo getUpdates failed: %s", error)
                await _sleep_or_stop(stop, POLL_ERROR_PAUSE)

    def webhook_app(self) -> web.Application:
        secret = self.settings.zalo_webhook_secret
        expected = secret.get_secret_value().encode() if secret else b""

        async def receive(request: web.Request) -> web.Response:
            given = request.headers.get(SECRET_HEADER, "").encode()
            if not expected or not hmac.compare_digest(given, expected):
                return web.json_response({"ok": False}, status=403)
            try:
                payload = await request.json()
            except ValueError:
                return web.json_response({"ok": False}, status=400)
            self.dispatch(parse_updates(payload))
            return web.json_response({"ok": True})

        app = web.Application(client_max_size=1024 * 1024)
        app.router.add_post(self.webhook_path, receive)
        return app

    @property
    def webhook_path(self) -> str:
        return urlparse(self.settings.zalo_webhook_url or "").path or "/zalo"

    async def serve(self, stop: asyncio.Event) -> None:
        """Run until ``stop`` is set: a webhook when ZALO_WEBHOOK_URL is set, else polling;
        and the sender of new-document notices."""
        sending = asyncio.create_task(self.notices.run(stop))
        try:
            if self.settings.zalo_webhook_url:
                await self._serve_webhook(stop)
            else:
                await self.poll(stop)
            if self._tasks:
                await asyncio.wait(self._tasks, timeout=10)
        finally:
            if not stop.is_set():  # ended by an error: what was in flight is sent after its lease
                sending.cancel()
            await asyncio.gather(sending, return_exceptions=True)
            await self.api.aclose()

    async def _serve_webhook(self, stop: asyncio.Event) -> None:
        secret = self.settings.zalo_webhook_secret
        runner = web.AppRunner(self.webhook_app())
        await runner.setup()
        site = web.TCPSite(
            runner, self.settings.zalo_webhook_listen, self.settings.zalo_webhook_port
        )
        await site.start()
        try:
            await self.api.set_webhook(
                self.settings.zalo_webhook_url, secret.get_secret_value() if secret else ""
            )
            await stop.wait()
        finally:
            await runner.cleanup()


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
