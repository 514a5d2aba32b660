"""Load benchmark of the Telegram bot: many members asking at once.

The real bot (python-telegram-bot Application, AIORateLimiter, the answering thread pool) polls
the fake Bot API server of the tests on 127.0.0.1, answering from the index of the starter
collection (built incrementally first if needed). Prints p50 / p95 time from the update being
queued to the reply arriving, replies per second, lost and duplicated replies, and how late the
event loop ever was (it must never block on embedding or search).

    .venv/bin/python scripts/bot_load.py [--members 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from bot_harness import telegram_bot  # noqa: E402
from fake_telegram import FakeTelegram  # noqa: E402
from qa.service import QAService  # noqa: E402
from qa.settings import Settings  # noqa: E402

FIRST_MEMBER = 10_000


def questions(count: int) -> list[str]:
    rows = [json.loads(line) for line in (REPO / "eval" / "party_dev.jsonl").open(encoding="utf-8")]
    texts = [row["question"] for row in rows]
    return [texts[i % len(texts)] for i in range(count)]


async def loop_lag(stop: asyncio.Event, lateness: list[float]) -> None:
    """How late each 10 ms sleep wakes up: how long the event loop could not run."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lateness.append(time.perf_counter() - started - 0.01)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def one_round(
    server: FakeTelegram, asked: list[str], round_no: int
) -> tuple[list[float], int, int]:
    """(update-to-reply seconds of each member answered, replies lost, replies sent twice)"""
    members = [FIRST_MEMBER + round_no * 1000 + i for i in range(len(asked))]
    queued = {}
    for member, question in zip(members, asked):
        server.push_text(question, user_id=member)
        queued[member] = time.monotonic()
    wanted = set(members)
    await server.wait_for(
        "sendMessage", lambda c: c.params.get("chat_id") in wanted, count=len(members), timeout=120
    )
    await asyncio.sleep(1.0)  # a reply sent twice would arrive by now
    replies: dict[int, list[float]] = {}
    for call in server.calls("sendMessage"):
        if call.params.get("chat_id") in wanted:
            replies.setdefault(call.params["chat_id"], []).append(call.at)
    duplicated = sum(len(times) > 1 for times in replies.values())
    latencies = [min(times) - queued[member] for member, times in replies.items()]
    return latencies, len(wanted - replies.keys()), duplicated


async def main(members: int, rounds: int) -> None:
    service = QAService(Settings())
    report = service.reindex()
    print(f"index: {report.passages} passages ({report.embedded} embedded now)")
    asked = questions(members)
    async with FakeTelegram() as server, telegram_bot(service, server):
        server.push_text(asked[0], user_id=1)  # warm up: the first question loads the index
        await server.wait_for("sendMessage", timeout=120)
        stop, lateness = asyncio.Event(), []
        lag = asyncio.create_task(loop_lag(stop, lateness))
        latencies: list[float] = []
        lost = duplicated = 0
        busy = 0.0  # seconds from the first question of a round to its last reply
        for round_no in range(rounds):
            found, round_lost, round_duplicated = await one_round(server, asked, round_no)
            latencies += found
            lost, duplicated = lost + round_lost, duplicated + round_duplicated
            busy += max(found)
        stop.set()
        await lag
    ordered, late = sorted(latencies), sorted(lateness)
    p95, late_p99 = percentile(ordered, 0.95), percentile(late, 0.99)
    print(f"members asking at once       {members} ({rounds} rounds)")
    print(
        f"update to reply              p50 {statistics.median(ordered):.2f} s, p95 {p95:.2f} s, "
        f"max {ordered[-1]:.2f} s"
    )
    print(f"replies per second           {len(ordered) / busy:.1f}")
    print(f"replies lost / sent twice    {lost} / {duplicated}")
    print(
        f"event loop lateness         p50 {statistics.median(late) * 1000:.1f} ms, "
        f"p99 {late_p99 * 1000:.0f} ms, max {late[-1] * 1000:.0f} ms"
    )
    service.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.members, args.rounds))
