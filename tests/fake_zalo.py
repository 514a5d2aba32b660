"""A fake Zalo Bot API server on 127.0.0.1 for end-to-end tests.

    async with FakeZalo(token="123:secret") as server:
        async with ZaloBotAPI(server.token, base_url=server.base_url) as api:
            server.push(server.make_text_update("Xin chào", user_id="a1b2"))
            await api.get_updates()

It records every authorised call, long-polls getUpdates (answering ``ok: false, 408``
"Request timeout" when nothing arrived, like the real API), enforces the documented limits,
injects failures on demand and delivers updates to a webhook the way Zalo would.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_TEXT_LENGTH = 2000
_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[^/]+)$")


@dataclass(frozen=True)
class Call:
    """One request with the right token; ``at`` is ``time.monotonic()`` when it arrived."""

    method: str
    params: dict[str, Any]
    at: float


def _hex_id() -> str:
    return secrets.token_hex(10)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, *, http_status: int | None = None) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": status, "description": description},
        status=status if http_status is None else http_status,
    )


class FakeZalo:
    """The fake server; use as ``async with FakeZalo(token=...) as server``."""

    def __init__(
        self, token: str = "1234567890:fake-zalo-secret", *, max_poll: float = 1.0
    ) -> None:
        self.token = token
        self.max_poll = max_poll
        self.single_object_results = False
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self._calls: list[Call] = []
        self._sent: list[tuple[str, str]] = []
        self._updates: list[dict[str, Any]] = []
        self._failures: dict[str, list[int]] = {}
        self._delays: dict[str, list[float]] = {}
        self._blocked: set[str] = set()
        self._updates_changed = asyncio.Event()
        self._calls_changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port = 0

    @property
    def base_url(self) -> str:
        """What to pass as ``base_url`` to the client."""
        return f"http://127.0.0.1:{self._port}"

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing = True
        self._updates_changed.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- inspection -------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls, optionally of one method, oldest first."""
        return [call for call in self._calls if method is None or call.method == method]

    def sent_texts(self, chat_id: str | None = None) -> list[str]:
        """Texts accepted by sendMessage, optionally to one chat."""
        return [text for chat, text in self._sent if chat_id is None or chat == chat_id]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 30.0,
    ) -> list[Call]:
        """Wait until ``count`` calls of ``method`` match ``predicate``; returns them."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            matching = [c for c in self.calls(method) if predicate is None or predicate(c)]
            if len(matching) >= count:
                return matching
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"waited {timeout}s for {count} matching {method} call(s), "
                    f"got {len(matching)}; calls so far: {self._summary()}"
                )
            self._calls_changed.clear()
            try:
                await asyncio.wait_for(self._calls_changed.wait(), remaining)
            except TimeoutError:
                pass

    def _summary(self) -> str:
        if not self._calls:
            return "none"
        return "; ".join(f"{call.method} {call.params}" for call in self._calls[-20:])

    # --- updates ----------------------------------------------------------------------------

    def make_update(
        self,
        event_name: str,
        *,
        user_id: str,
        display_name: str = "Đảng viên",
        message_id: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """An update in the documented shape; ``fields`` go into ``message``."""
        return {
            "event_name": event_name,
            "message": {
                "message_id": message_id or _hex_id(),
                "date": _now_ms(),
                "chat": {"id": user_id, "chat_type": "PRIVATE"},
                "from": {"id": user_id, "display_name": display_name, "is_bot": False},
                **fields,
            },
        }

    def make_text_update(
        self,
        text: str,
        *,
        user_id: str,
        display_name: str = "Đảng viên",
        message_id: str | None = None,
    ) -> dict[str, Any]:
        """A message.text.received update."""
        return self.make_update(
            "message.text.received",
            user_id=user_id,
            display_name=display_name,
            message_id=message_id,
            text=text,
        )

    def make_sticker_update(
        self,
        *,
        user_id: str,
        display_name: str = "Đảng viên",
        message_id: str | None = None,
    ) -> dict[str, Any]:
        """A message.sticker.received update."""
        sticker = _hex_id()
        return self.make_update(
            "message.sticker.received",
            user_id=user_id,
            display_name=display_name,
            message_id=message_id,
            sticker=sticker,
            url=f"https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid={sticker}",
        )

    def make_image_update(
        self,
        photo_url: str = "https://photo.example/image.jpg",
        *,
        user_id: str,
        display_name: str = "Đảng viên",
        message_id: str | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """A message.image.received update (``caption`` becomes ``text`` when given)."""
        extra = {} if caption is None else {"text": caption}
        return self.make_update(
            "message.image.received",
            user_id=user_id,
            display_name=display_name,
            message_id=message_id,
            photo_url=photo_url,
            **extra,
        )

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates."""
        self._updates.append(update)
        self._updates_changed.set()

    async def deliver(
        self,
        url: str,
        update: dict[str, Any],
        secret: str | None,
        *,
        under_result: bool = False,
    ) -> int:
        """POST an update to a webhook like Zalo; returns the HTTP status.

        The body is the update itself (``event_name`` at top level) or, with
        ``under_result``, ``{"ok": true, "result": update}``.
        """
        body = {"ok": True, "result": update} if under_result else update
        headers = {} if secret is None else {SECRET_HEADER: secret}
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, json=body, headers=headers) as response,
        ):
            await response.read()
            return response.status

    # --- faults -----------------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, status: int = 502) -> None:
        """Answer the next ``times`` calls of ``method`` with HTTP ``status`` and ok:false."""
        self._failures.setdefault(method, []).extend([status] * times)

    def slow(self, method: str, seconds: float, times: int = 1) -> None:
        """Carry out the next ``times`` calls of ``method``, then wait ``seconds`` before
        answering: a client that times out meanwhile does not know its call took effect."""
        self._delays.setdefault(method, []).extend([seconds] * times)

    def block(self, chat_id: str) -> None:
        """The member blocked the bot: sendMessage to them answers 403 Forbidden."""
        self._blocked.add(chat_id)

    # --- HTTP -------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        match = _PATH.match(request.path)
        if match is None or request.method != "POST":
            return _error(404, "Not Found")
        if not secrets.compare_digest(match["token"].encode(), self.token.encode()):
            return _error(401, "Unauthorized")
        method = match["method"]
        try:
            params = await request.json() if request.can_read_body else {}
        except ValueError:
            params = None
        if not isinstance(params, dict):
            return _error(400, "Bad Request: body must be a JSON object")
        self._calls.append(Call(method, params, time.monotonic()))
        self._calls_changed.set()
        pending = self._failures.get(method)
        if pending:
            return _error(pending.pop(0), "injected failure")
        handler = self._methods.get(method)
        if handler is None:
            return _error(404, f"Not Found: method {method}")
        response = await handler(self, params)
        if delays := self._delays.get(method):
            await asyncio.sleep(delays.pop(0))
        return response

    async def _get_me(self, params: dict[str, Any]) -> web.Response:
        return _ok(
            {
                "id": self.token.split(":", 1)[0],
                "account_name": "bot.fake",
                "account_type": "BASIC",
                "can_join_groups": False,
                "display_name": "Fake Zalo Bot",
            }
        )

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        if self.webhook_url:
            return _error(409, "Conflict: webhook is active, call deleteWebhook first")
        try:
            timeout = float(params.get("timeout", 30))
        except (TypeError, ValueError):
            return _error(400, "Bad Request: timeout must be a number")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(max(timeout, 0.0), self.max_poll)
        while not self._updates and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            self._updates_changed.clear()
            try:
                await asyncio.wait_for(self._updates_changed.wait(), remaining)
            except TimeoutError:
                break
        if not self._updates:
            return _error(408, "Request timeout", http_status=200)
        if self.single_object_results:
            return _ok(self._updates.pop(0))
        served, self._updates = self._updates, []
        return _ok(served)

    async def _set_webhook(self, params: dict[str, Any]) -> web.Response:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith("https://"):
            return _error(400, "Bad Request: url must be an HTTPS URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            return _error(400, "Bad Request: secret_token must be 8-256 characters")
        self.webhook_url, self.webhook_secret = url, secret
        return _ok({"url": url, "updated_at": _now_ms()})

    async def _delete_webhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url, self.webhook_secret = "", None
        return _ok({"url": "", "updated_at": _now_ms()})

    async def _get_webhook_info(self, params: dict[str, Any]) -> web.Response:
        return _ok({"url": self.webhook_url, "updated_at": _now_ms()})

    async def _send_message(self, params: dict[str, Any]) -> web.Response:
        chat_id, text = params.get("chat_id"), params.get("text")
        if not isinstance(chat_id, str) or not chat_id:
            return _error(400, "Bad Request: chat_id is required")
        if chat_id in self._blocked:
            return _error(403, "Forbidden: the user has blocked the bot")
        if not isinstance(text, str) or not text:
            return _error(400, "Bad Request: text is required")
        if len(text) > MAX_TEXT_LENGTH:
            return _error(400, "text too long")
        self._sent.append((chat_id, text))
        return _ok({"message_id": _hex_id(), "date": _now_ms()})

    async def _send_chat_action(self, params: dict[str, Any]) -> web.Response:
        if not isinstance(params.get("chat_id"), str) or not params.get("action"):
            return _error(400, "Bad Request: chat_id and action are required")
        return _ok(True)

    _methods = {
        "getMe": _get_me,
        "getUpdates": _get_updates,
        "setWebhook": _set_webhook,
        "deleteWebhook": _delete_webhook,
        "getWebhookInfo": _get_webhook_info,
        "sendMessage": _send_message,
        "sendChatAction": _send_chat_action,
    }
