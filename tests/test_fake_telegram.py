"""The fake Bot API server, exercised by a real python-telegram-bot Application over HTTP."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from fake_telegram import FakeTelegram, auto_entities, polling

USER = 4242


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(f"echo: {update.message.text}")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    keyboard = [[InlineKeyboardButton("Có", callback_data="yes")]]
    await update.message.reply_text("Chọn:", reply_markup=InlineKeyboardMarkup(keyboard))


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"Đã chọn: {query.data}")


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.document is not None
    data = await (await update.message.document.get_file()).download_as_bytearray()
    await update.message.reply_text(f"{len(data)} bytes, {bytes(data).hex()}")


def make_app(server: FakeTelegram, **kwargs: object) -> Application:
    builder = server.application_builder()
    if kwargs.get("rate_limiter"):
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
    app = builder.build()
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(MessageHandler(filters.Document.ALL, document))
    app.add_handler(CallbackQueryHandler(pressed, pattern="^yes$"))
    return app


def test_text_is_echoed() -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, polling(make_app(server)):
            server.push_text("xin chào", user_id=USER)
            [call] = await server.wait_for("sendMessage", timeout=5)
            assert call.params["chat_id"] == USER
            assert server.sent_texts(USER) == ["echo: xin chào"]
            [sent] = [m for m in server.messages(USER) if m["from"]["is_bot"]]
            assert sent["message_id"] == 2 and sent["chat"] == {
                "id": USER,
                "type": "private",
                "first_name": "Đảng viên",
            }
        methods = {c.method for c in server.calls()}
        assert {"getMe", "deleteWebhook", "getUpdates", "sendMessage"} <= methods

    asyncio.run(scenario())


def test_callback_is_answered_and_message_edited() -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, polling(make_app(server)):
            server.push_text("/menu", user_id=USER)
            [sent] = await server.wait_for("sendMessage", timeout=5)
            keyboard = sent.params["reply_markup"]
            assert keyboard == {"inline_keyboard": [[{"text": "Có", "callback_data": "yes"}]]}
            bot_message = server.messages(USER)[-1]
            assert bot_message["reply_markup"] == keyboard
            update = server.push_callback("yes", user_id=USER, message=bot_message)
            [edit] = await server.wait_for("editMessageText", timeout=5)
            [answer] = server.calls("answerCallbackQuery")
            assert answer.params["callback_query_id"] == update["callback_query"]["id"]
            assert answer.at < edit.at
            assert edit.params["message_id"] == bot_message["message_id"]
            final = server.messages(USER)[-1]
            assert final["text"] == "Đã chọn: yes" and "reply_markup" not in final

    asyncio.run(scenario())


def test_document_download_returns_exact_bytes() -> None:
    payload = bytes(range(256)) * 3

    async def scenario() -> None:
        async with FakeTelegram() as server, polling(make_app(server)):
            server.push_document(
                user_id=USER,
                data=payload,
                file_name="../nghị quyết.pdf",
                mime_type="application/pdf",
            )
            await server.wait_for("sendMessage", timeout=5)
            assert server.sent_texts() == [f"{len(payload)} bytes, {payload.hex()}"]
            [get_file] = server.calls("getFile")
            assert get_file.params["file_id"].startswith("BQAC-")

    asyncio.run(scenario())


def test_wrong_token_raises_invalid_token() -> None:
    async def scenario() -> None:
        # PTB leaves its HTTP clients open when initialize() fails: own them and close them.
        request, updates_request = HTTPXRequest(), HTTPXRequest()
        async with FakeTelegram() as server:
            app = (
                Application.builder()
                .token("999:WRONG")
                .base_url(f"{server.url}/bot")
                .base_file_url(f"{server.url}/file/bot")
                .request(request)
                .get_updates_request(updates_request)
                .build()
            )
            try:
                with pytest.raises(InvalidToken):
                    await app.initialize()
            finally:
                await request.shutdown()
                await updates_request.shutdown()
            assert server.calls() == []

    asyncio.run(scenario())


def test_failed_send_is_observable_and_retried() -> None:
    async def retrying_echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        try:
            await update.message.reply_text("một")
        except NetworkError:
            await update.message.reply_text("một")

    async def scenario() -> None:
        async with FakeTelegram() as server:
            app = server.application_builder().build()
            app.add_handler(MessageHandler(filters.TEXT, retrying_echo))
            async with polling(app):
                server.fail_next("sendMessage", status=502)
                server.push_text("hi", user_id=USER)
                calls = await server.wait_for("sendMessage", count=2, timeout=5)
                assert [c.params["text"] for c in calls] == ["một", "một"]
                assert [m.get("text") for m in server.messages(USER)] == ["hi", "một"]

    asyncio.run(scenario())


# AIORateLimiter itself reads the deprecated int form of RetryAfter.retry_after.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_updater_survives_dropped_connection_and_rate_limiter_retries_flood() -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server:
            server.fail_next("getUpdates", status=None)
            server.flood("sendMessage", retry_after=1)
            async with polling(make_app(server, rate_limiter=True)):
                server.push_text("lũ", user_id=USER)
                calls = await server.wait_for("sendMessage", count=2, timeout=8)
                assert calls[1].at - calls[0].at >= 1
                assert server.sent_texts() == ["echo: lũ", "echo: lũ"]
                assert len(server.calls("getUpdates")) >= 2

    asyncio.run(scenario())


def test_bot_api_errors_and_state() -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server:
            app = server.application_builder().build()
            async with app:
                bot = app.bot
                with pytest.raises(BadRequest, match="(?i)can't parse entities"):
                    await bot.send_message(USER, "a < b", parse_mode="HTML")
                with pytest.raises(BadRequest, match="too long"):
                    await bot.send_message(USER, "x" * 4097)
                sent = await bot.send_message(USER, "<b>a &lt; b</b>", parse_mode="HTML")
                assert sent.text == "a < b" and sent.from_user.username == "qa_test_bot"
                with pytest.raises(BadRequest, match="not modified"):
                    await sent.edit_text("a < b")
                assert (await bot.get_chat_member(-100, USER)).status == "left"
                server.set_member(-100, USER, "administrator")
                assert (await bot.get_chat_member(-100, USER)).status == "administrator"
                await bot.set_my_commands([("ask", "Đặt câu hỏi")])
                assert [c.command for c in await bot.get_my_commands()] == ["ask"]
                keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Tải", url="https://a.vn")]])
                doc = await bot.send_document(
                    USER, b"%PDF-1.4", filename="a.pdf", caption="tệp", reply_markup=keyboard
                )
                assert doc.document.file_size == 8 and doc.reply_markup == keyboard
                [upload] = server.calls("sendDocument")
                assert upload.params["document"]["data"] == b"%PDF-1.4"
                assert upload.params["reply_markup"] == keyboard.to_dict()
                assert upload.params["caption"] == "tệp"
                with pytest.raises(BadRequest, match="not implemented"):
                    await bot.get_chat(USER)
            assert server.calls("getChat")[0].params == {"chat_id": USER}

    asyncio.run(scenario())


def test_long_poll_wakes_on_push_and_close() -> None:
    async def scenario() -> None:
        async with FakeTelegram(long_poll=5) as server:
            app = server.application_builder().build()
            async with app:
                started = time.monotonic()
                poll = asyncio.create_task(app.bot.get_updates(timeout=5))
                await server.wait_for("getUpdates", timeout=2)
                pushed = server.push_text("/ask@qa_test_bot hỏi @qa_test_bot", user_id=USER)
                [update] = await poll
                assert update.update_id == pushed["update_id"]
                assert time.monotonic() - started < 2
                poll = asyncio.create_task(
                    app.bot.get_updates(offset=update.update_id + 1, timeout=5)
                )
                await server.wait_for("getUpdates", count=2, timeout=2)
                await server.close()
                assert await poll == ()
                assert time.monotonic() - started < 2

    asyncio.run(scenario())


def test_auto_entities_use_utf16_offsets() -> None:
    assert auto_entities("/ask@qa_test_bot hỏi 😀 @qa_test_bot") == [
        {"type": "bot_command", "offset": 0, "length": 16},
        {"type": "mention", "offset": 24, "length": 12},
    ]
