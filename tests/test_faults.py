"""Faults survived, on a small collection: the chat servers answering 429, 500s or too slowly;
PostgreSQL going away while the Telegram bot runs (through a proxy the test cuts); a second
poller with the same token; and the health endpoint and ``qa status`` that report them."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, delete, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from tcp_proxy import TcpProxy

from bot.health import Health
from bot.telegram.app import CONFLICT_GRACE
from bot.zalo.api import ZaloAPIError, ZaloBotAPI
from bot_harness import free_port, telegram_bot, zalo_bot
from conftest import make_settings, new_database, qa_env, run_qa, small_collection
from fake_telegram import Call, FakeTelegram
from fake_zalo import FakeZalo
from qa import messages
from qa.service import QAService
from qa.settings import Settings
from qa.store.models import IndexBuild, QuestionRow

QUESTION = "Trưởng Ban công tác Mặt trận ở thôn được hỗ trợ bao nhiêu một tháng?"
ANSWER = "70.000 đồng"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[QAService]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("faults")
    small_collection(root / "documents")
    service = QAService(make_settings(root / "documents", root / "index"), embedder)
    assert service.reindex().ok
    yield service
    service.close()


async def handled(record, channel: str, push) -> None:  # type: ignore[no-untyped-def]
    """Push an update and wait until the bot has handled it (the /health record moves)."""
    before = record.get(channel)
    push()
    async with asyncio.timeout(90):
        while record.get(channel) == before:
            await asyncio.sleep(0.05)


def sends_to(server: FakeTelegram, chat: int) -> list[Call]:
    return [c for c in server.calls("sendMessage") if str(c.params["chat_id"]) == str(chat)]


def delivered(server: FakeTelegram, chat: int) -> list[dict]:
    """The messages the bot got through to a chat (a call that failed delivered nothing)."""
    bot = server.bot_user["id"]
    return [m for m in server.messages(chat) if m["from"]["id"] == bot]


def gaps(calls: list) -> list[float]:  # type: ignore[type-arg]
    return [later.at - earlier.at for earlier, later in zip(calls, calls[1:], strict=False)]


# --- the chat servers' faults ------------------------------------------------------------------


# AIORateLimiter itself reads the deprecated int form of RetryAfter.retry_after.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_telegram_answers_reach_the_member_once_through_429_500s_and_a_timeout(
    small: QAService,
) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(small, server) as conversation:

            def ask(user: int):  # noqa: ANN202
                return handled(
                    conversation.handled,
                    "telegram",
                    lambda: server.push_text(QUESTION, user_id=user),
                )

            server.flood("sendMessage", retry_after=1)  # 429: the rate limiter waits it out
            await ask(201)
            flooded = sends_to(server, 201)
            assert len(flooded) == 2 and gaps(flooded)[0] >= 1.0

            server.fail_next("sendMessage", times=2, status=500)  # retried with back-off
            await ask(202)
            failed = sends_to(server, 202)
            assert len(failed) == 3
            assert gaps(failed)[0] >= 0.5 and gaps(failed)[1] >= 1.0

            # Telegram takes the message but answers after the bot stopped waiting (5 s): it
            # may have arrived, so it is not sent again, and no error message follows it
            server.slow("sendMessage", 7)
            await ask(203)
            assert len(sends_to(server, 203)) == 1

            for user in (201, 202, 203):
                texts = [m["text"] for m in delivered(server, user)]
                assert len(texts) == 1 and ANSWER in texts[0]
            assert not any(messages.UNEXPECTED_ERROR in t for t in server.sent_texts())

    asyncio.run(scenario())


def test_zalo_answers_reach_the_member_once_through_429_and_500s(small: QAService) -> None:
    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(small, server) as bot:

            def ask(user: str):  # noqa: ANN202
                update = server.make_text_update(QUESTION, user_id=user)
                return handled(
                    bot.handlers.conversation.handled, "zalo", lambda: server.push(update)
                )

            server.fail_next("sendMessage", times=1, status=429)
            await ask("z1")
            server.fail_next("sendMessage", times=2, status=500)
            await ask("z2")

            for user, tries in (("z1", 2), ("z2", 3)):
                calls = [c for c in server.calls("sendMessage") if c.params["chat_id"] == user]
                assert len(calls) == tries
                assert all(gap >= 0.5 * 2**n for n, gap in enumerate(gaps(calls)))
                [text] = server.sent_texts(user)
                assert ANSWER in text

    asyncio.run(scenario())


def test_a_zalo_message_whose_sending_timed_out_is_not_sent_again() -> None:
    async def scenario() -> None:
        async with FakeZalo() as server:
            api = ZaloBotAPI(server.token, server.base_url, timeout=1, backoff=0.01)
            async with api:
                server.slow("sendMessage", 2)
                with pytest.raises(ZaloAPIError):
                    await api.send_message("z3", "một lần thôi")
                await api.send_message("z3", "tin sau")  # the connection is usable again
            assert len(server.calls("sendMessage")) == 2
            assert server.sent_texts("z3") == ["một lần thôi", "tin sau"]

    asyncio.run(scenario())


# --- PostgreSQL goes away while the bot runs ---------------------------------------------------


def test_database_outage_answers_from_the_loaded_build_and_health_says_503(
    tmp_path: Path, embedder
) -> None:  # type: ignore[no-untyped-def]
    with new_database() as url, TcpProxy(make_url(url).port or 5432) as proxy:
        proxied = make_url(url).set(port=proxy.port).render_as_string(hide_password=False)
        small_collection(tmp_path / "documents")
        settings = Settings(
            QA_DOCUMENTS_DIR=tmp_path / "documents",
            QA_INDEX_DIR=tmp_path / "index",
            DATABASE_URL=proxied,
        )
        service = QAService(settings, embedder)
        build_id = service.reindex().build_id
        port = free_port()

        async def scenario() -> None:
            async with FakeTelegram() as server, telegram_bot(service, server) as conversation:
                health = Health(service, conversation.handled, ["telegram"])
                stop = asyncio.Event()
                serving = asyncio.create_task(health.serve("127.0.0.1", port, stop))

                async def ask(user: int) -> dict:
                    push = lambda: server.push_text(QUESTION, user_id=user)  # noqa: E731
                    await handled(conversation.handled, "telegram", push)
                    [answer] = delivered(server, user)
                    return answer

                async def check() -> tuple[int, dict]:
                    async with aiohttp.ClientSession() as session:
                        async with session.get(f"http://127.0.0.1:{port}/health") as response:
                            return response.status, await response.json()

                try:
                    assert "reply_markup" in await ask(301)  # journaled: source buttons
                    status, body = await check()
                    assert status == 200 and body["ok"] and body["database"]
                    assert body["build_id"] == build_id and body["reindex"] is None
                    assert body["last_update"]["telegram"] is not None
                    assert body["uptime_seconds"] >= 0

                    proxy.cut()
                    status, body = await check()
                    assert status == 503 and body["database"] is False
                    assert body["build_id"] == build_id  # still answering from it
                    during = await ask(302)
                    assert ANSWER in during["text"]
                    assert "reply_markup" not in during  # not journaled: no buttons to nothing

                    proxy.restore()
                    after = await ask(303)
                    assert ANSWER in after["text"] and "reply_markup" in after
                    status, body = await check()
                    assert status == 200 and body["database"]
                    assert not any(messages.UNEXPECTED_ERROR in t for t in server.sent_texts())
                finally:
                    stop.set()
                    await serving

        asyncio.run(scenario())
        engine = create_engine(url)
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(QuestionRow)) == 2
        engine.dispose()
        service.close()


# --- qa status ----------------------------------------------------------------------------------


def test_qa_status_prints_the_build_the_reindex_in_progress_and_the_last_question(
    small: QAService,
) -> None:
    documents, index = small.settings.documents_dir, small.settings.index_dir
    small.journal.record(
        channel="telegram",
        chat_id="1",
        user_id="1",
        question=QUESTION,
        searched=QUESTION,
        answer=small.ask(QUESTION),
        build_id=small.status().build_id,
    )
    engine = create_engine(small.settings.db_url)
    with Session(engine) as session:
        running = IndexBuild(
            status="building",
            embedder_key=small.embedder.key,
            dim=small.embedder.dim,
            progress_done=5,
            progress_total=12,
            progress_unit="passages",
            heartbeat_at=datetime.now(UTC),
            host="may-chu-2",
        )
        session.add(running)
        session.commit()
        running_id = running.id
    try:
        text = run_qa(["status"], documents, index)
        as_json = run_qa(["status", "--json"], documents, index)
    finally:
        with Session(engine) as session:
            session.execute(delete(IndexBuild).where(IndexBuild.id == running_id))
            session.commit()
        engine.dispose()

    status = small.status()
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == messages.STATUS_DATABASE_OK
    assert lines[1] == messages.STATUS_BUILD.format(
        build_id=status.build_id, documents=status.documents, passages=status.passages
    )
    assert f"#{running_id} trên máy may-chu-2, 5/12 đoạn đã nhúng" in text.stdout
    assert lines[-1].startswith("Câu hỏi gần nhất: ") and lines[-1] != messages.STATUS_NO_QUESTION

    report = json.loads(as_json.stdout)
    assert report["build_id"] == status.build_id and report["passages"] == status.passages
    assert report["database"] is True and report["built_at"]
    assert report["reindex"]["build_id"] == running_id
    assert (report["reindex"]["done"], report["reindex"]["total"]) == (5, 12)
    asked = datetime.fromisoformat(report["last_question_at"])
    assert abs((datetime.now(UTC) - asked).total_seconds()) < 600


def test_qa_status_with_the_database_out_of_reach_says_so_and_exits_1(tmp_path: Path) -> None:
    env = {
        **qa_env(tmp_path / "documents", tmp_path / "index"),
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/qa",
    }
    done = _run(["status"], env)
    assert done.returncode == 1
    assert done.stderr.strip() == messages.STATUS_DATABASE_DOWN
    assert done.stdout == ""


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qa", *args], env=env, capture_output=True, text=True, timeout=300
    )


# --- a second poller with the same token --------------------------------------------------------


def test_a_second_poller_with_the_same_token_ends_with_a_clear_message(small: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(small, server) as conversation:
            started = time.monotonic()
            env = {
                **qa_env(small.settings.documents_dir, small.settings.index_dir),
                "TELEGRAM_BOT_TOKEN": server.token,
                "TELEGRAM_BASE_URL": server.url,
                "BOT_HEALTH_PORT": "0",
            }
            env.pop("ZALO_BOT_TOKEN", None)
            # the first poller has been polling for a while: it is the established one
            await asyncio.sleep(max(0.0, CONFLICT_GRACE - (time.monotonic() - started)))
            second = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "qa",
                "bot",
                "telegram",
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            _, err = await asyncio.wait_for(second.communicate(), 180)
            assert second.returncode == 1
            assert messages.BOT_SECOND_POLLER in err.decode()
            assert "Traceback" not in err.decode()

            await handled(
                conversation.handled, "telegram", lambda: server.push_text(QUESTION, user_id=401)
            )
            [answer] = delivered(server, 401)  # the first one goes on answering
            assert ANSWER in answer["text"]

    asyncio.run(scenario())
