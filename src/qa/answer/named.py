"""Documents a question names by their topic rather than their number ("Bài về văn hoá Đảng
nói gì?", "QĐ … giao những ai thi hành?"): the one among the first passages' documents whose
identity (type, number, year, title, opening lines) holds most of the words naming it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from qa.answer.documents import asked_refs
from qa.answer.evidence import coverage
from qa.answer.forms import Form, document_topic, named_context
from qa.answer.outline import document_lines, introduction
from qa.answer.terms import content_terms
from qa.index.snapshot import Snapshot
from qa.index.synonyms import load_synonyms
from qa.models import DocumentMeta, Hit
from qa.refs import OTHER_TYPE, TYPE_WORDS_MAX, type_from_words
from qa.text import longest_phrases, tokenize

if TYPE_CHECKING:  # qa.retrieve ranks passages with qa.answer.sentences
    from qa.retrieve import Retrieval

# "Bài về X nói gì?" names its document by topic: the first hit's document is that one when its
# identity (type, number, year, title, opening lines) holds at least this share of the topic's
# weighted words, a member's word counting as held when its document term is ("Bác" for «Hồ
# Chí Minh»). All 81 answerable questions of this kind on the eval sets reach it; of 15
# written about documents the dev collection lacks ("Bài về chuyển đổi số … nói gì?"), 3 do.
MIN_IDENTITY_COVERAGE = 0.3
OPENING_CHARS = 300  # a document's opening lines name it in full (title, issuer, subject)
# An essay titled by its first heading ("Lời mở đầu", "A. Đặt vấn đề") is named by what its
# introduction says it is about ("… tôi chọn đề tài …"): its whole first passage is its identity,
# or, when that names too little of the topic, its whole introduction (the lines before its
# first part: "… nguồn nhân lực chính là chìa khoá …" in the second passage). Not the introduction
# first: a long one holds many words, and would outrank a text whose title names the topic.
_OPENING_HEADING = ("loi mo dau", "loi gioi thieu", "loi noi dau", "mo dau", "dat van de")
# The document named by topic is the one of the first hits' documents whose identity holds most
# of it: the first hit may be another text on the same subject.
TOPIC_CANDIDATES = 3
# A text of no legal kind (an article, an essay) is named by these words, which its own text
# seldom holds ("Bài viết về …", "Tiểu luận về …"): they weigh nothing against it.
UNTYPED_KINDS = "bài viết tiểu luận đề tài luận văn khóa luận tác phẩm"


def identity_coverage(topic: str, path: str, snapshot: Snapshot, accents: bool) -> float:
    """The weighted share of the words naming a document (``topic``) found in the identity of
    the document at ``path``."""
    first = snapshot.documents[path][0]
    if not _titled_by_heading(first.meta.title):
        return _coverage(topic, first.meta, first.text[:OPENING_CHARS], snapshot, accents)
    share = _coverage(topic, first.meta, first.text, snapshot, accents)
    if share >= MIN_IDENTITY_COVERAGE:
        return share
    opening = " ".join(line.text for line in introduction(document_lines(snapshot, path)))
    return max(share, _coverage(topic, first.meta, opening, snapshot, accents))


def _coverage(
    topic: str, meta: DocumentMeta, opening: str, snapshot: Snapshot, accents: bool
) -> float:
    """The weighted share of ``topic`` found in a document's identity: its type, number, year,
    title and ``opening``."""
    year = str(meta.issued.year) if meta.issued else ""
    identity = " ".join([meta.doc_type, meta.number or "", year, meta.title, opening])
    words = tokenize(identity, accents=accents)
    synonyms = load_synonyms().matches(topic if accents else snapshot.accents.restore(topic))
    held = [
        " ".join(member)
        for member, terms in synonyms
        if longest_phrases(words, {tuple(tokenize(t, accents=accents)): t for t in terms})
    ]
    terms = content_terms(topic, accents=accents)
    if meta.doc_type == OTHER_TYPE:
        kinds = set(tokenize(UNTYPED_KINDS, accents=accents)) - set(words)
        terms = [term for term in terms if term not in kinds]
    return coverage(terms, " ".join([identity, *held]), snapshot, accents)[0]


def _titled_by_heading(title: str) -> bool:
    """Whether a title is an essay's opening heading, possibly numbered ("I. Lời mở đầu")."""
    words = " ".join(tokenize(title, accents=False))
    return re.sub(r"^(?:[a-z]|[ivx]+) ", "", words) in _OPENING_HEADING


def named_by_topic(topic: str, hits: list[Hit], snapshot: Snapshot, accents: bool) -> str:
    """Of the first hits' documents, the one whose identity holds most of ``topic``."""
    return _best_named(topic, hits, snapshot, accents)[0]


def _best_named(
    topic: str, hits: list[Hit], snapshot: Snapshot, accents: bool
) -> tuple[str, float]:
    """``named_by_topic``'s document, with its identity's coverage of ``topic``."""
    paths = dict.fromkeys(h.passage.document_path for h in hits[:TOPIC_CANDIDATES])
    types = _types_named(topic)
    if types and not any(snapshot.documents[path][0].meta.doc_type in types for path in paths):
        # "báo cáo sơ kết nói gì" finds passages on reports, not the report: its text seldom
        # says "báo cáo"; every document of the type named is a candidate
        paths |= dict.fromkeys(
            path
            for path, passages in snapshot.documents.items()
            if passages[0].meta.doc_type in types
        )
    scored = [(path, identity_coverage(topic, path, snapshot, accents)) for path in paths]
    return max(scored, key=lambda scored_path: scored_path[1])


def _types_named(topic: str) -> set[str]:
    """The document types ``topic`` names by their words ("báo cáo", "thông tư liên tịch")."""
    words = tokenize(topic, accents=False)
    return {
        named
        for start in range(len(words))
        for size in range(1, TYPE_WORDS_MAX + 1)
        if (named := type_from_words(" ".join(words[start : start + size])))
    }


def asked_within(
    question: str, form: Form, retrieval: Retrieval, snapshot: Snapshot
) -> tuple[str, str] | None:
    """A question that names the document it asks within ("Bài về …: Bác nêu bao nhiêu …?",
    "Theo QĐ sửa đổi QĐ 952 của Tây Ninh, …", "Mục tiêu tổng quát trong QĐ … gồm những ý
    gì?"), when one of the first hits' documents is that one: its path, and the question
    without its name. Not one naming by number a document it asks about: the number finds it,
    or tells that the collection lacks it; nor, of a question on what the document says, one
    asking nothing of its own ("Bài về …: tóm tắt giúp"): its outline answers."""
    named = named_context(question)
    hits = retrieval.hits
    if named is None or not hits or asked_refs(question, retrieval.refs, hits):
        return None
    whole = form.about_document and form.part is None
    if form.on_one_document and not (whole and _asks_of_its_own(named.question)):
        return None
    path, coverage = _best_named(named.document, hits, snapshot, retrieval.accents)
    return (path, named.question) if coverage >= MIN_IDENTITY_COVERAGE else None


def _asks_of_its_own(question: str) -> bool:
    """Whether a question on what a document says names what it wants of it ("Mục tiêu tổng
    quát gồm những ý gì?"), not only the asking words ("có mấy phần, mỗi phần nói gì?")."""
    return bool(content_terms(document_topic(question), accents=False))


def read_within(form: Form, question: str, retrieval: Retrieval, snapshot: Snapshot) -> Form:
    """The form of a question asked within one document (the member chose it, or the question
    names it as its context): "what does it say" of a topic other than the document's own
    name ("Chỉ thị này quy định gì về kết nạp đảng viên?", "Kế hoạch vốn gồm những gì?") asks
    what its sentences on that topic say, not its outline."""
    if not form.about_document or not retrieval.hits:
        return form
    path = retrieval.hits[0].passage.document_path
    topic = document_topic(question)
    if identity_coverage(topic, path, snapshot, retrieval.accents) >= MIN_IDENTITY_COVERAGE:
        return form
    return replace(form, about_document=False)


# A question holding a document's whole title of at least this many words names that document
# ("Bài cú sốc đúp cho Bush dẫn lời chuyên gia nào?"); a shorter title ("Thông báo") names none.
MIN_TITLE_WORDS = 4


def names_a_title(question: str, snapshot: Snapshot) -> bool:
    """Whether the question holds the whole title of a document of the collection."""
    words = f" {' '.join(tokenize(question, accents=False))} "
    return any(
        len(title.split()) >= MIN_TITLE_WORDS and f" {title} " in words
        for title in snapshot.titles.values()
    )
