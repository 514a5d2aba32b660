"""The Zalo Bot API client against the fake server, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp import web

from bot.zalo.api import ZaloAPIError, ZaloBotAPI, ZaloMessage, parse_updates
from fake_zalo import SECRET_HEADER, FakeZalo

TOKEN = "1234567890:Sup3rS3cretZaloToken"
USER = "8a1f0c2b9d3e4f56"

Scenario = Callable[[FakeZalo, ZaloBotAPI], Awaitable[Any]]


def run(scenario: Scenario, **client_options: Any) -> Any:
    """Run ``scenario(server, api)`` with a fresh fake server and a client with tiny backoff."""

    async def main() -> Any:
        async with FakeZalo(token=TOKEN) as server:
            options = {"retries": 3, "backoff": 0.01, **client_options}
            async with ZaloBotAPI(TOKEN, base_url=server.base_url, **options) as api:
                return await scenario(server, api)

    return asyncio.run(main())


def test_get_me() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        me = await api.get_me()
        assert me.id == "1234567890"
        assert me.display_name == "Fake Zalo Bot"
        assert me.is_bot
        assert [call.method for call in server.calls()] == ["getMe"]

    run(scenario)


def test_get_updates_list_result() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        before = datetime.now(UTC)
        server.push(server.make_text_update("Xin chào", user_id=USER, message_id="abc123"))
        server.push(server.make_sticker_update(user_id=USER))
        server.push(server.make_image_update("https://img.example/a.jpg", user_id=USER))
        server.push(server.make_update("message.unsupported.received", user_id=USER))
        messages = await api.get_updates(timeout=5)

        assert [m.event_name for m in messages] == [
            "message.text.received",
            "message.sticker.received",
            "message.image.received",
            "message.unsupported.received",
        ]
        text = messages[0]
        assert text.message_id == "abc123"
        assert text.chat_id == USER and text.chat_type == "PRIVATE"
        assert text.user.id == USER and text.user.display_name == "Đảng viên"
        assert not text.user.is_bot
        assert text.text == "Xin chào"
        assert abs((text.date - before).total_seconds()) < 5
        assert messages[1].text is None
        assert messages[2].photo_url == "https://img.example/a.jpg"
        assert server.calls("getUpdates")[0].params == {"timeout": 5}
        # Served updates are gone; an empty long poll (ok:false 408) is an empty list.
        assert await api.get_updates(timeout=0) == []

    run(scenario)


def test_get_updates_single_object_result() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        server.single_object_results = True
        server.push(server.make_text_update("một", user_id=USER))
        server.push(server.make_text_update("hai", user_id=USER))
        first = await api.get_updates(timeout=1)
        second = await api.get_updates(timeout=1)
        assert [m.text for m in first + second] == ["một", "hai"]

    run(scenario)


def test_get_updates_wakes_when_an_update_arrives() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> float:
        loop = asyncio.get_running_loop()
        loop.call_later(0.1, server.push, server.make_text_update("muộn", user_id=USER))
        started = loop.time()
        messages = await api.get_updates(timeout=30)
        assert [m.text for m in messages] == ["muộn"]
        return loop.time() - started

    assert run(scenario) < 0.9


def test_parse_updates_webhook_bodies() -> None:
    server = FakeZalo()
    update = server.make_text_update("Điều lệ Đảng?", user_id=USER, message_id="ff01")
    top_level = parse_updates(update)
    under_result = parse_updates({"ok": True, "result": update})
    event_beside_result = parse_updates(
        {"event_name": "message.text.received", "result": {"message": update["message"]}}
    )
    for messages in (top_level, under_result, event_beside_result):
        assert len(messages) == 1
        assert isinstance(messages[0], ZaloMessage)
        assert messages[0].text == "Điều lệ Đảng?" and messages[0].message_id == "ff01"
    assert top_level == under_result == event_beside_result


def test_parse_updates_skips_unknown_and_malformed(caplog: pytest.LogCaptureFixture) -> None:
    server = FakeZalo()
    good = server.make_text_update("ok", user_id=USER)
    no_sender = server.make_text_update("x", user_id=USER)
    del no_sender["message"]["from"]
    bad_date = server.make_text_update("x", user_id=USER)
    bad_date["message"]["date"] = "yesterday"
    payload = {
        "ok": True,
        "result": [
            "junk",
            {"event_name": "message.video.received", "message": good["message"]},
            {"event_name": "message.text.received"},
            no_sender,
            bad_date,
            good,
        ],
    }
    with caplog.at_level(logging.DEBUG, logger="bot.zalo.api"):
        messages = parse_updates(payload)
    assert [m.text for m in messages] == ["ok"]
    assert len(caplog.records) == 5
    assert parse_updates({"ok": True, "result": None}) == []
    assert parse_updates([]) == []  # type: ignore[arg-type]


def test_send_message_records_text_and_limits_length() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        message_id = await api.send_message(USER, "Chào đồng chí")
        assert message_id and int(message_id, 16) >= 0
        await api.send_chat_action(USER)
        assert server.sent_texts(USER) == ["Chào đồng chí"]
        assert server.calls("sendChatAction")[0].params == {"chat_id": USER, "action": "typing"}

        await api.send_message(USER, "x" * 2000)
        with pytest.raises(ValueError):
            await api.send_message(USER, "x" * 2001)
        with pytest.raises(ValueError):
            await api.send_message(USER, "")
        assert len(server.calls("sendMessage")) == 2

    run(scenario)


def test_fake_rejects_too_long_text() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        # Bypass the client's check to see the server's own answer.
        with pytest.raises(ZaloAPIError) as caught:
            await api._call("sendMessage", {"chat_id": USER, "text": "x" * 2001})
        assert caught.value.error_code == 400
        assert "text too long" in str(caught.value)
        assert server.sent_texts() == []

    run(scenario)


def test_retries_after_server_errors() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        server.fail_next("sendMessage", times=2, status=502)
        server.fail_next("getMe", times=1, status=429)
        await api.send_message(USER, "lần ba")
        await api.get_me()
        assert len(server.calls("sendMessage")) == 3
        assert len(server.calls("getMe")) == 2
        assert server.sent_texts() == ["lần ba"]

    run(scenario)


def test_gives_up_after_retries() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        server.fail_next("getMe", times=5, status=503)
        with pytest.raises(ZaloAPIError) as caught:
            await api.get_me()
        assert caught.value.error_code == 503
        assert len(server.calls("getMe")) == 3  # first try + 2 retries

    run(scenario, retries=2)


def test_client_errors_are_not_retried() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        server.fail_next("getMe", times=1, status=400)
        with pytest.raises(ZaloAPIError) as caught:
            await api.get_me()
        assert caught.value.error_code == 400
        assert len(server.calls("getMe")) == 1

    run(scenario)


def test_network_errors_are_retried_then_raised_without_token() -> None:
    async def main() -> None:
        async with FakeZalo(token=TOKEN) as server:
            base_url = server.base_url  # nothing listens here once the server is closed
        async with ZaloBotAPI(TOKEN, base_url=base_url, retries=2, backoff=0.01) as api:
            with pytest.raises(ZaloAPIError) as caught:
                await api.get_me()
        assert caught.value.error_code is None
        assert caught.value.__cause__ is None and caught.value.__context__ is None
        assert "getMe" in str(caught.value)
        assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)

    asyncio.run(main())


def test_wrong_token_error_hides_token(caplog: pytest.LogCaptureFixture) -> None:
    wrong = "999999:Wr0ngS3cretToken"

    async def main() -> None:
        async with (
            FakeZalo(token=TOKEN) as server,
            ZaloBotAPI(wrong, base_url=server.base_url, backoff=0.01) as api,
        ):
            assert wrong not in repr(api)
            with pytest.raises(ZaloAPIError) as caught:
                await api.get_me()
            error = caught.value
            assert error.error_code == 401
            assert "Unauthorized" in str(error)
            for text in (str(error), repr(error), error.description):
                assert wrong not in text and "Wr0ngS3cret" not in text
            assert server.calls() == []

    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.INFO, logger="httpx"):
        asyncio.run(main())
    assert any("HTTP Request" in record.getMessage() for record in caplog.records)
    assert all("Wr0ngS3cret" not in record.getMessage() for record in caplog.records)


def test_set_webhook_validates_secret_length() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        for secret in ("short", "s" * 257):
            with pytest.raises(ValueError):
                await api.set_webhook("https://bot.example/zalo", secret)
        assert server.calls("setWebhook") == []

        await api.set_webhook("https://bot.example/zalo", "s" * 8)
        info = await api.get_webhook_info()
        assert info["url"] == "https://bot.example/zalo"
        assert server.webhook_secret == "s" * 8
        with pytest.raises(ZaloAPIError) as caught:  # polling is exclusive with a webhook
            await api.get_updates(timeout=0)
        assert caught.value.error_code == 409

        await api.delete_webhook()
        assert (await api.get_webhook_info())["url"] == ""
        assert await api.get_updates(timeout=0) == []

    run(scenario)


def test_deliver_to_webhook() -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def webhook(request: web.Request) -> web.Response:
        received.append((request.headers.get(SECRET_HEADER), await request.json()))
        return web.Response(status=200)

    async def main() -> list[int]:
        app = web.Application()
        app.router.add_post("/zalo", webhook)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/zalo"
        try:
            async with FakeZalo(token=TOKEN) as server:
                update = server.make_text_update("qua webhook", user_id=USER)
                return [
                    await server.deliver(url, update, "s3cret-token"),
                    await server.deliver(url, update, None, under_result=True),
                    await server.deliver(url + "/missing", update, None),
                ]
        finally:
            await runner.cleanup()

    assert asyncio.run(main()) == [200, 200, 404]
    (secret1, body1), (secret2, body2) = received
    assert secret1 == "s3cret-token" and "event_name" in body1
    assert secret2 is None and body2["ok"] is True and "event_name" in body2["result"]
    assert parse_updates(body1) == parse_updates(body2)
    assert parse_updates(body1)[0].text == "qua webhook"


def test_wait_for_and_its_timeout() -> None:
    async def scenario(server: FakeZalo, api: ZaloBotAPI) -> None:
        sending = asyncio.create_task(api.send_message(USER, "chờ"))
        calls = await server.wait_for("sendMessage", lambda c: c.params["text"] == "chờ", timeout=5)
        assert calls[0].params["chat_id"] == USER
        await sending
        with pytest.raises(AssertionError, match="sendMessage"):
            await server.wait_for("sendMessage", count=2, timeout=0.05)

    run(scenario)
