"""From an assessed question to the reply: which form of answer it wants and what to quote.

- A document the question names that the collection does not hold is said so first; then
  what the other documents say about it is quoted, as such. Not when it is named as the
  context of a held document whose title cites it ("Kế hoạch hỗ trợ … ngoài Kế hoạch 77").
- Refused when the evidence says the passages do not answer, or nothing in them may be quoted.
- "What does document X say": the document's identity and the outline of its main parts; "what
  does part P of it say" ("mục 3", "Điều 9"): that part's heading and outline.
- "Who carries document X out": its executing article; "who issued (signed) it": the lines of
  its header (closing) naming them, or that it names none.
- Otherwise the sentences that answer, each widened to its unit (a lead-in with its items, a
  list with its lead-in when a list is asked).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from qa import messages
from qa.answer.compose import compose, describe, identity, refuse
from qa.answer.documents import asked_refs, first_named, unheld
from qa.answer.forms import Form, asks_signer, document_topic
from qa.answer.named import named_by_topic
from qa.answer.quotes import (
    asked_list,
    quote_executing,
    quote_issuer,
    quote_outline,
    quote_part,
    quote_sentences,
)
from qa.answer.sentences import ScoredSentence
from qa.index.snapshot import Snapshot
from qa.models import Answer, Hit
from qa.refs import DocRef, cited_numbers, names_any

if TYPE_CHECKING:  # qa.retrieve ranks passages with qa.answer.sentences
    from qa.retrieve import Retrieval


def respond(
    question: str,
    form: Form,
    retrieval: Retrieval,
    scored: list[ScoredSentence],
    answers: bool,
    snapshot: Snapshot,
    *,
    budget: int,
    already_quoted: Collection[str] = (),
) -> Answer:
    hits, refs = retrieval.hits, retrieval.refs
    missing = unheld(asked_refs(question, refs, hits), snapshot)
    if missing:
        return _about_missing(question, hits, scored, answers, snapshot, missing[0], budget)
    if not answers:
        return refuse(question, hits)
    if form.part:
        path = _named_document(question, retrieval, snapshot)
        quotes = quote_part(snapshot, path, form.part, budget)
        if quotes:
            meta = snapshot.documents[path][0].meta
            return compose(question, quotes, hits, intro=identity(meta))
    if form.about_document:
        path = _named_document(question, retrieval, snapshot)
        quotes = quote_outline(snapshot, path, budget)
        if quotes:
            meta = snapshot.documents[path][0].meta
            intro = f"{identity(meta)}\n{messages.OUTLINE_INTRO}"
            return compose(question, quotes, hits, intro=intro)
    if form.who_issued:
        path = _named_document(question, retrieval, snapshot)
        meta = snapshot.documents[path][0].meta
        signer = asks_signer(question)
        if not (meta.issuer or signer and meta.signer):
            notice = messages.NO_ISSUER.format(document=describe(meta).rstrip("."))
            return refuse(question, hits, notice)
        quotes = quote_issuer(snapshot, path)
        intro = identity(meta, signer=signer)
        if signer and not meta.signer:  # not answered: what the header says is shown
            notice = messages.NO_SIGNER
            return compose(question, quotes, hits, intro=intro, notice=notice, kind="refusal")
        return compose(question, quotes, hits, intro=intro)
    if form.who_executes:
        quotes = quote_executing(snapshot, _named_document(question, retrieval, snapshot), budget)
        if quotes:
            return compose(question, quotes, hits)
    fresh = [s for s in scored if not _quoted(s, hits, already_quoted)]
    noun = asked_list(question, accents=retrieval.accents) if form.wants_list else None
    quotes = quote_sentences(snapshot, hits, fresh or scored, list_noun=noun, budget=budget)
    return compose(question, quotes, hits) if quotes else refuse(question, hits)


def _about_missing(
    question: str,
    hits: list[Hit],
    scored: list[ScoredSentence],
    answers: bool,
    snapshot: Snapshot,
    missing: DocRef,
    budget: int,
) -> Answer:
    """ "Bộ văn bản chưa có Chỉ thị 05-CT/TU." and the sentences of other documents citing it,
    or standing in one that carries it out or amends it ("Thông tư hướng dẫn … Nghị định số
    54/2009/NĐ-CP …" says what that decree provides in every sentence, "Nghị định 54" for
    short; not "Kế hoạch … ngoài kế hoạch 77/KH-LT")."""

    def about_it(sentence: ScoredSentence) -> bool:
        title = hits[sentence.hit_index].passage.meta.title
        return sentence.of_document or (
            bool(_CARRIES_OUT.search(title)) and names_any([missing], cited_numbers(title))
        )

    mentions = [s for s in scored if about_it(s)]
    quotes = quote_sentences(snapshot, hits, mentions, list_noun=None, budget=budget)
    if not quotes:
        notice = messages.NOT_HELD_NOR_MENTIONED.format(document=missing.label())
        return refuse(question, hits, notice)
    return compose(
        question,
        quotes,
        hits,
        intro=messages.NOT_HELD_MENTIONS,
        notice=messages.NOT_HELD.format(document=missing.label()),
        kind="answer" if answers else "refusal",
    )


# A document whose title says it carries out or amends another: its sentences are about that one
_CARRIES_OUT = re.compile(
    r"\b(?:hướng dẫn|quy định chi tiết|thi hành|sửa đổi|bổ sung|điều chỉnh)\b", re.IGNORECASE
)


def _named_document(question: str, retrieval: Retrieval, snapshot: Snapshot) -> str:
    """The document the question asks about: the first hit of one it names by number (not
    as the context of another), else the one it names by topic."""
    named = first_named(asked_refs(question, retrieval.refs, retrieval.hits), retrieval.hits)
    topic = document_topic(question)
    return named or named_by_topic(topic, retrieval.hits, snapshot, retrieval.accents)


def _quoted(sentence: ScoredSentence, hits: list[Hit], already_quoted: Collection[str]) -> bool:
    text = hits[sentence.hit_index].passage.text[sentence.start : sentence.end].strip()
    return any(text in quote for quote in already_quoted)
