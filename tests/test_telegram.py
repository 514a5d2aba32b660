"""The Telegram bot end to end: the real python-telegram-bot Application polls a fake Bot API
server on 127.0.0.1 over HTTP and answers from a real index of the starter collection."""

from __future__ import annotations

import asyncio
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from bot.render import telegram_messages
from bot_harness import ADMIN, free_port, telegram_bot
from conftest import STARTER_DOCUMENTS, make_settings, small_collection
from factories import (
    DIRECTIVE_ANSWER,
    DIRECTIVE_QUESTION,
    DIRECTIVE_SIGNER,
    DIRECTIVE_SUBJECT,
    FONT,
    libreoffice_convert,
    make_directive_docx,
    make_docx,
)
from fake_telegram import Call, FakeTelegram, html_to_text
from qa import messages
from qa.service import QAService
from qa.store.models import FeedbackRow, QuestionRow

pytestmark = pytest.mark.starter

MEMBER = 100
CHAIRED = "Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng ngày 1/7/2021?"
CHAIR = "Phan Văn Phụng"


def to(chat: int):  # noqa: ANN201
    return lambda call: str(call.params.get("chat_id")) == str(chat)


async def reply_to(
    server: FakeTelegram, chat: int, count: int = 1, timeout: float = 60
) -> list[Call]:
    return await server.wait_for("sendMessage", to(chat), count=count, timeout=timeout)


def buttons(call: Call) -> list[dict]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


def sent_message(server: FakeTelegram, chat: int, text_part: str) -> dict:
    return next(m for m in server.messages(chat) if text_part in m.get("text", ""))


def test_a_question_gets_a_cited_answer_with_sources_and_feedback(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text(CHAIRED, user_id=MEMBER)
            [answer] = await reply_to(server, MEMBER)
            text = answer.params["text"]
            assert answer.params["parse_mode"] == "HTML"
            assert CHAIR in text and "<b>Nguồn:</b>" in text and "[1] Báo cáo" in text
            typing = server.calls("sendChatAction")
            assert typing and typing[0].params["action"] == "typing"
            assert typing[0].at <= answer.at
            labels = [b["text"] for b in buttons(answer)]
            assert labels[0] == messages.SOURCE_BUTTON.format(number=1)
            assert labels[-2:] == [messages.FEEDBACK_GOOD, messages.FEEDBACK_BAD]

            # The source button shows the whole passage with its document's metadata.
            shown = sent_message(server, MEMBER, CHAIR)
            source = buttons(answer)[0]["callback_data"]
            server.push_callback(source, user_id=MEMBER, message=shown)
            [passage] = await server.wait_for(
                "sendMessage", lambda c: "Nguồn [1]" in c.params["text"]
            )
            assert "Báo cáo" in passage.params["text"] and "01/07/2021" in passage.params["text"]
            assert (
                "Trưởng Ban Tổ chức Tỉnh ủy Phan Văn Phụng chủ trì hội nghị."
                in passage.params["text"]
            )
            assert server.calls("answerCallbackQuery")

            # 👍 is stored with the question, the answer and its sources.
            good = buttons(answer)[-2]["callback_data"]
            server.push_callback(good, user_id=MEMBER, message=shown)
            await server.wait_for(
                "answerCallbackQuery", lambda c: c.params.get("text") == messages.FEEDBACK_THANKS
            )

    asyncio.run(scenario())
    with starter_copy._sessions() as session:
        question = session.scalars(select(QuestionRow).where(QuestionRow.question == CHAIRED)).one()
        feedback = session.scalars(
            select(FeedbackRow).where(FeedbackRow.question_id == question.id)
        ).one()
    assert question.answered and CHAIR in question.answer and question.channel == "telegram"
    assert question.sources[0]["path"].startswith("bao-cao/")
    member = starter_copy.journal.hashed("telegram", str(MEMBER))  # stored as a salted hash
    assert (feedback.user_id, feedback.value) == (member, 1)


def test_a_follow_up_is_understood_with_the_previous_question(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text(
                "Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021 ở Quảng Trị "
                "diễn ra khi nào?",
                user_id=MEMBER,
            )
            await reply_to(server, MEMBER)
            server.push_text("ai chủ trì?", user_id=MEMBER)
            follow_up = (await reply_to(server, MEMBER, count=2))[1]
            assert CHAIR in follow_up.params["text"]

    asyncio.run(scenario())


def test_members_commands_help_docs_and_recent(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            commands = await server.wait_for("setMyCommands", count=2)  # members, and the admin
            assert {c["command"] for c in commands[0].params["commands"]} == {
                "start",
                "help",
                "docs",
                "moi",
                "theodoi",
                "huytheodoi",
                "vanban",
                "xoalichsu",
            }
            assert "reindex" in {c["command"] for c in commands[1].params["commands"]}

            server.push_text("/start", user_id=MEMBER)
            [welcome] = await reply_to(server, MEMBER)
            assert messages.BOT_EXAMPLES.splitlines()[1] in html_to_text(welcome.params["text"])
            assert "/reindex" not in welcome.params["text"]

            server.push_text("/docs", user_id=MEMBER)
            [_, docs] = await reply_to(server, MEMBER, count=2)
            assert "trang 1/10" in docs.params["text"]
            [next_page] = buttons(docs)
            server.push_callback(
                next_page["callback_data"],
                user_id=MEMBER,
                message=sent_message(server, MEMBER, "trang 1/10"),
            )
            [edit] = await server.wait_for("editMessageText")
            assert "trang 2/10" in edit.params["text"] and "11. " in edit.params["text"]

            server.push_text("/moi", user_id=MEMBER)
            recent = (await reply_to(server, MEMBER, count=3))[2]
            assert recent.params["text"].startswith(messages.RECENT_HEADER)

            server.push_text("/khongco", user_id=MEMBER)
            server.push_sticker(user_id=MEMBER)
            sent = await reply_to(server, MEMBER, count=5)
            assert {c.params["text"] for c in sent[3:]} == {
                messages.UNKNOWN_COMMAND.format(command="/khongco"),
                messages.UNSUPPORTED_MESSAGE,
            }

    asyncio.run(scenario())


def test_small_talk_and_off_topic_questions_get_their_own_replies(
    starter_copy: QAService,
) -> None:
    """A greeting, an emoji and an off-topic question: no quotes, no buttons; a "cảm ơn"
    after an answer leaves that answer's thread and sources as they were."""

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text("Xin chào", user_id=MEMBER)
            server.push_text("🙂🙂", user_id=MEMBER + 1)
            server.push_text("Mai Hà Nội có mưa không?", user_id=MEMBER + 2)
            [hello] = await reply_to(server, MEMBER)
            [emoji] = await reply_to(server, MEMBER + 1)
            [weather] = await reply_to(server, MEMBER + 2)
            for reply in (hello, emoji):
                text = html_to_text(reply.params["text"])
                assert messages.ABOUT_ME in text and "«" not in text
            assert html_to_text(weather.params["text"]).startswith(messages.OUT_OF_SCOPE)
            assert all("reply_markup" not in r.params for r in (hello, emoji, weather))

            server.push_text(
                "Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021 ở Quảng Trị "
                "diễn ra khi nào?",
                user_id=MEMBER + 3,
            )
            await reply_to(server, MEMBER + 3)
            server.push_text("cảm ơn bot nhé", user_id=MEMBER + 3)
            thanks = (await reply_to(server, MEMBER + 3, count=2))[1]
            text = html_to_text(thanks.params["text"])
            assert text.startswith(messages.SMALL_TALK_OPENERS["thanks"]) and "«" not in text
            server.push_text("ai chủ trì?", user_id=MEMBER + 3)  # still the same thread
            chaired = (await reply_to(server, MEMBER + 3, count=3))[2]
            assert CHAIR in chaired.params["text"]

    asyncio.run(scenario())
    members = [starter_copy.journal.hashed("telegram", str(m)) for m in (MEMBER, MEMBER + 2)]
    with starter_copy._sessions() as session:
        kinds = {
            row.question: row.kind
            for row in session.scalars(select(QuestionRow).where(QuestionRow.user_id.in_(members)))
        }
    assert kinds["Xin chào"] == "small_talk"
    assert kinds["Mai Hà Nội có mưa không?"] == "out_of_scope"


def test_bad_questions_get_a_vietnamese_message(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text("x" * 3000, user_id=MEMBER)
            server.push_text("?!", user_id=MEMBER + 1)
            server.push_text(
                "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ tại Hà Nội năm 2010 là bao nhiêu?",
                user_id=MEMBER + 2,
            )
            [long] = await reply_to(server, MEMBER)
            [marks] = await reply_to(server, MEMBER + 1)
            [refused] = await reply_to(server, MEMBER + 2)
            assert long.params["text"].startswith("Câu hỏi quá dài")
            assert marks.params["text"] == messages.NO_WORDS
            assert refused.params["text"] == messages.NOT_ANSWERED
            assert "reply_markup" not in refused.params  # nothing to cite, nothing to rate

    asyncio.run(scenario())


def test_a_long_answer_is_split_at_sentence_boundaries(starter_copy: QAService) -> None:
    """The bot splits at the limit it is given; the real limit is checked on a real text below."""

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server, limit=300):
            server.push_text(CHAIRED, user_id=MEMBER)
            await server.wait_for("sendMessage", lambda c: "reply_markup" in c.params)
            parts = server.calls("sendMessage")  # the keyboard comes with the last part
            assert len(parts) >= 2
            assert all(len(p.params["text"]) <= 300 for p in parts)
            assert all("reply_markup" not in p.params for p in parts[:-1])
            assert buttons(parts[-1])  # the sources and feedback under the last part
            whole = starter_copy.ask(CHAIRED).text
            shown = " ".join(html_to_text(p.params["text"]) for p in parts)
            assert shown.split() == whole.split()

    asyncio.run(scenario())


def test_texts_longer_than_telegram_allows_are_split_into_valid_messages() -> None:
    report = (STARTER_DOCUMENTS / "bao-cao").glob("*.txt")
    text = next(report).read_text("utf-8") * 2  # > 4096 characters of real text
    assert len(text) > 8192
    parts = telegram_messages(text)
    assert len(parts) >= 3 and all(len(p) <= 4096 for p in parts)
    assert all(p.rstrip()[-1] in ".!?…;:»" or p.endswith("\n") or "\n" in p for p in parts)
    assert (
        " ".join(parts).split()
        == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split()
    )


def test_admin_uploads_a_docx_and_members_then_find_it(
    starter_copy: QAService, tmp_path: Path
) -> None:
    docx = make_docx(
        tmp_path / "chi-thi.docx",
        "CHỈ THỊ số 09-CT/TU về tăng cường sinh hoạt chi bộ ở khu dân cư",
        [
            "Ban Thường vụ Tỉnh ủy yêu cầu các chi bộ khu dân cư duy trì sinh hoạt định kỳ "
            "vào ngày mùng 5 hằng tháng và mời trưởng khu phố dự họp.",
            "Bí thư chi bộ chịu trách nhiệm báo cáo kết quả sinh hoạt chuyên đề về phòng chống "
            "rác thải nhựa lên Đảng ủy phường trước ngày 15 tháng 12 hằng năm.",
        ],
    ).read_bytes()

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_document(
                user_id=ADMIN,
                data=docx,
                file_name="chi-thi-09.docx",
                mime_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            [done] = await server.wait_for(
                "editMessageText", lambda c: "Đã thêm" in c.params["text"], timeout=120
            )
            assert "tai-len/chi-thi-09.docx" in done.params["text"]
            assert "Chỉ thị" in done.params["text"] and "09-CT/TU" in done.params["text"]
            assert "đoạn" in done.params["text"]

            server.push_text("chi bo khu dan cu sinh hoat vao ngay nao hang thang", user_id=MEMBER)
            [answer] = await reply_to(server, MEMBER)
            assert "ngày mùng 5 hằng tháng" in answer.params["text"]
            assert "09-CT/TU" in answer.params["text"]

    asyncio.run(scenario())
    assert (
        starter_copy.settings.documents_dir / "tai-len" / "chi-thi-09.docx"
    ).read_bytes() == docx


def test_uploads_stay_inside_the_documents_folder_and_are_checked(starter_copy: QAService) -> None:
    documents = starter_copy.settings.documents_dir
    text = "Nghị quyết về công tác kiểm tra, giám sát của chi bộ trong năm 2025.".encode()

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_document(
                user_id=ADMIN, data=text, file_name="../../ngoai.txt", mime_type="text/plain"
            )
            await server.wait_for(
                "editMessageText", lambda c: "Đã thêm" in c.params["text"], timeout=120
            )
            server.push_document(
                user_id=ADMIN,
                data=b"not a pdf at all",
                file_name="gia.pdf",
                mime_type="application/pdf",
            )
            [rejected] = await server.wait_for(
                "editMessageText", lambda c: "Không thêm được tệp gia.pdf" in c.params["text"]
            )
            assert "PDF" in rejected.params["text"]

    asyncio.run(scenario())
    assert (documents / "tai-len" / "ngoai.txt").read_bytes() == text
    assert not (documents.parent / "ngoai.txt").exists()
    assert not (documents / "tai-len" / "gia.pdf").exists()


def test_members_cannot_reindex_upload_or_see_stats(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text("/reindex", user_id=MEMBER)
            server.push_text("/stats", user_id=MEMBER)
            server.push_text("/xoa 05", user_id=MEMBER)
            server.push_document(
                user_id=MEMBER, data=b"Chi bo hop.", file_name="a.txt", mime_type="text/plain"
            )
            sent = await reply_to(server, MEMBER, count=4)
            assert [c.params["text"] for c in sent] == [messages.NOT_ADMIN] * 4
            assert not server.calls("getFile")

    asyncio.run(scenario())
    assert not (starter_copy.settings.documents_dir / "tai-len" / "a.txt").exists()


def test_questions_during_a_reindex_are_all_answered(starter_copy: QAService) -> None:
    documents = starter_copy.settings.documents_dir
    new = documents / "moi"
    new.mkdir()
    for name in sorted((STARTER_DOCUMENTS / "van-ban-hanh-chinh").glob("*.txt"))[:3]:
        # The same texts under a new heading: new content to embed, about 20 passages.
        (new / name.name).write_text("Bản sao lưu\n\n" + name.read_text("utf-8"), "utf-8")
    members = [MEMBER + i for i in range(6)]

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text("/reindex", user_id=ADMIN)
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.REINDEX_STARTED
            )
            for member in members:
                server.push_text(CHAIRED, user_id=member)
                await asyncio.sleep(0.3)
            answers = [(await reply_to(server, m))[0] for m in members]
            assert all(CHAIR in a.params["text"] for a in answers)
            [summary] = await server.wait_for(
                "editMessageText",
                lambda c: c.params["text"].startswith("Lập chỉ mục xong"),
                timeout=300,
            )
            assert "3 văn bản mới" in summary.params["text"]
            assert min(a.at for a in answers) < summary.at  # answered while the reindex ran
            progress = [
                c for c in server.calls("editMessageText") if "đã nhúng" in c.params["text"]
            ]
            assert progress

    asyncio.run(scenario())
    shutil.rmtree(new)
    assert len(starter_copy.reindex().removed) == 3  # the shared copy as the next tests expect


def test_restricted_access_admits_listed_users_and_group_members(starter_copy: QAService) -> None:
    group = -500

    async def scenario() -> None:
        async with (
            FakeTelegram() as server,
            telegram_bot(
                starter_copy,
                server,
                BOT_ACCESS="restricted",
                TELEGRAM_ALLOWED_USER_IDS="100",
                TELEGRAM_ALLOWED_CHAT_IDS=str(group),
            ),
        ):
            server.set_member(group, 400, "member")
            server.push_text(CHAIRED, user_id=300)  # nobody
            server.push_text(CHAIRED, user_id=400)  # a member of the allowed group
            server.push_text(CHAIRED, user_id=100)  # listed
            [stranger] = await reply_to(server, 300)
            assert stranger.params["text"] == messages.NOT_ALLOWED
            for allowed in (400, 100):
                [answer] = await reply_to(server, allowed)
                assert CHAIR in answer.params["text"]

    asyncio.run(scenario())


def test_in_a_group_only_mentions_and_replies_are_answered(starter_copy: QAService) -> None:
    group = -700

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            chatter = dict(chat_id=group, chat_type="supergroup")
            server.push_text("Chiều nay chi bộ họp lúc mấy giờ nhỉ?", user_id=MEMBER, **chatter)
            server.push_text("Ai chủ trì hội nghị hôm qua vậy?", user_id=MEMBER + 1, **chatter)
            server.push_text(f"@qa_test_bot {CHAIRED}", user_id=MEMBER + 2, **chatter)
            [answer] = await reply_to(server, group)
            assert CHAIR in answer.params["text"]
            await asyncio.sleep(2)
            assert len(server.calls("sendMessage")) == 1  # the chatter got no reply

            mine = sent_message(server, group, CHAIR)
            server.push_text(
                "ct 05 cua tinh uy noi ve gi", user_id=MEMBER, reply_to_message=mine, **chatter
            )
            [_, second] = await reply_to(server, group, count=2)
            assert "05-CT/TU" in second.params["text"]

    asyncio.run(scenario())


def test_rate_limit_and_network_errors(starter_copy: QAService) -> None:
    async def scenario() -> None:
        async with (
            FakeTelegram() as server,
            telegram_bot(starter_copy, server, BOT_QUESTIONS_PER_MINUTE="2"),
        ):
            server.fail_next("sendMessage", times=1, status=502)
            hasty = MEMBER + 9  # the limit counts in the database: MEMBER asked in other tests
            for _ in range(3):
                server.push_text(CHAIRED, user_id=hasty)
                await asyncio.sleep(0.5)
            await reply_to(server, hasty, count=4)  # the failed attempt and three replies
            await asyncio.sleep(1)
            failed, *delivered = server.sent_texts(hasty)
            assert len(delivered) == 3  # one reply each, none sent twice
            assert failed in delivered  # the answer that met the 502 was sent again
            assert sum(CHAIR in t for t in delivered) == 2
            assert sum(t.startswith("Bạn hỏi nhanh quá") for t in delivered) == 1

    asyncio.run(scenario())


def test_webhook_mode_checks_the_secret_header(starter_copy: QAService) -> None:
    port, secret = free_port(), "telegram-webhook-secret"
    url = f"http://127.0.0.1:{port}/telegram"

    async def post(update: dict, token: str | None) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": token} if token else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, json=update, headers=headers) as response,
        ):
            return response.status

    async def scenario() -> None:
        async with (
            FakeTelegram() as server,
            telegram_bot(
                starter_copy,
                server,
                TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram",
                TELEGRAM_WEBHOOK_SECRET=secret,
                TELEGRAM_WEBHOOK_PORT=str(port),
            ),
        ):
            [registered] = server.calls("setWebhook")
            assert registered.params["url"] == "https://bot.example.org/telegram"
            assert registered.params["secret_token"] == secret
            update = server.push_text(CHAIRED, user_id=MEMBER)  # the body Telegram would post
            assert await post(update, None) == 403
            assert await post(update, "wrong") == 403
            assert await post(update, secret) == 200
            [answer] = await reply_to(server, MEMBER)
            assert CHAIR in answer.params["text"]
            assert not server.calls("getUpdates")

    asyncio.run(scenario())


def test_admin_removes_a_document_after_confirming(starter_copy: QAService) -> None:
    documents = starter_copy.settings.documents_dir
    [target] = list(
        (documents / "van-ban-hanh-chinh").glob("*thanh-lap-truong-dai-hoc-cong-nghiep*")
    )

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(starter_copy, server):
            server.push_text("/xoa dai-hoc-cong-nghiep", user_id=ADMIN)
            [confirm] = await reply_to(server, ADMIN)
            assert target.name in confirm.params["text"]
            yes, no = buttons(confirm)
            assert (yes["text"], no["text"]) == (messages.REMOVE_YES, messages.REMOVE_NO)
            prompt = sent_message(server, ADMIN, target.name)
            server.push_callback(no["callback_data"], user_id=ADMIN, message=prompt)
            await server.wait_for(
                "editMessageText", lambda c: c.params["text"] == messages.REMOVE_CANCELLED
            )
            assert target.exists()

            server.push_callback(yes["callback_data"], user_id=MEMBER, message=prompt)
            await server.wait_for(
                "answerCallbackQuery", lambda c: c.params.get("text") == messages.NOT_ADMIN
            )
            assert target.exists()

            server.push_callback(yes["callback_data"], user_id=ADMIN, message=prompt)
            [done] = await server.wait_for(
                "editMessageText", lambda c: "Đã xoá" in c.params["text"], timeout=120
            )
            assert "1 bị xoá" in done.params["text"]

    asyncio.run(scenario())
    assert not target.exists()
    assert list((starter_copy.settings.index_dir / "removed").glob(f"*/{target.name}"))
    assert all(d.path != f"van-ban-hanh-chinh/{target.name}" for d in starter_copy.documents())


# --- Uploads of every format: legacy Word files, photos -------------------------------------

PHOTO_LINES = [
    "THÔNG BÁO",
    "Kết luận của Thường trực Đảng ủy xã",
    "Đảng ủy xã giao chi bộ thôn Tân Lập tổ chức",
    "sinh hoạt chuyên đề về bảo vệ rừng vào ngày",
    "mùng 10 hằng tháng tại nhà văn hóa thôn.",
]


@pytest.fixture
def small_service(collection: Path, tmp_path: Path, embedder) -> Iterator[QAService]:
    """Three short documents indexed: uploads are added to a collection of their own."""
    small_collection(collection)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    assert service.reindex().ok
    yield service
    service.close()


def page_photo(lines: list[str], width: int = 1200, kind: str = "JPEG") -> bytes:
    """A page of text as a camera would give it: black on white, a few Vietnamese lines."""
    font = ImageFont.truetype(str(FONT), 36)
    image = Image.new("RGB", (1200, 80 + 60 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 40 + 60 * number), line, font=font, fill="black")
    if width != image.width:
        image = image.resize((width, image.height * width // image.width))
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def summary_lines(call: Call) -> list[str]:
    return call.params["text"].split("\n")


def test_admin_uploads_a_doc_sees_what_was_read_and_members_ask_about_it(
    small_service: QAService, tmp_path: Path
) -> None:
    [doc] = libreoffice_convert(
        [make_directive_docx(tmp_path / "chi-thi-05.docx")], ".doc", tmp_path
    )
    data = doc.read_bytes()

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(small_service, server):
            server.push_document(
                user_id=ADMIN, data=data, file_name="Chỉ thị 05.doc", mime_type="application/msword"
            )
            [done] = await server.wait_for(
                "editMessageText", lambda c: "Đã thêm" in c.params["text"], timeout=120
            )
            first, *fields = summary_lines(done)
            assert first.startswith("Đã thêm tai-len/Chỉ thị 05.doc (")
            assert fields == [  # no page count: a Word file has no fixed pages
                f"• {messages.FIELD_TYPE}: Chỉ thị",
                f"• {messages.FIELD_NUMBER}: 05-CT/TU",
                f"• {messages.FIELD_TITLE}: Chỉ thị {DIRECTIVE_SUBJECT}",
                f"• {messages.FIELD_ISSUER}: Tỉnh ủy Quảng Trị",
                f"• {messages.FIELD_DATE}: 15/04/2021",
                f"• {messages.FIELD_PLACE}: Quảng Trị",
                f"• {messages.FIELD_SIGNER}: {DIRECTIVE_SIGNER} (Bí thư)",
            ]

            server.push_text(DIRECTIVE_QUESTION, user_id=MEMBER)
            [answer] = await reply_to(server, MEMBER)
            shown = html_to_text(answer.params["text"])
            assert DIRECTIVE_ANSWER in shown and "[1] Chỉ thị 05-CT/TU" in shown

    asyncio.run(scenario())
    saved = small_service.settings.documents_dir / "tai-len" / "Chỉ thị 05.doc"
    assert saved.read_bytes() == data


def test_admin_sends_a_photo_or_an_image_file_and_its_page_is_read_by_ocr(
    small_service: QAService,
) -> None:
    photo = page_photo(PHOTO_LINES)
    thumbnail = page_photo(PHOTO_LINES, width=90)  # Telegram sends smaller sizes first
    scan = page_photo(
        ["CÔNG VĂN", "Chi bộ nộp báo cáo quý về Đảng ủy xã trước ngày 25."], kind="PNG"
    )
    ocr_line = f"• {messages.FIELD_PAGES}: 1 ({messages.PAGES_SCANNED.format(count=1)})"
    documents = small_service.settings.documents_dir

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(small_service, server):
            server.push_photo(user_id=ADMIN, sizes=[thumbnail, photo])
            [done] = await server.wait_for(
                "editMessageText", lambda c: "Đã thêm" in c.params["text"], timeout=120
            )
            first, pages, *_ = summary_lines(done)
            name = re.fullmatch(
                r"Đã thêm tai-len/(anh-\d{4}-\d\d-\d\d-[\w-]+\.jpg) \(\d+ đoạn\):", first
            )
            assert name and pages == ocr_line
            assert (documents / "tai-len" / name[1]).read_bytes() == photo  # the largest size

            server.push_text(
                "Chi bộ thôn Tân Lập sinh hoạt chuyên đề vào ngày nào?", user_id=MEMBER
            )
            [answer] = await reply_to(server, MEMBER)
            shown = html_to_text(answer.params["text"])
            assert "mùng 10 hằng tháng" in shown and messages.SCANNED in shown

            server.push_document(
                user_id=ADMIN, data=scan, file_name="cong-van.png", mime_type="image/png"
            )
            [done] = await server.wait_for(
                "editMessageText", lambda c: "tai-len/cong-van.png" in c.params["text"], timeout=120
            )
            assert summary_lines(done)[1] == ocr_line

    asyncio.run(scenario())


def test_uploads_of_members_and_files_that_are_not_what_they_say_are_refused(
    small_service: QAService, tmp_path: Path
) -> None:
    docx = make_docx(tmp_path / "a.docx", "Thông báo", ["Chi bộ họp vào ngày 5 hằng tháng."])
    photo = page_photo(PHOTO_LINES)
    pretenders = {  # file name: the content it claims, and what it really is
        "chi-thi.doc": ("DOC", "Chỉ thị này là văn bản thuần đặt đuôi .doc.".encode()),
        "ke-hoach.odt": ("ODT", docx.read_bytes()),
        "quet.png": ("PNG", photo),
        "bien-ban.rtf": ("RTF", b"\x00\x01 not rtf at all"),
    }

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(small_service, server):
            server.push_photo(user_id=MEMBER, sizes=[photo])
            server.push_document(
                user_id=MEMBER, data=photo, file_name="anh.jpg", mime_type="image/jpeg"
            )
            assert [c.params["text"] for c in await reply_to(server, MEMBER, count=2)] == [
                messages.NOT_ADMIN
            ] * 2
            assert not server.calls("getFile")

            for name, (kind, data) in pretenders.items():
                server.push_document(
                    user_id=ADMIN, data=data, file_name=name, mime_type="application/octet-stream"
                )
                reason = messages.UPLOAD_TYPE_MISMATCH.format(kind=kind)
                await server.wait_for(
                    "editMessageText",
                    lambda c, name=name, reason=reason: (
                        c.params["text"]
                        == messages.UPLOAD_REJECTED.format(name=name, reason=reason)
                    ),
                )

    asyncio.run(scenario())
    assert not (small_service.settings.documents_dir / "tai-len").exists()
