"""Links between the documents of the collection, kept in the database.

Every reindex reads the links each document's text states (``qa.ingest.links``) into table
``document_links``, keyed by the newer document's path, the relation and the older one's
number, so that an admin's decision (confirmed, undone) survives reindexing. A link that is
detected or confirmed, and whose older document is in the collection, adds to that document's
metadata who replaced, amended or repealed it; a sidecar's ``replaced_by`` still wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa import messages
from qa.ingest.links import detect_links
from qa.models import DocumentMeta
from qa.store.models import DocumentLinkRow, DocumentRow, utcnow

DETECTED, CONFIRMED, UNDONE = "detected", "confirmed", "undone"
ACTIVE = (DETECTED, CONFIRMED)


@dataclass(frozen=True)
class LinkInfo:
    id: int
    source_path: str  # the newer document
    source: DocumentMeta
    relation: str  # replaces | amends | repeals
    target_number: str
    target_type: str | None
    target_paths: tuple[str, ...]  # the older document, when the collection holds it
    status: str
    evidence: str | None

    @property
    def target(self) -> str:
        return (
            f"{self.target_type} {self.target_number}" if self.target_type else self.target_number
        )

    def fields(self) -> dict[str, object]:
        """What the messages about a link name: #id, source, relation, target."""
        relation = messages.DOC_LINK_RELATIONS[self.relation]
        return {
            "id": self.id,
            "source": name(self.source),
            "relation": relation,
            "target": self.target,
        }

    def text(self) -> str:
        """The link as an admin reads it in a list: what, its status, and the sentence."""
        status = messages.DOC_LINK_STATUSES[self.status]
        line = messages.DOC_LINK_LINE.format(**self.fields(), status=status)
        if not self.target_paths:
            line += f" {messages.DOC_LINK_TARGET_MISSING}"
        if self.evidence:
            line += "\n   " + messages.DOC_LINK_EVIDENCE.format(evidence=self.evidence)
        return line


def sync_links(session: Session, rows: Iterable[DocumentRow]) -> None:
    """Store the links the texts of ``rows`` (one build's documents) state. A new link is
    'detected'; a known one keeps its status; a detected one its text no longer states goes."""
    rows = list(rows)
    stored = {
        (link.source_path, link.relation, link.target_number): link
        for link in session.scalars(select(DocumentLinkRow))
    }
    stated = set()
    for row in rows:
        for link in detect_links(row.text, row.number):
            key = (row.path, link.relation, link.target_number)
            stated.add(key)
            known = stored.get(key)
            if known is None:
                stored[key] = DocumentLinkRow(
                    source_path=row.path,
                    relation=link.relation,
                    target_number=link.target_number,
                    target_type=link.target_type,
                    status=DETECTED,
                    evidence=link.evidence,
                )
                session.add(stored[key])
            elif (known.evidence, known.target_type) != (link.evidence, link.target_type):
                known.evidence, known.target_type = link.evidence, link.target_type
    paths = {row.path for row in rows}
    for key, link in stored.items():
        if key[0] in paths and key not in stated and link.status == DETECTED:
            session.delete(link)


def stamp(session: Session) -> str:
    """Changes whenever a link's status does (the answers must then be re-read)."""
    count, latest = session.execute(
        select(func.count(DocumentLinkRow.id), func.max(DocumentLinkRow.updated_at))
    ).one()
    return f"{count}:{latest}"


def with_links(metas: dict[str, DocumentMeta], session: Session) -> dict[str, DocumentMeta]:
    """``metas`` (by path) with who replaced, amended or repealed each, by the active links
    between them."""
    by_number: dict[str, list[str]] = {}
    for path, meta in metas.items():
        if meta.number:
            by_number.setdefault(meta.number, []).append(path)
    linked = dict(metas)
    active = session.scalars(
        select(DocumentLinkRow)
        .where(DocumentLinkRow.status.in_(ACTIVE))
        .order_by(DocumentLinkRow.id)
    )
    for link in active:
        source = metas.get(link.source_path)
        if source is None:
            continue
        for path in _targets(link, by_number, metas):
            linked[path] = _add(linked[path], link.relation, name(source))
    return linked


def _targets(
    link: DocumentLinkRow, by_number: dict[str, list[str]], metas: dict[str, DocumentMeta]
) -> list[str]:
    return [
        path
        for path in by_number.get(link.target_number, [])
        if path != link.source_path
        and (link.target_type is None or metas[path].doc_type == link.target_type)
    ]


def _add(meta: DocumentMeta, relation: str, newer: str) -> DocumentMeta:
    if relation == "replaces":
        return meta if meta.replaced_by else dataclasses.replace(meta, replaced_by=newer)
    if relation == "repeals":
        return meta if meta.repealed_by else dataclasses.replace(meta, repealed_by=newer)
    if newer in meta.amended_by:
        return meta
    return dataclasses.replace(meta, amended_by=(*meta.amended_by, newer))


def name(meta: DocumentMeta) -> str:
    """How a linked document is named: "Chỉ thị 12-CT/TU", else its title."""
    return f"{meta.doc_type} {meta.number}" if meta.number else meta.title


def list_links(session: Session, metas: dict[str, DocumentMeta]) -> list[LinkInfo]:
    """The links stated by the documents of ``metas`` (the active build's, by path): first
    those whose older document is in the collection too (they change answers)."""
    by_number: dict[str, list[str]] = {}
    for path, meta in metas.items():
        if meta.number:
            by_number.setdefault(meta.number, []).append(path)
    found = session.scalars(select(DocumentLinkRow).order_by(DocumentLinkRow.id))
    listed = [
        LinkInfo(
            id=link.id,
            source_path=link.source_path,
            source=metas[link.source_path],
            relation=link.relation,
            target_number=link.target_number,
            target_type=link.target_type,
            target_paths=tuple(_targets(link, by_number, metas)),
            status=link.status,
            evidence=link.evidence,
        )
        for link in found
        if link.source_path in metas
    ]
    return sorted(listed, key=lambda link: not link.target_paths)


def set_status(session: Session, link_id: int, status: str) -> bool:
    """Confirm or undo a link; False when there is no such link."""
    link = session.get(DocumentLinkRow, link_id)
    if link is None:
        return False
    link.status = status
    link.updated_at = utcnow()
    session.commit()
    return True
