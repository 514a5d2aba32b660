"""Extractive answers: the most relevant sentences quoted verbatim, each with a numbered
citation of its document and section. Nothing here writes words of its own about a document.
"""

from __future__ import annotations

from qa import messages
from qa.answer.sentences import ScoredSentence, select
from qa.models import Answer, Citation, DocumentMeta, Hit

MAX_QUOTES = 3
MAX_QUOTE_CHARS = 500


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


def _quotes(chosen: list[ScoredSentence], hits: list[Hit]) -> list[tuple[int, str]]:
    """Merge chosen sentences of one paragraph that are adjacent into one quote, in text order."""
    quotes: list[tuple[int, str]] = []
    for hit_index in dict.fromkeys(s.hit_index for s in chosen):
        text = hits[hit_index].passage.text
        spans = sorted((s.start, s.end) for s in chosen if s.hit_index == hit_index)
        merged: list[list[int]] = []
        for start, end in spans:
            if (
                merged
                and text[merged[-1][1] : start].isspace()
                and "\n" not in text[merged[-1][1] : start]
            ):
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


def compose(question: str, hits: list[Hit], scored: list[ScoredSentence]) -> Answer:
    """Quote the best sentences (scored by ``score_sentences``) and cite their passages."""
    quotes = _quotes(select(scored, MAX_QUOTES), hits)
    numbers = {hit_index: n for n, hit_index in enumerate(dict.fromkeys(i for i, _ in quotes), 1)}
    citations = [
        Citation(n, hits[i], " … ".join(q for j, q in quotes if j == i)) for i, n in numbers.items()
    ]
    lines = [messages.ANSWER_INTRO]
    lines += [f"• «{quote}» [{numbers[hit_index]}]" for hit_index, quote in quotes]
    lines += ["", messages.SOURCES, *(source_line(c) for c in citations)]
    return Answer(question, True, "\n".join(lines), tuple(citations), tuple(hits))


def refuse(question: str, hits: list[Hit]) -> Answer:
    return Answer(question, False, messages.NOT_ANSWERED, (), tuple(hits))
