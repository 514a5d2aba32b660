"""Durable conversation state: what the bots remember of members, the rate limits and the
updates already handled live in the database, so a restart (a new QAService and bot over the
same database, as a new process would be) or a second process carries on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.access import RateLimiter
from bot.conversation import Conversation
from bot_harness import free_port, telegram_bot, zalo_bot
from conftest import SMALL, STARTER_DOCUMENTS, make_settings, write
from fake_telegram import FakeTelegram, html_to_text
from fake_zalo import FakeZalo
from qa import messages
from qa.chatstate import RATE_KEY_CHANNEL, Turn
from qa.embed import Embedder
from qa.service import QAService
from qa.settings import Settings
from qa.store.models import HandledUpdateRow, MemberStateRow, QuestionRow, RateEventRow

REPORT = "bao-cao/quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang"
WHEN = (
    "Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021 ở Quảng Trị "
    "diễn ra khi nào?"
)
FOLLOW_UP = "ai chủ trì?"
CHAIR = "Phan Văn Phụng"
TASKS = "Nhiệm vụ trọng tâm 6 tháng cuối năm 2021 của ngành tổ chức xây dựng Đảng Quảng Trị là gì?"
SECRET = "state-webhook-secret"
LEASE = timedelta(seconds=30)

Start = Callable[[], QAService]  # a new "process" over the same folders and database


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Path, Path]:
    """A report and a decision (10 passages), indexed once in SQLite."""
    root = tmp_path_factory.mktemp("state")
    documents, index = root / "documents", root / "index"
    for suffix in (".txt", ".meta.toml"):
        write(
            documents, REPORT + suffix, (STARTER_DOCUMENTS / (REPORT + suffix)).read_text("utf-8")
        )
    write(documents, SMALL[0], (STARTER_DOCUMENTS / "van-ban-hanh-chinh" / SMALL[0]).read_text())
    service = QAService(make_settings(documents, index), embedder)
    assert service.reindex().ok
    service.close()
    return documents, index


@pytest.fixture
def process(folders: tuple[Path, Path], embedder: Embedder) -> Iterator[Start]:
    """Start a "process": a new QAService over the same folders and database."""
    started: list[QAService] = []

    def start() -> QAService:
        started.append(QAService(make_settings(*folders), embedder))
        return started[-1]

    yield start
    for service in started:
        service.close()


def questions_of(service: QAService, channel: str, user: str) -> list[QuestionRow]:
    member = service.journal.hashed(channel, user)
    with service._sessions() as session:
        return list(
            session.scalars(
                select(QuestionRow).where(QuestionRow.user_id == member).order_by(QuestionRow.id)
            )
        )


async def post(url: str, update: dict) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


def webhook(port: int) -> dict[str, str]:
    return {
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_WEBHOOK_PORT": str(port),
    }


# --- (a) a follow-up after a restart ----------------------------------------------------------
def test_a_follow_up_after_a_restart_continues_the_thread(process: Start) -> None:
    member, newcomer = 5001, 5002

    async def scenario() -> None:
        async with FakeTelegram() as server:
            async with telegram_bot(process(), server):
                server.push_text(WHEN, user_id=member)
                await server.wait_for("sendMessage", count=1, timeout=60)
            async with telegram_bot(process(), server):  # restarted: nothing in memory
                server.push_text(FOLLOW_UP, user_id=member)
                server.push_text(FOLLOW_UP, user_id=newcomer)
                await server.wait_for("sendMessage", count=3, timeout=60)
            assert CHAIR in html_to_text(server.sent_texts(member)[1])

    asyncio.run(scenario())
    service = process()
    *_, follow_up = questions_of(service, "telegram", str(member))
    [fresh] = questions_of(service, "telegram", str(newcomer))
    assert follow_up.searched.startswith("ai chủ trì —") and "Quảng Trị" in follow_up.searched
    assert "—" not in fresh.searched  # no thread to continue: asked as it is


# --- (b) /nguon 2, /vb N, /goc and /hoi after a restart ---------------------------------------
def test_zalo_sources_list_card_and_feedback_survive_a_restart(process: Start) -> None:
    member = "c0ffee0011223344"

    async def say(server: FakeZalo, text: str, count: int) -> str:
        server.push(server.make_text_update(text, user_id=member))
        await server.wait_for(
            "sendMessage", lambda c: c.params.get("chat_id") == member, count=count, timeout=60
        )
        return server.sent_texts(member)[count - 1]

    async def scenario() -> None:
        # a server per bot: a stopped bot's long poll may still take an update at the fake
        async with FakeZalo() as server, zalo_bot(process(), server):
            answer = await say(server, TASKS, 1)
            assert "\n[2] " in answer
            listed = await say(server, "/vanban", 2)
            assert listed.splitlines()[1].startswith("1. ")
            card = await say(server, "/vb 1", 3)
            assert "Bố cục:" in card
            assert "Bố cục:" in await say(server, f"/vb {REPORT}.txt", 4)  # the last card
        async with FakeZalo() as server, zalo_bot(process(), server):
            source = await say(server, "/nguon 2", 1)
            original = await say(server, "/goc", 2)  # the card shown before the restart
            within = await say(server, f"/hoi {FOLLOW_UP}", 3)  # asked within its document
            again = await say(server, "/vb 1", 4)  # the list shown before the restart
            thanks = await say(server, "/dung", 5)
        asked, scoped = questions_of(process(), "zalo", member)
        second = asked.sources[1]
        assert source.startswith("Nguồn [2]") and second["text"][:80] in source
        assert f"{REPORT}.txt" in original
        assert CHAIR in within and scoped.question == FOLLOW_UP
        assert again == card
        assert thanks == messages.FEEDBACK_THANKS

    asyncio.run(scenario())


# --- (c) redeliveries are answered once -------------------------------------------------------
def test_a_zalo_message_redelivered_after_a_restart_is_answered_once(process: Start) -> None:
    member, other = "d00d00d00d00", "e11e11e11e11"

    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(process(), server):
            update = server.make_text_update(WHEN, user_id=member)
            server.push(update)
            await server.wait_for("sendMessage", count=1, timeout=60)
        async with FakeZalo() as server, zalo_bot(process(), server):
            server.push(update)  # Zalo delivers it again after the restart
            server.push(server.make_text_update(WHEN, user_id=other))
            await server.wait_for(
                "sendMessage", lambda c: c.params.get("chat_id") == other, timeout=60
            )
            await asyncio.sleep(1)
            assert server.sent_texts(member) == []  # answered before the restart only

    asyncio.run(scenario())


def test_a_telegram_update_posted_twice_and_after_a_restart_is_answered_once(
    process: Start,
) -> None:
    member, other = 6001, 6002

    async def scenario() -> None:
        async with FakeTelegram() as server:
            first_port = free_port()
            async with telegram_bot(process(), server, **webhook(first_port)):
                update = server.push_text(WHEN, user_id=member)
                url = f"http://127.0.0.1:{first_port}/telegram"
                assert await post(url, update) == 200
                assert await post(url, update) == 200  # retried by a load balancer
                await server.wait_for("sendMessage", count=1, timeout=60)
                await asyncio.sleep(1)
            second_port = free_port()  # another process (a replica, or a restart)
            async with telegram_bot(process(), server, **webhook(second_port)):
                url = f"http://127.0.0.1:{second_port}/telegram"
                assert await post(url, update) == 200  # redelivered by Telegram
                assert await post(url, server.push_text(WHEN, user_id=other)) == 200
                await server.wait_for(
                    "sendMessage", lambda c: str(c.params["chat_id"]) == str(other), timeout=60
                )
                await asyncio.sleep(1)
            assert len(server.sent_texts(member)) == 1
            assert CHAIR not in server.sent_texts(member)[0]  # the answer to WHEN, once

    asyncio.run(scenario())


# --- (d) rate limits shared by processes ------------------------------------------------------
def test_the_rate_limit_counts_across_processes_and_its_window_slides(process: Start) -> None:
    first, second = process(), process()

    async def scenario() -> None:
        one, two = RateLimiter(first.chat_state, 2), RateLimiter(second.chat_state, 2)
        assert await one.wait_seconds("telegram:7001") == 0
        assert await two.wait_seconds("telegram:7001") == 0
        assert 59 < await one.wait_seconds("telegram:7001") <= 60
        assert 59 < await two.wait_seconds("telegram:7001") <= 60
        assert await two.wait_seconds("telegram:7002") == 0
        brief = RateLimiter(second.chat_state, 1, window=0.5)
        assert await brief.wait_seconds("zalo:k") == 0
        assert 0 < await brief.wait_seconds("zalo:k") <= 0.5
        await asyncio.sleep(0.6)
        assert await brief.wait_seconds("zalo:k") == 0

    asyncio.run(scenario())
    hashed = {k: first.journal.hashed(RATE_KEY_CHANNEL, k) for k in ("telegram:7001", "zalo:k")}
    with first._sessions() as session:
        counts = {
            k: session.scalar(select(func.count()).where(RateEventRow.key == v))
            for k, v in hashed.items()
        }
    assert counts == {"telegram:7001": 2, "zalo:k": 1}  # the expired event was deleted


# --- (e) PostgreSQL ---------------------------------------------------------------------------
def test_state_on_postgres_is_shared_by_two_processes(
    postgres_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    settings = Settings(
        QA_DOCUMENTS_DIR=tmp_path / "documents",
        QA_INDEX_DIR=tmp_path / "index",
        DATABASE_URL=postgres_url,
    )
    first, second = QAService(settings, embedder), QAService(settings, embedder)
    one, two = first.chat_state, second.chat_state
    try:
        # the same update at both processes at once: exactly one takes it
        with ThreadPoolExecutor(8) as pool:
            taken = list(
                pool.map(lambda i: (one, two)[i % 2].claim("telegram", "42:1000", LEASE), range(16))
            )
        assert taken.count(True) == 1
        assert two.claim("zalo", "42:1000", LEASE)  # another channel's ids are apart

        at = datetime.now(UTC).replace(microsecond=0)
        one.save_turn("telegram", "8001", "8001", Turn("Hội nghị?", ("a", "b"), 17, at))
        assert two.turn("telegram", "8001", "8001") == Turn("Hội nghị?", ("a", "b"), 17, at)
        assert two.turn("telegram", "8002", "8001") is None  # another chat
        two.scope_next("telegram", "8001", "8001", REPORT + ".txt")
        one.save_shelf("zalo", "z1", "z1", ["a.txt", "b.txt"])
        assert one.take_scope("telegram", "8001", "8001", timedelta(minutes=15)) == REPORT + ".txt"
        assert two.take_scope("telegram", "8001", "8001", timedelta(minutes=15)) is None
        assert two.turn("telegram", "8001", "8001") is not None  # the scope went, the turn stays
        assert two.shelf("zalo", "z1", "z1") == ["a.txt", "b.txt"]
        assert one.wait_seconds("k", 1, 60) == 0 and two.wait_seconds("k", 1, 60) > 59
        assert two.forget("telegram", "8001") == 1 and one.turn("telegram", "8001", "8001") is None
    finally:
        first.close()
        second.close()


# --- (f) clean-up -----------------------------------------------------------------------------
def test_old_state_expired_updates_and_events_are_deleted(process: Start) -> None:
    service = process()
    state = service.chat_state
    now = datetime.now(UTC)
    state.save_turn("zalo", "old", "old", Turn("t", (), 1, now))
    state.save_turn("zalo", "new", "new", Turn("t", (), 1, now))
    assert state.claim("zalo", "old-message", LEASE) and state.claim("zalo", "new-message", LEASE)
    assert state.wait_seconds("old-key", 5, 60) == 0
    old_member = (
        "zalo",
        service.journal.hashed("zalo", "old"),
        service.journal.hashed("zalo", "old"),
    )
    with service._sessions.begin() as session:
        session.get(MemberStateRow, old_member).updated_at = now - timedelta(days=31)
        session.get(HandledUpdateRow, ("zalo", "old-message")).handled_at = now - timedelta(
            hours=49
        )
        for event in session.scalars(select(RateEventRow)):
            event.at = now - timedelta(days=2)

    conversation = Conversation(service)
    purged = asyncio.run(conversation.purge_state())
    conversation.close()

    assert (purged.members, purged.updates) == (1, 1) and purged.rate_events >= 1
    assert state.turn("zalo", "old", "old") is None and state.turn("zalo", "new", "new")
    assert not state.claim("zalo", "new-message", LEASE)  # still remembered
    assert state.claim("zalo", "old-message", LEASE)  # forgotten: 48 hours is past any retry
    with service._sessions() as session:
        assert session.scalar(select(func.count()).select_from(RateEventRow)) == 0


def test_forgetting_a_member_forgets_the_last_answer(process: Start) -> None:
    member = 9001

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(process(), server) as conversation:
            server.push_text(TASKS, user_id=member)
            await server.wait_for("sendMessage", count=1, timeout=60)
            chat = str(member)
            last = await conversation.last_reply("telegram", chat, chat)
            assert last is not None and len(last.sources) >= 2
            assert await conversation.forget("telegram", chat) == 1
            assert await conversation.last_reply("telegram", chat, chat) is None

    asyncio.run(scenario())
