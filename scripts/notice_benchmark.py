"""Benchmark of new-document notices: one notice to many Telegram subscribers.

The real sender (``bot.notices.NoticeSender``) in the real python-telegram-bot Application,
with its rate limiter (30 messages a second overall), sends through the fake Bot API server of
the tests on 127.0.0.1, from a temporary SQLite database holding the subscriptions: no index
is built, the sender needs only the database. Prints the time taken against Telegram's limit
(the floor is subscribers / 30 seconds), and the notices delivered, lost and sent twice.

    .venv/bin/python scripts/notice_benchmark.py [--subscribers 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from bot_harness import telegram_bot  # noqa: E402
from fake_telegram import FakeTelegram  # noqa: E402
from qa import messages  # noqa: E402
from qa.library import document_key  # noqa: E402
from qa.notices import NoticedDocument  # noqa: E402
from qa.service import QAService  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.store.models import SubscriptionRow  # noqa: E402

TELEGRAM_RATE = 30  # messages a second, Telegram's limit for a bot overall
FIRST_CHAT = 10_000
DOCUMENT = NoticedDocument(
    path="tai-len/chi-thi-07.txt",
    key=document_key("tai-len/chi-thi-07.txt"),
    doc_type="Chỉ thị",
    number="07-CT/TU",
    title="Chỉ thị về tăng cường công tác bảo vệ rừng",
    issuer="Tỉnh ủy Quảng Trị",
    issued=date(2024, 3, 2),
    change="added",
)


async def main(subscribers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            QA_DOCUMENTS_DIR=Path(folder) / "documents",
            QA_INDEX_DIR=Path(folder) / "index",
            DATABASE_URL=None,
        )
        service = QAService(settings)
        chats = list(range(FIRST_CHAT, FIRST_CHAT + subscribers))
        with service._sessions.begin() as session:  # one transaction, not one a subscriber
            service.notices  # creates the tables  # noqa: B018
            session.add_all(
                SubscriptionRow(channel="telegram", chat_id=str(chat), is_group=False)
                for chat in chats
            )
        try:
            await run(service, chats)
        finally:
            service.close()


async def run(service: QAService, chats: list[int]) -> None:
    async with FakeTelegram() as server, telegram_bot(service, server):
        started = time.monotonic()
        announced = await asyncio.to_thread(service.notices.announce, 1, [DOCUMENT])
        assert announced is not None
        floor = len(chats) / TELEGRAM_RATE
        while True:  # until every delivery has ended (sent, dropped or failed)
            statuses = await asyncio.to_thread(service.notices.statuses, announced.notice_id)
            if not statuses.get("pending") and not statuses.get("sending"):
                break
            await asyncio.sleep(0.5)
        elapsed = time.monotonic() - started
        await asyncio.sleep(3.0)  # a notice sent twice would arrive by now
    notices = [
        call
        for call in server.calls("sendMessage")
        if call.params.get("text", "").startswith(messages.NOTICE_HEADING)
    ]
    per_chat = Counter(call.params["chat_id"] for call in notices)
    span = notices[-1].at - notices[0].at if notices else 0.0
    delivered = sum(1 for chat in chats if per_chat[chat] >= 1)
    print(f"subscribers                  {len(chats)}")
    print(f"announce to last delivery    {elapsed:.1f} s")
    print(f"first to last message        {span:.1f} s")
    print(f"floor: {TELEGRAM_RATE} messages a second {floor:.1f} s")
    print(f"messages a second            {len(notices) / span if span else 0:.1f}")
    print(
        f"delivered / lost / twice     {delivered} / {len(chats) - delivered} / "
        f"{sum(1 for count in per_chat.values() if count > 1)}"
    )
    print(f"deliveries in the database   {statuses}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=5000)
    args = parser.parse_args()
    asyncio.run(main(args.subscribers))
