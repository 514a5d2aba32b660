"""The one entry point the command line and the chat channels use to answer and to reindex.

It keeps the active index build in memory and switches to a newer build as soon as a reindex
(in this process or another) has activated it, so answering never stops for a reindex.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from qa import messages
from qa.answer import (
    Evidence,
    ScoredSentence,
    compose,
    evidence,
    load_refusal_model,
    refuse,
    score_sentences,
)
from qa.embed import Embedder, make_embedder
from qa.index.build import Progress, reindex
from qa.index.snapshot import Snapshot, active_build, load_snapshot, meta_of
from qa.journal import Journal
from qa.models import Answer, DocumentMeta, Hit, ReindexReport
from qa.rerank import Reranker
from qa.retrieve import FusionWeights, Retrieval, retrieve
from qa.settings import Settings
from qa.store.db import is_current, make_engine, make_sessionmaker, upgrade
from qa.store.models import DocumentRow
from qa.text import looks_vietnamese, normalize_inline

REFRESH_SECONDS = 1.0


class QAError(Exception):
    """An error whose message (Vietnamese) is meant for the user."""


class IndexNotBuilt(QAError):
    def __init__(self) -> None:
        super().__init__(messages.INDEX_NOT_BUILT)


class ModelMismatch(QAError):
    def __init__(self, built: str, configured: str) -> None:
        super().__init__(messages.MODEL_MISMATCH.format(built=built, configured=configured))


class BadQuestion(QAError):
    pass


@dataclass(frozen=True)
class Assessment:
    question: str  # normalised
    retrieval: Retrieval
    evidence: Evidence
    probability: float  # that the passages answer the question
    answers: bool
    sentences: list[ScoredSentence]  # of the first passages, best first


@dataclass(frozen=True)
class DocumentInfo:
    path: str
    meta: DocumentMeta
    passages: int
    first_indexed_at: datetime


@dataclass(frozen=True)
class IndexStatus:
    build_id: int
    documents: int
    passages: int
    finished_at: datetime | None
    added: int
    changed: int
    removed: int
    failed: int


def check_question(question: str, limit: int) -> str:
    """The question normalised, or BadQuestion with a message saying what is wrong."""
    text = normalize_inline(question)
    if not text:
        raise BadQuestion(messages.EMPTY_QUESTION)
    if len(text) > limit:
        raise BadQuestion(messages.QUESTION_TOO_LONG.format(length=len(text), limit=limit))
    if not any(ch.isalnum() for ch in text):
        raise BadQuestion(messages.NO_WORDS)
    if not looks_vietnamese(text):
        raise BadQuestion(messages.NOT_VIETNAMESE)
    return text


class QAService:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._engine: Engine = make_engine(settings.db_url)
        self._sessions = make_sessionmaker(self._engine)
        self._refusal = load_refusal_model()
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    # --- answering -------------------------------------------------------------------------
    def ask(self, question: str, *, already_quoted: Collection[str] = ()) -> Answer:
        """Answer with quotes and citations, or refuse. A follow-up in a conversation passes the
        quotes of the previous answer in ``already_quoted`` so as to quote other sentences."""
        assessment = self.assess(question)
        hits = assessment.retrieval.hits
        if not assessment.answers:
            return refuse(assessment.question, hits)
        fresh = [
            s
            for s in assessment.sentences
            if not any(
                hits[s.hit_index].passage.text[s.start : s.end].strip() in quote
                for quote in already_quoted
            )
        ]
        return compose(assessment.question, hits, fresh or assessment.sentences)

    def assess(
        self, question: str, top_k: int | None = None, weights: FusionWeights = FusionWeights()
    ) -> Assessment:
        """Retrieve for a question and weigh the evidence that the passages answer it."""
        text = check_question(question, self.settings.max_question_chars)
        snapshot = self.snapshot()
        retrieval = self._retrieve(snapshot, text, top_k or self.settings.top_k, weights)
        scored = score_sentences(text, retrieval.accents, retrieval.hits, snapshot)
        found = evidence(text, retrieval, snapshot, scored)
        probability = self._refusal.probability(found) if retrieval.hits else 0.0
        answers = bool(retrieval.hits) and self._refusal.answers(found)
        return Assessment(text, retrieval, found, probability, answers, scored)

    def search(self, question: str, top_k: int | None = None) -> list[Hit]:
        text = check_question(question, self.settings.max_question_chars)
        return self._retrieve(self.snapshot(), text, top_k or self.settings.top_k).hits

    def _retrieve(
        self,
        snapshot: Snapshot,
        question: str,
        top_k: int,
        weights: FusionWeights = FusionWeights(),
    ) -> Retrieval:
        """Hybrid retrieval, re-ordered by the cross-encoder when one is configured."""
        if self.reranker is None:
            return retrieve(snapshot, self.embedder, question, top_k, weights)
        depth = max(top_k, self.settings.rerank_depth)
        retrieval = retrieve(snapshot, self.embedder, question, depth, weights)
        return replace(retrieval, hits=self.reranker.rerank(question, retrieval.hits)[:top_k])

    @cached_property
    def reranker(self) -> Reranker | None:
        return Reranker(self.settings.rerank_model) if self.settings.rerank_model else None

    def snapshot(self) -> Snapshot:
        """The active build, reloaded when a newer one has been activated."""
        with self._lock:
            now = time.monotonic()
            if self._snapshot is None or now - self._checked_at >= REFRESH_SECONDS:
                self._snapshot = self._load_if_changed(self._snapshot)
                self._checked_at = now
            return self._snapshot

    def _load_if_changed(self, current: Snapshot | None) -> Snapshot:
        try:
            if current is None and not is_current(self._engine):
                raise IndexNotBuilt()
            with self._sessions() as session:
                build = active_build(session)
                if build is None:
                    raise IndexNotBuilt()
                if current is not None and current.build_id == build.id:
                    return current
                if build.embedder_key != self.embedder.key:
                    raise ModelMismatch(build.embedder_key, self.embedder.key)
                return load_snapshot(session, self.settings.index_dir, build)
        except FileNotFoundError as error:  # a build written before its format gained a file
            raise QAError(messages.INDEX_OUTDATED) from error
        except OperationalError as error:
            raise QAError(
                messages.DATABASE_ERROR.format(error=type(error.orig).__name__)
            ) from error

    # --- collection ------------------------------------------------------------------------
    def status(self) -> IndexStatus:
        """The active build: its id, size and the summary of the reindex that made it."""
        with self._sessions() as session:
            build = active_build(session) if is_current(self._engine) else None
            if build is None:
                raise IndexNotBuilt()
            return IndexStatus(
                build_id=build.id,
                documents=len(build.documents),
                passages=build.passages,
                finished_at=build.finished_at,
                added=build.added,
                changed=build.changed,
                removed=build.removed,
                failed=build.failed,
            )

    def documents(self) -> list[DocumentInfo]:
        with self._sessions() as session:
            build = active_build(session) if is_current(self._engine) else None
            if build is None:
                raise IndexNotBuilt()
            return [_info(row) for row in build.documents]

    def reindex(self, *, full: bool = False, progress: Progress | None = None) -> ReindexReport:
        report = reindex(
            self.settings.documents_dir,
            self.settings.index_dir,
            self.settings.db_url,
            self.embedder,
            full=full,
            progress=progress,
        )
        with self._lock:
            self._checked_at = 0.0  # pick up the new build at the next question
        return report

    @cached_property
    def journal(self) -> Journal:
        """Questions asked in the chats, their answers and feedback (creates its tables)."""
        upgrade(self._engine)
        return Journal(self._sessions)

    def close(self) -> None:
        self._engine.dispose()


def _info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.path, meta_of(row), len(row.passages), row.first_indexed_at)
