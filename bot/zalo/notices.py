"""New-document notices on Zalo: plain text, each document followed by ``/vb <number or key>``
(Zalo bots have no buttons).

How the Zalo Bot API's errors are read (it is shaped like Telegram's Bot API, and its error
codes follow HTTP's): 403 means the member blocked the bot or may no longer be written to, so
the subscriber is dropped; 429 means too many requests: the client has already retried it a
few times with a growing pause, and the sender then waits FLOOD_SECONDS before trying again.
Anything else is a failure tried again later.
"""

from __future__ import annotations

from http import HTTPStatus

from bot.notices import Blocked, FloodWait, notice_text
from bot.render import zalo_messages
from bot.zalo.api import ZaloAPIError, ZaloBotAPI
from qa.notices import Delivery

CHANNEL = "zalo"
BLOCKED_CODES = {HTTPStatus.FORBIDDEN}
FLOOD_CODES = {HTTPStatus.TOO_MANY_REQUESTS}
FLOOD_SECONDS = 10.0  # Zalo gives no retry_after


async def send(api: ZaloBotAPI, limit: int, delivery: Delivery) -> None:
    """One notice to one chat (in one message unless it is longer than ``limit``)."""
    try:
        for part in zalo_messages(notice_text(delivery.documents, commands=True), limit):
            await api.send_message(delivery.chat_id, part)
    except ZaloAPIError as error:
        if error.error_code in BLOCKED_CODES:
            raise Blocked(error.description) from error
        if error.error_code in FLOOD_CODES:
            raise FloodWait(FLOOD_SECONDS) from error
        raise
