"""What the member reads: quotes set out with numbered citations of their documents and
sections, or a plain refusal. Nothing here writes words of its own about a document's content:
the only text besides the quotes is fixed wording (qa.messages) and the documents' metadata.
"""

from __future__ import annotations

from qa import messages
from qa.answer.quotes import CUT, Quote
from qa.models import Answer, Citation, DocumentMeta, Hit, IndexedPassage, ReplyKind


def describe(meta: DocumentMeta) -> str:
    """ "Chỉ thị 05-CT/TU — Về đẩy mạnh … (15/04/2021)": how a source is named to users."""
    head = f"{meta.doc_type} {meta.number}" if meta.number else meta.doc_type
    parts = [head, meta.title] if meta.title.lower() != head.lower() else [head]
    text = " — ".join(parts)
    if meta.issued:
        text += f" ({meta.issued:%d/%m/%Y})"
    return text


def identity(meta: DocumentMeta, *, signer: bool = False) -> str:
    """A document's identity line: type, number, title, date and issuer (and ``signer``)."""
    issuer = f"; {messages.ISSUED_BY} {meta.issuer}" if meta.issuer else ""
    signed = f"; {messages.SIGNED_BY} {meta.signer}" if signer and meta.signer else ""
    return describe(meta) + issuer + signed


def source_line(citation: Citation) -> str:
    passage = citation.hit.passage
    line = f"[{citation.number}] {describe(passage.meta)}"
    if passage.section:
        line += f"; {messages.SECTION} {passage.section}"
    if passage.meta.scanned_pages:  # OCR may have misread a letter
        line += f"; {messages.SCANNED}"
    for notice in link_notices(passage.meta):
        line += f" ({notice})"
    return line


def link_notices(meta: DocumentMeta) -> list[str]:
    """That a document was replaced, repealed or amended by another, as members read it."""
    notices = []
    if meta.replaced_by:
        notices.append(messages.REPLACED_BY.format(replaced_by=meta.replaced_by))
    if meta.repealed_by:
        notices.append(messages.REPEALED_BY.format(document=meta.repealed_by))
    if meta.amended_by:
        notices.append(messages.AMENDED_BY.format(documents=", ".join(meta.amended_by)))
    return notices


INDENT = "  "  # the lines of a bullet after its first


def compose(
    question: str,
    quotes: list[Quote],
    hits: list[Hit],
    *,
    intro: str = messages.ANSWER_INTRO,
    notice: str | None = None,
    kind: ReplyKind = "answer",
) -> Answer:
    """The quotes, one bullet per unit, each followed by the number of its source, the lines
    of a quote indented under its bullet; a unit running over two passages cites both.
    ``notice`` comes first ("Bộ văn bản chưa có …")."""
    numbers: dict[int, int] = {}
    for quote in quotes:
        numbers.setdefault(quote.span.passage.id, len(numbers) + 1)
    lines = [notice] if notice else []
    lines.append(intro)
    for unit in dict.fromkeys(q.unit for q in quotes):
        parts = [_shown(q, numbers[q.span.passage.id]) for q in quotes if q.unit == unit]
        lines.append("• " + f"\n{INDENT}".join(parts))
    by_id = {hit.passage.id: hit for hit in hits}
    citations = [
        Citation(
            number,
            by_id.get(passage_id) or Hit(_passage(quotes, passage_id), 0.0),
            _joined([q.text for q in quotes if q.span.passage.id == passage_id]),
        )
        for passage_id, number in numbers.items()
    ]
    lines += ["", messages.SOURCES, *(source_line(c) for c in citations)]
    return Answer(question, kind, "\n".join(lines), tuple(citations), tuple(hits))


def _shown(quote: Quote, number: int) -> str:
    lines = quote.text.replace("\n", f"\n{INDENT}")
    return f"«{lines}» [{number}]"


def _joined(texts: list[str]) -> str:
    """The quotes of one passage as one string, " … " between them (a quote cut short ends
    with " …", which the gap mark then stands for)."""
    gap = f" {CUT} "
    return gap.join([t.removesuffix(f" {CUT}") for t in texts[:-1]] + texts[-1:])


def _passage(quotes: list[Quote], passage_id: int) -> IndexedPassage:
    return next(q.span.passage for q in quotes if q.span.passage.id == passage_id)


def refuse(question: str, hits: list[Hit], notice: str | None = None) -> Answer:
    text = f"{notice}\n{messages.NOT_ANSWERED}" if notice else messages.NOT_ANSWERED
    return Answer(question, "refusal", text, (), tuple(hits))


def which_document(question: str) -> Answer:
    """A question on "this document" with no document named before it."""
    return Answer(question, "refusal", messages.WHICH_DOCUMENT)


def small_talk(question: str, reply: str) -> Answer:
    return Answer(question, "small_talk", reply)


def out_of_scope(question: str) -> Answer:
    return Answer(question, "out_of_scope", f"{messages.OUT_OF_SCOPE}\n{messages.TRY_ASKING}")
