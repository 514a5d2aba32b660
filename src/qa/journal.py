"""What was asked in the chats, the answers given with their sources, and members' feedback.

The sources are stored with the full text of each cited passage, so a member can open a source
of an old answer even after a reindex has changed or removed its document.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from qa.answer.compose import describe, source_line
from qa.models import Answer
from qa.store.models import FeedbackRow, QuestionRow, utcnow


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
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

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
            chat_id=chat_id,
            user_id=user_id,
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

    def give_feedback(self, question_id: int, user_id: str, value: int) -> bool:
        """Store +1 or -1 of a member (replacing an earlier vote); False for an unknown question."""
        with self._sessions.begin() as session:
            if session.get(QuestionRow, question_id) is None:
                return False
            session.merge(
                FeedbackRow(
                    question_id=question_id, user_id=user_id, value=value, given_at=utcnow()
                )
            )
            return True

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
