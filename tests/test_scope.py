"""Small talk and questions outside the collection's subject get their own reply, never quotes;
short, abbreviated and unaccented questions on the documents are still answered. Over the real
index of the starter collection, with the shipped scope model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import assert_verbatim, make_settings, run_qa, small_collection, write
from qa import messages
from qa.followup import Thread, is_follow_up
from qa.scope import by_rule, question_after_opening, small_talk_reply
from qa.service import QAService

pytestmark = pytest.mark.starter


@pytest.mark.parametrize(
    "message",
    [
        "Xin chào",
        "chao ban",
        "Cảm ơn bạn nhiều nhé",
        "cam on nhe",
        "Bot ngu quá",
        "tam biet",
        "bạn là ai",
        "ban giup gi duoc",
        "ok",
        "👍",
        "hahaha",
        ":))",
        "giỏi quá",
        "chuẩn",  # approval, not a question on a standard
        "10 điểm",
    ],
)
def test_small_talk_gets_a_friendly_reply_without_quotes(
    starter_service: QAService, message: str
) -> None:
    answer = starter_service.ask(message)
    assert answer.kind == "small_talk"
    assert answer.citations == () and "«" not in answer.text
    assert messages.ABOUT_ME in answer.text and messages.TRY_ASKING in answer.text


@pytest.mark.parametrize(
    "message",
    [
        "Giá xăng RON 95 hôm nay?",
        "Mai Hà Nội có mưa không?",
        "Tôi bị ho và sốt thì nên uống thuốc gì?",
        "viết giúp tôi một bài thơ về mẹ",
        "Sông nào dài nhất thế giới?",
        "ket qua bong da viet nam thai lan toi qua",
        "Giá vé tàu hỏa Hà Nội đi Đà Nẵng dịp Tết là bao nhiêu?",
        "Đội tuyển bóng đá Việt Nam vô địch AFF Cup năm nào?",
    ],
)
def test_questions_outside_the_subject_are_declined(
    starter_service: QAService, message: str
) -> None:
    answer = starter_service.ask(message)
    assert answer.kind == "out_of_scope"
    assert answer.citations == ()
    assert answer.text.startswith(messages.OUT_OF_SCOPE)


# Chat typed without diacritics whose words, read with the documents' diacritics, look like
# Party text ("đảng buôn mà nội chuyển …"): read as members write, they are chat.
@pytest.mark.parametrize(
    "message",
    [
        "dang met qua ma van phai ngoi lam",
        "dang buon ma noi chuyen voi ban thay do han",
        "thoi to di ngu day, mai noi chuyen tiep nha",
    ],
)
def test_unaccented_chat_is_not_read_as_party_text(
    starter_service: QAService, message: str
) -> None:
    answer = starter_service.ask(message)
    assert answer.kind == "small_talk", answer.text
    assert answer.citations == ()


# Everyday questions that sound administrative (work, renting, tax, loans, insurance, papers):
# the documents hold state decisions on nearby subjects, none of which answers them.
@pytest.mark.parametrize(
    "message",
    [
        "nghỉ việc ngang thì công ty có được giữ lương tháng cuối không",
        "thuê trọ bị chủ nhà đuổi trước hạn thì đòi bồi thường thế nào",
        "vay tiêu dùng 50 triệu thì ngân hàng nào lãi thấp",
        "đóng bhxh tự nguyện mỗi tháng hết bao nhiêu tiền",
        "lam lai can cuoc bi mat mat bao lau",
        "quyet toan thue tncn cho nguoi lam tu do the nao",
        # read as for the documents, but not surely, and the passages no better than even odds
        "Mua đất vi bằng có an toàn không, sau này làm sổ được không?",
    ],
)
def test_everyday_questions_that_sound_administrative_get_no_quotes(
    starter_service: QAService, message: str
) -> None:
    answer = starter_service.ask(message)
    assert answer.kind in ("out_of_scope", "refusal"), answer.text
    assert answer.citations == ()


@pytest.mark.parametrize(
    "question",
    [
        "ct 05 noi gi",
        "phu cap bi thu chi bo bn",
        "ubkt do ai bau",
        "ai chu tri hoi nghi so ket cong tac to chuc xay dung dang",
        "Đảng viên được kết nạp ở Quảng Trị 6 tháng đầu năm 2021 là bao nhiêu?",
    ],
)
def test_short_and_unaccented_questions_on_the_documents_are_not_declined(
    starter_service: QAService, question: str
) -> None:
    assert starter_service.ask(question).kind in ("answer", "refusal")


_NEWS = """Cú sốc đúp cho Bush
Cá nhân Tổng thống Bush chưa bao giờ thực sự thân thiết với Tom DeLay, lãnh đạo đảng Cộng hoà trong Hạ viện vừa bị truy tố, nhưng nhân vật này luôn là vị đồng minh hùng mạnh nhất của ông.
Gần đây, đảng Cộng hoà liên tục gặp phải sóng gió, và mức ủng hộ tổng thống xuống dưới 45%.
"""


@pytest.mark.parametrize("question", ['Bài "Cú sốc đúp cho Bush" nói về chuyện gì?'])
def test_what_a_held_document_says_is_answered_whatever_its_subject(
    tmp_path: Path, embedder, question: str
) -> None:
    """A news item on American politics is off the collection's subject, but a member asking
    what that document of the collection says is answered with its outline; a question on
    the subject itself is still declined."""
    small_collection(tmp_path / "documents")
    write(tmp_path / "documents", "bai-viet/cu-soc-dup.txt", _NEWS)
    service = QAService(make_settings(tmp_path / "documents", tmp_path / "index"), embedder)
    service.reindex()
    answer = service.ask(question)
    assert answer.kind == "answer", answer.text
    assert "lãnh đạo đảng Cộng hoà trong Hạ viện" in answer.text
    assert_verbatim(service, answer)
    other = service.ask("Tổng thống Mỹ hiện nay là ai?")
    assert other.kind == "out_of_scope" and other.citations == ()


def test_a_question_naming_a_held_documents_title_is_for_the_documents(
    tmp_path: Path, embedder
) -> None:
    """Naming a document of the collection by its whole title ("Theo bài Cú sốc đúp cho Bush,
    …") puts a question in the documents' scope, as naming it by its number does, whatever
    the classifier makes of its subject."""
    small_collection(tmp_path / "documents")
    write(tmp_path / "documents", "bai-viet/cu-soc-dup.txt", _NEWS)
    service = QAService(make_settings(tmp_path / "documents", tmp_path / "index"), embedder)
    service.reindex()
    snapshot = service.snapshot()
    question = "Theo bài Cú sốc đúp cho Bush, ai là đồng minh hùng mạnh nhất của Tổng thống?"
    assert service.scope(question, snapshot).scope == "documents"
    assert service.ask(question).kind != "out_of_scope"
    assert service.scope("Tổng thống Mỹ hiện nay là ai?", snapshot).leaning == "out_of_scope"
    assert service.ask("Tổng thống Mỹ hiện nay là ai?").kind == "out_of_scope"


def test_rules_before_the_model() -> None:
    assert by_rule("😂😂") == "small_talk"
    assert by_rule("=))") == "small_talk"
    assert by_rule("hihi") == "small_talk"
    assert by_rule("kkkk") == "small_talk"
    assert by_rule("ct 05") == "documents"  # names a document: never declined
    assert by_rule("?") is None
    assert by_rule("UBKT do ai bầu?") == "documents"  # a body by its abbreviation, asked about
    assert by_rule("bch tw khoa 13 co bao nhieu uy vien") == "documents"
    assert by_rule("UBND") is None  # asks nothing
    # approval said alone; a question on a standard is no approval
    assert by_rule("quá chuẩn") == "small_talk"
    assert by_rule("dung roi ban") == "small_talk"
    assert by_rule("chuẩn nghèo là gì") is None
    # thanks and greetings that ask nothing are small talk; with a question they are not
    assert by_rule("xin chào") == "small_talk"
    assert by_rule("chào buổi sáng đồng chí") == "small_talk"
    assert by_rule("chào bot, cho hỏi đk vào đảng với") is None
    assert by_rule("chao ban, dang phi bao nhieu") is None
    assert by_rule("cảm ơn đồng chí, thông tin rất bổ ích cho chi bộ") == "small_talk"
    assert by_rule("tks ad") == "small_talk"
    assert by_rule("Xin cảm ơn đồng chí đã hỗ trợ") == "small_talk"  # "xin", a pronoun first
    assert by_rule("em cảm ơn ạ") == "small_talk"
    assert by_rule("Thật lòng cảm ơn, giải thích dễ hiểu hơn sách nhiều") == "small_talk"
    # "lần đầu" (first time) is no "ở đâu" (where)
    assert by_rule("xin chao, minh la dang vien moi, lan dau dung thu") == "small_talk"
    assert by_rule("xin chao, chi bo hop o dau") is None
    assert by_rule("chân thành cảm ơn") == "small_talk"
    assert by_rule("em cảm ơn, cho em hỏi thêm phí đảng viên hưu trí?") is None
    # leaving, or talking later: its "hỏi" asks nothing now
    assert by_rule("tạm biệt nha") == "small_talk"
    assert by_rule("dang hop, ti hoi tiep nhe") == "small_talk"
    assert by_rule("đi họp rồi, lát nói chuyện tiếp") == "small_talk"
    assert by_rule("tạm biệt, mà đảng phí tháng này đóng bao nhiêu?") is None
    assert by_rule("cảm ơn, còn cấp xã thì sao?") is None
    assert by_rule("cam on, the ai ky ban hanh") is None
    # about the assistant itself; a request to write something
    assert by_rule("bot biết tra cứu những loại văn bản nào?") == "small_talk"
    assert by_rule("ban co tro chuyen linh tinh duoc khong") == "small_talk"
    assert by_rule("bot co phai cua tinh uy lam ko") == "small_talk"  # who made it
    assert by_rule("Ai làm ra bot này vậy?") == "small_talk"
    assert by_rule("em hỗ trợ tra cứu gì thế") == "small_talk"  # "em": the assistant
    assert by_rule("ban co phai nhan vien van phong tinh uy ko") == "small_talk"  # what it is
    assert by_rule("bot là người thật hay máy vậy") == "small_talk"
    assert by_rule("Ngoài văn bản của Đảng ra bạn còn biết gì nữa không?") == "small_talk"
    assert by_rule("Mình có thể hỏi bạn những loại câu hỏi nào?") == "small_talk"
    assert by_rule("trợ lý có thể giúp mình những việc gì?") == "small_talk"
    assert by_rule("Bạn là chatbot của Tỉnh ủy phải không?") == "small_talk"  # what it is
    assert by_rule("bot co hieu tieng Anh khong") == "small_talk"
    assert by_rule("Ban là cơ quan tham mưu của tỉnh ủy phải không?") is None  # a board
    assert by_rule("ban tuyen giao co the giup gi cho chi bo") is None
    assert by_rule("hỏi bot về điều kiện kết nạp đảng") is None  # a question for the documents
    assert by_rule("em hỗ trợ hộ nghèo được những gì theo quyết định?") is None
    assert by_rule("Chỉ thị này do ai làm ra?") is None  # a document, not the assistant
    assert by_rule("mình là bí thư chi bộ, bạn có biết không?") == "small_talk"
    assert by_rule("bot biết điều kiện vào đảng không") is None  # a question for the documents
    assert by_rule("mình là bí thư chi bộ mới") == "small_talk"
    assert by_rule("em moi duoc ket nap dang thang truoc") == "small_talk"
    assert by_rule("Dạ, em ghi nhận thông tin rồi ạ") == "small_talk"
    assert by_rule("em hiểu rồi") == "small_talk"
    assert by_rule("em đã nộp hồ sơ, bao giờ có kết quả?") is None  # it asks
    assert by_rule("mình là bí thư chi bộ mới, phụ cấp bao nhiêu?") is None
    assert by_rule("viet giup minh don xin nghi phep") == "out_of_scope"
    assert by_rule("dịch giúp tôi đoạn này sang tiếng Anh") == "out_of_scope"
    assert by_rule("viết báo cáo tổng kết chi bộ cần những nội dung gì?") is None


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("chào bot, cho hỏi đk vào đảng với", "cho hỏi đk vào đảng với"),
        ("cam on ban, the con cap tinh?", "the con cap tinh?"),
        ("xin chào anh chị ạ, cho hỏi phí đảng viên?", "cho hỏi phí đảng viên?"),
        ("cam on ad nhe!!! the con cap xa thi sao", "the con cap xa thi sao"),
        ("chao ad, chi thi 05 noi gi", "chi thi 05 noi gi"),  # "chi thi", not "chị"
        ("chào, ban tổ chức có nhiệm vụ gì", "ban tổ chức có nhiệm vụ gì"),
        ("cảm ơn, đã giúp đỡ nhiều", "cảm ơn, đã giúp đỡ nhiều"),  # asks nothing: small talk
        ("alo co ai ko", "alo co ai ko"),  # no comma ends an opening
        ("Xin chào!", "Xin chào!"),
        ("chi bộ họp mấy lần, cảm ơn", "chi bộ họp mấy lần, cảm ơn"),
        ("tuyệt, thế kinh phí lấy từ đâu?", "thế kinh phí lấy từ đâu?"),  # taking in the answer
        ("oke cam on, ai ky quyet dinh do", "ai ky quyet dinh do"),
        ("hay quá, vậy cấp huyện ai chịu trách nhiệm?", "vậy cấp huyện ai chịu trách nhiệm?"),
        ("tuyệt vời, cảm ơn bot", "tuyệt vời, cảm ơn bot"),  # asks nothing
    ],
)
def test_a_greeting_or_thanks_before_a_question_is_left_out(message: str, question: str) -> None:
    assert question_after_opening(message) == question


def test_a_question_after_a_greeting_is_answered(starter_service: QAService) -> None:
    """Read whole, "hello bot, …" leaned to small talk and the question was declined."""
    answer = starter_service.ask("hello bot, cấm hút thuốc lá ở những nơi nào?")
    assert answer.kind == "answer", answer.text
    assert "cấm hút thuốc lá" in " ".join(c.quote for c in answer.citations)
    assert_verbatim(starter_service, answer)


def test_a_follow_up_after_praise_is_answered_in_its_thread(starter_service: QAService) -> None:
    """Before "tuyệt," was read as an opening, it hid the follow-up's "thế", and the message
    was declined as small talk or out of scope."""
    topic = "Chỉ thị về phòng chống tác hại thuốc lá giao Phòng Tài chính - Kế hoạch những việc gì?"
    question = "tuyệt, thế kinh phí lấy từ đâu?"
    assert is_follow_up(question)
    answer = starter_service.ask(question, thread=Thread(topic))
    assert answer.kind == "answer", answer.text
    assert "đảm bảo kinh phí" in " ".join(c.quote for c in answer.citations)
    assert_verbatim(starter_service, answer)


def test_the_reply_fits_what_was_said() -> None:
    assert small_talk_reply("cảm ơn nhé").startswith(messages.SMALL_TALK_OPENERS["thanks"])
    assert small_talk_reply("bye bot").startswith(messages.SMALL_TALK_OPENERS["goodbye"])
    assert small_talk_reply("bot ngu qua").startswith(messages.SMALL_TALK_OPENERS["complaint"])
    assert small_talk_reply("hay quá").startswith(messages.SMALL_TALK_OPENERS["thanks"])
    for greeting in ("alo", "chao buoi toi", "hi bot"):
        assert small_talk_reply(greeting).startswith(messages.SMALL_TALK_OPENERS["greeting"])
    for other in ("ừ", "test", "kể chuyện cười đi"):  # no greeting where none was said
        assert small_talk_reply(other).startswith(messages.ABOUT_ME)


def test_ask_json_tells_the_kind_of_reply(starter_service: QAService) -> None:
    folders = (starter_service.settings.documents_dir, starter_service.settings.index_dir)
    kinds = {}
    for message in ("Xin chào", "Giá vàng SJC hôm nay bao nhiêu?", "Ai chủ trì hội nghị sơ kết?"):
        result = run_qa(["ask", "--json", message], *folders)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        kinds[message] = (data["kind"], data["answered"], len(data["citations"]))
    assert kinds == {
        "Xin chào": ("small_talk", False, 0),
        "Giá vàng SJC hôm nay bao nhiêu?": ("out_of_scope", False, 0),
        "Ai chủ trì hội nghị sơ kết?": ("answer", True, kinds["Ai chủ trì hội nghị sơ kết?"][2]),
    }
    assert kinds["Ai chủ trì hội nghị sơ kết?"][2] >= 1


def test_the_terminal_chat_answers_small_talk(starter_service: QAService) -> None:
    folders = (starter_service.settings.documents_dir, starter_service.settings.index_dir)
    result = run_qa(["chat"], *folders, stdin="xin chào\nthoát\n")
    assert result.returncode == 0, result.stderr
    assert messages.ABOUT_ME in result.stdout and "«" not in result.stdout
