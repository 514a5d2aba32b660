"""The library as members read it, in plain text (Telegram renders it to HTML): a page of
documents newest first, and a document's card."""

from __future__ import annotations

import math

from bot.render import document_line
from qa import messages
from qa.answer.compose import describe, link_notices
from qa.library import DocumentCard, Shelf
from qa.service import DocumentInfo

LABEL_MAX = 60  # characters of a document's button


def shelf_title(shelf: Shelf) -> str:
    """What the list holds: all documents, a filter's, or those the member's words name."""
    count = len(shelf.documents)
    if shelf.named:
        return messages.LIBRARY_NAMED.format(query=shelf.query, count=count)
    if shelf.filter:
        return messages.LIBRARY_FILTERED.format(filter=shelf.filter.label(), count=count)
    return messages.LIBRARY_ALL.format(count=count)


def shelf_page(shelf: Shelf, page: int, per_page: int) -> tuple[str, list[DocumentInfo], int, int]:
    """One page of the list: (text, its documents, page, pages), the page clamped to what
    exists; the documents are numbered through the whole list."""
    pages = max(1, math.ceil(len(shelf.documents) / per_page))
    page = min(max(page, 1), pages)
    first = (page - 1) * per_page
    shown = list(shelf.documents[first : first + per_page])
    header = shelf_title(shelf) + messages.LIBRARY_PAGE.format(page=page, pages=pages)
    lines = [header, *(document_line(first + i, d) for i, d in enumerate(shown, 1))]
    return "\n".join(lines), shown, page, pages


def empty_text(shelf: Shelf) -> str:
    if shelf.named:
        return messages.LIBRARY_NOT_FOUND.format(query=shelf.query)
    return messages.LIBRARY_EMPTY.format(filter=shelf.filter.label() or shelf.query)


def button_label(number: int, document: DocumentInfo) -> str:
    label = f"{number}. {describe(document.meta)}"
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def card_text(card: DocumentCard) -> str:
    """The card: metadata, what it replaces and what replaced it, size, file, outline."""
    meta = card.meta
    fields = [
        (messages.FIELD_TYPE, meta.doc_type),
        (messages.FIELD_NUMBER, meta.number),
        (messages.FIELD_TITLE, meta.title),
        (messages.FIELD_ISSUER, meta.issuer),
        (messages.FIELD_DATE, f"{meta.issued:%d/%m/%Y}" if meta.issued else None),
        (messages.FIELD_PLACE, meta.place),
        (messages.FIELD_SIGNER, meta.signer),
        (messages.FIELD_SOURCE_URL, meta.source_url),
        (messages.CARD_PASSAGES, str(card.passages)),
        (messages.SOURCE_FILE, card.path),
    ]
    lines = [describe(meta), *(f"• {label}: {value}" for label, value in fields if value)]
    lines += [
        messages.CARD_STATES.format(relation=messages.DOC_LINK_RELATIONS[relation], document=doc)
        for relation, doc in card.states
    ]
    lines += [notice[:1].upper() + notice[1:] for notice in link_notices(meta)]
    if card.outline:
        lines += ["", messages.CARD_OUTLINE, *(f"• {heading}" for heading in card.outline)]
    return "\n".join(lines)
