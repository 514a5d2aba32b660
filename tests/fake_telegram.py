"""A fake Telegram Bot API server for end-to-end tests of a real python-telegram-bot Application.

It listens on 127.0.0.1 only, records every Bot API call and serves queued updates to
``getUpdates``. Use it inside ``asyncio.run`` (no pytest-asyncio)::

    async def scenario() -> None:
        async with FakeTelegram() as server:
            app = server.application_builder().build()
            app.add_handler(...)
            async with polling(app):
                server.push_text("/start", user_id=42)
                await server.wait_for("sendMessage")

    asyncio.run(scenario())

PTB 22 sends every method as a POST with a form body (``x-www-form-urlencoded``, or
``multipart/form-data`` when a file is uploaded) whose non-string values are JSON strings;
the recorded ``Call.params`` hold them decoded to plain Python values. The push helpers and
``fail_next``/``flood`` must be called from the event loop that runs the server.
"""

from __future__ import annotations

import asyncio
import copy
import html
import io
import itertools
import json
import random
import re
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from aiohttp import web
from PIL import Image
from telegram.ext import Application, ApplicationBuilder

JSON = dict[str, Any]
DEFAULT_TOKEN = "123456789:FAKE-token-for-tests"
MAX_TEXT_LENGTH = 4096
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

# Parameters that PTB sends as raw strings; every other form value is JSON-decoded.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "action",
        "callback_query_id",
        "file_id",
        "url",
        "secret_token",
        "inline_message_id",
        "business_connection_id",
        "language_code",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
        "query",
        "message_effect_id",
    }
)
_HTML_TAGS = frozenset(
    "b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji".split()
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>")
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32}")
_MEMBER_FIELDS: dict[str, JSON] = {
    "creator": {"is_anonymous": False},
    "administrator": {
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": False,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": False,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
    },
    "member": {},
    "restricted": {
        "is_member": True,
        "until_date": 0,
        **dict.fromkeys(
            "can_change_info can_invite_users can_pin_messages can_send_messages can_send_polls"
            " can_send_other_messages can_add_web_page_previews can_manage_topics"
            " can_send_audios can_send_documents can_send_photos can_send_videos"
            " can_send_video_notes can_send_voice_notes can_edit_tag".split(),
            False,
        ),
    },
    "left": {},
    "kicked": {"until_date": 0},
}


@dataclass(frozen=True)
class Call:
    """One Bot API request: method name, decoded parameters, ``time.monotonic()`` on arrival."""

    method: str
    params: JSON
    at: float


@dataclass(frozen=True)
class _File:
    meta: JSON  # what getFile answers
    data: bytes
    name: str


@dataclass
class _Fault:
    status: int | None  # None: close the connection without an answer
    times: int
    retry_after: int | None = None


class _ApiError(Exception):
    """An error answer of the Bot API (HTTP status = error_code)."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def html_to_text(text: str) -> str:
    """The plain text Telegram shows for an HTML-formatted message; ValueError where it refuses."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while (start := text.find("<", pos)) != -1:
        out.append(text[pos:start])
        match = _TAG.match(text, start)
        if not match or match[2].lower() not in _HTML_TAGS:
            name = match[2] if match else ""
            raise ValueError(f'Unsupported start tag "{name}" at byte offset {start}')
        closing, name = match[1], match[2].lower()
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            raise ValueError(f'Unmatched end tag at byte offset {start}, found "</{name}>"')
        pos = match.end()
    if stack:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    out.append(text[pos:])
    return html.unescape("".join(out))


def auto_entities(text: str, *, command: bool = True) -> list[JSON]:
    """The entities Telegram adds to a user's text: a leading ``bot_command`` and @mentions."""
    entities: list[JSON] = []
    command_end = 0
    if command and text.startswith("/"):
        word = text.split(maxsplit=1)[0]
        command_end = len(word)
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(word)})
    for match in _MENTION.finditer(text, command_end):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match[0]),
            }
        )
    return entities


class FakeTelegram:
    """An aiohttp Bot API server on 127.0.0.1 that records calls and serves pushed updates."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "qa_test_bot",
        long_poll: float = 1.0,
    ) -> None:
        self.token = token
        self.long_poll = long_poll
        bot_id = token.split(":", 1)[0]
        self.bot_user: JSON = {
            "id": int(bot_id) if bot_id.isdigit() else 1,
            "is_bot": True,
            "first_name": "QA Test Bot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.webhook_url = ""
        self._calls: list[Call] = []
        self._updates: list[JSON] = []
        # Like Telegram's, update ids start anywhere: two servers in one test session (one
        # database remembers the updates handled) never share one
        self._update_ids = itertools.count(random.randrange(1, 2**31))
        self._callback_ids = itertools.count(4_000_000_001)
        self._message_ids: dict[int | str, itertools.count[int]] = {}
        self._messages: dict[tuple[int | str, int], JSON] = {}
        self._chats: dict[int | str, JSON] = {}
        self._files: dict[str, _File] = {}
        self._open_callbacks: set[str] = set()
        self._members: dict[tuple[int | str, int], str] = {}
        self._commands: dict[str, list[JSON]] = {}
        self._faults: dict[str, _Fault] = {}
        self._delays: dict[str, list[float]] = {}
        self._polling: asyncio.Event | None = None  # set: the pending getUpdates is cut short
        self._blocked: set[str] = set()
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._methods: dict[str, Callable[[JSON], Awaitable[Any]]] = {
            name.lower(): handler
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendChatAction": self._true,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "getChatMember": self._get_chat_member,
                "sendDocument": self._send_document,
                "getFile": self._get_file,
            }.items()
        }

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``; the Bot API lives under ``{url}/bot``."""
        return f"http://127.0.0.1:{self._port}"

    async def start(self) -> None:
        """Bind a free port on 127.0.0.1 and start serving."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def close(self) -> None:
        """Wake pending long-polls and stop the server."""
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def application_builder(self) -> ApplicationBuilder:
        """An ``ApplicationBuilder`` with this server's token, base_url and base_file_url."""
        return (
            ApplicationBuilder()
            .token(self.token)
            .base_url(f"{self.url}/bot")
            .base_file_url(f"{self.url}/file/bot")
        )

    # -- recorded calls ----------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls in arrival order, optionally only those of one method."""
        return [c for c in self._calls if method is None or c.method == method]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """The ``text`` of every sendMessage call (to ``chat_id`` if given), in order."""
        return [
            c.params.get("text", "")
            for c in self.calls("sendMessage")
            if chat_id is None or str(c.params.get("chat_id")) == str(chat_id)
        ]

    def messages(self, chat_id: int | str) -> list[JSON]:
        """Current state (after edits and deletions) of the messages in a chat, oldest first."""
        return [
            copy.deepcopy(m) for (chat, _), m in self._messages.items() if str(chat) == str(chat_id)
        ]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda call: True,
        count: int = 1,
        timeout: float = 30,
    ) -> list[Call]:
        """Wait until ``count`` calls of ``method`` match ``predicate``; return all matches."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    changed = self._changed
                    matches = [c for c in self.calls(method) if predicate(c)]
                    if len(matches) >= count:
                        return matches
                    await changed.wait()
        except TimeoutError:
            summary = "\n".join(f"  {c.method} {_short(c.params)}" for c in self._calls)
            raise AssertionError(
                f"timed out after {timeout}s waiting for {count} matching {method} call(s); "
                f"got {len(matches)}. Recorded calls:\n{summary or '  (none)'}"
            ) from None

    # -- fault injection ---------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, status: int | None = 502) -> None:
        """Fail the next ``times`` calls of ``method`` with HTTP ``status`` (None: drop the
        connection)."""
        self._faults[method.lower()] = _Fault(status, times)

    def flood(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with 429 and ``retry_after``."""
        self._faults[method.lower()] = _Fault(429, times, retry_after)

    def slow(self, method: str, seconds: float, times: int = 1) -> None:
        """Carry out the next ``times`` calls of ``method``, then wait ``seconds`` before
        answering: a client that times out meanwhile does not know its call took effect."""
        self._delays.setdefault(method.lower(), []).extend([seconds] * times)

    # -- bot-side state ----------------------------------------------------------------------

    def block(self, chat_id: int | str) -> None:
        """The chat blocked the bot: sendMessage to it answers 403 Forbidden."""
        self._blocked.add(str(chat_id))

    def set_member(self, chat_id: int | str, user_id: int, status: str) -> None:
        """Status that getChatMember reports (creator, administrator, member, restricted,
        left, kicked); default ``left``."""
        if status not in _MEMBER_FIELDS:
            raise ValueError(f"unknown chat member status {status!r}")
        self._members[(chat_id, user_id)] = status

    def add_file(self, data: bytes, file_name: str = "file.bin") -> str:
        """Register bytes that getFile and the file URL serve; return the new file_id."""
        key = uuid.uuid4().hex
        file_id = f"BQAC-{key}"
        meta = {
            "file_id": file_id,
            "file_unique_id": f"AgAD{key[:12]}",
            "file_size": len(data),
            # Like Telegram's, the path does not reuse the sender's file name.
            "file_path": f"documents/fake_{key}{PurePosixPath(file_name).suffix}",
        }
        self._files[file_id] = _File(meta, data, file_name)
        return file_id

    # -- pushing updates ---------------------------------------------------------------------

    def push_update(self, payload: JSON) -> JSON:
        """Queue an update (``payload`` without update_id); return it with its update_id."""
        update = {"update_id": next(self._update_ids), **payload}
        self._updates.append(update)
        self._notify()
        return update

    def push_text(
        self,
        text: str,
        *,
        user_id: int,
        chat_id: int | None = None,
        chat_type: str = "private",
        username: str | None = None,
        first_name: str = "Đảng viên",
        reply_to_message: JSON | None = None,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """Queue a text message from a user; bot_command and mention entities are automatic."""
        message = self._user_message(user_id, chat_id, chat_type, username, first_name)
        message["text"] = text
        entities = auto_entities(text) if entities is None else entities
        if entities:
            message["entities"] = entities
        if reply_to_message is not None:
            message["reply_to_message"] = reply_to_message
        return self.push_update({"message": message})

    def push_document(
        self,
        *,
        user_id: int,
        data: bytes,
        file_name: str,
        mime_type: str,
        chat_id: int | None = None,
        caption: str | None = None,
        chat_type: str = "private",
    ) -> JSON:
        """Register ``data`` as a file and queue a message carrying it as a document."""
        meta = self._files[self.add_file(data, file_name)].meta
        message = self._user_message(user_id, chat_id, chat_type, None, "Đảng viên")
        message["document"] = {
            "file_id": meta["file_id"],
            "file_unique_id": meta["file_unique_id"],
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data),
        }
        if caption is not None:
            message["caption"] = caption
            if entities := auto_entities(caption):
                message["caption_entities"] = entities
        return self.push_update({"message": message})

    def push_photo(
        self,
        *,
        user_id: int,
        sizes: list[bytes],
        chat_id: int | None = None,
        caption: str | None = None,
        chat_type: str = "private",
    ) -> JSON:
        """Queue a photo message: Telegram sends a photo as several JPEG sizes, smallest first
        (``sizes``, each registered as a file of its own)."""
        message = self._user_message(user_id, chat_id, chat_type, None, "Đảng viên")
        message["photo"] = []
        for data in sizes:
            meta = self._files[self.add_file(data, "photo.jpg")].meta
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
            message["photo"].append(
                {
                    "file_id": meta["file_id"],
                    "file_unique_id": meta["file_unique_id"],
                    "width": width,
                    "height": height,
                    "file_size": len(data),
                }
            )
        if caption is not None:
            message["caption"] = caption
        return self.push_update({"message": message})

    def push_sticker(self, *, user_id: int, emoji: str = "👍", chat_id: int | None = None) -> JSON:
        """Queue a sticker message (a non-text message most bots ignore)."""
        message = self._user_message(user_id, chat_id, "private", None, "Đảng viên")
        key = uuid.uuid4().hex
        message["sticker"] = {
            "file_id": f"CAAC-{key}",
            "file_unique_id": f"AgAD{key[:12]}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self.push_update({"message": message})

    def push_callback(
        self,
        data: str,
        *,
        user_id: int,
        message: JSON,
        username: str | None = None,
        first_name: str = "Đảng viên",
    ) -> JSON:
        """Queue a callback_query: the user pressed a button of ``message`` (a bot message)."""
        chat_id = message["chat"]["id"]
        self._messages.setdefault((chat_id, message["message_id"]), copy.deepcopy(message))
        query_id = str(next(self._callback_ids))
        self._open_callbacks.add(query_id)
        return self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": _user(user_id, username, first_name),
                    "message": copy.deepcopy(message),
                    "chat_instance": str(abs(hash(chat_id))),
                    "data": data,
                }
            }
        )

    # -- HTTP handlers -----------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _read_params(request)
        self._calls.append(Call(method, params, time.monotonic()))
        self._notify()
        fault = self._faults.get(method.lower())
        if fault is not None:
            fault.times -= 1
            if fault.times <= 0:
                del self._faults[method.lower()]
            if fault.status is None:
                assert request.transport is not None
                request.transport.abort()
                raise asyncio.CancelledError  # ends the handler without writing an answer
            if fault.retry_after is not None:
                return _error(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            return _error(fault.status, f"fake failure {fault.status}")
        handler = self._methods.get(method.lower())
        if handler is None:
            return _error(400, "Bad Request: method not implemented in fake")
        try:
            result = await handler(params)
        except _ApiError as err:
            return _error(err.code, err.description)
        if delays := self._delays.get(method.lower()):
            await asyncio.sleep(delays.pop(0))
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        for file in self._files.values():
            if file.meta["file_path"] == request.match_info["path"]:
                return web.Response(body=file.data, content_type="application/octet-stream")
        return _error(404, "Not Found")

    # -- Bot API methods ---------------------------------------------------------------------

    async def _true(self, params: JSON) -> bool:
        return True

    async def _get_me(self, params: JSON) -> JSON:
        return self.bot_user

    async def _get_updates(self, params: JSON) -> list[JSON]:
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.long_poll)
        deadline = asyncio.get_running_loop().time() + wait
        if self._polling is not None:  # as Telegram does, a new poll cuts the pending one short
            self._polling.set()
            self._notify()
        cut = self._polling = asyncio.Event()
        try:
            while not self._updates and not self._closing and not cut.is_set():
                changed = self._changed
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(changed.wait(), remaining)
                except TimeoutError:
                    break
        finally:
            if self._polling is cut:
                self._polling = None
        if cut.is_set():
            raise _ApiError(409, CONFLICT)
        return self._updates[:limit]

    async def _delete_webhook(self, params: JSON) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _set_webhook(self, params: JSON) -> bool:
        self.webhook_url = params["url"]
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JSON) -> JSON:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _send_message(self, params: JSON) -> JSON:
        if str(params.get("chat_id")) in self._blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        text = _visible_text(params.get("text", ""), params.get("parse_mode"))
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        message = self._bot_message(params)
        message["text"] = text
        return message

    async def _send_document(self, params: JSON) -> JSON:
        document = params.get("document")
        if isinstance(document, dict):
            file_id = self.add_file(document["data"], document["file_name"])
            mime_type = document["mime_type"]
        elif document in self._files:
            file_id, mime_type = document, "application/octet-stream"
        else:
            raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        file = self._files[file_id]
        message = self._bot_message(params)
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": file.meta["file_unique_id"],
            "file_name": file.name,
            "mime_type": mime_type,
            "file_size": len(file.data),
        }
        if params.get("caption"):
            message["caption"] = _visible_text(params["caption"], params.get("parse_mode"))
        return message

    async def _edit_message_text(self, params: JSON) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        message = self._editable(params)
        text = _visible_text(params.get("text", ""), params.get("parse_mode"))
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        markup = _inline_markup(params)
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        message["text"] = text
        return self._apply_edit(message, markup)

    async def _edit_message_reply_markup(self, params: JSON) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        message = self._editable(params)
        markup = _inline_markup(params)
        if message.get("reply_markup") == markup:
            raise _ApiError(400, "Bad Request: message is not modified")
        return self._apply_edit(message, markup)

    async def _delete_message(self, params: JSON) -> bool:
        if self._messages.pop((params["chat_id"], params["message_id"]), None) is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    async def _answer_callback_query(self, params: JSON) -> bool:
        query_id = params.get("callback_query_id")
        if query_id not in self._open_callbacks:
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._open_callbacks.discard(query_id)
        return True

    async def _set_my_commands(self, params: JSON) -> bool:
        self._commands[_commands_key(params)] = params.get("commands", [])
        return True

    async def _get_my_commands(self, params: JSON) -> list[JSON]:
        return self._commands.get(_commands_key(params), [])

    async def _get_chat_member(self, params: JSON) -> JSON:
        user_id = int(params["user_id"])
        status = self._members.get((params["chat_id"], user_id), "left")
        return {"status": status, "user": _user(user_id), **_MEMBER_FIELDS[status]}

    async def _get_file(self, params: JSON) -> JSON:
        file = self._files.get(params.get("file_id", ""))
        if file is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return dict(file.meta)

    # -- helpers -----------------------------------------------------------------------------

    def _notify(self) -> None:
        """Wake everything waiting for a new call, a new update or shutdown."""
        self._changed.set()
        self._changed = asyncio.Event()

    def _chat(self, chat_id: int | str) -> JSON:
        if chat_id not in self._chats:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            self._chats[chat_id] = (
                {"id": chat_id, "type": "private", "first_name": "Đảng viên"}
                if isinstance(chat_id, int) and chat_id > 0
                else {"id": chat_id, "type": kind, "title": "Nhóm thử nghiệm"}
            )
        return self._chats[chat_id]

    def _new_message(self, chat_id: int | str, sender: JSON) -> JSON:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        message = {
            "message_id": next(counter),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": sender,
        }
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _user_message(
        self,
        user_id: int,
        chat_id: int | None,
        chat_type: str,
        username: str | None,
        first_name: str,
    ) -> JSON:
        chat_id = user_id if chat_id is None else chat_id
        if chat_id not in self._chats:
            chat: JSON = {"id": chat_id, "type": chat_type}
            if chat_type == "private":
                chat["first_name"] = first_name
                if username:
                    chat["username"] = username
            else:
                chat["title"] = "Nhóm thử nghiệm"
            self._chats[chat_id] = chat
        return self._new_message(chat_id, _user(user_id, username, first_name))

    def _bot_message(self, params: JSON) -> JSON:
        message = self._new_message(params["chat_id"], self.bot_user)
        reply_to = (params.get("reply_parameters") or {}).get("message_id")
        if (params["chat_id"], reply_to) in self._messages:
            message["reply_to_message"] = dict(self._messages[(params["chat_id"], reply_to)])
        if markup := _inline_markup(params):
            message["reply_markup"] = markup
        return message

    def _editable(self, params: JSON) -> JSON:
        message = self._messages.get((params.get("chat_id"), params.get("message_id")))
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return message

    @staticmethod
    def _apply_edit(message: JSON, markup: JSON | None) -> JSON:
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message


@asynccontextmanager
async def polling(
    app: Application, *, timeout: int = 1, poll_interval: float = 0.0
) -> AsyncIterator[Application]:
    """Initialize ``app``, poll and start it; stop and shut it down on exit."""
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=poll_interval, timeout=timeout)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def _user(user_id: int, username: str | None = None, first_name: str = "Đảng viên") -> JSON:
    user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    return user


def _inline_markup(params: JSON) -> JSON | None:
    """The reply_markup a Message carries: only inline keyboards are echoed, as Telegram does."""
    markup = params.get("reply_markup")
    return markup if isinstance(markup, dict) and "inline_keyboard" in markup else None


def _visible_text(text: str, parse_mode: str | None) -> str:
    if parse_mode is None or parse_mode.upper() != "HTML":
        return text
    try:
        return html_to_text(text)
    except ValueError as err:
        raise _ApiError(400, f"Bad Request: can't parse entities: {err}") from None


def _commands_key(params: JSON) -> str:
    scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
    return f"{scope}|{params.get('language_code', '')}"


def _decode(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def _read_params(request: web.Request) -> JSON:
    """The request's parameters (query, JSON or form body) as plain Python values."""
    params: JSON = {k: _decode(k, v) for k, v in request.query.items()}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.can_read_body:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                params[name] = {
                    "file_name": value.filename,
                    "mime_type": value.content_type,
                    "data": value.file.read(),
                }
            else:
                params[name] = _decode(name, value)
    return params


def _error(code: int, description: str, parameters: JSON | None = None) -> web.Response:
    body: JSON = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def _short(params: JSON) -> str:
    text = json.dumps(params, ensure_ascii=False, default=repr)
    return text if len(text) <= 200 else text[:197] + "..."
