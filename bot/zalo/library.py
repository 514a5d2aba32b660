"""The library on Zalo, in text commands (Zalo bots have no buttons and cannot send files):
/vanban [filter] numbers the documents, /vb N (or a number) shows a card, /hoi asks within
the document of the last card, /goc says where to get its original file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.conversation import Conversation
from bot.library import card_text, empty_text, shelf_title
from bot.render import document_line
from bot.zalo.api import ZaloMessage
from qa import messages
from qa.answer.compose import describe
from qa.library import DocumentCard

COMMANDS = frozenset({"vanban", "vb", "hoi", "goc"})
LIST_MAX = 20  # documents numbered in one /vanban reply

Member = tuple[str, str]  # chat, user


class ZaloLibrary:
    def __init__(
        self,
        conversation: Conversation,
        send: Callable[[str, str], Awaitable[None]],
        ask: Callable[[ZaloMessage, str], Awaitable[None]],
    ) -> None:
        self.conversation = conversation
        self._send = send
        self._ask = ask

    async def handle(self, message: ZaloMessage, command: str, argument: str) -> None:
        member = (message.chat_id, message.user.id)
        if command == "vanban":
            await self._list(member, argument)
        elif command == "vb":
            await self._card(member, argument.strip())
        elif (card := await self.conversation.shown_card("zalo", *member)) is None:
            await self._send(member[0], messages.LIBRARY_NO_CARD)
        elif command == "hoi":
            await self._ask_within(message, card, argument.strip())
        else:
            await self._send(member[0], original_text(card))

    async def _list(self, member: Member, words: str) -> None:
        shelf = await self.conversation.library(words)
        if shelf.card is not None:
            await self._show(member, shelf.card)
            return
        if not shelf.documents:
            await self._send(member[0], empty_text(shelf))
            return
        shown = list(shelf.documents[:LIST_MAX])
        await self.conversation.remember_list("zalo", *member, [d.path for d in shown])
        lines = [shelf_title(shelf) + ":", *(document_line(i, d) for i, d in enumerate(shown, 1))]
        if len(shelf.documents) > LIST_MAX:
            lines.append(messages.LIBRARY_ZALO_MORE.format(count=len(shelf.documents) - LIST_MAX))
        lines.append(messages.LIBRARY_ZALO_HINT)
        await self._send(member[0], "\n".join(lines))

    async def _card(self, member: Member, query: str) -> None:
        """/vb N (a position in the member's last list), or a number, key or path."""
        if not query:
            await self._send(member[0], messages.VB_USAGE)
            return
        listed = await self.conversation.listed("zalo", *member)
        if listed and query.isdigit() and len(query) <= 3:
            if not 1 <= int(query) <= len(listed):
                await self._send(member[0], messages.VB_OUT_OF_RANGE.format(count=len(listed)))
                return
            query = listed[int(query) - 1]
        await self._show(member, await self.conversation.card(query))

    async def _show(self, member: Member, card: DocumentCard) -> None:
        await self.conversation.show_card("zalo", *member, card.path)  # for /hoi and /goc
        await self._send(member[0], f"{card_text(card)}\n\n{messages.CARD_ZALO_ACTIONS}")

    async def _ask_within(self, message: ZaloMessage, card: DocumentCard, question: str) -> None:
        """/hoi <question> asks it within the document; /hoi alone, the next question."""
        await self.conversation.scope_next("zalo", message.chat_id, message.user.id, card.path)
        if question:
            await self._ask(message, question)
        else:
            await self._send(
                message.chat_id, messages.CARD_ASK_SET.format(document=describe(card.meta))
            )


def original_text(card: DocumentCard) -> str:
    """Where to get the original file: Zalo's Bot API sends text, photos and stickers only."""
    meta = card.meta
    text = messages.ORIGINAL_ZALO.format(
        document=describe(meta), ref=meta.number or card.key, path=card.path
    )
    if meta.source_url:
        text += "\n" + messages.ORIGINAL_ZALO_LINK.format(url=meta.source_url)
    return text
