"""Run the real bots against the fake chat servers: shared by the bot tests and the load benchmark."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.conversation import Conversation
from bot.render import TELEGRAM_LIMIT, ZALO_LIMIT
from bot.settings import BotSettings
from bot.telegram.app import build_application, serve
from bot.zalo.app import ZaloBot
from fake_telegram import FakeTelegram
from fake_zalo import FakeZalo
from qa.service import QAService

ADMIN = 1  # Telegram user id of the admin in the tests
ZALO_ADMIN = "a0a0a0a0a0a0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def listening(port: int, timeout: float = 10) -> None:
    """Wait until something accepts connections on 127.0.0.1:port."""
    async with asyncio.timeout(timeout):
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            await writer.wait_closed()
            return


def telegram_settings(server: FakeTelegram, **overrides: str) -> BotSettings:
    values = {
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_BASE_URL": server.url,
        "TELEGRAM_ADMIN_IDS": str(ADMIN),
        "BOT_QUESTIONS_PER_MINUTE": "1000",
        **overrides,
    }
    return BotSettings(_env_file=None, **values)


@asynccontextmanager
async def telegram_bot(
    service: QAService,
    server: FakeTelegram,
    *,
    limit: int = TELEGRAM_LIMIT,
    **settings: str,
) -> AsyncIterator[Conversation]:
    """The real Telegram Application, polling the fake server, until the block ends."""
    conversation = Conversation(service)
    bot_settings = telegram_settings(server, **settings)
    application = build_application(conversation, bot_settings, limit=limit)
    stop = asyncio.Event()
    running = asyncio.create_task(serve(application, bot_settings, stop))
    try:
        if "TELEGRAM_WEBHOOK_URL" in settings:
            await server.wait_for("setWebhook", timeout=30)  # sent before the server listens
            await listening(int(settings["TELEGRAM_WEBHOOK_PORT"]))
        else:
            await server.wait_for("getUpdates", timeout=30)
        yield conversation
    finally:
        stop.set()
        await running
        conversation.close()


def zalo_settings(server: FakeZalo, **overrides: str) -> BotSettings:
    values = {
        "ZALO_BOT_TOKEN": server.token,
        "ZALO_BASE_URL": server.base_url,
        "ZALO_ADMIN_IDS": ZALO_ADMIN,
        "BOT_QUESTIONS_PER_MINUTE": "1000",
        **overrides,
    }
    return BotSettings(_env_file=None, **values)


@asynccontextmanager
async def zalo_bot(
    service: QAService, server: FakeZalo, *, limit: int = ZALO_LIMIT, **settings: str
) -> AsyncIterator[ZaloBot]:
    """The Zalo bot, polling the fake server or serving its webhook, until the block ends."""
    conversation = Conversation(service)
    bot = ZaloBot(conversation, zalo_settings(server, **settings), limit=limit)
    stop = asyncio.Event()
    running = asyncio.create_task(bot.serve(stop))
    try:
        method = "setWebhook" if "ZALO_WEBHOOK_URL" in settings else "getUpdates"
        await server.wait_for(method, timeout=30)
        yield bot
    finally:
        stop.set()
        await running
        conversation.close()
