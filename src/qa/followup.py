"""Follow-up questions in a conversation: "còn nhiệm vụ nào khác?" or "ai chủ trì?" after a
question about a directive is searched together with the topic of that earlier question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.refs import find_refs
from qa.scope.rules import question_after_opening
from qa.text import has_diacritics, strip_accents

# Accent-free, lower case. A question opening with these continues the previous one.
_OPENERS = ("con ", "the con ", "vay ", "the ", "ngoai ra", "va ", "ngoai ")
# Words pointing back at something already named, with and without diacritics.
_POINTERS = {"đó", "này", "ấy", "trên", "nữa", "khác", "kia"}
_POINTERS_PLAIN = {"nay", "ay", "tren", "nua", "khac", "kia"}  # not "do": "do ai ban hành"
# Question words: dropped from the earlier question so that the follow-up decides what is asked.
_QUESTION_WORDS = {
    "ai", "gì", "nào", "khi", "bao", "giờ", "nhiêu", "sao", "mấy", "đâu", "không", "chưa",
    "thế", "như", "là", "hay", "ra",
}  # fmt: skip
_QUESTION_WORDS_PLAIN = {strip_accents(w) for w in _QUESTION_WORDS}
SHORT = 4  # words: a question this short leans on the previous one
MEDIUM = 9  # words: longer questions stand on their own


@dataclass(frozen=True)
class Thread:
    """The conversation a follow-up continues."""

    topic: str  # the question that started it
    quotes: tuple[str, ...] = ()  # what the previous answer quoted: a follow-up wants more


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def is_follow_up(question: str) -> bool:
    """A short question that names no document itself and opens with, or points back at,
    something already said, after a greeting or thanks ("cảm ơn bạn, thế còn cấp xã?")."""
    question = question_after_opening(question)
    words = _words(question.lower())
    if not words or len(words) > MEDIUM or find_refs(question):
        return False
    folded = strip_accents(question).lower().strip()
    pointers = _POINTERS if has_diacritics(question) else _POINTERS_PLAIN
    return len(words) <= SHORT or folded.startswith(_OPENERS) or bool(pointers.intersection(words))


def with_context(question: str, previous: str) -> str:
    """The follow-up first (it says what is asked), then the topic of the question that
    started the thread (``previous``), without a greeting or thanks it opened with."""
    previous = question_after_opening(previous)
    asking = _QUESTION_WORDS if has_diacritics(previous) else _QUESTION_WORDS_PLAIN
    topic = [w for w in _words(previous) if w.lower() not in asking]
    return f"{question.rstrip(' ?')} — {' '.join(topic)}"
