"""The bots' parts that need no chat server: settings, access, uploads, splitting, follow-ups,
log redaction."""

from __future__ import annotations

import logging
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from bot import logs
from bot.access import AccessPolicy
from bot.render import split, zalo_messages
from bot.settings import BotSettings
from bot.uploads import UploadRejected, check, safe_name, save
from factories import make_docx, pdf_bytes
from qa import messages
from qa.followup import is_follow_up, with_context


def test_settings_read_id_lists_and_build_access_policies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_ADMIN_IDS", " 11, 22 ,")
    monkeypatch.setenv("TELEGRAM_ALLOWED_CHAT_IDS", "-1001")
    monkeypatch.setenv("ZALO_ADMIN_IDS", "ab12")
    monkeypatch.setenv("BOT_ACCESS", "restricted")
    settings = BotSettings(_env_file=None)
    assert settings.telegram_admin_ids == {"11", "22"}
    policy = settings.telegram_access
    assert policy.is_admin("11") and not policy.is_admin("33")
    assert policy.admits("33", "-1001") and not policy.admits("33", "33")
    assert settings.zalo_access.is_admin("ab12")
    assert settings.telegram_token is None and settings.secrets() == []


def test_open_access_admits_everyone() -> None:  # the rate limit: tests/test_state.py
    assert AccessPolicy(True, frozenset(), frozenset(), frozenset()).admits("1", "1")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\x.TXT", "x.txt"),
        ("Chỉ thị 05-CT/TU.docx", "TU.docx"),
        ("Nghi quyet; rm -rf.md", "Nghi quyet_ rm -rf.md"),
        (".hidden.pdf", "hidden.pdf"),
    ],
)
def test_upload_names_are_made_safe(name: str, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize("name", ["..", "noextension", "/", ""])
def test_names_without_a_file_part_are_refused(name: str) -> None:
    with pytest.raises(UploadRejected, match=re.escape(messages.UPLOAD_BAD_NAME)):
        safe_name(name)


def test_uploads_are_checked_by_content(tmp_path: Path) -> None:
    docx = make_docx(tmp_path / "a.docx", "Chỉ thị", ["Nội dung."]).read_bytes()
    pdf = pdf_bytes(["Nghị quyết về công tác cán bộ."])
    assert check("a.docx", docx, 20) == "a.docx"
    assert check("a.pdf", pdf, 20) == "a.pdf"
    assert check("a.txt", "Văn bản.".encode(), 20) == "a.txt"
    zipped = BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("x.txt", "không phải docx")
    for name, data in [
        ("a.pdf", docx),  # a DOCX renamed to .pdf
        ("a.docx", zipped.getvalue()),  # a zip that is no Word document
        ("a.txt", b"\x00\x01binary"),
    ]:
        with pytest.raises(UploadRejected):
            check(name, data, 20)
    with pytest.raises(UploadRejected, match="quá lớn"):
        check("a.txt", b"x" * (1024 * 1024 + 1), 1)
    with pytest.raises(UploadRejected, match=re.escape(messages.UNSUPPORTED_TYPE)):
        check("a.xlsx", docx, 20)
    with pytest.raises(UploadRejected, match=re.escape(messages.EMPTY_FILE)):
        check("a.txt", b"  \n", 20)


def test_save_writes_inside_the_folder_only(tmp_path: Path) -> None:
    path = save(tmp_path / "tai-len", "a.txt", b"abc")
    assert path == (tmp_path / "tai-len" / "a.txt").resolve() and path.read_bytes() == b"abc"
    with pytest.raises(UploadRejected):
        save(tmp_path / "tai-len", "../b.txt", b"abc")
    assert not (tmp_path / "b.txt").exists()
    assert [p.name for p in (tmp_path / "tai-len").iterdir()] == ["a.txt"]  # no temp file left


def test_split_prefers_paragraphs_then_sentences_and_loses_nothing() -> None:
    text = "Đoạn một ngắn.\n\nCâu hai dài hơn một chút. Câu ba cũng vậy! Câu bốn?\n\nĐoạn cuối."
    assert split(text, 200) == [text]
    parts = split(text, 40)
    assert parts[0] == "Đoạn một ngắn."
    assert all(len(p) <= 40 for p in parts)
    assert " ".join(parts).split() == text.split()
    word = "a" * 50
    assert all(len(p) <= 20 for p in split(word, 20)) and "".join(split(word, 20)) == word
    long_answer = ("Chi bộ họp định kỳ mỗi tháng một lần. " * 120).strip()
    assert all(len(p) <= 2000 for p in zalo_messages(long_answer))
    assert all(p.endswith(".") for p in zalo_messages(long_answer))


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        ("còn nhiệm vụ nào khác?", True),
        ("ai chủ trì?", True),
        ("con nhiem vu nao khac", True),
        ("thế còn kết quả?", True),
        ("cảm ơn bạn nhiều nhé, thế còn kết quả của cấp huyện thì sao?", True),
        ("Chỉ thị 05 nói gì?", False),  # names a document
        ("Chỉ thị do ai ban hành?", False),
        ("Nhiệm vụ trọng tâm của công tác phát triển đảng viên năm 2022 là gì?", False),
    ],
)
def test_follow_up_questions_are_recognised(question: str, follows: bool) -> None:
    assert is_follow_up(question) is follows


def test_a_follow_up_is_searched_with_the_topic_of_the_previous_question() -> None:
    searched = with_context("ai chủ trì?", "Hội nghị sơ kết Chỉ thị 05 diễn ra khi nào?")
    assert searched.startswith("ai chủ trì")
    assert "Hội nghị sơ kết Chỉ thị 05" in searched and "khi" not in searched.split()
    greeted = with_context("ai chủ trì?", "chào bot, hội nghị sơ kết diễn ra khi nào?")
    assert "chào" not in greeted and "bot" not in greeted


def test_log_lines_never_show_secrets(capsys: pytest.CaptureFixture[str]) -> None:
    root, httpx = logging.getLogger(), logging.getLogger("httpx")
    saved = root.handlers[:], root.level, httpx.level
    try:
        logs.configure(["123:SECRET-token"])
        try:
            raise RuntimeError("POST https://api.telegram.org/bot123:SECRET-token/getMe failed")
        except RuntimeError:
            logging.getLogger("bot.test").exception("call to bot123:SECRET-token failed")
        logging.getLogger("httpx").info("HTTP Request: POST .../bot123:SECRET-token/getUpdates")
    finally:
        root.handlers, root.level, httpx.level = saved
    err = capsys.readouterr().err
    assert "SECRET-token" not in err
    assert "call to bot*** failed" in err and "RuntimeError" in err
