"""Run the configured chat channels in one process until interrupted."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from http import HTTPStatus

from telegram.error import Conflict, InvalidToken, NetworkError

from bot import logs
from bot.conversation import Conversation
from bot.health import Health
from bot.settings import BotSettings
from bot.telegram.app import build_application
from bot.telegram.app import serve as serve_telegram
from bot.zalo.api import ZaloAPIError
from bot.zalo.app import ZaloBot
from qa import messages
from qa.service import QAService

CHANNELS = ("telegram", "zalo")
PURGE_SECONDS = 24 * 3600  # how often questions past QA_JOURNAL_DAYS are deleted

log = logging.getLogger(__name__)


def configured(settings: BotSettings) -> list[str]:
    """The channels that have a token."""
    tokens = {"telegram": settings.telegram_token, "zalo": settings.zalo_token}
    return [name for name in CHANNELS if tokens[name] is not None]


async def serve(
    service: QAService, settings: BotSettings, channels: list[str], stop: asyncio.Event
) -> None:
    conversation = Conversation(service, update_lease_seconds=settings.update_lease_seconds)
    runs = []
    if "telegram" in channels:
        runs.append(serve_telegram(build_application(conversation, settings), settings, stop))
    if "zalo" in channels:
        runs.append(ZaloBot(conversation, settings).serve(stop))
    if settings.health_port:
        health = Health(service, conversation.handled, channels)
        runs.append(health.serve(settings.health_listen, settings.health_port, stop))
    purging = asyncio.create_task(purge_daily(conversation))
    try:
        await asyncio.gather(*runs)
    finally:
        purging.cancel()
        conversation.close()


async def purge_daily(conversation: Conversation) -> None:
    """Delete the questions older than QA_JOURNAL_DAYS, members' old state, expired handled
    updates and rate-limit events, and notices sent long ago, when the bots start, then daily."""
    while True:
        try:
            deleted = await conversation.purge_journal()
            log.info("deleted %d questions past the retention", deleted)
            purged = await conversation.purge_state()
            log.info(
                "deleted %d members' state, %d handled updates, %d rate-limit events",
                purged.members,
                purged.updates,
                purged.rate_events,
            )
            log.info("deleted %d notices sent long ago", await conversation.prune_notices())
        except Exception:  # the next day's run tries again; the bots keep answering
            log.exception("could not delete old questions or state")
        await asyncio.sleep(PURGE_SECONDS)


def run(service: QAService, settings: BotSettings, channels: list[str]) -> None:
    """Serve until Ctrl+C or SIGTERM. A rejected token or an unreachable server ends the
    process with one Vietnamese line on stderr and exit status 1."""
    logs.configure(settings.secrets())

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(service, settings, channels, stop)

    try:
        asyncio.run(main())
    except Conflict:  # another process polls with the same token
        _exit(messages.BOT_SECOND_POLLER)
    except InvalidToken:  # its message may quote the token: never print it
        _exit(messages.BOT_TOKEN_REJECTED.format(service="Telegram", name="TELEGRAM_BOT_TOKEN"))
    except NetworkError as error:
        _exit(_unreachable("Telegram", "TELEGRAM_BASE_URL", type(error).__name__))
    except ZaloAPIError as error:
        if error.error_code == HTTPStatus.UNAUTHORIZED:
            _exit(messages.BOT_TOKEN_REJECTED.format(service="Zalo", name="ZALO_BOT_TOKEN"))
        _exit(_unreachable("Zalo", "ZALO_BASE_URL", error.description))


def _unreachable(service: str, name: str, error: str) -> str:
    return messages.BOT_UNREACHABLE.format(service=service, name=name, error=error)


def _exit(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(1)


def start_configured(service: QAService) -> bool:
    """What ``qa start`` calls: serve the channels that have tokens; False when none has."""
    settings = BotSettings()
    channels = configured(settings)
    if channels:
        run(service, settings, channels)
    return bool(channels)
