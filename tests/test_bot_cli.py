"""The README's run command with bot tokens set: `qa start` indexes, then serves Telegram and Zalo
in one process (against the fake servers), and stops cleanly on SIGTERM without logging secrets."""

from __future__ import annotations

import asyncio
import signal
import sys

import pytest

from conftest import qa_env, run_qa
from fake_telegram import FakeTelegram
from fake_zalo import FakeZalo
from qa import messages
from qa.service import QAService

pytestmark = pytest.mark.starter

CHAIRED = "Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng ngày 1/7/2021?"


def test_qa_start_serves_every_bot_that_has_a_token(starter_copy: QAService) -> None:
    settings = starter_copy.settings

    async def scenario() -> tuple[int, str]:
        async with FakeTelegram() as telegram, FakeZalo() as zalo:
            env = {
                **qa_env(settings.documents_dir, settings.index_dir),
                "TELEGRAM_BOT_TOKEN": telegram.token,
                "TELEGRAM_BASE_URL": telegram.url,
                "ZALO_BOT_TOKEN": zalo.token,
                "ZALO_BASE_URL": zalo.base_url,
            }
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "qa",
                "start",
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            await telegram.wait_for("getUpdates", timeout=300)
            await zalo.wait_for("getUpdates", timeout=60)
            telegram.push_text(CHAIRED, user_id=5)
            zalo.push(zalo.make_text_update(CHAIRED, user_id="abc123"))
            [answer] = await telegram.wait_for("sendMessage", timeout=60)
            await zalo.wait_for("sendMessage", timeout=60)
            assert "Phan Văn Phụng" in answer.params["text"]
            assert "Phan Văn Phụng" in zalo.sent_texts("abc123")[0]
            process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), 60)
            secrets = (telegram.token, zalo.token)
            log = (out + err).decode()
            assert not any(secret in log for secret in secrets)
            assert CHAIRED not in log  # no member's question in the log
            return process.returncode, out.decode()

    code, out = asyncio.run(scenario())
    assert code == 0
    assert out.startswith("Lập chỉ mục xong")


def test_qa_bot_without_a_token_says_which_setting_is_missing(starter_copy: QAService) -> None:
    settings = starter_copy.settings
    result = run_qa(["bot", "zalo"], settings.documents_dir, settings.index_dir)
    assert result.returncode == 1
    assert result.stderr.strip() == messages.BOT_TOKEN_MISSING.format(name="ZALO_BOT_TOKEN")


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_a_rejected_token_ends_the_bot_with_a_clear_message(
    starter_copy: QAService, channel: str
) -> None:
    settings = starter_copy.settings
    wrong = {"telegram": "999999:WRONG-telegram-token", "zalo": "999999:WRONG-zalo-token"}

    async def scenario() -> tuple[int, str]:
        async with FakeTelegram() as telegram, FakeZalo() as zalo:
            env = {
                **qa_env(settings.documents_dir, settings.index_dir),
                "TELEGRAM_BOT_TOKEN": wrong["telegram"],
                "TELEGRAM_BASE_URL": telegram.url,
                "ZALO_BOT_TOKEN": wrong["zalo"],
                "ZALO_BASE_URL": zalo.base_url,
            }
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "qa", "bot", channel, env=env, stderr=asyncio.subprocess.PIPE
            )
            _, err = await asyncio.wait_for(process.communicate(), 120)
            return process.returncode, err.decode()

    code, err = asyncio.run(scenario())
    name = f"{channel.upper()}_BOT_TOKEN"
    assert code == 1
    assert err.strip().splitlines()[-1] == messages.BOT_TOKEN_REJECTED.format(
        service=channel.capitalize(), name=name
    )
    assert wrong[channel] not in err and "WRONG" not in err
