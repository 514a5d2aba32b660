"""Extractive answers: the most relevant sentences quoted verbatim, each with a numbered
citation of its document and section. Nothing here writes words of its own about a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa import messages
from qa.answer.asked import asked_kind, contains_kind
from qa.answer.evidence import content_terms
from qa.index.snapshot import Snapshot
from qa.models import Answer, Citation, DocumentMeta, Hit
from qa.text import sentences, tokenize

MAX_QUOTES = 3
MAX_QUOTE_CHARS = 500
PASSAGES_CONSIDERED = 3


@dataclass(frozen=True)
class _Sentence:
    hit_index: int
    start: int
    end: int
    score: float


def describe(meta: DocumentMeta) -> str:
    """ "Chỉ thị 05-CT/TU — Về đẩy mạnh … (15/04/2021)": how a source is named to users."""
    head = f"{meta.doc_type} {meta.number}" if meta.number else meta.doc_type
    parts = [head, meta.title] if meta.title.lower() != head.lower() else [head]
    text = " — ".join(parts)
    if meta.issued:
        text += f" ({meta.issued:%d/%m/%Y})"
    return text


def source_line(citation: Citation) -> str:
    passage = citation.hit.passage
    line = f"[{citation.number}] {describe(passage.meta)}"
    if passage.section:
        line += f"; {messages.SECTION} {passage.section}"
    if passage.meta.replaced_by:
        line += f" ({messages.REPLACED_BY.format(replaced_by=passage.meta.replaced_by)})"
    return line


def _score_sentences(
    question: str, accents: bool, hits: list[Hit], snapshot: Snapshot
) -> list[_Sentence]:
    """Sentences of the first passages by how much of the question they contain: its rare
    words, its word pairs (phrases), and the kind of information it asks for."""
    terms = content_terms(question, accents=accents)
    weight = {t: snapshot.terms.idf(t) for t in terms}
    total = sum(weight.values()) or 1.0
    pairs = set(zip(terms, terms[1:]))
    kind = asked_kind(question)
    scored = []
    for index, hit in enumerate(hits[:PASSAGES_CONSIDERED]):
        text = hit.passage.text
        for start, end in sentences(text):
            tokens = tokenize(text[start:end], accents=False)
            words = set(tokens)
            score = sum(w for t, w in weight.items() if t in words) / total
            if pairs:
                score += 0.5 * len(pairs & set(zip(tokens, tokens[1:]))) / len(pairs)
            if kind and contains_kind(text[start:end], kind):
                score += 0.3
            # Earlier passages are more likely to answer: a small tie-breaking preference.
            scored.append(_Sentence(index, start, end, score - 0.05 * index))
    return sorted(scored, key=lambda s: -s.score)


def _quotes(chosen: list[_Sentence], hits: list[Hit]) -> list[tuple[int, str]]:
    """Merge chosen sentences of one passage that are adjacent into one quote, in text order."""
    quotes: list[tuple[int, str]] = []
    for hit_index in dict.fromkeys(s.hit_index for s in chosen):
        text = hits[hit_index].passage.text
        spans = sorted((s.start, s.end) for s in chosen if s.hit_index == hit_index)
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and not text[merged[-1][1] : start].strip():
                merged[-1][1] = end
            else:
                merged.append([start, end])
        quotes.extend((hit_index, _clip(text[start:end].strip())) for start, end in merged)
    return quotes


def _clip(quote: str) -> str:
    if len(quote) <= MAX_QUOTE_CHARS:
        return quote
    cut = quote.rfind(" ", 0, MAX_QUOTE_CHARS)
    return quote[: cut if cut > 0 else MAX_QUOTE_CHARS] + " …"


def compose(question: str, accents: bool, hits: list[Hit], snapshot: Snapshot) -> Answer:
    scored = _score_sentences(question, accents, hits, snapshot)
    best = scored[0].score if scored else 0.0
    chosen = [s for s in scored[:MAX_QUOTES] if s.score >= best * 0.6] or scored[:1]
    numbers: dict[int, int] = {}
    citations: list[Citation] = []
    lines = [messages.ANSWER_INTRO]
    for hit_index, quote in _quotes(chosen, hits):
        if hit_index not in numbers:
            numbers[hit_index] = len(numbers) + 1
            citations.append(Citation(numbers[hit_index], hits[hit_index], quote))
        lines.append(f"• «{quote}» [{numbers[hit_index]}]")
    lines += ["", messages.SOURCES, *(source_line(c) for c in citations)]
    return Answer(question, True, "\n".join(lines), tuple(citations), tuple(hits))


def refuse(question: str, hits: list[Hit]) -> Answer:
    return Answer(question, False, messages.NOT_ANSWERED, (), tuple(hits))
