"""The messages whose scope needs no model: emoji, emoticons and laughter are small talk; a
message naming a document by its number ("ct 05", "Quyết định 15/2007/QĐ-UBND") is for the
documents, and so is a question naming a Party or state body by its abbreviation ("UBKT do
ai bầu?"); thanks and greetings that ask nothing ("cảm ơn đồng chí đã trả lời kịp thời",
"chào buổi sáng đồng chí") are small talk, while "cảm ơn, còn cấp xã thì sao?" is a follow-up
question and "chào bot, cho hỏi điều kiện vào Đảng" a question. Messages about the assistant
("bot biết tra cứu gì?") and a member telling about themselves without asking ("mình là bí thư
chi bộ mới") are small talk too, and so is approval said alone ("chuẩn", "10 điểm"); a request
to write or translate is out of scope."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from qa import messages
from qa.refs import find_refs
from qa.text import strip_accents

Scope = Literal["documents", "out_of_scope", "small_talk"]

_EMOTICON = re.compile(r"[:;=xX8][-']?[()\[\]dDpPoO3*|/\\]+|<3+|\^_*\^|[)(]{2,}|T_T|-_-")
# Matched on the accent-free, lower-case message.
_OKAY = r"ok|oke|okie|okay|vang|da"  # "ok", "vâng", "dạ"
# Thanks may open with "ok", "xin", a pronoun or an intensifier: "Xin cảm ơn đồng chí", "em
# cảm ơn ạ", "chân thành cảm ơn", "thật lòng cảm ơn".
_THANKS = re.compile(
    rf"\W*(?:(?:{_OKAY}|xin|em|minh|toi|tui|chau|con|chan thanh|rat|that su|that long)\W+){{0,2}}"
    r"(?:cam on|cam ta|thank|thanks|thx|tks)\b"
)
_GREETING = re.compile(r"\W*(?:xin\s+)?(?:chao|hello|hey|alo)\b")
# A word taking in the last answer, before a comma and a further question ("tuyệt, thế kinh
# phí lấy từ đâu?", "ok, còn cấp xã?").
_ACKNOWLEDGING = re.compile(rf"\W*(?:{_OKAY}|tuyet(?: voi)?|hay qua|ro roi|hieu roi|duoc roi)\b")
# Without diacritics "dau" is also "đầu" (first): "lần đầu", "bắt đầu", "ban đầu" ask nothing.
_ASKS = re.compile(
    r"\b(?:gi|nao|ai|sao|bao nhieu|bao gio|khi nao|(?<!lan )(?<!bat )(?<!ban )dau|may"
    r"|the nao|lam sao|co phai|khong|chua|hoi|giup|xin|tra cuu|tim)\b"
)
# About the assistant itself: what it can do, whether it knows the member, who made it, what it
# is ("bot biết tra cứu những loại văn bản nào", "bạn có trò chuyện linh tinh được không", "…,
# bạn có biết không?", "em hỗ trợ tra cứu gì thế", "bot có phải của tỉnh ủy làm không", "ai
# làm ra bot này", "bạn có phải nhân viên văn phòng tỉnh ủy ko", "bạn là chatbot của tỉnh ủy à",
# "bạn còn biết gì nữa", "bạn nói được tiếng Anh không", "mình có thể hỏi bạn những loại câu
# hỏi nào?"). Typed without diacritics "ban" is also a board ("Ban giúp việc làm gì?").
_ASSISTANT = r"(?:ban|bot|chatbot|tro ly)"
_ABOUT_ME = re.compile(
    rf"\b{_ASSISTANT}\s+(?:co the\s+|co\s+)?(?:biet\s+)?(?:tra cuu|tra loi|tro chuyen"
    rf"|noi chuyen|lam duoc|giup duoc)\b|\b(?:ban|bot)\s+co\s+biet\s+(?:khong|ko|k)\W*$"
    rf"|\b(?:{_ASSISTANT}|em)\s+(?:co the\s+)?(?:ho tro|giup(?! viec))\s+(?:\w+\s+){{0,3}}?"
    rf"(?:duoc\s+)?gi\b|\b{_ASSISTANT}\s+(?:co phai\s+(?:la\s+)?|la\s+)"
    r"(?:nguoi that|nhan vien|robot|chatbot|bot|tro ly|may)\b"
    rf"|\b{_ASSISTANT}(?:\s+nay)?\s+(?:co phai\s+)?(?:la\s+)?(?:cua|do)\s+(?:\w+\s+){{0,3}}?"
    r"(?:lam|tao|viet|lap trinh|phat trien)\b"
    r"|\b(?:bot|chatbot|tro ly)(?:\s+nay)?\s+(?:la\s+)?cua ai\b"
    rf"|\bai\s+(?:lam|tao|viet|lap trinh)\s+ra\s+{_ASSISTANT}\b"
    rf"|\b{_ASSISTANT}\s+(?:con\s+)?biet\s+(?:them\s+)?(?:gi|nhung gi)\b"
    rf"|\b{_ASSISTANT}\s+(?:co the\s+|co\s+)?(?:noi|hieu|doc|dich|viet)\s+(?:duoc\s+)?tieng\b"
    rf"|\bhoi\s+{_ASSISTANT}\s+(?:duoc\s+)?(?:(?:nhung|cac)\s+)?(?:loai\s+)?"
    r"(?:cau hoi|van de|chu de|linh vuc|gi)\b"
)
# The member telling about themselves, asking nothing ("mình là bí thư chi bộ mới", "em mới
# được kết nạp tháng trước", "dạ, em ghi nhận thông tin rồi ạ"): answered as small talk, not
# with quotes that guess a question.
_ABOUT_THEMSELVES = re.compile(
    r"^\W*(?:(?:da|vang|ok)\s+)?(?:toi|minh|em|tui|chau)\s+"
    r"(?:la|dang|moi|vua|thay|cam thay|bi|rat|qua|da|ghi nhan|hieu|nam)\b"
)
# A request to write or translate something for the member ("viết đơn xin việc", "dịch giúp
# tôi đoạn này"), not a question about what a document must hold ("viết báo cáo cần gì?").
_WRITE_FOR_ME = re.compile(
    r"^\W*(?:(?:hay|giup|lam on|nho)\s+(?:minh|toi|em|tui)?\s*)?(?:viet|soan|dich)\s+"
    r"(?:(?:giup|ho|cho)\s+)?(?:(?:minh|toi|em|tui)\s+)?(?:mot\s+|1\s+)?"
    r"(?:don|bai|thu|email|mail|tho|doan|cv|hop dong|cau|van)\b"
)
# A Party or state body named by the abbreviation members type for it ("UBKT do ai bầu?", "bch
# tw khoa 13 co bao nhieu uy vien"): a question about it is the documents' subject, however
# short (the classifier reads a few short words poorly).
_BODY = re.compile(r"\b(?:ubkt|bch|btv|bct|mttq|hdnd|ubnd)\b")
# Leaving, or talking later ("tạm biệt", "đi họp rồi, lát nói chuyện tiếp", "tí hỏi tiếp nhé"):
# its "hỏi" asks nothing now.
_LEAVING = re.compile(
    r"\b(?:tam biet|bye|bai bai|hen gap lai|ngu ngon|good night"
    r"|(?:lat|ti|chut|sau)\s+(?:nua\s+)?(?:hoi|noi chuyen|nhan tin|chat)(?:\s+(?:tiep|lai|sau))?)\b"
)
# Approval said alone ("chuẩn", "quá chuẩn", "10 điểm", "chính xác", "đúng rồi bot"): "chuẩn"
# is no question on a standard, "10 điểm" none on ten points.
_APPROVAL = re.compile(
    r"(?:(?:qua|rat|that|hoan toan)\s+)?(?:chuan|chinh xac|dung|10 diem|muoi diem|tuyet|gioi)"
    r"(?:\s+(?:roi|luon|qua|that|ghe|the|vay|a|nhe|nha|ban|bot|ad|khong can chinh))*"
)
_WRITING_ASKS = re.compile(r"\b(?:gi|nao|the nao|ra sao|bao nhieu|can|phai|quy dinh)\b")
_LAUGHTER = re.compile(r"(?:h[aeiuo]|k[aeiu])+h?|k{2,}|hi+|hu+|hic+|lol+|kk+|=+\)+|:+\)+|xd|ha+")


def _symbols_only(text: str) -> bool:
    """Emoji and emoticons only: no letter or digit and some symbol ("👍", ":))", "❤️"), or
    one emoticon that has letters ("xD", ":P")."""
    if any(ch.isalnum() for ch in text):
        return bool(_EMOTICON.fullmatch(text.replace(" ", "")))
    return any(unicodedata.category(ch) in ("So", "Sk", "Cs") for ch in text) or bool(
        _EMOTICON.search(text)
    )


def by_rule(text: str) -> Scope | None:
    """The scope of a message when a rule decides it, else None."""
    if _symbols_only(text):
        return "small_talk"
    words = re.findall(r"[^\W_]+|[:;=]+\)+", strip_accents(text).lower())
    if words and all(_LAUGHTER.fullmatch(word) for word in words):
        return "small_talk"
    if find_refs(text):
        return "documents"
    folded = " ".join(words)
    if _APPROVAL.fullmatch(folded):
        return "small_talk"
    asks = bool(_ASKS.search(folded)) or "?" in text
    if _ABOUT_ME.search(folded) or (_ABOUT_THEMSELVES.match(folded) and not asks):
        return "small_talk"
    if _WRITE_FOR_ME.match(folded) and not _WRITING_ASKS.search(folded):
        return "out_of_scope"
    if _BODY.search(folded) and asks:
        return "documents"
    if _LEAVING.search(folded) and not (_ASKS.search(_LEAVING.sub(" ", folded)) or "?" in text):
        return "small_talk"
    opening = _THANKS.match(folded) or _GREETING.match(folded)
    if opening and not (_ASKS.search(folded, opening.end()) or "?" in text):
        return "small_talk"
    return None


# Whom a greeting or thanks is said to, and the particles after it, up to the comma that ends
# the opening: "chào bot,", "cảm ơn ad nhé,", "xin chào anh chị ạ,".
_ADDRESSEE = re.compile(
    r"(?:\s+(?:bot|ad|admin|ban|em|anh|chi|dong chi|tro ly|moi nguoi|oi|nhe|nha|nhieu|a))*"
    r"\s*[,.!:;]+"
)


def question_after_opening(text: str) -> str:
    """What a message asks after a greeting, thanks or acknowledgement set off by a comma
    ("chào bot, cho hỏi điều kiện vào Đảng" → "cho hỏi điều kiện vào Đảng", "cảm ơn, còn cấp xã
    thì sao?" → "còn cấp xã thì sao?", "tuyệt, thế kinh phí lấy từ đâu?"): the opening reads
    as small talk to the classifier and shares words with the documents ("bot"); the message
    itself when it opens otherwise or asks nothing ("cảm ơn, đã giúp đỡ nhiều")."""
    lowered = strip_accents(text).lower()
    opening = _THANKS.match(lowered) or _GREETING.match(lowered) or _ACKNOWLEDGING.match(lowered)
    if opening is None or len(lowered) != len(text):  # offsets differ: leave it whole
        return text
    closed = _ADDRESSEE.match(lowered, opening.end())
    if closed is None:
        return text
    rest = text[closed.end() :].strip()
    folded = " ".join(re.findall(r"[^\W_]+", lowered[closed.end() :]))
    asks = {m.group() for m in _ASKS.finditer(folded)} - {"giup", "xin"}  # "… đã giúp đỡ"
    return rest if rest and (asks or "?" in rest) else text


# Accent-free words that say what kind of small talk a message is, to open the reply fittingly;
# other messages ("ok", "ừ", "test", "kể chuyện cười đi") get no opener.
_KINDS = (
    (
        "thanks",
        r"\b(cam on|thank|thanks|thx|tks|cam ta|hay qua|hay day|tuyet voi|gioi qua|gioi the"
        rf"|xuat sac|thong minh qua|huu ich qua)\b|^\W*(?:{_APPROVAL.pattern})\W*$",
    ),
    ("goodbye", _LEAVING.pattern),
    (
        "complaint",
        r"\b(ngu|vo dung|sai roi|sai bet|tra loi sai|do qua|do te|te qua|kem qua|chan qua"
        r"|toi te|bot do|bot te)\b",
    ),
    ("greeting", rf"{_GREETING.pattern}|\b(?:hi|good morning|chao buoi)\b"),
)


def small_talk_reply(text: str) -> str:
    """A short, friendly reply that says what the assistant does, with two example questions."""
    folded = strip_accents(text).lower()
    kind = next((k for k, pattern in _KINDS if re.search(pattern, folded)), None)
    opener = f"{messages.SMALL_TALK_OPENERS[kind]} " if kind else ""
    return "\n".join([opener + messages.ABOUT_ME, messages.TRY_ASKING])
