"""A replica killed (SIGKILL) while answering: the update it claimed is answered once, by the
replica that gets a redelivery after the claim's lease (``bot.once``). On PostgreSQL
(127.0.0.1:5432): the claims of two "processes" (two ChatStates), and two ``qa bot telegram``
processes behind one fake Telegram server."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import IO

import aiohttp
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bot.once import Once
from bot_harness import free_port, listening
from conftest import qa_env, small_collection
from fake_telegram import FakeTelegram
from qa.chatstate import ChatState
from qa.embed import Embedder
from qa.service import QAService
from qa.settings import Settings
from qa.store.models import HandledUpdateRow

QUESTION = "Trưởng Ban công tác Mặt trận ở thôn được hỗ trợ bao nhiêu một tháng?"
ANSWER = "70.000 đồng"
SECRET = "takeover-webhook-secret"
GROUP = -100777  # members of this group may ask (the check A is stuck in)
MEMBER = 7100
LEASE_SECONDS = 3.0


def replica(tmp_path: Path, name: str, url: str, embedder: Embedder) -> QAService:
    """A replica's service: its own index folder, the shared database."""
    settings = Settings(
        QA_DOCUMENTS_DIR=tmp_path / "documents",
        QA_INDEX_DIR=tmp_path / name,
        DATABASE_URL=url,
    )
    return QAService(settings, embedder)


@pytest.fixture
def states(tmp_path: Path, postgres_url: str, embedder: Embedder) -> Iterator[list[ChatState]]:
    services = [replica(tmp_path, name, postgres_url, embedder) for name in ("a", "b")]
    yield [s.chat_state for s in services]
    for service in services:
        service.close()


# --- the claims ---------------------------------------------------------------------------------
def test_a_claim_is_a_lease_taken_over_by_one_replica_once_expired(
    states: list[ChatState],
) -> None:
    one, two = states
    lease = timedelta(seconds=1)
    assert one.claim("telegram", "1:1", lease)
    assert not two.claim("telegram", "1:1", lease)  # within the lease: the owner answers
    one.claim("telegram", "1:2", lease)
    time.sleep(0.6)
    one.renew("telegram", "1:2")  # the owner still answering
    time.sleep(0.6)
    assert not two.claim("telegram", "1:2", lease)
    one.done("telegram", "1:2")

    time.sleep(1.1)  # "1:1" was claimed by a replica that died: both others get a redelivery
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda i: states[i % 2].claim("telegram", "1:1", lease), range(16)))
    assert taken.count(True) == 1  # one conditional UPDATE wins
    assert not one.claim("telegram", "1:2", lease)  # answered: dropped, however late
    two.done("telegram", "1:1")
    time.sleep(1.1)
    assert not one.claim("telegram", "1:1", lease) and not two.claim("telegram", "1:1", lease)


def test_the_owner_keeps_its_claim_for_as_long_as_it_answers(states: list[ChatState]) -> None:
    first, second = (Once(state, lease_seconds=0.6) for state in states)
    handled: list[str] = []

    async def answer(name: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        handled.append(name)

    async def scenario() -> None:
        slow = asyncio.create_task(first.run("zalo", "m1", lambda: answer("first", 1.5)))
        await asyncio.sleep(1.0)  # past the lease, but renewed meanwhile
        assert not await second.run("zalo", "m1", lambda: answer("second", 0))
        assert await slow
        await asyncio.sleep(0.8)
        assert not await second.run("zalo", "m1", lambda: answer("second", 0))  # done

        killed = asyncio.create_task(first.run("zalo", "m2", lambda: answer("killed", 60)))
        await asyncio.sleep(0.1)
        killed.cancel()  # its process died: no renewal, never done
        await asyncio.gather(killed, return_exceptions=True)
        assert not await second.run("zalo", "m2", lambda: answer("second", 0))  # within lease
        await asyncio.sleep(0.7)
        assert await second.run("zalo", "m2", lambda: answer("taken over", 0))

    asyncio.run(scenario())
    assert handled == ["first", "taken over"]


# --- two bot processes --------------------------------------------------------------------------
def start_bot(
    tmp_path: Path, name: str, url: str, server: FakeTelegram, port: int, log: IO[bytes]
) -> subprocess.Popen[bytes]:
    """``qa bot telegram`` as a replica in webhook mode, its own index folder."""
    env = {
        **qa_env(tmp_path / "documents", tmp_path / name),
        "DATABASE_URL": url,
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_BASE_URL": server.url,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_WEBHOOK_PORT": str(port),
        "BOT_ACCESS": "restricted",
        "TELEGRAM_ALLOWED_CHAT_IDS": str(GROUP),
        "BOT_UPDATE_LEASE_SECONDS": str(LEASE_SECONDS),
        "BOT_HEALTH_PORT": "0",
    }
    for unset in ("ZALO_BOT_TOKEN", "TELEGRAM_ADMIN_IDS", "TELEGRAM_ALLOWED_USER_IDS"):
        env.pop(unset, None)
    return subprocess.Popen(
        [sys.executable, "-m", "qa", "bot", "telegram"],
        env=env,
        cwd=tmp_path,  # no .env file
        stdout=log,
        stderr=log,
    )


async def post(port: int, update: dict) -> int:  # type: ignore[type-arg]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"http://127.0.0.1:{port}/telegram", json=update, headers=headers) as reply,
    ):
        return reply.status


def test_a_replica_killed_while_answering_leaves_the_update_to_another(
    tmp_path: Path, postgres_url: str, embedder: Embedder
) -> None:
    small_collection(tmp_path / "documents")
    builder = replica(tmp_path, "builder", postgres_url, embedder)
    assert builder.reindex().ok  # published: the replicas fetch it
    builder.close()
    ports = {"a": free_port(), "b": free_port()}

    async def scenario() -> None:
        async with FakeTelegram() as server:
            logs = {name: (tmp_path / f"{name}.log").open("wb") for name in ports}
            processes = {
                name: start_bot(tmp_path, name, postgres_url, server, port, logs[name])
                for name, port in ports.items()
            }
            try:
                await server.wait_for("setWebhook", count=2, timeout=120)
                for port in ports.values():
                    await listening(port, timeout=30)

                # A asks Telegram whether the member is in the allowed group; Telegram is slow
                # to say: A is stuck answering, with nothing sent yet
                server.slow("getChatMember", 20)
                server.set_member(GROUP, MEMBER, "member")
                update = server.push_text(QUESTION, user_id=MEMBER)
                assert await post(ports["a"], update) == 200
                await server.wait_for("getChatMember", timeout=60)
                claimed = time.monotonic()
                os.kill(processes["a"].pid, signal.SIGKILL)
                assert processes["a"].wait(10) == -signal.SIGKILL

                assert await post(ports["b"], update) == 200  # within the lease: dropped
                await asyncio.sleep(LEASE_SECONDS - (time.monotonic() - claimed) + 0.5)
                assert await post(ports["b"], update) == 200  # after it: B takes it over
                await server.wait_for(
                    "sendMessage", lambda c: str(c.params["chat_id"]) == str(MEMBER), timeout=90
                )
                await asyncio.sleep(LEASE_SECONDS + 1)  # a second answer would have come
                assert await post(ports["b"], update) == 200  # answered: dropped
                await asyncio.sleep(1)

                [answer] = server.sent_texts(MEMBER)
                assert ANSWER in answer
                assert len(server.calls("getChatMember")) == 2  # A's, then B's only
                assert processes["b"].poll() is None
            finally:
                for process in processes.values():
                    if process.poll() is None:
                        process.send_signal(signal.SIGTERM)
                for name, process in processes.items():
                    process.wait(30)
                    logs[name].close()

            bot_id = server.bot_user["id"]
            engine = create_engine(postgres_url)
            with Session(engine) as session:
                row = session.scalar(
                    select(HandledUpdateRow).where(
                        HandledUpdateRow.update_id == f"{bot_id}:{update['update_id']}"
                    )
                )
            engine.dispose()
            assert row is not None and row.done_at is not None

    asyncio.run(scenario())
