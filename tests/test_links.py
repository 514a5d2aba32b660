"""Documents that replace, amend or repeal others: detection on the sentences real documents
use, the links stored at reindex, answers from the older document that say so, and the
admin's confirm / undo from the command line and from Telegram."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot_harness import ADMIN, telegram_bot
from conftest import make_settings, run_qa
from fake_telegram import FakeTelegram, html_to_text
from official_fixtures import PARTY_TEXT
from qa import messages
from qa.index.links import CONFIRMED, DETECTED, UNDONE
from qa.ingest.links import detect_links
from qa.service import QAError, QAService

MEMBER = 100
NEWER = """ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY QUẢNG TRỊ
*
Số 12-CT/TU
Quảng Trị, ngày 10 tháng 3 năm 2023
CHỈ THỊ
của Ban Thường vụ Tỉnh ủy
về nâng cao chất lượng sinh hoạt chi bộ
Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy định kỳ mỗi quý rà soát, phân loại đảng viên và kịp \
thời đưa ra khỏi Đảng những đảng viên không còn đủ tư cách.
Chỉ thị này thay thế Chỉ thị số 05-CT/TU ngày 15/4/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh \
công tác phát triển đảng viên trong tình hình mới.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Quang Tùng
"""
QUESTION = "Chỉ thị 05-CT/TU yêu cầu tạo nguồn kết nạp đảng viên từ đâu?"
NOTICE = messages.REPLACED_BY.format(replaced_by="Chỉ thị 12-CT/TU")


# --- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "Chỉ thị này thay thế Chỉ thị số 05-CT/TU ngày 15/4/2021 của Ban Thường vụ Tỉnh ủy.",
            [("replaces", "05-CT/TU", "Chỉ thị")],
        ),
        (  # several numbers after one verb, then another verb
            "Nghị quyết này thay thế Nghị quyết 12/2005/NQ-HĐND, Nghị quyết 13/2006/NQ-HĐND và "
            "bãi bỏ Quyết định số 5/2004/QĐ-UBND.",
            [
                ("replaces", "12/2005/NQ-HĐND", "Nghị quyết"),
                ("replaces", "13/2006/NQ-HĐND", "Nghị quyết"),
                ("repeals", "05/2004/QĐ-UBND", "Quyết định"),
            ],
        ),
        (
            "Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký; thay thế Quyết định "
            "số 48/2004/QĐ-UB ngày 18/5/2004 của UBND tỉnh Nghệ An.",
            [("replaces", "48/2004/QĐ-UB", "Quyết định")],
        ),
        (
            "Điều 1. Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số "
            "15/2007/QĐ-UBND ngày 3/5/2007 như sau:",
            [("amends", "15/2007/QĐ-UBND", "Quyết định")],
        ),
        (
            "Bãi bỏ Quyết định số 291/QĐ-UBDT ngày 08 tháng 11 năm 2006 của Bộ trưởng.",
            [("repeals", "291/QĐ-UBDT", "Quyết định")],
        ),
        (  # repealing a part of a document amends it
            "Bãi bỏ khoản 2 Điều 3 Quyết định số 42/2004/QĐ-UBBT.",
            [("amends", "42/2004/QĐ-UBBT", "Quyết định")],
        ),
        (
            "Quyết định này có hiệu lực từ ngày ký; Quyết định số 15/2007/QĐ-UBND ngày 3/5/2007 "
            "của UBND tỉnh hết hiệu lực thi hành.",
            [("replaces", "15/2007/QĐ-UBND", "Quyết định")],
        ),
        # what this document does not say of itself
        ("Căn cứ Nghị định số 83/2010/NĐ-CP sửa đổi, bổ sung Nghị định số 11/2009/NĐ-CP;", []),
        ("Tỉnh ủy đã ban hành Chỉ thị số 12-CT/TU thay thế Chỉ thị số 05-CT/TU.", []),
        ("Chỉ thị số 05-CT/TU đã được thay thế bằng Chỉ thị số 12-CT/TU.", []),
        ("Cần bổ sung kinh phí theo Quyết định số 12/2005/QĐ-UBND.", []),
        ("Các quy định trước đây trái với Quyết định này đều bãi bỏ.", []),
        (
            "thay thế Quyết định số 39/2005/QĐ-UB và Quyết định số 156/2006/QĐ-UB về việc sửa "
            "đổi, bổ sung Quyết định số 39/2005/QĐ-UB.",
            [
                ("replaces", "39/2005/QĐ-UB", "Quyết định"),
                ("replaces", "156/2006/QĐ-UB", "Quyết định"),
            ],
        ),
    ],
)
def test_detects_what_a_document_says_of_older_ones(sentence: str, said: list[tuple]) -> None:
    found = detect_links(f"QUYẾT ĐỊNH\n{sentence}")
    assert [(link.relation, link.target_number, link.target_type) for link in found] == said
    assert all(link.evidence == sentence for link in found)


def test_its_own_number_is_no_link() -> None:
    text = "Nghị quyết số 20/2021/NQ-HĐND thay thế Nghị quyết số 12/2005/NQ-HĐND."
    assert [link.target_number for link in detect_links(text, "20/2021/NQ-HĐND")] == [
        "12/2005/NQ-HĐND"
    ]


# --- in the collection -----------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path, embedder) -> Iterator[QAService]:  # type: ignore[no-untyped-def]
    """An older directive and the one that replaces it, indexed."""
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "chi-thi-05.txt").write_text(PARTY_TEXT, "utf-8")
    (documents / "chi-thi-12.txt").write_text(NEWER, "utf-8")
    service = QAService(make_settings(documents, tmp_path / "index"), embedder)
    assert service.reindex().ok
    yield service
    service.close()


def sources_of(service: QAService) -> str:
    answer = service.ask(QUESTION)
    assert answer.kind == "answer"
    [cited] = {c.hit.passage.document_path for c in answer.citations}
    assert cited == "chi-thi-05.txt"
    assert "từ đoàn viên thanh niên" in answer.text
    return answer.text.split(messages.SOURCES)[1]


def test_answers_from_the_older_document_say_it_was_replaced(linked: QAService) -> None:
    [link] = linked.links()
    assert (link.source_path, link.relation, link.target, link.status) == (
        "chi-thi-12.txt",
        "replaces",
        "Chỉ thị 05-CT/TU",
        DETECTED,
    )
    assert link.target_paths == ("chi-thi-05.txt",)
    assert NOTICE in sources_of(linked)
    elsewhere = QAService(linked.settings, linked.embedder)  # another process: the CLI, a bot
    try:
        assert NOTICE in sources_of(elsewhere)

        linked.set_link_status(link.id, UNDONE)  # no reindex
        assert NOTICE not in sources_of(linked)
        time.sleep(1.1)  # the other process looks for changes once a second
        assert NOTICE not in sources_of(elsewhere)
        older = next(d for d in linked.documents() if d.path == "chi-thi-05.txt")
        assert older.meta.replaced_by is None

        assert linked.reindex(full=True).ok  # the text is read again: the decision stays
        assert [link.status for link in linked.links()] == [UNDONE]
        assert NOTICE not in sources_of(linked)

        linked.set_link_status(link.id, CONFIRMED)
        assert NOTICE in sources_of(linked)
    finally:
        elsewhere.close()
    with pytest.raises(QAError, match="Không có liên kết số 99"):
        linked.set_link_status(99, CONFIRMED)


def test_a_sidecar_still_wins(linked: QAService) -> None:
    documents = linked.settings.documents_dir
    (documents / "chi-thi-05.meta.toml").write_text('replaced_by = "Chỉ thị 20-CT/TU"', "utf-8")
    assert linked.reindex().ok
    older = next(d for d in linked.documents() if d.path == "chi-thi-05.txt")
    assert older.meta.replaced_by == "Chỉ thị 20-CT/TU"


def test_qa_links_lists_confirms_and_undoes(linked: QAService) -> None:
    documents, index = linked.settings.documents_dir, linked.settings.index_dir
    listed = run_qa(["links", "--json"], documents, index)
    assert listed.returncode == 0, listed.stderr
    [link] = json.loads(listed.stdout)
    assert (link["document"], link["relation"], link["target_number"], link["status"]) == (
        "chi-thi-12.txt",
        "replaces",
        "05-CT/TU",
        DETECTED,
    )
    assert link["target_documents"] == ["chi-thi-05.txt"]
    assert "thay thế Chỉ thị số 05-CT/TU" in link["evidence"]

    docs = json.loads(run_qa(["docs", "--json"], documents, index).stdout)
    assert {d["document"]: d["replaced_by"] for d in docs} == {
        "chi-thi-05.txt": "Chỉ thị 12-CT/TU",
        "chi-thi-12.txt": None,
    }

    undone = run_qa(["links", "undo", str(link["id"])], documents, index)
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.startswith(f"Đã huỷ liên kết #{link['id']}: Chỉ thị 12-CT/TU thay thế")
    text = run_qa(["links"], documents, index).stdout
    assert messages.DOC_LINK_STATUSES[UNDONE] in text
    assert "văn bản này đã được thay thế" not in run_qa(["docs"], documents, index).stdout

    missing = run_qa(["links", "confirm", "99"], documents, index)
    assert missing.returncode == 1 and "Không có liên kết số 99" in missing.stderr


def test_telegram_admin_confirms_and_undoes_members_are_refused(linked: QAService) -> None:
    [link] = linked.links()

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(linked, server):
            server.push_text("/lienket", user_id=MEMBER)
            [refused] = await server.wait_for("sendMessage", count=1)
            assert refused.params["text"] == messages.NOT_ADMIN

            server.push_text("/lienket", user_id=ADMIN)
            [listing] = await server.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN)
            text = html_to_text(listing.params["text"])
            assert f"#{link.id} Chỉ thị 12-CT/TU thay thế Chỉ thị 05-CT/TU" in text
            buttons = [b for row in listing.params["reply_markup"]["inline_keyboard"] for b in row]
            assert [b["callback_data"] for b in buttons] == [f"lkok:{link.id}", f"lkno:{link.id}"]

            message = next(m for m in server.messages(ADMIN) if "#" in m.get("text", ""))
            server.push_callback(f"lkno:{link.id}", user_id=MEMBER, message=message)
            await server.wait_for(
                "answerCallbackQuery", lambda c: c.params.get("text") == messages.NOT_ADMIN
            )
            assert [x.status for x in linked.links()] == [DETECTED]

            server.push_callback(f"lkno:{link.id}", user_id=ADMIN, message=message)
            [undone] = await server.wait_for(
                "sendMessage", lambda c: "Đã huỷ liên kết" in c.params["text"]
            )
            assert f"#{link.id}" in undone.params["text"]
            assert [x.status for x in linked.links()] == [UNDONE]

            server.push_text(f"/lienket xacnhan {link.id}", user_id=ADMIN)
            await server.wait_for("sendMessage", lambda c: "Đã xác nhận" in c.params["text"])
            assert [x.status for x in linked.links()] == [CONFIRMED]

            server.push_text("/docs", user_id=MEMBER)
            [docs] = await server.wait_for("sendMessage", lambda c: "trang 1/1" in c.params["text"])
            assert NOTICE in html_to_text(docs.params["text"])

            server.push_text("/lienket xoa 1", user_id=ADMIN)
            await server.wait_for(
                "sendMessage", lambda c: c.params["text"] == messages.DOC_LINK_USAGE
            )

    asyncio.run(scenario())
