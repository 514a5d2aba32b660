"""Whole documents: their accent-free words, to ask whether a document ever mentions a place,
a person, a year or a term that a question names; and whether the collection holds a document
a question names."""

from __future__ import annotations

import re
from collections.abc import Collection

from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.refs import DocRef, find_refs
from qa.text import strip_accents, tokenize


class _DocumentWords:
    """The accent-free words of a whole document with its title and date, padded with spaces so
    that a phrase is looked up as " word word "; computed once per document of the build."""

    def __init__(self) -> None:
        # one build's words, as a pair that threads answering from other builds swap whole
        self._cache: tuple[Snapshot | None, dict[str, str]] = (None, {})

    def __call__(self, snapshot: Snapshot, paths: set[str]) -> str:
        cached, known = self._cache
        if cached is not snapshot:
            known = {}
            self._cache = (snapshot, known)
        missing = paths - known.keys()
        texts: dict[str, list[str]] = {path: [] for path in missing}
        for passage in snapshot.passages if missing else []:
            parts = texts.get(passage.document_path)
            if parts is not None:
                if not parts:
                    parts += [passage.meta.title, str(passage.meta.issued or "")]
                parts.append(passage.text)
        for path, words in texts.items():
            known[path] = f" {' '.join(tokenize(' '.join(words), accents=False))} "
        return "".join(known[path] for path in sorted(paths))


document_words = _DocumentWords()


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
