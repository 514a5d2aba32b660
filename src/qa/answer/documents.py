"""Whole documents: their accent-free words, to ask whether a document ever mentions a place,
a person, a year or a term that a question names; and whether the collection holds a document
a question names."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Generic, TypeVar

from qa.index.snapshot import Snapshot
from qa.models import Hit, IndexedPassage
from qa.refs import DocRef, find_refs
from qa.text import strip_accents, tokenize

T = TypeVar("T")


class _PerDocument(Generic[T]):
    """``compute`` of a document's passages, computed once per document of the build."""

    def __init__(self, compute: Callable[[list[IndexedPassage]], T]) -> None:
        self._compute = compute
        # one build's values, as a pair that threads answering from other builds swap whole
        self._cache: tuple[Snapshot | None, dict[str, T]] = (None, {})

    def __call__(self, snapshot: Snapshot, path: str) -> T:
        cached, known = self._cache
        if cached is not snapshot:
            known = {}
            self._cache = (snapshot, known)
        if path not in known:
            known[path] = self._compute(snapshot.documents.get(path, []))
        return known[path]


def _words_of(passages: list[IndexedPassage]) -> str:
    """The accent-free words of a document with its title and date, padded with spaces so that
    a phrase is looked up as " word word "."""
    meta = [passages[0].meta.title, str(passages[0].meta.issued or "")] if passages else []
    return f" {' '.join(tokenize(' '.join([*meta, *(p.text for p in passages)]), accents=False))} "


_words = _PerDocument(_words_of)


def document_words(snapshot: Snapshot, paths: set[str]) -> str:
    """The accent-free words of the documents at ``paths`` (see ``_words_of``)."""
    return "".join(_words(snapshot, path) for path in sorted(paths))


# An acronym a document defines after the name it stands for: "Hội nghị Diễn đàn Kinh tế Thế
# giới (WEF)", "Thời gian vi phạm (TGVP)"; not a Roman number ("(II)").
_ACRONYM = re.compile(r"\(([A-ZĐ][A-ZĐ0-9&]{1,9})\)")
_ROMAN = re.compile(r"[IVXLC]+")
MAX_NAME_WORDS = 12


def _acronyms_of(passages: list[IndexedPassage]) -> dict[str, str]:
    """The acronyms a document defines (lower-case), each with the name it stands for."""
    found: dict[str, str] = {}
    for passage in passages:
        for match in _ACRONYM.finditer(passage.text):
            acronym = match.group(1)
            line_start = passage.text.rfind("\n", 0, match.start()) + 1
            name = _name_before(passage.text[line_start : match.start()].split(), acronym)
            if name and not _ROMAN.fullmatch(acronym):
                found.setdefault(acronym.lower(), name)
    return found


def _name_before(words: list[str], acronym: str) -> str:
    """The name that ``words`` end with and ``acronym`` stands for: as many words as it has
    letters when their initials spell it ("Thời gian vi phạm" for TGVP), else a proper name:
    from a capitalised word, no two lower-case words in a row ("Hội nghị Diễn đàn Kinh tế Thế
    giới" for WEF)."""
    letters = [c for c in acronym if c.isalpha()]
    last = words[-len(letters) :]
    if len(last) == len(letters) and all(
        strip_accents(w[:1]).upper() == strip_accents(c) for w, c in zip(last, letters)
    ):
        return " ".join(last)
    name: list[str] = []
    for word in reversed(words[-MAX_NAME_WORDS:]):
        if not word[:1].isupper() and name and not name[-1][:1].isupper():
            break
        name.append(word)
    name.reverse()
    while name and not name[0][:1].isupper():
        name.pop(0)
    return " ".join(name)


acronyms = _PerDocument(_acronyms_of)


def missing_share(names: Collection[tuple[str, ...]], words: str) -> float:
    """Share of the ``names`` (each a tuple of the accent-free ways of writing it) that the
    ``document_words`` never contain in any of their ways."""
    if not names:
        return 0.0
    return sum(1 for forms in names if not any(f" {f} " in words for f in forms)) / len(names)


def unheld(refs: list[DocRef], snapshot: Snapshot) -> list[DocRef]:
    """The documents a question names that the collection does not hold."""
    held = {(p[0].meta.doc_type, p[0].meta.number) for p in snapshot.documents.values() if p}
    return [ref for ref in refs if not any(ref.matches(t, n) for t, n in held if n)]


# Words before a document named as the context of another: "Kế hoạch hỗ trợ … ngoài Kế hoạch
# 77", "Quyết định sửa đổi quy định ban hành kèm QĐ 952", "Khánh Hòa sửa quy định phân cấp công
# trình thủy lợi (QĐ 177/2004)", "quy định … (thay QĐ 25/2008)"; "thay" only right before the
# kind of document, for typed without diacritics it is also "thấy". Not "theo" ("Theo Chỉ thị
# 05, …" asks what the directive itself says).
_CONTEXT = (
    r"\b(?:ngoai|thuc hien|trien khai|sua(?: doi)?|bo sung|thay (?:the|cho)|huong dan"
    r"|kem(?: theo)?|thay(?= (?:qd|quyet dinh|ct|chi thi|nq|nghi quyet|tt|thong tu)\b))"
)
_CONTEXT_WORDS = 10  # words at most between them and the document's number


def in_context(question: str, ref: DocRef) -> bool:
    """Whether the question names ``ref`` after words making it the context of another
    document ("… (thay QĐ 25/2008)", "… ngoài Kế hoạch 77")."""
    folded = strip_accents(question).lower()
    between = rf"(?:\S+\s+){{0,{_CONTEXT_WORDS}}}?"
    return bool(re.search(rf"{_CONTEXT}\s+{between}(?:so\s+)?0*{ref.number}\b", folded))


def named_as_context(question: str, ref: DocRef, hits: list[Hit]) -> bool:
    """Whether the question names ``ref`` only as the context of the document it asks about,
    one the collection holds and whose title or first passages cite it ("… phát sinh ngoài kế
    hoạch 77/KH-LT", «Điều 1. Sửa đổi Điều 1 Quyết định số 177/2004/QĐ-UB …»): then it asks
    about that document, not about one the collection lacks."""
    if not in_context(question, ref):
        return False
    return any(
        cited.number == ref.number and ref.doc_type in (None, cited.doc_type)
        for hit in hits[:3]
        for cited in find_refs(f"{hit.passage.meta.title}\n{hit.passage.text}")
    )


def first_named(refs: list[DocRef], hits: list[Hit]) -> str | None:
    """The document of the first hit that one of ``refs`` names by number (None if none)."""
    return next(
        (
            hit.passage.document_path
            for hit in hits
            if any(ref.matches(hit.passage.meta.doc_type, hit.passage.meta.number) for ref in refs)
        ),
        None,
    )


def asked_refs(question: str, refs: list[DocRef], hits: list[Hit]) -> list[DocRef]:
    """The documents a question names as the ones it asks about, not as the context of
    another (``named_as_context``)."""
    return [ref for ref in refs if not named_as_context(question, ref, hits)]
