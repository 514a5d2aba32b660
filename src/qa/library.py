"""The collection as members browse it: documents by type, year and issuer, and each one's card.

A member's words are read loosely: "chi thi 2021 quang tri", "nq hđnd nghệ an", "quyết định
2010" (a type, by name or abbreviation, with or without diacritics; a year; the rest matched
against the issuer); "05-CT/TU", "ct 05", "chỉ thị số 5", "05" name documents by number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from qa import messages
from qa.answer.compose import describe
from qa.answer.outline import document_lines, outline
from qa.index.links import ACTIVE, LinkInfo
from qa.index.snapshot import Snapshot
from qa.models import DocumentMeta
from qa.refs import (
    TYPE_WORDS_MAX,
    DocRef,
    canonical_number,
    find_refs,
    names_any,
    type_from_code,
    type_from_words,
)
from qa.text import fold_tones, strip_accents

if TYPE_CHECKING:
    from qa.service import DocumentInfo

OUTLINE_MAX = 12  # parts shown on a card
CATALOGUE_SHOWN = 8  # documents a reply to "có những chỉ thị nào?" lists
HEADING_MAX = 120  # characters of a part's opening shown on a card
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"\w+")
# Words of a filter that say nothing of the issuer: "các văn bản của tỉnh ủy năm 2021".
_NOISE = frozenset({"cua", "cac", "nhung", "loai", "do", "so", "ve"})
_DOCUMENTS = ["van", "ban"]
# Words that ask what the collection holds, around a type, a year or an issuer: "có những chỉ
# thị nào", "danh sách nghị quyết năm 2021", "có bao nhiêu văn bản", "các quyết định mới nhất".
_LISTING = re.compile(
    r"\b(?:co|nhung|cac|nao|gi|danh sach|liet ke|bao nhieu|tat ca|hien|da|dang|moi nhat|moi"
    r"|gan day|xem|cho|toi|minh|em|hoi|bo(?= van ban| tai lieu)|tai lieu|trong|duoc|luu)\b"
)
_SAYS_DOCUMENTS = re.compile(r"\b(?:van ban|tai lieu)\b")
_ISSUER_ABBREVIATIONS = {
    "ubnd": ("uy", "ban", "nhan", "dan"),
    "hdnd": ("hoi", "dong", "nhan", "dan"),
    "ttg": ("thu", "tuong"),
    "tw": ("trung", "uong"),
}


def document_key(path: str) -> str:
    """A short, stable id of a document (its path's hash): fits in a Telegram button's data
    and survives reindexing, unlike a database row id."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


def _folded(text: str) -> list[str]:
    """Lower-case, accent-free words."""
    return _WORD.findall(strip_accents(fold_tones(text)))


@dataclass(frozen=True)
class LibraryFilter:
    doc_type: str | None = None
    year: int | None = None
    issuer: tuple[str, ...] = ()  # accent-free words the issuer holds ("ubnd" expanded)

    def __bool__(self) -> bool:
        return bool(self.doc_type or self.year or self.issuer)

    def matches(self, meta: DocumentMeta) -> bool:
        if self.doc_type and meta.doc_type != self.doc_type:
            return False
        if self.year and (meta.issued is None or meta.issued.year != self.year):
            return False
        return set(self.issuer) <= set(_folded(meta.issuer or ""))

    def words(self) -> str:
        """Accent-free words that ``parse_filter`` reads back as this filter (for callback
        data: ASCII, one byte a character)."""
        parts = [" ".join(_folded(self.doc_type))] if self.doc_type else []
        if self.year:
            parts.append(str(self.year))
        return " ".join([*parts, *self.issuer])

    def label(self) -> str:
        """The filter as the member reads it: "Chỉ thị, 2021, quang tri"."""
        parts = [self.doc_type or "", str(self.year or ""), " ".join(self.issuer)]
        return ", ".join(part for part in parts if part)


def _type_named(words: str, types: Collection[str]) -> str | None:
    """The document type ``words`` (accent-free) name: a type of the collection, a known type
    by name, or by abbreviation ("ct", "nq", "qd", "qdi")."""
    for name in types:
        if " ".join(_folded(name)) == words:
            return name
    return type_from_words(words) or (type_from_code(words) if " " not in words else None)


def _type_at(words: list[str], start: int, types: Collection[str]) -> tuple[str | None, int]:
    """The type the words from ``start`` name, and how many words name it (longest first)."""
    for size in range(min(TYPE_WORDS_MAX, len(words) - start), 0, -1):
        if named := _type_named(" ".join(words[start : start + size]), types):
            return named, size
    return None, 0


def parse_filter(text: str, types: Collection[str] = ()) -> LibraryFilter:
    """A filter from the member's words: the first type named (``types`` are the collection's
    own, beside the known ones), a 4-digit year, and the other words for the issuer."""
    words = _folded(text)
    doc_type, year, issuer = None, None, []
    i = 0
    while i < len(words):
        named, size = _type_at(words, i, types) if doc_type is None else (None, 0)
        if named:
            doc_type, i = named, i + size
            continue
        word, after = words[i], words[i + 1 : i + 2]
        if [word, *after] == _DOCUMENTS:  # "văn bản"
            i += 1
        elif year is None and _YEAR.fullmatch(word):
            year = int(word)
        elif word not in _NOISE and not (word == "nam" and after and _YEAR.fullmatch(after[0])):
            issuer.extend(_ISSUER_ABBREVIATIONS.get(word, (word,)))
        i += 1
    return LibraryFilter(doc_type, year, tuple(issuer))


def catalogue_request(text: str, metas: Iterable[DocumentMeta]) -> LibraryFilter | None:
    """The filter of a message that asks what the collection holds ("chỉ thị", "có những
    nghị quyết nào năm 2009", "danh sach van ban cua tinh uy"): a type or "văn bản", with
    only listing words, a year or an issuer beside it (two words or more of a document's
    issuer, or an abbreviation: "tỉnh ủy", "ubnd"). None for a question about what documents
    say ("chỉ thị về thuốc lá", "nghị quyết nói gì"), one naming a document by number, and a
    bare type the collection has none of ("hướng dẫn" may ask for help)."""
    folded = " ".join(_folded(text))
    if not folded or find_refs(text):
        return None
    metas = list(metas)
    types = {meta.doc_type for meta in metas}
    listing = _LISTING.sub(" ", folded)
    wanted = parse_filter(listing, types)
    if not (wanted.doc_type or _SAYS_DOCUMENTS.search(folded)) or _type_is_a_verb(folded, types):
        return None
    if wanted.issuer:
        issuer = f" {' '.join(wanted.issuer)} "
        issuers = [f" {' '.join(_folded(meta.issuer or ''))} " for meta in metas]
        if len(wanted.issuer) < 2 or not any(issuer in named for named in issuers):
            return None
    bare = listing == folded and not (wanted.year or wanted.issuer)
    if bare and not any(map(wanted.matches, metas)):
        return None
    return wanted


def _type_is_a_verb(folded: str, types: Collection[str]) -> bool:
    """A type's words right after a body are what it does: "HĐND tỉnh quyết định gì", not
    "tỉnh ủy có những chỉ thị nào"."""
    words = folded.split()
    at = next((i for i in range(len(words)) if _type_at(words, i, types)[0]), 0)
    before = " ".join(words[:at])
    return bool(before) and not any(m.end() == len(before) for m in _LISTING.finditer(before))


def catalogue_text(question: str, wanted: LibraryFilter, metas: list[DocumentMeta]) -> str:
    """The reply to a question about what the collection holds: how many documents the filter
    finds, the newest of them, and how to ask about one."""
    what = (wanted.doc_type or messages.CATALOGUE_DOCUMENTS).lower()
    if wanted.year:
        what += messages.CATALOGUE_YEAR.format(year=wanted.year)
    matching = messages.CATALOGUE_MATCHING.format(query=question) if wanted.issuer else ""
    if not metas:
        return messages.CATALOGUE_NONE.format(what=what, matching=matching)
    lines = [messages.CATALOGUE.format(count=len(metas), what=what, matching=matching)]
    lines += [f"• {describe(meta)}" for meta in metas[:CATALOGUE_SHOWN]]
    if len(metas) > CATALOGUE_SHOWN:
        lines.append(messages.CATALOGUE_MORE.format(count=len(metas) - CATALOGUE_SHOWN))
    numbered = next((m for m in metas if m.number), None)
    shortest = min(metas[:CATALOGUE_SHOWN], key=lambda meta: len(meta.title))
    example = (
        f"{numbered.doc_type} {numbered.number}" if numbered else shortest.title.rstrip(".;: ")
    )
    return "\n".join([*lines, messages.CATALOGUE_ASK.format(example=example)])


def newest_first(documents: Iterable[DocumentInfo]) -> list[DocumentInfo]:
    """By date of issue, newest first; documents that state no date after them, the last
    indexed first; then by path."""
    by_path = sorted(documents, key=lambda d: d.path)
    by_indexed = sorted(by_path, key=lambda d: d.first_indexed_at, reverse=True)
    return sorted(
        by_indexed,
        key=lambda d: (d.meta.issued is not None, d.meta.issued or date.min),
        reverse=True,
    )


def filtered(documents: Iterable[DocumentInfo], wanted: LibraryFilter) -> list[DocumentInfo]:
    return newest_first(d for d in documents if wanted.matches(d.meta))


def _loose_refs(text: str) -> list[DocRef]:
    """The documents ``text`` names by a loose number; a year ("chỉ thị 2021") names none."""
    if text.isdigit() and len(text) <= 3:
        return [DocRef(None, int(text))]
    return [ref for ref in find_refs(text) if not _YEAR.fullmatch(str(ref.number))]


def find(documents: Iterable[DocumentInfo], query: str) -> list[DocumentInfo] | None:
    """The documents ``query`` names: by key, path, or number (exact "05-CT/TU", or loose "ct
    05", "chỉ thị số 5", "05"); None when it names none of these ways (it is a filter)."""
    documents = list(documents)
    text = " ".join(query.split())
    if not text:
        return None
    exact = [d for d in documents if text in (d.path, document_key(d.path))]
    number = canonical_number(text)
    if not exact and number:
        exact = [d for d in documents if d.meta.number == number]
    if exact:
        return exact
    refs = _loose_refs(text)
    if not refs and number is None:
        return None
    return newest_first(
        d for d in documents if names_any(refs, {(d.meta.doc_type, d.meta.number or "")})
    )


@dataclass(frozen=True)
class DocumentCard:
    key: str
    path: str  # relative to the documents folder
    meta: DocumentMeta  # with who replaced, amended or repealed it
    passages: int
    outline: tuple[str, ...]  # the openings of its main parts
    states: tuple[tuple[str, str], ...]  # (relation, document) it replaces, amends, repeals


@dataclass(frozen=True)
class Shelf:
    """What the library shows for a member's words: the documents they filter, newest first,
    or name by number; the card when they name exactly one."""

    query: str
    filter: LibraryFilter
    named: bool  # the words named documents by number, key or path
    documents: tuple[DocumentInfo, ...]
    card: DocumentCard | None = None


def _heading(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= HEADING_MAX else text[: HEADING_MAX - 1].rstrip() + "…"


def build_card(document: DocumentInfo, snapshot: Snapshot, links: list[LinkInfo]) -> DocumentCard:
    parts = outline(document_lines(snapshot, document.path))
    return DocumentCard(
        key=document_key(document.path),
        path=document.path,
        meta=document.meta,
        passages=document.passages,
        outline=tuple(_heading(part[0].text) for part in parts[:OUTLINE_MAX]),
        states=tuple(
            (link.relation, link.target)
            for link in links
            if link.source_path == document.path and link.status in ACTIVE
        ),
    )
