"""The Telegram bot wired up in one place: handlers, rate limiting, retries, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import urlparse

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import Conflict, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.access import RateLimiter
from bot.conversation import Conversation
from bot.render import TELEGRAM_LIMIT
from bot.settings import BotSettings
from bot.telegram import admin, library, links, members, notices, once, reports
from bot.telegram.common import Deps, is_private
from qa import messages

log = logging.getLogger(__name__)

RETRIES = 3
RETRY_STATUSES = {500, 502, 503, 504}
POLL_TIMEOUT = 30  # seconds a getUpdates long poll waits at Telegram
# A poller meeting a 409 Conflict within this many seconds of its start is the newer of two
# processes polling with one token, and gives way (see PollErrors).
CONFLICT_GRACE = 10.0
HANDLED_GROUP = 1  # after the handlers: the update has been handled


class RetryingRequest(HTTPXRequest):
    """Retries a call when the connection fails or Telegram answers 5xx. A timed-out call is not
    retried: Telegram may have received it, and a member must not get an answer twice."""

    def __init__(self, *args: object, backoff: float = 0.5, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._backoff = backoff

    async def do_request(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        for attempt in range(RETRIES):
            last = attempt == RETRIES - 1
            try:
                status, payload = await super().do_request(*args, **kwargs)
            except TimedOut:
                raise
            except NetworkError:
                if last:
                    raise
            else:
                if status not in RETRY_STATUSES or last:
                    return status, payload
            await asyncio.sleep(self._backoff * 2**attempt)
        raise AssertionError("unreachable")


class MessageRateLimiter(AIORateLimiter):
    """Telegram's flood limits (30 messages a second, 20 a minute per group) for messages;
    the "typing…" action is not a message and must not delay the answers behind it."""

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[no-untyped-def,override]
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


def build_application(
    conversation: Conversation, settings: BotSettings, *, limit: int = TELEGRAM_LIMIT
) -> Application:
    """``limit`` is the message length to split at (Telegram's maximum unless testing)."""
    if settings.telegram_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    base = settings.telegram_base_url.rstrip("/")
    application = (
        ApplicationBuilder()
        .application_class(once.AnsweredOnce)  # every update answered once
        .token(settings.telegram_token.get_secret_value())
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .request(RetryingRequest(connection_pool_size=64))
        .get_updates_request(RetryingRequest(read_timeout=POLL_TIMEOUT + 10))
        .rate_limiter(MessageRateLimiter(max_retries=3))
        .concurrent_updates(True)
        .build()
    )
    application.bot_data["deps"] = Deps(
        conversation=conversation,
        policy=settings.telegram_access,
        limiter=RateLimiter(conversation.service.chat_state, settings.questions_per_minute),
        max_upload_mb=settings.max_upload_mb,
        limit=limit,
    )
    add_handlers(application)
    application.add_handler(TypeHandler(Update, on_handled), group=HANDLED_GROUP)
    return application


def add_handlers(application: Application) -> None:
    new = filters.UpdateType.MESSAGE  # not edits: an edited question is not asked twice
    application.add_handlers(
        [
            CommandHandler(["start", "help"], members.on_help),
            CommandHandler("docs", members.on_docs),
            CommandHandler("moi", members.on_recent),
            CommandHandler("theodoi", notices.on_subscribe),
            CommandHandler("huytheodoi", notices.on_unsubscribe),
            CommandHandler("reindex", admin.on_reindex),
            CommandHandler("xoa", admin.on_remove),
            CommandHandler("them", admin.on_add_link),
            CommandHandler("stats", admin.on_stats),
            CommandHandler("lienket", links.on_links),
            CommandHandler("vanban", library.on_library),
            CommandHandler("vb", library.on_card_command),
            CommandHandler("chuatraloi", reports.on_unanswered),
            CommandHandler("danhgia", reports.on_rated_down),
            CommandHandler("xoalichsu", reports.on_forget),
            CallbackQueryHandler(members.on_source, pattern=r"^src:\d+:\d+$"),
            CallbackQueryHandler(members.on_feedback, pattern=r"^fb:\d+:[01]$"),
            CallbackQueryHandler(members.on_docs_page, pattern=r"^docs:\d+$"),
            CallbackQueryHandler(admin.on_remove_choice, pattern=r"^rm(ask|yes|no)"),
            CallbackQueryHandler(links.on_link_choice, pattern=links.CALLBACK),
            CallbackQueryHandler(library.on_card, pattern=library.CARD),
            CallbackQueryHandler(library.on_original, pattern=library.ORIGINAL),
            CallbackQueryHandler(library.on_ask_within, pattern=library.ASK_WITHIN),
            CallbackQueryHandler(library.on_page, pattern=library.PAGE),
            CallbackQueryHandler(reports.on_forget_choice, pattern=reports.FORGET),
            # Files only in private chats: documents shared in a group are the group's business.
            MessageHandler(
                new & filters.ChatType.PRIVATE & (filters.Document.ALL | filters.PHOTO),
                admin.on_upload,
            ),
            # a reply to the comment prompt after 👎 is a comment, not a question
            MessageHandler(
                new & filters.TEXT & ~filters.COMMAND & reports.COMMENT_REPLY, reports.on_comment
            ),
            MessageHandler(new & filters.TEXT & ~filters.COMMAND, members.on_text),
            MessageHandler(new & filters.COMMAND, members.on_unknown_command),
            MessageHandler(new & ~filters.StatusUpdate.ALL, members.on_unsupported),
        ]
    )
    application.add_error_handler(on_error)


async def set_commands(application: Application) -> None:
    """The command menu: members' commands for everyone, and the admin commands for admins."""
    member = [BotCommand(c, d) for c, d in messages.COMMAND_DESCRIPTIONS.items()]
    admin_commands = [BotCommand(c, d) for c, d in messages.ADMIN_COMMAND_DESCRIPTIONS.items()]
    try:
        await application.bot.set_my_commands(member, scope=BotCommandScopeDefault())
    except TelegramError:
        log.warning("could not set the command menu")
    for admin_id in application.bot_data["deps"].policy.admins:
        try:
            await application.bot.set_my_commands(
                member + admin_commands, scope=BotCommandScopeChat(int(admin_id))
            )
        except (TelegramError, ValueError):  # an admin who has not started the bot yet
            log.warning("could not set the admin command menu for one admin")


async def on_handled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.bot_data["deps"].conversation.handled.seen("telegram")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (without the message's content) and tell the member something went wrong."""
    if isinstance(context.error, TimedOut):  # the message may have arrived: say nothing more
        log.warning("a call to Telegram timed out; not sent again")
        return
    log.error("update failed: %s", type(context.error).__name__, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message and is_private(update):
        try:
            await update.effective_message.reply_text(messages.UNEXPECTED_ERROR)
        except TelegramError:
            log.warning("could not send the error message")


class PollErrors:
    """The error callback of long polling. Telegram answers 409 Conflict to a getUpdates that
    another one, with the same token, has cut short: two processes are polling. The newer
    one (polling for less than CONFLICT_GRACE seconds) stops everything; the established one
    keeps polling (its next poll cuts the newer one's short in turn)."""

    def __init__(self, stop: asyncio.Event) -> None:
        self.stop = stop
        self.conflict: Conflict | None = None
        self._started = time.monotonic()

    def __call__(self, error: TelegramError) -> None:
        if isinstance(error, Conflict) and time.monotonic() - self._started < CONFLICT_GRACE:
            self.conflict = error
            self.stop.set()
        else:
            log.warning("getUpdates failed: %s", error)


async def serve(application: Application, settings: BotSettings, stop: asyncio.Event) -> None:
    """Run until ``stop`` is set: long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set;
    and the sender of new-document notices. Raises Conflict when another process polls with
    the same token (see PollErrors)."""
    errors = PollErrors(stop)
    async with application:
        await set_commands(application)
        await application.start()
        if settings.telegram_webhook_url:
            secret = settings.telegram_webhook_secret
            await application.updater.start_webhook(
                listen=settings.telegram_webhook_listen,
                port=settings.telegram_webhook_port,
                url_path=urlparse(settings.telegram_webhook_url).path.lstrip("/"),
                webhook_url=settings.telegram_webhook_url,
                secret_token=secret.get_secret_value() if secret else None,
            )
        else:
            await application.updater.start_polling(timeout=POLL_TIMEOUT, error_callback=errors)
        sending = asyncio.create_task(notices.sender(application).run(stop))
        await stop.wait()
        await sending  # the notices in flight are sent, the rest given back
        await application.updater.stop()
        await application.stop()
    if errors.conflict is not None:
        raise errors.conflict
