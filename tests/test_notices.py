"""New-document notices: subscribing, announcing on reindex, and sending through the real
Telegram Application and Zalo client to the fake servers: once each, across a restart,
dropping chats that blocked the bot, waiting out 429s."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from bot.notices import notice_text
from bot_harness import ADMIN, ZALO_ADMIN, telegram_bot, zalo_bot
from conftest import SMALL, STARTER_DOCUMENTS, make_settings, write
from fake_telegram import Call, FakeTelegram
from fake_zalo import FakeZalo
from qa import messages
from qa.embed import Embedder
from qa.library import document_key
from qa.notices import Delivery, NoticedDocument, Notices, noticed
from qa.service import QAService
from qa.store.db import make_engine, make_sessionmaker, upgrade
from qa.store.models import NoticeRow, SubscriptionRow

DIRECTIVE = NoticedDocument(
    path="chi-thi-07.txt",
    key=document_key("chi-thi-07.txt"),
    doc_type="Chỉ thị",
    number="07-CT/TU",
    title="Chỉ thị về tăng cường công tác bảo vệ rừng",
    issuer="Tỉnh ủy Quảng Trị",
    issued=date(2024, 3, 2),
    change="added",
)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[QAService]:
    """Two short documents indexed once; the tests add their own."""
    root = tmp_path_factory.mktemp("notices")
    documents = root / "documents"
    for name in SMALL[:2]:
        write(documents, name, (STARTER_DOCUMENTS / "van-ban-hanh-chinh" / name).read_text("utf-8"))
    qa = QAService(make_settings(documents, root / "index"), embedder)
    assert qa.reindex().ok
    yield qa
    qa.close()


@pytest.fixture
def service(indexed: QAService) -> QAService:
    """The indexed collection, without subscriptions or notices."""
    indexed.notices  # creates the tables  # noqa: B018
    with indexed._sessions.begin() as session:
        session.execute(delete(SubscriptionRow))
        session.execute(delete(NoticeRow))
    return indexed


def add_directive(service: QAService, name: str, number: str, subject: str) -> Path:
    """A one-passage directive with its metadata in a sidecar."""
    folder = service.settings.documents_dir
    write(
        folder,
        f"{name}.meta.toml",
        f'type = "Chỉ thị"\nnumber = "{number}"\ntitle = "Chỉ thị về {subject}"\n'
        'issuer = "Tỉnh ủy Quảng Trị"\ndate = 2024-03-02\n',
    )
    return write(
        folder,
        f"{name}.txt",
        f"Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, chi bộ tăng cường {subject}. "
        "Các chi bộ tổ chức sinh hoạt chuyên đề hằng quý và báo cáo kết quả về Tỉnh ủy.",
    )


def is_notice(call: Call) -> bool:
    return call.params.get("text", "").startswith(messages.NOTICE_HEADING)


def notices_to(server: FakeTelegram, chat: int | str) -> list[dict]:
    """Notices the chat received (answered calls only, not the ones refused with 429 or 403)."""
    return [
        m for m in server.messages(chat) if m.get("text", "").startswith(messages.NOTICE_HEADING)
    ]


def latest_notice(service: QAService) -> int | None:
    with service._sessions() as session:
        return session.scalar(select(func.max(NoticeRow.id)))


async def settled(notices: Notices, notice_id: int, expected: dict[str, int]) -> None:
    async with asyncio.timeout(30):
        while notices.statuses(notice_id) != expected:
            await asyncio.sleep(0.1)


# --- Telegram ------------------------------------------------------------------------------------
def test_subscribers_get_one_notice_of_an_uploaded_document(service: QAService) -> None:
    upload = "Quyết định này có hiệu lực kể từ ngày ký. Các chi bộ tổ chức thực hiện nghiêm túc."

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            for member in (201, 202):
                server.push_text("/theodoi", user_id=member)
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.NOTICES_SUBSCRIBED, count=2
            )
            server.push_text("/theodoi", user_id=201)
            server.push_text("/huytheodoi", user_id=203)  # never subscribed
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.NOTICES_ALREADY
            )
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.NOTICES_NOT_SUBSCRIBED
            )

            server.push_document(
                user_id=ADMIN,
                data=upload.encode(),
                file_name="ket-luan.txt",
                mime_type="text/plain",
            )
            await server.wait_for(
                "editMessageText", lambda c: "Đã thêm" in c.params["text"], timeout=120
            )
            sent = await server.wait_for("sendMessage", is_notice, count=2)
            await asyncio.sleep(2.5)  # a poll of the outbox later: nothing more
            assert sorted(
                c.params["chat_id"] for c in server.calls("sendMessage") if is_notice(c)
            ) == [
                201,
                202,
            ]
            [document] = [d for d in service.documents() if d.path == "tai-len/ket-luan.txt"]
            expected = notice_text([noticed(document.path, document.meta, "added")], commands=False)
            for call in sent:
                assert call.params["text"] == expected
                [[button]] = call.params["reply_markup"]["inline_keyboard"]
                assert button["callback_data"] == f"vb:{document_key('tai-len/ket-luan.txt')}"
            assert not notices_to(server, 203) and not notices_to(server, ADMIN)

    asyncio.run(scenario())
    assert service.notices.statuses(latest_notice(service)) == {"sent": 2}


def test_a_restart_midway_notifies_the_rest_and_nobody_twice(service: QAService) -> None:
    chats = list(range(1000, 1060))  # 60: past the rate limiter's burst of 30, then 30 a second
    for chat in chats:
        service.notices.subscribe("telegram", str(chat), False)
    announced = service.notices.announce(1, [DIRECTIVE])
    assert announced is not None and announced.recipients == 60

    async def scenario() -> None:
        async with FakeTelegram() as server:
            async with telegram_bot(service, server):
                await server.wait_for("sendMessage", is_notice, count=35)
            first = len([c for c in server.calls("sendMessage") if is_notice(c)])
            assert first < 60  # stopped midway
            statuses = service.notices.statuses(announced.notice_id)
            assert statuses == {"sent": first, "pending": 60 - first}  # nothing left "sending"

            async with telegram_bot(service, server):
                await server.wait_for("sendMessage", is_notice, count=60)
                await asyncio.sleep(1.0)
            assert all(len(notices_to(server, chat)) == 1 for chat in chats)
            assert len([c for c in server.calls("sendMessage") if is_notice(c)]) == 60

    asyncio.run(scenario())
    assert service.notices.statuses(announced.notice_id) == {"sent": 60}


def test_a_subscriber_who_blocked_the_bot_is_dropped(service: QAService) -> None:
    for chat in ("301", "302", "303"):
        service.notices.subscribe("telegram", chat, False)

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            server.block(302)
            first = service.notices.announce(1, [DIRECTIVE])
            await settled(service.notices, first.notice_id, {"sent": 2, "dropped": 1})
            assert not service.notices.is_subscribed("telegram", "302")
            assert service.notices.is_subscribed("telegram", "301")

            second = service.notices.announce(2, [DIRECTIVE])
            assert second.recipients == 2
            await settled(service.notices, second.notice_id, {"sent": 2})
            assert len(server.sent_texts(302)) == 1  # the one refused with 403
            assert len(notices_to(server, 301)) == len(notices_to(server, 303)) == 2

    asyncio.run(scenario())


def test_429_retry_after_is_waited_out_and_the_notice_sent_once(service: QAService) -> None:
    service.notices.subscribe("telegram", "401", False)

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            # the rate limiter retries 3 times itself; the fourth 429 reaches the sender
            server.flood("sendMessage", retry_after=1, times=4)
            announced = service.notices.announce(1, [DIRECTIVE])
            await settled(service.notices, announced.notice_id, {"sent": 1})
            calls = server.calls("sendMessage")
            assert len(calls) == 5 and len(notices_to(server, 401)) == 1
            assert all(later.at - earlier.at >= 1.0 for earlier, later in zip(calls, calls[1:]))

    asyncio.run(scenario())


def test_reindex_im_sends_no_notice(service: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            server.push_text("/theodoi", user_id=501)
            await server.wait_for("sendMessage", lambda c: c.params["chat_id"] == 501)

            add_directive(service, "chi-thi-11", "11-CT/TU", "công tác phòng cháy rừng")
            server.push_text("/reindex im", user_id=ADMIN)
            [quiet] = await server.wait_for(
                "editMessageText", lambda c: "Lập chỉ mục xong" in c.params["text"], timeout=120
            )
            assert "1 văn bản mới" in quiet.params["text"]
            assert messages.REINDEX_NOTIFIED.format(count=1) not in quiet.params["text"]
            assert latest_notice(service) is None
            await asyncio.sleep(2.5)
            assert not notices_to(server, 501)

            add_directive(service, "chi-thi-12", "12-CT/TU", "công tác dân vận")
            server.push_text("/reindex", user_id=ADMIN)
            await server.wait_for(
                "editMessageText",
                lambda c: messages.REINDEX_NOTIFIED.format(count=1) in c.params["text"],
                timeout=120,
            )
            [notice] = await server.wait_for("sendMessage", is_notice)
            assert (
                "Chỉ thị 12-CT/TU" in notice.params["text"]
                and "11-CT/TU" not in (notice.params["text"])
            )

    asyncio.run(scenario())


def test_only_group_admins_subscribe_a_group(service: QAService) -> None:
    group = -1001234

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            server.set_member(group, 601, "member")
            server.set_member(group, 602, "administrator")
            server.push_text("/theodoi", user_id=601, chat_id=group, chat_type="supergroup")
            [refused] = await server.wait_for("sendMessage")
            assert refused.params["text"] == messages.NOTICES_GROUP_ADMINS_ONLY
            assert not service.notices.is_subscribed("telegram", str(group))

            server.push_text("/theodoi", user_id=602, chat_id=group, chat_type="supergroup")
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.NOTICES_SUBSCRIBED_GROUP
            )
            assert service.notices.is_subscribed("telegram", str(group))
            service.notices.announce(1, [DIRECTIVE])
            await server.wait_for(
                "sendMessage", lambda c: is_notice(c) and c.params["chat_id"] == group
            )

            server.push_text("/huytheodoi", user_id=601, chat_id=group, chat_type="supergroup")
            await server.wait_for(
                "sendMessage",
                lambda c: c.params["text"] == messages.NOTICES_GROUP_ADMINS_ONLY,
                count=2,
            )
            assert service.notices.is_subscribed("telegram", str(group))

    asyncio.run(scenario())


# --- Zalo ----------------------------------------------------------------------------------------
def test_zalo_subscribers_get_the_notice_with_vb_commands(service: QAService) -> None:
    member, blocker = "z0a1b2c3", "z9f8e7d6"

    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(service, server):
            for user in (member, blocker):
                server.push(server.make_text_update("/theodoi", user_id=user))
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.NOTICES_SUBSCRIBED, count=2
            )
            server.block(blocker)
            add_directive(service, "chi-thi-21", "21-CT/TU", "công tác thanh niên")
            server.push(server.make_text_update("/reindex", user_id=ZALO_ADMIN))
            await server.wait_for(
                "sendMessage",
                lambda c: messages.REINDEX_NOTIFIED.format(count=2) in c.params["text"],
                timeout=120,
            )
            [notice] = await server.wait_for(
                "sendMessage",
                lambda c: c.params["chat_id"] == member and is_notice(c),
            )
            lines = notice.params["text"].split("\n")
            assert lines[1].startswith("• Chỉ thị 21-CT/TU — Chỉ thị về công tác thanh niên")
            assert lines[2].strip() == messages.NOTICE_OPEN_ZALO.format(ref="21-CT/TU")
            await asyncio.sleep(0.5)
            assert not service.notices.is_subscribed("zalo", blocker)

            server.push(server.make_text_update("/huytheodoi", user_id=member))
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.NOTICES_UNSUBSCRIBED
            )
            add_directive(service, "chi-thi-22", "22-CT/TU", "công tác phụ nữ")
            server.push(server.make_text_update("/reindex", user_id=ZALO_ADMIN))
            await server.wait_for(
                "sendMessage",
                lambda c: "Lập chỉ mục xong" in c.params["text"],
                count=2,
                timeout=120,
            )
            assert messages.REINDEX_NOTIFIED.split("{")[0] not in server.sent_texts(ZALO_ADMIN)[-1]
            await asyncio.sleep(2.5)
            assert [
                t for t in server.sent_texts(member) if t.startswith(messages.NOTICE_HEADING)
            ] == [notice.params["text"]]

    asyncio.run(scenario())


# --- the outbox ----------------------------------------------------------------------------------
def outbox(path: Path, **options: float) -> Notices:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return Notices(make_sessionmaker(engine), **options)


def test_two_claimers_never_get_the_same_delivery(tmp_path: Path) -> None:
    database = tmp_path / "qa.sqlite3"
    first, second = outbox(database), outbox(database)
    for chat in range(300):
        first.subscribe("telegram", str(chat), False)
    first.subscribe("zalo", "z1", False)
    announced = first.announce(1, [DIRECTIVE])
    claimed: dict[str, list[Delivery]] = {"first": [], "second": []}
    together = threading.Barrier(2)

    def drain(name: str, notices: Notices) -> None:
        together.wait()
        while batch := notices.claim("telegram", 7):
            claimed[name] += batch
            for delivery in batch:
                notices.mark_sent(delivery)

    threads = [
        threading.Thread(target=drain, args=item) for item in [("first", first), ("second", second)]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    chats = [d.chat_id for d in claimed["first"] + claimed["second"]]
    assert sorted(chats, key=int) == [str(chat) for chat in range(300)]  # each once
    assert claimed["first"] and claimed["second"]
    assert claimed["first"][0].documents == (DIRECTIVE,)
    assert first.statuses(announced.notice_id) == {"sent": 300, "pending": 1}  # zalo's


def test_leases_retries_releases_and_unsubscribing(tmp_path: Path) -> None:
    database = tmp_path / "qa.sqlite3"
    notices = outbox(database, retry_seconds=0, max_attempts=2)
    takeover = outbox(database, lease_seconds=0)  # sees every claim as expired
    for chat in ("a", "b", "c"):
        assert notices.subscribe("zalo", chat, False)
    assert not notices.subscribe("zalo", "a", False)
    announced = notices.announce(1, [DIRECTIVE])

    # a sender that died mid-send: its claim is taken over, and its late answer ignored
    [dead] = notices.claim("zalo", 1)
    [taken] = takeover.claim("zalo", 1)
    assert (dead.chat_id, taken.chat_id, taken.attempts) == ("a", "a", 2)
    notices.mark_sent(dead)
    assert notices.statuses(announced.notice_id) == {"sending": 1, "pending": 2}
    takeover.release([taken])  # a clean stop gives it back, the claim not counted

    claimed = {d.chat_id: d for d in notices.claim("zalo", 10)}
    assert {chat: d.attempts for chat, d in claimed.items()} == {"a": 2, "b": 1, "c": 1}
    assert notices.claim("zalo", 10) == []  # all in flight, within their lease
    assert notices.retry(claimed["a"], "HTTPError") == "failed"  # its second attempt of two
    assert notices.retry(claimed["b"], "HTTPError") == "pending"
    notices.drop(claimed["c"], "Forbidden")
    assert not notices.is_subscribed("zalo", "c")
    [again] = notices.claim("zalo", 10)
    assert (again.chat_id, again.attempts) == ("b", 2)
    notices.mark_sent(again)
    assert notices.statuses(announced.notice_id) == {"failed": 1, "sent": 1, "dropped": 1}

    # unsubscribing drops what was not sent yet
    second = notices.announce(2, [DIRECTIVE])
    assert second is not None and second.recipients == 2
    assert notices.unsubscribe("zalo", "a") and not notices.unsubscribe("zalo", "a")
    assert [d.chat_id for d in notices.claim("zalo", 10)] == ["b"]
    assert notices.statuses(second.notice_id) == {"dropped": 1, "sending": 1}
    assert notices.subscribers() == 1


def test_notices_that_ended_long_ago_are_pruned(tmp_path: Path) -> None:
    database = tmp_path / "qa.sqlite3"
    notices = outbox(database)
    for chat in ("a", "b"):
        notices.subscribe("zalo", chat, False)
    ended = notices.announce(1, [DIRECTIVE])
    for delivery in notices.claim("zalo", 10):
        notices.mark_sent(delivery)
    waiting = notices.announce(2, [DIRECTIVE])  # still to be sent
    recent = notices.announce(3, [DIRECTIVE])
    for delivery in notices.claim("zalo", 10):
        if delivery.notice_id == recent.notice_id:
            notices.mark_sent(delivery)
        else:
            notices.release([delivery])
    sessions = make_sessionmaker(make_engine(f"sqlite:///{database}"))
    with sessions.begin() as session:  # the first two were announced 40 days ago
        for notice_id in (ended.notice_id, waiting.notice_id):
            session.get(NoticeRow, notice_id).created_at -= timedelta(days=40)

    assert notices.prune(keep_days=30) == 1
    assert notices.statuses(ended.notice_id) == {}
    assert notices.statuses(waiting.notice_id) == {"pending": 2}
    assert notices.statuses(recent.notice_id) == {"sent": 2}
