"""The Zalo bot end to end: polling and webhook against a fake Zalo Bot API server on 127.0.0.1,
answering from a real index of the starter collection."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot_harness import ZALO_ADMIN, free_port, zalo_bot
from fake_zalo import FakeZalo
from qa import messages
from qa.service import QAService
from qa.store.models import FeedbackRow, QuestionRow

pytestmark = pytest.mark.starter

MEMBER = "7f3a9c01b2d4e5f6"
CHAIRED = "Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng ngày 1/7/2021?"
CHAIR = "Phan Văn Phụng"
SECRET = "webhook-secret-for-tests"
HASTY = "4a5b6c7d8e9f"  # asks in one test only: the rate limit counts in the database


async def replies(server: FakeZalo, chat: str, count: int, timeout: float = 60) -> list[str]:
    await server.wait_for(
        "sendMessage", lambda c: c.params.get("chat_id") == chat, count=count, timeout=timeout
    )
    return server.sent_texts(chat)


def test_polling_question_source_and_feedback(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(starter_copy, server):
            assert server.calls("deleteWebhook")  # polling needs the webhook off
            server.push(server.make_text_update(CHAIRED, user_id=MEMBER))
            [answer] = await replies(server, MEMBER, 1)
            assert CHAIR in answer and messages.SOURCES in answer and "[1] Báo cáo" in answer
            assert "<b>" not in answer  # plain text
            assert server.calls("sendChatAction")[0].params["action"] == "typing"

            server.push(server.make_text_update("/nguon 1", user_id=MEMBER))
            server.push(server.make_text_update("/nguon 9", user_id=MEMBER))
            server.push(server.make_text_update("/dung", user_id=MEMBER))
            texts = await replies(server, MEMBER, 4)  # handled at once: in any order
            [source] = [t for t in texts[1:] if t.startswith("Nguồn [1]: Báo cáo")]
            assert "Trưởng Ban Tổ chức Tỉnh ủy Phan Văn Phụng chủ trì hội nghị." in source
            assert set(texts[1:]) - {source} == {
                messages.SOURCE_OUT_OF_RANGE.format(count=texts[0].count("\n[")),
                messages.FEEDBACK_THANKS,
            }

    asyncio.run(scenario())
    member = starter_copy.journal.hashed("zalo", MEMBER)  # stored as a salted hash
    with starter_copy._sessions() as session:
        question = session.scalars(
            select(QuestionRow).where(QuestionRow.user_id == member, QuestionRow.channel == "zalo")
        ).one()
        feedback = session.get(FeedbackRow, (question.id, member))
    assert CHAIR in question.answer and feedback.value == 1


def test_a_long_answer_is_split_under_the_limit(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(starter_copy, server, limit=250):
            server.push(server.make_text_update(CHAIRED, user_id=MEMBER))
            await replies(server, MEMBER, 2)
            await asyncio.sleep(1)
            parts = server.sent_texts(MEMBER)
            whole = starter_copy.ask(CHAIRED).text
            assert len(parts) >= 2 and all(len(p) <= 250 for p in parts)
            assert " ".join(parts).split() == whole.split()

    asyncio.run(scenario())


def test_follow_up_unsupported_events_and_both_result_shapes(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(starter_copy, server):
            server.single_object_results = True  # getUpdates with one object in "result"
            server.push(
                server.make_text_update(
                    "Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021 ở Quảng "
                    "Trị diễn ra khi nào?",
                    user_id=MEMBER,
                )
            )
            await replies(server, MEMBER, 1)
            server.push(server.make_text_update("ai chủ trì?", user_id=MEMBER))
            texts = await replies(server, MEMBER, 2)
            assert CHAIR in texts[1]
            server.push(server.make_sticker_update(user_id=MEMBER))
            server.push(server.make_image_update(user_id=MEMBER))
            texts = await replies(server, MEMBER, 4)
            assert texts[2:] == [messages.UNSUPPORTED_MESSAGE] * 2

    asyncio.run(scenario())


def test_small_talk_and_off_topic_questions_get_their_own_replies(
    starter_copy: QAService,
) -> None:
    async def scenario() -> None:
        newcomer = "5e5e5e5e5e5e"  # MEMBER's last answer (other tests) is in the database
        async with FakeZalo() as server, zalo_bot(starter_copy, server):
            server.push(server.make_text_update("chao ban", user_id=newcomer))
            [hello] = await replies(server, newcomer, 1)
            assert messages.ABOUT_ME in hello and "«" not in hello
            server.push(
                server.make_text_update("Giá vàng SJC hôm nay bao nhiêu?", user_id=newcomer)
            )
            gold = (await replies(server, newcomer, 2))[1]
            assert gold.startswith(messages.OUT_OF_SCOPE) and "«" not in gold
            server.push(server.make_text_update("/nguon 1", user_id=newcomer))
            assert (await replies(server, newcomer, 3))[2] == messages.SOURCE_NO_ANSWER

    asyncio.run(scenario())


def test_admin_and_member_commands(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(starter_copy, server):
            for command in ("/reindex", "/stats", "/help"):
                server.push(server.make_text_update(command, user_id=MEMBER))
                await replies(server, MEMBER, 1 + ["/reindex", "/stats", "/help"].index(command))
            member = server.sent_texts(MEMBER)
            assert member[:2] == [messages.NOT_ADMIN] * 2
            assert "/nguon" in member[2] and "/reindex" not in member[2]

            server.push(server.make_text_update("/help", user_id=ZALO_ADMIN))
            [admin_help] = await replies(server, ZALO_ADMIN, 1)
            assert "/reindex" in admin_help and "Telegram" in admin_help  # uploads are elsewhere
            server.push(server.make_text_update("/stats", user_id=ZALO_ADMIN))
            stats = (await replies(server, ZALO_ADMIN, 2))[1]
            assert stats.startswith("Thống kê:") and "Phiên bản chỉ mục" in stats
            server.push(server.make_text_update("/reindex", user_id=ZALO_ADMIN))
            texts = await replies(server, ZALO_ADMIN, 4, timeout=300)
            assert texts[2] == messages.REINDEX_STARTED
            assert texts[3].startswith("Lập chỉ mục xong")

    asyncio.run(scenario())


def test_webhook_checks_the_secret_and_drops_duplicates(starter_copy: QAService) -> None:
    port = free_port()
    settings = {
        "ZALO_WEBHOOK_URL": "https://bot.example.org/zalo-hook",
        "ZALO_WEBHOOK_SECRET": SECRET,
        "ZALO_WEBHOOK_LISTEN": "127.0.0.1",
        "ZALO_WEBHOOK_PORT": str(port),
    }
    url = f"http://127.0.0.1:{port}/zalo-hook"

    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(starter_copy, server, **settings):
            assert server.webhook_secret == SECRET
            update = server.make_text_update(CHAIRED, user_id=MEMBER)
            assert await server.deliver(url, update, None) == 403
            assert await server.deliver(url, update, "wrong-secret-value") == 403
            assert await server.deliver(url, update, SECRET) == 200
            assert await server.deliver(url, update, SECRET, under_result=True) == 200  # again
            [answer] = await replies(server, MEMBER, 1)
            assert CHAIR in answer
            await asyncio.sleep(2)
            assert len(server.sent_texts(MEMBER)) == 1  # the duplicate was dropped
            assert len(server.calls("sendChatAction")) >= 1

            other = server.make_text_update("ct 05 cua tinh uy noi ve gi", user_id="b1b2b3b4")
            assert await server.deliver(url, other, SECRET, under_result=True) == 200
            [second] = await replies(server, "b1b2b3b4", 1)
            assert "05-CT/TU" in second

    asyncio.run(scenario())


def test_restricted_access_and_rate_limit(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with (
            FakeZalo() as server,
            zalo_bot(
                starter_copy,
                server,
                BOT_ACCESS="restricted",
                ZALO_ALLOWED_USER_IDS=HASTY,
                BOT_QUESTIONS_PER_MINUTE="1",
            ),
        ):
            server.push(server.make_text_update(CHAIRED, user_id="0badc0de"))
            [refused] = await replies(server, "0badc0de", 1)
            assert refused == messages.NOT_ALLOWED
            server.push(server.make_text_update(CHAIRED, user_id=HASTY))
            await replies(server, HASTY, 1)
            server.push(server.make_text_update(CHAIRED, user_id=HASTY))
            texts = await replies(server, HASTY, 2)
            assert CHAIR in texts[0] and texts[1].startswith("Bạn hỏi nhanh quá")

    asyncio.run(scenario())
