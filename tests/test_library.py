"""The library: /vanban filters and lists, document cards, the original file, and questions
asked within one document, over a small collection of five documents (23 passages) of
different types and years: on the service, the Telegram and Zalo bots (fake servers) and
the ``qa`` command."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.telegram import library as telegram_library
from bot_harness import telegram_bot, zalo_bot
from conftest import STARTER_DOCUMENTS, make_settings, run_qa, write
from fake_telegram import Call, FakeTelegram
from fake_zalo import FakeZalo
from qa import messages
from qa.answer import describe
from qa.embed import Embedder
from qa.library import LibraryFilter, document_key, parse_filter
from qa.service import QAError, QAService

DIRECTIVE = "chi-thi-05-ct-tu.txt"
REPORT = "bao-cao/quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"
TOBACCO = "van-ban-hanh-chinh/chi-thi-ve-viec-tang-cuong-hoat-dong-phong-chong-tac-hai-thuoc-la.txt"
RESOLUTION = (
    "van-ban-hanh-chinh/"
    "nghi-quyet-ve-chinh-sach-ho-tro-cho-mot-so-chuc-danh-tai-thon-xom-ban-to-nhan-dan-ap-dung.txt"
)
DECISION = (
    "van-ban-hanh-chinh/"
    "quyet-dinh-ve-viec-thanh-lap-truong-dai-hoc-cong-nghiep-thuc-pham-thanh-pho-ho-chi-minh.txt"
)
DIRECTIVE_TEXT = """TỈNH ỦY QUẢNG TRỊ
Số 05-CT/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Trị, ngày 15 tháng 4 năm 2021

CHỈ THỊ
về đẩy mạnh công tác phát triển đảng viên trong tình hình mới

Chỉ thị này thay thế Chỉ thị số 12-CT/TU ngày 10 tháng 3 năm 2016 của Ban Thường vụ Tỉnh ủy về \
công tác phát triển đảng viên.

I. Tình hình công tác phát triển đảng viên
Những năm qua, công tác phát triển đảng viên trên địa bàn tỉnh đạt nhiều kết quả; số đảng viên \
mới kết nạp hằng năm đều đạt và vượt chỉ tiêu. Tuy nhiên, việc tạo nguồn kết nạp đảng viên ở một \
số chi bộ nông thôn và doanh nghiệp ngoài nhà nước còn khó khăn.

II. Nhiệm vụ và giải pháp
1. Các cấp ủy đảng lập danh sách quần chúng ưu tú trước ngày 30 tháng 6 hằng năm và phân công \
đảng viên chính thức giúp đỡ từng quần chúng.
2. Chi bộ thôn, bản chưa có đảng viên phải có kế hoạch tạo nguồn, cử cán bộ tăng cường về sinh \
hoạt; mỗi năm kết nạp ít nhất một đảng viên.
3. Ban Tổ chức Tỉnh ủy hướng dẫn thủ tục kết nạp đảng viên, rút ngắn thời gian thẩm định hồ sơ \
xuống không quá 30 ngày làm việc.

III. Tổ chức thực hiện
Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy quán triệt Chỉ thị này đến chi bộ; \
định kỳ 6 tháng báo cáo kết quả phát triển đảng viên về Ban Thường vụ Tỉnh ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ
(Đã ký)
Lê Văn Minh
"""
# The tobacco directive is a district's (no header in the starter text): its sidecar numbers it
# 05 too, so that "ct 05" names two directives and "chỉ thị số 5 tỉnh ủy" one.
TOBACCO_SIDECAR = """number = "05/2010/CT-UBND"
issuer = "Ủy ban nhân dân Quận 10"
date = 2010-03-02
"""
# Its words are the report's ("Ban Tổ chức Tỉnh ủy … tham mưu"); the directive names them once.
WITHIN_QUESTION = "Ban Tổ chức Tỉnh ủy làm gì?"
MEMBER = 100
ZALO_MEMBER = "5e5e5e5e5e5e"


@pytest.fixture(scope="module")
def library_service(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[QAService]:
    root = tmp_path_factory.mktemp("library")
    documents = root / "documents"
    write(documents, DIRECTIVE, DIRECTIVE_TEXT)
    for path in (REPORT, TOBACCO, RESOLUTION, DECISION):
        source = STARTER_DOCUMENTS / path
        write(documents, path, source.read_text("utf-8"))
        sidecar = source.with_name(source.stem + ".meta.toml")
        if sidecar.exists():
            write(documents, str(Path(path).with_name(sidecar.name)), sidecar.read_text("utf-8"))
    write(documents, TOBACCO.replace(".txt", ".meta.toml"), TOBACCO_SIDECAR)
    service = QAService(make_settings(documents, root / "index"), embedder)
    report = service.reindex()
    assert report.ok and report.passages < 60
    yield service
    service.close()


def paths(documents) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.path for d in documents]


# --- filters, lookup, cards (the service) -------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("chi thi", LibraryFilter("Chỉ thị")),
        ("Chỉ thị", LibraryFilter("Chỉ thị")),
        ("CT", LibraryFilter("Chỉ thị")),
        ("nghi quyet 2009", LibraryFilter("Nghị quyết", 2009)),
        ("nq năm 2009", LibraryFilter("Nghị quyết", 2009)),
        ("quyết định", LibraryFilter("Quyết định")),
        ("qd", LibraryFilter("Quyết định")),
        ("quy dinh", LibraryFilter("Quy định")),
        ("kết luận", LibraryFilter("Kết luận")),
        ("bao cao", LibraryFilter("Báo cáo")),
        ("hướng dẫn", LibraryFilter("Hướng dẫn")),
        ("van ban khac", LibraryFilter("Văn bản khác")),
        ("2021 tỉnh ủy Quảng Trị", LibraryFilter(None, 2021, ("tinh", "uy", "quang", "tri"))),
        ("chỉ thị của UBND", LibraryFilter("Chỉ thị", None, ("uy", "ban", "nhan", "dan"))),
        ("", LibraryFilter()),
    ],
)
def test_a_filter_is_read_from_loose_words(words: str, expected: LibraryFilter) -> None:
    assert parse_filter(words, {"Chỉ thị", "Văn bản khác"}) == expected
    assert parse_filter(expected.words(), {"Văn bản khác"}) == expected  # for callback data


def test_the_library_filters_by_type_year_and_issuer_newest_first(
    library_service: QAService,
) -> None:
    for words in ("chi thi", "chỉ thị", "ct", "CHỈ THỊ"):
        assert paths(library_service.library(words).documents) == [DIRECTIVE, TOBACCO]
    assert paths(library_service.library("2021").documents) == [REPORT, DIRECTIVE]
    assert paths(library_service.library("tinh uy quang tri").documents) == [REPORT, DIRECTIVE]
    assert paths(library_service.library("chỉ thị ubnd").documents) == [TOBACCO]
    assert paths(library_service.library("nghi quyet 2009").documents) == [RESOLUTION]
    assert paths(library_service.library("nghị định").documents) == []
    everything = paths(library_service.library("").documents)
    # by date of issue, then the undated
    assert everything == [REPORT, DIRECTIVE, TOBACCO, RESOLUTION, DECISION]


@pytest.mark.parametrize(
    "query", ["05-CT/TU", "5-ct/tu", "chỉ thị số 5 tỉnh ủy", "chi thi 05 tinh uy", DIRECTIVE]
)
def test_one_document_found_by_a_loose_number(library_service: QAService, query: str) -> None:
    shelf = library_service.library(query)
    assert shelf.named and shelf.card is not None and shelf.card.path == DIRECTIVE
    assert library_service.find_document(query).path == DIRECTIVE


def test_a_loose_number_naming_several_documents_lists_them(library_service: QAService) -> None:
    for query in ("ct 05", "05", "chỉ thị số 5"):
        shelf = library_service.library(query)
        assert shelf.named and shelf.card is None
        assert paths(shelf.documents) == [DIRECTIVE, TOBACCO]
    with pytest.raises(QAError) as several:
        library_service.find_document("ct 05")
    assert DIRECTIVE in str(several.value) and TOBACCO in str(several.value)
    with pytest.raises(QAError, match="99-CT/TU"):
        library_service.find_document("99-CT/TU")


@pytest.mark.parametrize("question", ["Ai ký Chỉ thị 05-CT/TU?", "chi thi 05 tinh uy do ai ky"])
def test_who_signed_a_document_is_told_with_its_issuer_from_its_header(
    library_service: QAService, question: str
) -> None:
    answer = library_service.ask(question)
    assert answer.kind == "answer", answer.text
    lines = answer.text.splitlines()
    assert lines[0].startswith("Chỉ thị 05-CT/TU — ")
    assert lines[0].endswith(
        f"{messages.ISSUED_BY} Tỉnh ủy Quảng Trị; {messages.SIGNED_BY} Lê Văn Minh (Bí thư)"
    )
    assert lines[1] == "• «TỈNH ỦY QUẢNG TRỊ» [1]"


def test_an_issuer_only_a_sidecar_names_is_told_from_it(library_service: QAService) -> None:
    answer = library_service.ask("Chỉ thị về phòng chống tác hại thuốc lá do cơ quan nào ban hành?")
    assert answer.kind == "answer", answer.text
    lines = answer.text.splitlines()
    assert lines[0].endswith(f"{messages.ISSUED_BY} Ủy ban nhân dân Quận 10")
    assert lines[1].startswith("• «Chỉ thị về việc tăng cường hoạt động phòng, chống tác hại")


def test_the_card_holds_metadata_outline_links_and_size(library_service: QAService) -> None:
    card = library_service.card(document_key(DIRECTIVE))
    assert (card.meta.doc_type, card.meta.number, card.meta.issuer) == (
        "Chỉ thị",
        "05-CT/TU",
        "Tỉnh ủy Quảng Trị",
    )
    assert card.meta.signer == "Lê Văn Minh (Bí thư)" and card.meta.place == "Quảng Trị"
    assert card.outline == (
        "I. Tình hình công tác phát triển đảng viên",
        "II. Nhiệm vụ và giải pháp",
        "III. Tổ chức thực hiện",
    )
    assert card.states == (("replaces", "Chỉ thị 12-CT/TU"),)
    assert card.passages == len(library_service.snapshot().documents[DIRECTIVE])
    original = library_service.original_file(card.key)
    assert original.read_text("utf-8") == DIRECTIVE_TEXT


def test_a_question_within_a_document_cites_only_it(library_service: QAService) -> None:
    everywhere = library_service.ask(WITHIN_QUESTION)
    assert REPORT in {c.hit.passage.document_path for c in everywhere.citations}
    within = library_service.ask(WITHIN_QUESTION, document=DIRECTIVE)
    assert within.answered and within.citations
    assert {c.hit.passage.document_path for c in within.citations} == {DIRECTIVE}
    assert within.text.startswith(messages.LIBRARY_SEARCHED_IN.split("{")[0])
    assert "05-CT/TU" in within.text.splitlines()[0]
    assert library_service.ask("cảm ơn nhé", document=DIRECTIVE).kind == "small_talk"


@pytest.mark.parametrize(
    "question", ["chỉ thị", "chi thi", "Có những chỉ thị nào?", "danh sach chi thi", "các ct"]
)
def test_a_question_about_what_the_collection_holds_lists_its_documents(
    library_service: QAService, question: str
) -> None:
    answer = library_service.ask(question)
    assert answer.kind == "library" and not answer.citations, answer.text
    directive, tobacco = (library_service.find_document(p).meta for p in (DIRECTIVE, TOBACCO))
    assert answer.text.splitlines() == [
        "Bộ văn bản có 2 chỉ thị, mới nhất trước:",
        f"• {describe(directive)}",
        f"• {describe(tobacco)}",
        'Để hỏi về một văn bản, hãy nêu số hoặc tên của nó, ví dụ: "Chỉ thị 05-CT/TU nói về gì?"',
    ]


@pytest.mark.parametrize(
    ("question", "first_line", "documents"),
    [
        ("co bao nhieu van ban", "Bộ văn bản có 5 văn bản, mới nhất trước:", 5),
        ("nghị quyết năm 2009", "Bộ văn bản có 1 nghị quyết năm 2009, mới nhất trước:", 1),
        (
            "văn bản của tỉnh ủy quảng trị",
            "Bộ văn bản có 2 văn bản khớp với «văn bản của tỉnh ủy quảng trị», mới nhất trước:",
            2,
        ),
        ("có những thông tư nào?", "Bộ văn bản chưa có thông tư nào.", 0),
    ],
)
def test_a_listing_is_filtered_by_type_year_and_issuer(
    library_service: QAService, question: str, first_line: str, documents: int
) -> None:
    lines = library_service.ask(question).text.splitlines()
    assert lines[0] == first_line
    assert sum(line.startswith("• ") for line in lines) == documents


@pytest.mark.parametrize(
    "question",
    [
        "chỉ thị về phòng chống tác hại thuốc lá nói gì",  # what a document says
        "Chỉ thị 05-CT/TU nói gì?",  # a document named by number
        "tỉnh ủy chỉ thị gì về phát triển đảng viên",  # "chỉ thị" is what the body does
        "chỉ thị nói gì",  # which directive? (asked back)
        "hướng dẫn",  # a type the collection has none of, alone: it may ask for help
    ],
)
def test_a_question_about_what_documents_say_is_not_a_listing(
    library_service: QAService, question: str
) -> None:
    assert library_service.ask(question).kind != "library"


# --- Telegram ------------------------------------------------------------------------------------
def to(chat: int):  # noqa: ANN201
    return lambda call: str(call.params.get("chat_id")) == str(chat)


def buttons(call: Call) -> list[dict]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


async def sent(server: FakeTelegram, count: int) -> list[Call]:
    return await server.wait_for("sendMessage", to(MEMBER), count=count, timeout=60)


def test_telegram_library_card_original_and_question_within(
    library_service: QAService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(telegram_library, "PER_PAGE", 1)  # two directives: two pages

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(library_service, server) as conversation:
            server.push_text("/vanban chi thi", user_id=MEMBER)
            [listed] = await sent(server, 1)
            assert "Chỉ thị 05-CT/TU" in listed.params["text"]
            assert [b["callback_data"] for b in buttons(listed)] == [
                f"vb:{document_key(DIRECTIVE)}",
                "vbp:2:chi thi",
            ]
            page = server.messages(MEMBER)[-1]
            server.push_callback("vbp:2:chi thi", user_id=MEMBER, message=page)
            [edited] = await server.wait_for("editMessageText", timeout=60)
            assert (
                "05/2010/CT-UBND" in edited.params["text"] and "trang 2/2" in edited.params["text"]
            )
            assert f"vb:{document_key(TOBACCO)}" in [b["callback_data"] for b in buttons(edited)]

            server.push_text("/vanban 2021", user_id=MEMBER)
            year = (await sent(server, 2))[1]
            assert "«2021» (2)" in year.params["text"] and "1. Báo cáo" in year.params["text"]

            # a loose number without diacritics opens the card directly
            server.push_text("/vanban chi thi so 5 tinh uy", user_id=MEMBER)
            card = (await sent(server, 3))[2]
            text = card.params["text"]
            assert "Bố cục:" in text and "II. Nhiệm vụ và giải pháp" in text
            assert f"{messages.CARD_PASSAGES}: " in text and "thay thế Chỉ thị 12-CT/TU" in text
            key = document_key(DIRECTIVE)
            assert [b["callback_data"] for b in buttons(card)] == [f"vbf:{key}", f"vbq:{key}"]
            card_message = server.messages(MEMBER)[-1]

            # 📄 Bản gốc: the file itself, with its name
            server.push_callback(f"vbf:{key}", user_id=MEMBER, message=card_message)
            [upload] = await server.wait_for("sendDocument", timeout=60)
            assert upload.params["document"]["file_name"] == DIRECTIVE
            assert upload.params["document"]["data"] == DIRECTIVE_TEXT.encode("utf-8")

            # ❓ Hỏi trong văn bản này: the next question searches only the directive
            server.push_callback(f"vbq:{key}", user_id=MEMBER, message=card_message)
            scoped = (await sent(server, 4))[3]
            assert "05-CT/TU" in scoped.params["text"]
            server.push_text(WITHIN_QUESTION, user_id=MEMBER)
            answer = (await sent(server, 5))[4]
            assert "Tìm trong văn bản: Chỉ thị 05-CT/TU" in answer.params["text"]
            reply = await conversation.last_reply("telegram", str(MEMBER), str(MEMBER))
            assert reply is not None and reply.sources
            assert {s.path for s in reply.sources} == {DIRECTIVE}
            # …and only the next one
            server.push_text(WITHIN_QUESTION, user_id=MEMBER)
            await sent(server, 6)
            reply = await conversation.last_reply("telegram", str(MEMBER), str(MEMBER))
            assert REPORT in {s.path for s in reply.sources}

            # a vb:<key> button (as under a new-document notice) and /vb open a card
            server.push_callback(f"vb:{document_key(REPORT)}", user_id=MEMBER, message=page)
            server.push_text("/vb 05-CT/TU", user_id=MEMBER)
            texts = [c.params["text"] for c in (await sent(server, 8))[6:]]
            assert any(t.startswith("Báo cáo") and "Bố cục:" in t for t in texts)
            assert any(t.startswith("Chỉ thị 05-CT/TU") for t in texts)

    asyncio.run(scenario())


# --- Zalo ----------------------------------------------------------------------------------------
def test_zalo_library_card_original_and_question_within(library_service: QAService) -> None:
    async def scenario() -> None:
        async with FakeZalo() as server, zalo_bot(library_service, server) as bot:

            async def say(text: str, count: int) -> str:
                server.push(server.make_text_update(text, user_id=ZALO_MEMBER))
                await server.wait_for(
                    "sendMessage",
                    lambda c: c.params.get("chat_id") == ZALO_MEMBER,
                    count=count,
                    timeout=60,
                )
                return server.sent_texts(ZALO_MEMBER)[count - 1]

            assert (await say("/goc", 1)) == messages.LIBRARY_NO_CARD
            listed = await say("/vanban chi thi", 2)
            assert listed.splitlines()[1].startswith("1. Chỉ thị 05-CT/TU")
            assert listed.splitlines()[2].startswith("2. Chỉ thị 05/2010/CT-UBND")
            assert messages.LIBRARY_ZALO_HINT in listed
            assert (await say("/vb 3", 3)) == messages.VB_OUT_OF_RANGE.format(count=2)
            card = await say("/vb 1", 4)
            assert "Bố cục:" in card and "I. Tình hình công tác phát triển đảng viên" in card
            assert messages.CARD_ZALO_ACTIONS in card
            original = await say("/goc", 5)
            assert "không gửi được tệp" in original and DIRECTIVE in original
            answer = await say(f"/hoi {WITHIN_QUESTION}", 6)
            assert answer.startswith("Tìm trong văn bản: Chỉ thị 05-CT/TU")
            reply = await bot.handlers.conversation.last_reply("zalo", ZALO_MEMBER, ZALO_MEMBER)
            assert reply is not None and {s.path for s in reply.sources} == {DIRECTIVE}
            # a number opens a card too; /vanban with a number naming several lists them
            assert (await say("/vb 5-ct/tu", 7)).startswith("Chỉ thị 05-CT/TU")
            assert (await say("/vb nq 2009", 8)).startswith(messages.LIBRARY_NOT_FOUND[:20])
            several = await say("/vanban ct 05", 9)
            assert "1. Chỉ thị 05-CT/TU" in several and "2. Chỉ thị 05/2010/CT-UBND" in several

    asyncio.run(scenario())


# --- the qa command ------------------------------------------------------------------------------
def test_qa_ask_within_a_document(library_service: QAService) -> None:
    documents, index = library_service.settings.documents_dir, library_service.settings.index_dir
    done = run_qa(["ask", "--document", "05-CT/TU", "--json", WITHIN_QUESTION], documents, index)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["answered"] and answer["citations"]
    assert {c["document"] for c in answer["citations"]} == {DIRECTIVE}

    several = run_qa(["ask", "--document", "ct 05", WITHIN_QUESTION], documents, index)
    assert several.returncode == 1
    assert "Có nhiều văn bản khớp" in several.stderr and TOBACCO in several.stderr
    unknown = run_qa(["ask", "--document", "khong-co.txt", WITHIN_QUESTION], documents, index)
    assert unknown.returncode == 1 and "Không tìm thấy văn bản" in unknown.stderr

    listing = run_qa(["ask", "--json", "chỉ thị"], documents, index)
    assert json.loads(listing.stdout)["kind"] == "library"

    listed = run_qa(["docs", "--json", "chi", "thi"], documents, index)
    assert [d["document"] for d in json.loads(listed.stdout)] == [DIRECTIVE, TOBACCO]
