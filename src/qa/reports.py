"""What members need, for admins: the questions the documents did not answer, grouped when
they ask the same thing, and the answers members rated 👎 (``/chuatraloi``, ``/danhgia``,
``qa report``). Every report first deletes the questions past the retention."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from qa import messages
from qa.journal import Asked, Journal, RatedDown
from qa.store.models import utcnow
from qa.text import normalize_inline

DEFAULT_DAYS = 7
MAX_DAYS = 3650
# Two wordings ask the same thing when the cosine of their shipped-model (multilingual-e5-small)
# embeddings reaches this. On eval/report_pairs.jsonl (16 paraphrase pairs, 16 pairs of
# different questions on the same subject) paraphrases score 0.916–0.986 and different
# questions 0.866–0.948: any threshold in (0.9295, 0.9362] gets 29 of the 32 pairs right,
# the best there is; the middle is taken.
SAME_QUESTION = 0.933
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

Vectors = Callable[[list[str]], np.ndarray]  # texts → L2-normalised rows


@dataclass(frozen=True)
class Unanswered:
    """Questions asking the same thing that the documents did not answer."""

    question: str  # the most asked wording (the first asked among equals)
    count: int  # times asked, all wordings together
    wordings: tuple[str, ...]  # the other wordings, most asked first
    last_asked: datetime


class Reports:
    def __init__(self, journal: Journal, vectors: Vectors) -> None:
        self._journal = journal
        self._vectors = vectors

    def unanswered(self, days: int = DEFAULT_DAYS) -> list[Unanswered]:
        """Questions refused or out of scope in the last ``days`` days, most asked first."""
        self._journal.purge()
        return group(self._journal.unanswered(_since(days)), self._vectors)

    def feedback(self, days: int = DEFAULT_DAYS) -> list[RatedDown]:
        """Answers rated 👎 in the last ``days`` days, the latest first."""
        self._journal.purge()
        return self._journal.rated_down(_since(days))


def _since(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


def group(
    asked: list[Asked], vectors: Vectors, threshold: float = SAME_QUESTION
) -> list[Unanswered]:
    """Greedy average-linkage clustering of the distinct wordings, most asked first: each joins
    the group it is most similar to on average, if that reaches ``threshold``."""
    if not asked:
        return []
    wordings: dict[str, list[Asked]] = {}  # same words, case and spacing aside → the askings
    for item in asked:  # oldest first
        wordings.setdefault(_key(item.question), []).append(item)
    ordered = sorted(wordings.values(), key=len, reverse=True)  # stable: earliest among equals
    matrix = vectors([items[0].question for items in ordered])
    groups: list[list[int]] = []
    for index in range(len(ordered)):
        scores = [float(np.mean(matrix[members] @ matrix[index])) for members in groups]
        best = int(np.argmax(scores)) if scores else -1
        if best >= 0 and scores[best] >= threshold:
            groups[best].append(index)
        else:
            groups.append([index])
    found = [
        Unanswered(
            question=ordered[members[0]][0].question,
            count=sum(len(ordered[m]) for m in members),
            wordings=tuple(ordered[m][0].question for m in members[1:]),
            last_asked=max(item.asked_at for m in members for item in ordered[m]),
        )
        for members in groups
    ]
    return sorted(found, key=lambda g: (-g.count, -g.last_asked.timestamp()))


def _key(question: str) -> str:
    return normalize_inline(question).casefold().rstrip(" ?.!…")


def parse_days(argument: str) -> int | None:
    """The days a report covers, as typed after the command ("", "30"); None if not a number
    of days."""
    text = argument.strip()
    if not text:
        return DEFAULT_DAYS
    return int(text) if text.isdigit() and 1 <= int(text) <= MAX_DAYS else None


def local_time(moment: datetime) -> datetime:
    """In Viet Nam's time zone; the database may hand back UTC without a zone (SQLite)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(VIETNAM)


# --- as admins read them: plain text (chats, qa report) and CSV rows ---------------------------
def unanswered_text(groups: list[Unanswered], days: int) -> str:
    if not groups:
        return messages.REPORT_UNANSWERED_NONE.format(days=days)
    total = sum(g.count for g in groups)
    lines = [messages.REPORT_UNANSWERED_HEADER.format(days=days, count=total, groups=len(groups))]
    for number, found in enumerate(groups, 1):
        lines.append(
            messages.REPORT_UNANSWERED_LINE.format(
                number=number, count=found.count, question=found.question
            )
        )
        lines += [messages.REPORT_OTHER_WORDING.format(question=w) for w in found.wordings]
    return "\n".join(lines)


def feedback_text(items: list[RatedDown], days: int) -> str:
    if not items:
        return messages.REPORT_FEEDBACK_NONE.format(days=days)
    lines = [messages.REPORT_FEEDBACK_HEADER.format(days=days, count=len(items))]
    for number, item in enumerate(items, 1):
        lines.append("")
        lines.append(
            messages.REPORT_FEEDBACK_LINE.format(
                number=number,
                at=local_time(item.rated_at),
                id=item.question_id,
                kind=messages.REPLY_KINDS.get(item.kind, item.kind),
                question=item.question,
            )
        )
        lines += [f"   {source}" for source in item.sources] or [messages.REPORT_NO_SOURCES]
        if item.comment:
            lines.append(messages.REPORT_COMMENT.format(comment=item.comment))
    return "\n".join(lines)


def unanswered_rows(groups: list[Unanswered]) -> list[list[str]]:
    """A header row, then one row per group."""
    return [list(messages.REPORT_UNANSWERED_COLUMNS)] + [
        [
            str(g.count),
            g.question,
            " | ".join(g.wordings),
            f"{local_time(g.last_asked):%Y-%m-%d %H:%M}",
        ]
        for g in groups
    ]


def feedback_rows(items: list[RatedDown]) -> list[list[str]]:
    """A header row, then one row per 👎."""
    return [list(messages.REPORT_FEEDBACK_COLUMNS)] + [
        [
            f"{local_time(item.rated_at):%Y-%m-%d %H:%M}",
            str(item.question_id),
            item.question,
            messages.REPLY_KINDS.get(item.kind, item.kind),
            "\n".join(item.sources),
            item.comment or "",
        ]
        for item in items
    ]
