"""A complete index build loaded into memory: what questions are answered from.

Builds live in ``<index_dir>/builds/<id>/`` and never change once written; the database row
of the active build says which one is current, so a reader switches by loading another folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import faiss
import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from qa.index import dense, links
from qa.index.accents import AccentModel, load_accent_model
from qa.index.lexical import LexicalIndex
from qa.index.terms import TermStats, load_term_stats
from qa.models import DocumentMeta, IndexedPassage
from qa.refs import cited_numbers
from qa.store.models import BuildDocument, DocumentRow, IndexBuild, PassageRow
from qa.text import tokenize

PASSAGE_IDS = "passage_ids.npy"


def build_folder(index_dir: Path, build_id: int) -> Path:
    return index_dir / "builds" / str(build_id)


@dataclass(frozen=True)
class Snapshot:
    build_id: int
    embedder_key: str
    passages: list[IndexedPassage]  # in FAISS / BM25 row order
    dense: faiss.Index
    lexical: LexicalIndex
    terms: TermStats
    accents: AccentModel
    # (type, canonical number) of the passage's document and of every document its text cites
    numbers: list[frozenset[tuple[str | None, str]]]
    links: str = ""  # the state of the links between documents the metadata was read with

    @cached_property
    def documents(self) -> dict[str, list[IndexedPassage]]:
        """Each document's passages in text order, by document path."""
        by_path: dict[str, list[IndexedPassage]] = {}
        for passage in self.passages:
            by_path.setdefault(passage.document_path, []).append(passage)
        return {path: sorted(found, key=lambda p: p.start) for path, found in by_path.items()}

    @cached_property
    def titles(self) -> dict[str, str]:
        """Each document's title as accent-free words joined by spaces, by document path."""
        return {
            path: " ".join(tokenize(found[0].meta.title, accents=False))
            for path, found in self.documents.items()
        }

    @cached_property
    def rows(self) -> dict[str, list[int]]:
        """Each document's rows (FAISS and BM25 row numbers), by document path."""
        by_path: dict[str, list[int]] = {}
        for row, passage in enumerate(self.passages):
            by_path.setdefault(passage.document_path, []).append(row)
        return by_path

    def neighbour(self, passage: IndexedPassage, step: int) -> IndexedPassage | None:
        """The passage ``step`` places after (or, negative, before) ``passage`` in its document."""
        siblings = self.documents.get(passage.document_path, [])
        index = next((i for i, p in enumerate(siblings) if p.id == passage.id), None)
        if index is None or not 0 <= index + step < len(siblings):
            return None
        return siblings[index + step]


def active_build(session: Session) -> IndexBuild | None:
    return session.scalars(select(IndexBuild).where(IndexBuild.status == "active")).first()


def meta_of(row: DocumentRow) -> DocumentMeta:
    return DocumentMeta(
        title=row.title,
        doc_type=row.doc_type,
        number=row.number,
        issuer=row.issuer,
        issued=row.issued,
        replaced_by=row.replaced_by,
        pages=row.pages,
        scanned_pages=row.scanned_pages or 0,
        source_url=row.source_url,
        place=row.place,
        signer=row.signer,
        recipients=tuple(row.recipients or ()),
    )


def _numbers(passage: IndexedPassage) -> frozenset[tuple[str | None, str]]:
    cited = cited_numbers(passage.text)
    if passage.meta.number:
        cited.add((passage.meta.doc_type, passage.meta.number))
    return frozenset(cited)


def load_snapshot(session: Session, index_dir: Path, build: IndexBuild) -> Snapshot:
    folder = build_folder(index_dir, build.id)
    order = np.load(folder / PASSAGE_IDS)
    rows = session.execute(
        select(PassageRow, DocumentRow)
        .join(DocumentRow, PassageRow.document_id == DocumentRow.id)
        .join(BuildDocument, BuildDocument.document_id == DocumentRow.id)
        .where(BuildDocument.build_id == build.id)
    ).all()
    metas = linked_metas(session, {document for _, document in rows})
    by_id: dict[int, IndexedPassage] = {}
    for passage, document in rows:
        by_id[passage.id] = IndexedPassage(
            id=passage.id,
            document_path=document.path,
            meta=metas[document.path],
            heading_path=tuple(filter(None, passage.heading_path.split("\n"))),
            text=passage.text,
            start=passage.start,
            end=passage.end,
        )
    passages = [by_id[int(pid)] for pid in order]
    return Snapshot(
        build_id=build.id,
        embedder_key=build.embedder_key,
        passages=passages,
        numbers=[_numbers(p) for p in passages],
        dense=dense.load(folder),
        lexical=LexicalIndex.load(folder),
        terms=load_term_stats(folder),
        accents=load_accent_model(folder),
        links=links.stamp(session),
    )


def linked_metas(session: Session, rows: Iterable[DocumentRow]) -> dict[str, DocumentMeta]:
    """The metadata of one build's documents, by path, with what the links between them say
    (replaced, amended or repealed by another document of the collection)."""
    return links.with_links({row.path: meta_of(row) for row in rows}, session)


def relinked(session: Session, snapshot: Snapshot) -> Snapshot:
    """``snapshot`` with its documents' metadata read again, after a link was confirmed or
    undone: answers say it from the next question on, without a reindex."""
    rows = session.scalars(
        select(DocumentRow)
        .join(BuildDocument, BuildDocument.document_id == DocumentRow.id)
        .where(BuildDocument.build_id == snapshot.build_id)
        .options(defer(DocumentRow.text))
    )
    metas = linked_metas(session, rows)
    passages = [replace(p, meta=metas[p.document_path]) for p in snapshot.passages]
    return replace(snapshot, passages=passages, links=links.stamp(session))
