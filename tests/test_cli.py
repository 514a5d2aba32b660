"""The ``qa`` command as people and scripts use it, in a real process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import run_qa
from qa import messages
from qa.service import QAService


def qa(
    where: QAService | tuple[Path, Path], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    if isinstance(where, QAService):
        where = (where.settings.documents_dir, where.settings.index_dir)
    return run_qa(list(args), *where, stdin=stdin)


def test_ask_json(starter_service: QAService) -> None:
    result = qa(
        starter_service,
        "ask",
        "--json",
        "Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng?",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answered"] is True
    first = data["citations"][0]
    assert first["document"].endswith(
        "quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"
    )
    assert first["type"] == "Báo cáo" and first["date"] == "2021-07-01"
    assert set(first) >= {"document", "title", "type", "number", "date", "section", "text", "score"}


def test_search_reads_questions_from_stdin(starter_service: QAService) -> None:
    questions = "chỉ thị 05 nói gì\n\nthành lập trường đại học công nghiệp thực phẩm\n"
    result = qa(starter_service, "search", "--top-k", "3", "--json", stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [len(line) for line in lines] == [3, 0, 3]
    assert "truong-dai-hoc-cong-nghiep-thuc-pham" in lines[2][0]["document"]


def test_docs_lists_the_collection(starter_service: QAService) -> None:
    result = qa(starter_service, "docs", "--json")
    documents = json.loads(result.stdout)
    assert len(documents) == 100
    by_path = {d["document"]: d for d in documents}
    report = by_path["bao-cao/quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"]
    assert report["type"] == "Báo cáo" and report["date"] == "2021-07-01"
    assert sum(1 for d in documents if d["type"] == "Quyết định") > 40


def test_chat_answers_until_exit(starter_service: QAService) -> None:
    result = qa(
        starter_service, "chat", stdin="Ai chủ trì hội nghị sơ kết ngày 1/7/2021?\n\nthoát\n"
    )
    assert result.returncode == 0, result.stderr
    assert "Phan Văn Phụng" in result.stdout
    assert messages.EMPTY_QUESTION in result.stdout


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", messages.EMPTY_QUESTION),
        ("   ", messages.EMPTY_QUESTION),
        ("đảng viên " * 500, messages.QUESTION_TOO_LONG.format(length=4999, limit=1000)),
        ("?!…", messages.NO_WORDS),
        ("What does directive 05 say about recruiting members?", messages.NOT_VIETNAMESE),
    ],
)
def test_bad_questions_get_a_clear_message(
    starter_service: QAService, question: str, message: str
) -> None:
    result = qa(starter_service, "ask", question)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert "Traceback" not in result.stderr


def test_index_never_built(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    for command in (["ask", "chỉ thị 05 nói gì"], ["docs"], ["search", "chỉ thị 05"], ["chat"]):
        result = qa((documents, tmp_path / "index"), *command, stdin="")
        assert result.returncode == 1, command
        assert result.stderr.strip() == messages.INDEX_NOT_BUILT
