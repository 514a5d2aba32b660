"""What was asked in the chats, the answers given with their sources, and members' feedback.

The sources are stored with the full text of each cited passage, so a member can open a source
of an old answer even after a reindex has changed or removed its document. Members' user and
chat ids are stored as salted hashes (qa.privacy); questions are kept QA_JOURNAL_DAYS days.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import cached_property

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from qa.answer.compose import describe, source_line
from qa.models import Answer
from qa.privacy import pseudonym, stored_salt
from qa.store.models import FeedbackRow, QuestionRow, utcnow

COMMENT_CHARS = 500  # a comment after 👎 is one short message
UNANSWERED_KINDS = ("refusal", "out_of_scope")  # what members asked and did not get


@dataclass(frozen=True)
class Source:
    """One cited passage, as a member sees it when opening the source."""

    number: int
    citation: str  # the line under the answer: "[1] Chỉ thị 05-CT/TU — … ; mục …"
    document: str  # type, number, title and date
    issuer: str | None
    path: str
    section: str
    text: str
    source_url: str | None = None  # a document added by link: where it came from


@dataclass(frozen=True)
class Feedback:
    helpful: int
    unhelpful: int


@dataclass(frozen=True)
class Asked:
    question: str  # as the member typed it
    asked_at: datetime


@dataclass(frozen=True)
class RatedDown:
    """An answer a member rated 👎, with what was asked and cited and the member's comment."""

    question_id: int
    rated_at: datetime
    question: str
    kind: str  # qa.models.ReplyKind
    sources: tuple[str, ...]  # the citation lines under the answer
    comment: str | None


@dataclass(frozen=True)
class Activity:
    questions: int
    answered: int
    feedback: Feedback


def sources_of(answer: Answer) -> tuple[Source, ...]:
    return tuple(
        Source(
            number=c.number,
            citation=source_line(c),
            document=describe(c.hit.passage.meta),
            issuer=c.hit.passage.meta.issuer,
            path=c.hit.passage.document_path,
            section=c.hit.passage.section,
            text=c.hit.passage.text,
            source_url=c.hit.passage.meta.source_url,
        )
        for c in answer.citations
    )


class Journal:
    def __init__(
        self, sessions: sessionmaker[Session], *, salt: str | None, keep_days: int
    ) -> None:
        """``salt``: QA_JOURNAL_SALT, or None for the database's own; ``keep_days``: how long
        questions are kept."""
        self._sessions = sessions
        self._configured_salt = salt
        self.keep_days = keep_days

    @cached_property
    def _salt(self) -> str:
        if self._configured_salt:
            return self._configured_salt
        with self._sessions.begin() as session:
            return stored_salt(session.connection())

    def hashed(self, channel: str, raw_id: str) -> str:
        """A user or chat id of a channel as stored: its salted hash (qa.privacy)."""
        return pseudonym(self._salt, channel, raw_id)

    def record(
        self,
        *,
        channel: str,
        chat_id: str,
        user_id: str,
        question: str,
        searched: str,
        answer: Answer,
        build_id: int | None,
    ) -> int:
        """Store a question and its answer; returns the question's id."""
        row = QuestionRow(
            channel=channel,
            chat_id=self.hashed(channel, chat_id),
            user_id=self.hashed(channel, user_id),
            question=question,
            searched=searched,
            answered=answer.answered,
            kind=answer.kind,
            answer=answer.text,
            sources=[asdict(source) for source in sources_of(answer)],
            build_id=build_id,
        )
        with self._sessions.begin() as session:
            session.add(row)
            session.flush()
            return row.id

    def sources(self, question_id: int) -> tuple[Source, ...] | None:
        """The sources of an answer, or None for an unknown question."""
        with self._sessions() as session:
            row = session.get(QuestionRow, question_id)
            return None if row is None else tuple(Source(**s) for s in row.sources)

    def give_feedback(
        self, question_id: int, user_id: str, value: int, comment: str | None = None
    ) -> bool:
        """Store +1 or -1 of a member (replacing an earlier vote), with a comment if given;
        False for an unknown question. A 👍 drops the comment of an earlier 👎."""
        with self._sessions.begin() as session:
            question = session.get(QuestionRow, question_id)
            if question is None:
                return False
            key = (question_id, self.hashed(question.channel, user_id))
            row = session.get(FeedbackRow, key) or FeedbackRow(question_id=key[0], user_id=key[1])
            row.value, row.given_at = value, utcnow()
            if comment is not None or value > 0:
                row.comment = _trimmed(comment)
            session.add(row)
            return True

    def add_comment(self, question_id: int, user_id: str, text: str) -> bool:
        """A member's words on the answer they rated; False when they have not rated it."""
        with self._sessions.begin() as session:
            question = session.get(QuestionRow, question_id)
            if question is None:
                return False
            row = session.get(FeedbackRow, (question_id, self.hashed(question.channel, user_id)))
            if row is None:
                return False
            row.comment = _trimmed(text)
            return True

    def forget(self, channel: str, user_id: str) -> int:
        """Delete a member's questions (with everyone's feedback on them) and the member's
        feedback; returns how many questions were deleted."""
        hashed = self.hashed(channel, user_id)
        mine = select(QuestionRow.id).where(
            QuestionRow.channel == channel, QuestionRow.user_id == hashed
        )
        with self._sessions.begin() as session:
            session.execute(
                delete(FeedbackRow).where(
                    FeedbackRow.question_id.in_(mine) | (FeedbackRow.user_id == hashed)
                )
            )
            return session.execute(delete(QuestionRow).where(QuestionRow.id.in_(mine))).rowcount

    def purge(self) -> int:
        """Delete the questions (and their feedback) older than ``keep_days``; returns how
        many questions were deleted."""
        old = select(QuestionRow.id).where(
            QuestionRow.asked_at < utcnow() - timedelta(days=self.keep_days)
        )
        with self._sessions.begin() as session:
            session.execute(delete(FeedbackRow).where(FeedbackRow.question_id.in_(old)))
            return session.execute(delete(QuestionRow).where(QuestionRow.id.in_(old))).rowcount

    def unanswered(self, since: datetime) -> list[Asked]:
        """Questions refused or declined as out of scope since then, oldest first."""
        with self._sessions() as session:
            rows = session.execute(
                select(QuestionRow.question, QuestionRow.asked_at)
                .where(QuestionRow.kind.in_(UNANSWERED_KINDS), QuestionRow.asked_at >= since)
                .order_by(QuestionRow.asked_at, QuestionRow.id)
            ).all()
        return [Asked(question, asked_at) for question, asked_at in rows]

    def rated_down(self, since: datetime) -> list[RatedDown]:
        """Answers rated 👎 since then, the latest first."""
        with self._sessions() as session:
            rows = session.execute(
                select(FeedbackRow, QuestionRow)
                .join(QuestionRow, FeedbackRow.question_id == QuestionRow.id)
                .where(FeedbackRow.value < 0, FeedbackRow.given_at >= since)
                .order_by(FeedbackRow.given_at.desc(), QuestionRow.id.desc())
            ).all()
        return [
            RatedDown(
                question_id=question.id,
                rated_at=feedback.given_at,
                question=question.question,
                kind=question.kind,
                sources=tuple(source["citation"] for source in question.sources),
                comment=feedback.comment,
            )
            for feedback, question in rows
        ]

    def activity(self) -> Activity:
        with self._sessions() as session:
            questions, answered = session.execute(
                select(
                    func.count(QuestionRow.id),
                    func.count(QuestionRow.id).filter(QuestionRow.answered),
                )
            ).one()
            helpful, unhelpful = session.execute(
                select(
                    func.count(FeedbackRow.value).filter(FeedbackRow.value > 0),
                    func.count(FeedbackRow.value).filter(FeedbackRow.value < 0),
                )
            ).one()
        return Activity(questions, answered, Feedback(helpful, unhelpful))


def _trimmed(comment: str | None) -> str | None:
    text = " ".join((comment or "").split())[:COMMENT_CHARS]
    return text or None
