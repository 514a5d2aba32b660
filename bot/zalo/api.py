"""Async client for the Zalo Bot Platform API (shaped like Telegram's Bot API).

Every call is ``POST {base_url}/bot{token}/{method}`` with a JSON body; answers look like
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": ..., "description": ...}``.
The token never appears in our exceptions, reprs or log records.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
MAX_TEXT_LENGTH = 2000
SECRET_TOKEN_LENGTH = (8, 256)
EVENTS = frozenset(
    {
        "message.text.received",
        "message.image.received",
        "message.sticker.received",
        "message.unsupported.received",
    }
)
# A send that timed out waiting for its answer may have been delivered: not sent again.
NOT_REPEATED = frozenset({"sendMessage"})
POLL_TIMEOUT_CODE = 408  # getUpdates answers ok:false 408 "Request timeout" when nothing arrived
_MASK = "<token>"


class ZaloAPIError(Exception):
    """The API answered ok:false or a non-2xx status, or the request failed after retries."""

    def __init__(self, description: str, error_code: int | None = None) -> None:
        super().__init__(description if error_code is None else f"{description} [{error_code}]")
        self.description = description
        self.error_code = error_code


@dataclass(frozen=True, slots=True)
class ZaloUser:
    id: str
    display_name: str
    is_bot: bool


@dataclass(frozen=True, slots=True)
class ZaloMessage:
    """One incoming message event; the bot only ever receives these."""

    message_id: str
    chat_id: str
    chat_type: str
    user: ZaloUser
    date: datetime
    text: str | None
    event_name: str
    photo_url: str | None


ZaloUpdate = ZaloMessage


def parse_updates(payload: Any) -> list[ZaloMessage]:
    """Messages in a getUpdates answer or a webhook body; unknown or malformed entries are skipped.

    Accepts ``{"ok": true, "result": update}``, ``{"ok": true, "result": [updates]}`` and a bare
    update (``{"event_name": ..., "message": ...}``); ``event_name`` may sit beside ``result``.
    """
    if not isinstance(payload, dict):
        log.debug("Skipping Zalo payload of type %s", type(payload).__name__)
        return []
    if "result" not in payload:
        entries: list[Any] = [payload]
    elif isinstance(payload["result"], list):
        entries = payload["result"]
    else:
        entries = [payload["result"]]
    outer_event = payload.get("event_name")
    messages = []
    for entry in entries:
        message = _parse_message(entry, outer_event)
        if message is not None:
            messages.append(message)
    return messages


def _parse_message(entry: Any, default_event: Any) -> ZaloMessage | None:
    if not isinstance(entry, dict):
        log.debug("Skipping Zalo update of type %s", type(entry).__name__)
        return None
    event_name = entry.get("event_name", default_event)
    if event_name not in EVENTS:
        log.debug("Skipping Zalo update with event %r", event_name)
        return None
    try:
        message = entry["message"]
        sender = message["from"]
        chat = message["chat"]
        text = message.get("text")
        photo_url = message.get("photo_url")
        return ZaloMessage(
            message_id=_id(message["message_id"]),
            chat_id=_id(chat["id"]),
            chat_type=str(chat.get("chat_type", "")),
            user=ZaloUser(
                id=_id(sender["id"]),
                display_name=str(sender.get("display_name") or ""),
                is_bot=bool(sender.get("is_bot", False)),
            ),
            date=datetime.fromtimestamp(float(message["date"]) / 1000, tz=UTC),
            text=text if isinstance(text, str) else None,
            event_name=event_name,
            photo_url=photo_url if isinstance(photo_url, str) else None,
        )
    except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
        log.debug("Skipping malformed Zalo %s update: %s", event_name, type(exc).__name__)
        return None


def _id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise ValueError("bad id")
    return str(value)


def _redact(text: str, token: str) -> str:
    for form in (token, quote(token, safe=""), quote(token)):
        text = text.replace(form, _MASK)
    return text


class _RedactToken(logging.Filter):
    """Masks the token in records of the ``httpx`` logger, which logs every request URL."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _redact(message, self._token)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class ZaloBotAPI:
    """Async Zalo Bot API client: ``async with ZaloBotAPI(token) as api: await api.get_me()``.

    Network errors, 5xx and 429 are retried ``retries`` times, waiting ``backoff * 2**n`` s;
    a message whose sending timed out is not (it may have arrived).
    """

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if not token:
            raise ValueError("token is empty")
        self._token = token
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._retries = retries
        self._backoff = backoff
        self._client = httpx.AsyncClient(timeout=timeout)
        self._log_filter = _RedactToken(token)
        logging.getLogger("httpx").addFilter(self._log_filter)

    def __repr__(self) -> str:
        return f"ZaloBotAPI(base_url={self._base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.aclose()
        logging.getLogger("httpx").removeFilter(self._log_filter)

    async def get_me(self) -> ZaloUser:
        """The bot's own account."""
        result = await self._call("getMe")
        if not isinstance(result, dict) or "id" not in result:
            raise ZaloAPIError("getMe: unexpected answer")
        return ZaloUser(
            id=str(result["id"]),
            display_name=str(result.get("display_name") or result.get("account_name") or ""),
            is_bot=True,
        )

    async def get_updates(self, timeout: int = 30) -> list[ZaloMessage]:
        """Long-poll for new messages (an empty list when none arrived within ``timeout`` s)."""
        try:
            payload = await self._request(
                "getUpdates", {"timeout": timeout}, http_timeout=timeout + self._timeout
            )
        except ZaloAPIError as exc:
            if exc.error_code == POLL_TIMEOUT_CODE:
                return []
            raise
        return parse_updates(payload)

    async def set_webhook(self, url: str, secret_token: str) -> None:
        """Deliver updates to ``url`` with header ``X-Bot-Api-Secret-Token: secret_token``."""
        low, high = SECRET_TOKEN_LENGTH
        if not low <= len(secret_token) <= high:
            raise ValueError(f"secret_token must be {low}-{high} characters")
        await self._call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        """Stop webhook delivery (required before polling with get_updates)."""
        await self._call("deleteWebhook")

    async def get_webhook_info(self) -> dict[str, Any]:
        """The current webhook settings as returned by the API."""
        result = await self._call("getWebhookInfo")
        return result if isinstance(result, dict) else {}

    async def send_message(self, chat_id: str, text: str) -> str | None:
        """Send plain text (1-2000 characters); returns the new message id if the API gave one."""
        if not text.strip():
            raise ValueError("text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise ValueError(f"text is {len(text)} characters, over {MAX_TEXT_LENGTH}")
        result = await self._call("sendMessage", {"chat_id": chat_id, "text": text})
        message_id = result.get("message_id") if isinstance(result, dict) else None
        return None if message_id is None else str(message_id)

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        """Show a chat action such as "typing"."""
        await self._call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def _call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return (await self._request(method, params or {})).get("result")

    async def _request(
        self, method: str, params: dict[str, Any], *, http_timeout: float | None = None
    ) -> dict[str, Any]:
        """POST a method, retrying network errors, 5xx and 429; returns the ok:true payload."""
        url = f"{self._base_url}/bot{self._token}/{method}"
        timeout = self._timeout if http_timeout is None else http_timeout
        attempt = 0
        while True:
            try:
                response = await self._client.post(url, json=params, timeout=timeout)
                return self._payload(method, response)
            except httpx.TransportError as exc:
                error = ZaloAPIError(_redact(f"{method}: {type(exc).__name__}: {exc}", self._token))
                arrived = isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout)
            except ZaloAPIError as exc:
                if not _retryable(exc.error_code):
                    raise
                error, arrived = exc, False
            if attempt >= self._retries or (arrived and method in NOT_REPEATED):
                raise error
            delay = self._backoff * 2**attempt
            attempt += 1
            log.warning(
                "Zalo %s failed (%s); retry %d/%d in %.2fs",
                method,
                error,
                attempt,
                self._retries,
                delay,
            )
            await asyncio.sleep(delay)

    def _payload(self, method: str, response: httpx.Response) -> dict[str, Any]:
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.is_success and isinstance(payload, dict) and payload.get("ok") is True:
            return payload
        status = response.status_code
        if not isinstance(payload, dict):
            raise ZaloAPIError(f"{method}: HTTP {status} without a JSON answer", status)
        code = payload.get("error_code")
        description = str(payload.get("description") or f"HTTP {status}")
        raise ZaloAPIError(
            _redact(f"{method}: {description}", self._token),
            code if isinstance(code, int) and not isinstance(code, bool) else status,
        )


def _retryable(error_code: int | None) -> bool:
    """Network errors (no code), server errors and rate limiting are worth another try."""
    return error_code is None or error_code == 429 or error_code >= 500
