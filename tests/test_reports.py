"""What members need (admin reports) and the privacy of members' questions, over the fake
Telegram and Zalo servers and the ``qa report`` command, on a small collection that does not
answer the questions asked here."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import update

from bot.conversation import Conversation, Incoming
from bot.run import serve as serve_bots
from bot_harness import ADMIN, ZALO_ADMIN, telegram_bot, zalo_bot, zalo_settings
from conftest import REPO, make_settings, run_qa, small_collection
from fake_telegram import Call, FakeTelegram, html_to_text
from fake_zalo import FakeZalo
from qa import messages
from qa.embed import Embedder
from qa.models import Answer
from qa.privacy import pseudonym
from qa.reports import SAME_QUESTION
from qa.service import QAService
from qa.store.db import _alembic_config, make_engine, upgrade
from qa.store.models import QuestionRow, utcnow

# Three wordings of one question the small collection does not answer, and another one.
ABROAD = [
    "Đảng viên đi nước ngoài cần xin phép ai?",
    "Ai cho phép đảng viên đi nước ngoài?",
    "Muốn ra nước ngoài thì đảng viên phải báo cáo với ai?",
]
DUES = "Mức đóng đảng phí của đảng viên hưu trí là bao nhiêu?"
ANSWERED = "Trường Đại học Công nghiệp Thực phẩm TP.HCM được thành lập trên cơ sở nào?"
COMMENT = "Thiếu quyết định sửa đổi năm 2020"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[QAService]:
    root = tmp_path_factory.mktemp("reports")
    documents = root / "documents"
    documents.mkdir()
    small_collection(documents)
    service = QAService(make_settings(documents, root / "index"), embedder)
    assert service.reindex().ok
    yield service
    service.close()


def query(service: QAService, sql: str, *params: object) -> list[tuple]:
    """Rows straight from the SQLite file, as anyone with the file would read them."""
    with closing(sqlite3.connect(service.settings.index_dir / "qa.sqlite3")) as db:
        return db.execute(sql, params).fetchall()


def count(service: QAService, table: str, column: str, value: object) -> int:
    return query(service, f"SELECT count(*) FROM {table} WHERE {column} = ?", value)[0][0]


def hashed(service: QAService, channel: str, raw_id: str) -> str:
    [(salt,)] = query(service, "SELECT value FROM app_state WHERE key = 'journal_salt'")
    return pseudonym(salt, channel, raw_id)


def to(chat: int):  # noqa: ANN201
    return lambda call: str(call.params.get("chat_id")) == str(chat)


async def reply_to(server: FakeTelegram, chat: int, count: int = 1) -> list[Call]:
    return await server.wait_for("sendMessage", to(chat), count=count, timeout=60)


async def zalo_replies(server: FakeZalo, chat: str, count: int) -> list[str]:
    await server.wait_for(
        "sendMessage", lambda c: c.params.get("chat_id") == chat, count=count, timeout=60
    )
    return server.sent_texts(chat)


def report_lines(call: Call) -> list[str]:
    return html_to_text(call.params["text"]).splitlines()


def test_the_threshold_separates_paraphrases_from_different_questions(
    service: QAService,
) -> None:
    """The pairs the threshold was chosen on: at least 29 of 32 on the right side."""
    pairs = [
        json.loads(line)
        for line in (REPO / "eval" / "report_pairs.jsonl").read_text("utf-8").splitlines()
    ]
    first = service.question_vectors([p["a"] for p in pairs])
    second = service.question_vectors([p["b"] for p in pairs])
    same = np.sum(first * second, axis=1) >= SAME_QUESTION
    right = sum(bool(s) == p["same"] for s, p in zip(same, pairs, strict=True))
    assert len(pairs) == 32 and right >= 29


def test_unanswered_questions_are_grouped_for_admins_on_telegram(service: QAService) -> None:
    members = [201, 202, 203, 204]

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            # one after another: the first wording asked stands for its group
            for member, question in zip(members, [*ABROAD, DUES], strict=True):
                server.push_text(question, user_id=member)
                await reply_to(server, member)
            server.push_text("/chuatraloi", user_id=members[0])
            refused = (await reply_to(server, members[0], count=2))[1]
            assert refused.params["text"] == messages.NOT_ADMIN

            server.push_text("/chuatraloi", user_id=ADMIN)
            server.push_text("/chuatraloi 30", user_id=ADMIN)
            server.push_text("/chuatraloi hôm qua", user_id=ADMIN)
            sent = await reply_to(server, ADMIN, count=3)
            usage = messages.REPORT_USAGE.format(command="chuatraloi")
            assert [c.params["text"] for c in sent].count(usage) == 1
            for report in [c for c in sent if c.params["text"] != usage]:
                lines = report_lines(report)
                three = [i for i, line in enumerate(lines) if f"[3 lần] {ABROAD[0]}" in line]
                one = [i for i, line in enumerate(lines) if f"[1 lần] {DUES}" in line]
                assert len(three) == 1 and len(one) == 1 and three[0] < one[0]
                others = [line.strip() for line in lines if any(q in line for q in ABROAD[1:])]
                assert sorted(others) == sorted(f"– {q}" for q in ABROAD[1:])
                assert sum(ABROAD[0] in line for line in lines) == 1

    asyncio.run(scenario())


def test_a_comment_after_thumbs_down_shows_in_the_feedback_report(service: QAService) -> None:
    member = 205

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            server.push_text(ANSWERED, user_id=member)
            [answer] = await reply_to(server, member)
            keyboard = answer.params["reply_markup"]["inline_keyboard"]
            bad = keyboard[-1][-1]
            assert bad["text"] == messages.FEEDBACK_BAD
            server.push_callback(
                bad["callback_data"], user_id=member, message=server.messages(member)[-1]
            )
            prompt = (await reply_to(server, member, count=2))[1]
            question_id = int(bad["callback_data"].split(":")[1])
            assert prompt.params["text"] == messages.FEEDBACK_COMMENT_PROMPT.format(id=question_id)
            assert prompt.params["reply_markup"]["force_reply"] is True

            server.push_text(COMMENT, user_id=member, reply_to_message=server.messages(member)[-1])
            saved = (await reply_to(server, member, count=3))[2]
            assert saved.params["text"] == messages.FEEDBACK_COMMENT_SAVED

            server.push_text("/danhgia", user_id=ADMIN)
            [report] = await reply_to(server, ADMIN)
            text = html_to_text(report.params["text"])
            assert f"#{question_id}" in text and ANSWERED in text
            assert re.search(r"^   \[1\] Quyết định .*thành lập", text, re.M)
            assert messages.REPORT_COMMENT.format(comment=COMMENT) in text
            await asyncio.sleep(1)
            assert len(server.sent_texts(member)) == 3  # the comment was not taken as a question

    asyncio.run(scenario())
    rows = query(
        service,
        "SELECT value, comment FROM feedback WHERE user_id = ?",
        hashed(service, "telegram", str(member)),
    )
    assert rows == [(-1, COMMENT)]


def test_a_member_deletes_their_own_history_on_telegram(service: QAService) -> None:
    leaving, staying = 206, 207

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            server.push_text(DUES, user_id=leaving)
            await reply_to(server, leaving)
            server.push_text(ANSWERED, user_id=leaving)
            server.push_text(ANSWERED, user_id=staying)
            await reply_to(server, leaving, count=2)
            [answer] = await reply_to(server, staying)
            good = answer.params["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
            # the leaving member rates the other member's answer too
            server.push_callback(good, user_id=leaving, message=server.messages(staying)[-1])
            await server.wait_for("answerCallbackQuery")

            server.push_text("/xoalichsu", user_id=leaving)
            confirm = (await reply_to(server, leaving, count=3))[2]
            assert confirm.params["text"] == messages.FORGET_CONFIRM
            [[yes, no]] = confirm.params["reply_markup"]["inline_keyboard"]
            shown = server.messages(leaving)[-1]
            server.push_callback(yes["callback_data"], user_id=staying, message=shown)
            await server.wait_for(
                "answerCallbackQuery", lambda c: c.params.get("text") == messages.FORGET_NOT_YOURS
            )
            server.push_callback(yes["callback_data"], user_id=leaving, message=shown)
            [done] = await server.wait_for("editMessageText")
            assert done.params["text"] == messages.FORGET_DONE.format(count=2)

    asyncio.run(scenario())
    gone, kept = (
        hashed(service, "telegram", str(leaving)),
        hashed(service, "telegram", str(staying)),
    )
    assert count(service, "questions", "user_id", gone) == 0
    assert count(service, "feedback", "user_id", gone) == 0
    assert count(service, "questions", "user_id", kept) == 1


def test_zalo_comment_history_and_report(service: QAService) -> None:
    member, other = "5e5e5e5e01", "5e5e5e5e02"
    business = [
        "Đảng viên có được kinh doanh không?",
        "Đảng viên có được phép mở doanh nghiệp, làm kinh tế tư nhân không?",
    ]

    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(service, server):
            server.push(server.make_text_update(ANSWERED, user_id=member))
            await zalo_replies(server, member, 1)
            server.push(server.make_text_update(f"/sai {COMMENT}", user_id=member))
            assert (await zalo_replies(server, member, 2))[1] == messages.FEEDBACK_COMMENT_SAVED
            stored = query(
                service,
                "SELECT value, comment FROM feedback WHERE user_id = ?",
                hashed(service, "zalo", member),
            )
            assert stored == [(-1, COMMENT)]

            for question in business:
                server.push(server.make_text_update(question, user_id=other))
                await zalo_replies(server, other, business.index(question) + 1)
            server.push(server.make_text_update("/chuatraloi", user_id=other))
            assert (await zalo_replies(server, other, 3))[2] == messages.NOT_ADMIN
            server.push(server.make_text_update("/chuatraloi 0", user_id=ZALO_ADMIN))
            await zalo_replies(server, ZALO_ADMIN, 1)  # messages are handled concurrently
            server.push(server.make_text_update("/chuatraloi 2", user_id=ZALO_ADMIN))
            usage, report = await zalo_replies(server, ZALO_ADMIN, 2)
            assert usage == messages.REPORT_USAGE.format(command="chuatraloi")
            assert re.search(rf"^\d+\. \[2 lần\] {re.escape(business[0])}$", report, re.M)
            assert f"   – {business[1]}" in report.splitlines()
            server.push(server.make_text_update("/danhgia", user_id=ZALO_ADMIN))
            rated = (await zalo_replies(server, ZALO_ADMIN, 3))[2]
            assert messages.REPORT_COMMENT.format(comment=COMMENT) in rated

            server.push(server.make_text_update("/xoalichsu", user_id=member))
            assert (await zalo_replies(server, member, 3))[2] == messages.FORGET_CONFIRM_ZALO
            server.push(server.make_text_update("/xoalichsu chắc", user_id=member))
            assert (await zalo_replies(server, member, 4))[3] == messages.FORGET_DONE.format(
                count=1
            )
            server.push(server.make_text_update("/nguon 1", user_id=member))  # forgotten too
            assert (await zalo_replies(server, member, 5))[4] == messages.SOURCE_NO_ANSWER

    asyncio.run(scenario())
    assert count(service, "questions", "user_id", hashed(service, "zalo", member)) == 0
    assert count(service, "feedback", "user_id", hashed(service, "zalo", member)) == 0
    assert count(service, "questions", "user_id", hashed(service, "zalo", other)) == 2


def test_no_raw_ids_are_stored_and_a_member_keeps_one_hash(service: QAService) -> None:
    conversation = Conversation(service)

    async def scenario() -> None:
        for channel, user in [("telegram", "209"), ("zalo", "5e5e5e5e09")]:
            first = await conversation.ask(Incoming(channel, user, user, DUES))
            await conversation.ask(Incoming(channel, user, user, ANSWERED))
            assert await conversation.feedback(first.question_id, user, False, COMMENT)
        group = await conversation.ask(Incoming("telegram", "-100777", "209", ANSWERED))
        assert await conversation.feedback(group.question_id, "209", True)

    try:
        asyncio.run(scenario())
    finally:
        conversation.close()
    raw = {"209", "5e5e5e5e09", "-100777", "5e5e5e5e01", "5e5e5e5e02"}
    raw |= {str(n) for n in range(201, 208)} | {str(ADMIN), ZALO_ADMIN}
    ids = [v for row in query(service, "SELECT chat_id, user_id FROM questions") for v in row]
    ids += [v for (v,) in query(service, "SELECT user_id FROM feedback")]
    assert ids and not raw & set(ids)
    assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in ids)
    member = hashed(service, "telegram", "209")
    asked = query(service, "SELECT chat_id FROM questions WHERE user_id = ? ORDER BY id", member)
    assert len(asked) == 3 and count(service, "feedback", "user_id", member) == 2
    assert asked[2] == (hashed(service, "telegram", "-100777"),)  # the group, hashed too
    assert hashed(service, "zalo", "209") != member  # the channel is part of the hash


def test_questions_past_the_retention_are_deleted(service: QAService) -> None:
    journal = service.journal
    answer = service.ask(DUES)
    ids = [
        journal.record(
            channel="telegram",
            chat_id="210",
            user_id="210",
            question=DUES,
            searched=DUES,
            answer=answer,
            build_id=None,
        )
        for _ in range(3)
    ]
    assert journal.give_feedback(ids[0], "210", -1, "cũ")
    with service._sessions.begin() as session:
        for question_id, age in zip(ids, (journal.keep_days + 1, journal.keep_days - 1, 400)):
            session.execute(
                update(QuestionRow)
                .where(QuestionRow.id == question_id)
                .values(asked_at=utcnow() - timedelta(days=age))
            )
    assert journal.purge() == 2
    assert journal.sources(ids[0]) is None and journal.sources(ids[2]) is None
    assert journal.sources(ids[1]) is not None
    assert count(service, "feedback", "question_id", ids[0]) == 0

    # the bots' process deletes them when it starts
    with service._sessions.begin() as session:
        session.execute(
            update(QuestionRow)
            .where(QuestionRow.id == ids[1])
            .values(asked_at=utcnow() - timedelta(days=journal.keep_days + 2))
        )

    async def scenario() -> None:
        async with FakeZalo() as server:
            stop = asyncio.Event()
            running = asyncio.create_task(
                serve_bots(service, zalo_settings(server), ["zalo"], stop)
            )
            await server.wait_for("getUpdates", timeout=30)
            async with asyncio.timeout(30):
                while journal.sources(ids[1]) is not None:
                    await asyncio.sleep(0.1)
            stop.set()
            await running

    asyncio.run(scenario())


def test_qa_report_unanswered_csv_and_feedback_text(service: QAService) -> None:
    journal = service.journal
    lost = [
        "Thẻ đảng viên bị mất thì phải làm gì?",
        "Mất thẻ đảng viên thì phải làm sao?",
        "thẻ đảng viên bị mất thì phải làm gì",  # the same words: the same wording
    ]
    for number, question in enumerate(lost):
        answer = service.ask(question)
        assert answer.kind == "refusal"
        journal.record(
            channel="zalo",
            chat_id=f"cli{number}",
            user_id=f"cli{number}",
            question=question,
            searched=question,
            answer=answer,
            build_id=None,
        )
    answer = service.ask(ANSWERED)
    rated = journal.record(
        channel="zalo",
        chat_id="cli9",
        user_id="cli9",
        question=ANSWERED,
        searched=ANSWERED,
        answer=answer,
        build_id=None,
    )
    assert journal.give_feedback(rated, "cli9", -1, "  Câu trả lời   chưa đủ ý " + "x" * 600)
    where = (service.settings.documents_dir, service.settings.index_dir)

    result = run_qa(["report", "unanswered", "--csv", "--days", "3"], *where)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(messages.REPORT_UNANSWERED_COLUMNS)
    found = [row for row in rows[1:] if row[1] == lost[0]]
    assert len(found) == 1 and found[0][0] == "3" and found[0][2] == lost[1]
    assert [int(row[0]) for row in rows[1:]] == sorted(
        (int(row[0]) for row in rows[1:]), reverse=True
    )

    result = run_qa(["report", "feedback"], *where)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(messages.REPORT_FEEDBACK_HEADER.split("(")[0].format(days=7))
    assert f"#{rated} " in result.stdout and ANSWERED in result.stdout
    assert answer.citations and "   [1] " in result.stdout
    comment = "Câu trả lời chưa đủ ý " + "x" * (500 - len("Câu trả lời chưa đủ ý "))
    assert messages.REPORT_COMMENT.format(comment=comment) in result.stdout

    result = run_qa(["report", "feedback", "--csv", "--days", "0"], *where)
    assert result.returncode != 0  # at least one day


def test_the_migration_hashes_ids_stored_before_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(_alembic_config(engine), "0004")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO questions (id, channel, chat_id, user_id, question, searched, answered,"
            " kind, answer, sources, asked_at) VALUES (1, 'telegram', '-100', '42', 'q', 'q', 0,"
            " 'refusal', 'a', '[]', '2025-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO feedback (question_id, user_id, value, given_at)"
            " VALUES (1, '43', -1, '2025-01-01 00:00:00')"
        )
    upgrade(engine)
    with engine.connect() as connection:
        [salt] = connection.exec_driver_sql(
            "SELECT value FROM app_state WHERE key = 'journal_salt'"
        ).one()
        question = connection.exec_driver_sql("SELECT chat_id, user_id FROM questions").one()
        feedback = connection.exec_driver_sql("SELECT user_id FROM feedback").one()
    engine.dispose()
    assert tuple(question) == (
        pseudonym(salt, "telegram", "-100"),
        pseudonym(salt, "telegram", "42"),
    )
    assert tuple(feedback) == (pseudonym(salt, "telegram", "43"),)


def test_a_configured_salt_is_used_instead_of_the_stored_one(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "documents", tmp_path / "index", QA_JOURNAL_SALT="s3cret")
    service = QAService(settings)
    try:
        question_id = service.journal.record(
            channel="zalo",
            chat_id="c1",
            user_id="u1",
            question=DUES,
            searched=DUES,
            answer=Answer(DUES, "refusal", messages.NOT_ANSWERED),
            build_id=None,
        )
        with service._sessions() as session:
            row = session.get(QuestionRow, question_id)
        assert (row.chat_id, row.user_id) == (
            pseudonym("s3cret", "zalo", "c1"),
            pseudonym("s3cret", "zalo", "u1"),
        )
    finally:
        service.close()
