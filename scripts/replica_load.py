"""Load benchmark of two Telegram bot replicas sharing one PostgreSQL database, with a reindex
in the middle.

On loopback: a fresh PostgreSQL database (127.0.0.1:5432, dropped at the end), a small documents
folder indexed once, the fake Bot API server of the tests, and two ``qa bot telegram`` processes
in webhook mode, each with its own index folder (the second starts empty and fetches the build
from the database). The script plays Telegram and the load balancer: every member asks their
questions one after another (the next one once the reply has arrived and been read), each update
POSTed to a random replica; a share of them is POSTed again to the other replica, as a retry.
When half of the questions have been asked, a document is added and ``qa reindex`` runs as a
process of its own on the first replica's host.

Prints p50 / p95 / max seconds from POSTing an update to its reply reaching the server, replies
lost and duplicated, the answers given by the old and the new build (from the journal), the
reindex's duration and how soon both replicas answered from the new build. Exits 1 when a reply
was lost or sent twice.

    .venv/bin/python scripts/replica_load.py [--members 200] [--questions 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from sqlalchemy import create_engine, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from bot_harness import free_port, listening  # noqa: E402
from conftest import STARTER_DOCUMENTS, new_database  # noqa: E402
from fake_telegram import FakeTelegram  # noqa: E402
from qa import messages  # noqa: E402
from qa.store.models import IndexBuild, QuestionRow  # noqa: E402

SECRET = "replica-load-webhook-secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FIRST_MEMBER = 20_000
WARM_UP_MEMBER = 19_000  # one per replica: loads the model before the measurement
DOCUMENTS = [
    "quyet-dinh-ban-hanh-quy-dinh-ve-tang-cuong-can-bo-y-te-cong-tac-tuyen-huyen-va-tuyen-xa.txt",
    "quyet-dinh-ve-viec-thanh-lap-truong-dai-hoc-cong-nghiep-thuc-pham-thanh-pho-ho-chi-minh.txt",
    "nghi-quyet-ve-chinh-sach-ho-tro-cho-mot-so-chuc-danh-tai-thon-xom-ban-to-nhan-dan-ap-dung.txt",
    "quyet-dinh-ve-viec-thanh-lap-khu-kinh-te-cua-khau-long-an-tinh-long-an.txt",
]
ADDED = "quyet-dinh-ban-hanh-quy-dinh-ve-quan-ly-cung-cap-va-su-dung-dich-vu-internet-cong-cong.txt"
QUESTIONS = [
    "Trưởng Ban công tác Mặt trận ở thôn được hỗ trợ bao nhiêu một tháng?",
    "Bi thu chi doan thanh nien o thon duoc ho tro bao nhieu tien?",
    "Chính sách hỗ trợ chức danh ở thôn xóm của tỉnh Tuyên Quang áp dụng năm nào?",
    "Trường Đại học Công nghiệp Thực phẩm TP Hồ Chí Minh được thành lập trên cơ sở trường nào?",
    "truong dai hoc cong nghiep thuc pham truc thuoc bo nao?",
    "Trường Đại học Công nghiệp Thực phẩm hoạt động theo điều lệ nào?",
    "Quy định tăng cường cán bộ y tế tuyến huyện và tuyến xã ở Nghệ An có hiệu lực khi nào?",
    "quyet dinh tang cuong can bo y te thay the quyet dinh nao?",
    "Ai đề nghị ban hành quy định tăng cường cán bộ y tế cho tuyến xã?",
    "Khu kinh tế cửa khẩu Long An có diện tích tự nhiên bao nhiêu?",
    "khu kinh te cua khau long an gom nhung xa nao?",
    "Phía Bắc khu kinh tế cửa khẩu Long An giáp đâu?",
    # about the document added by the reindex: the new build can answer them
    "Quy định quản lý dịch vụ Internet công cộng ở Nghệ An do ai đề nghị ban hành?",
    "dai ly internet cong cong o nghe an phai hoan tat thu tuc trong bao nhieu ngay?",
]


@dataclass(frozen=True)
class Replica:
    name: str
    port: int  # of its webhook
    health_port: int
    process: asyncio.subprocess.Process
    log: Path

    @property
    def webhook(self) -> str:
        """Where the load balancer POSTs updates."""
        return f"http://127.0.0.1:{self.port}/telegram"

    @property
    def health(self) -> str:
        return f"http://127.0.0.1:{self.health_port}/health"


@dataclass
class Tally:
    """What the members saw, filled in as the load runs."""

    total: int
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (posted at, seconds)
    asked: Counter[int] = field(default_factory=Counter)  # chat id: questions asked
    late: int = 0  # replies not there within --timeout
    seconds: float = 0.0  # from the first member's start to the last reply
    retried: int = 0
    posted: int = 0
    halfway: asyncio.Event = field(default_factory=asyncio.Event)

    def count_post(self) -> None:
        self.posted += 1
        if self.posted * 2 >= self.total:
            self.halfway.set()


@dataclass(frozen=True)
class Reindexed:
    started_at: float  # time.monotonic()
    finished_at: float
    returncode: int
    output: str
    build_id: int
    switched: float | None  # seconds after the reindex until every replica used the new build


def environment(database_url: str, documents: Path, index: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "QA_DOCUMENTS_DIR": str(documents),
        "QA_INDEX_DIR": str(index),
        "HF_HUB_OFFLINE": "1",
    }


async def run_qa(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "qa",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode(errors="replace")


async def start_replica(
    name: str, env: dict[str, str], server: FakeTelegram, logs: Path
) -> Replica:
    port, health_port = free_port(), free_port()
    log = logs / f"{name}.log"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "qa",
        "bot",
        "telegram",
        env={
            **env,
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_BASE_URL": server.url,
            "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
            "TELEGRAM_WEBHOOK_PORT": str(port),
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "BOT_HEALTH_PORT": str(health_port),
            "BOT_QUESTIONS_PER_MINUTE": "1000",
        },
        stdout=log.open("wb"),
        stderr=asyncio.subprocess.STDOUT,
    )
    return Replica(name, port, health_port, process, log)


async def ready(replica: Replica, timeout: float) -> None:
    try:
        await listening(replica.port, timeout)
    except TimeoutError:
        print(replica.log.read_text(errors="replace")[-3000:], file=sys.stderr)
        raise SystemExit(f"replica {replica.name} did not start within {timeout:.0f} s") from None


async def stop(replicas: list[Replica]) -> None:
    for replica in replicas:
        if replica.process.returncode is None:
            replica.process.send_signal(signal.SIGTERM)
    for replica in replicas:
        try:
            await asyncio.wait_for(replica.process.wait(), 30)
        except TimeoutError:
            replica.process.kill()
            await replica.process.wait()


async def post(http: aiohttp.ClientSession, replica: Replica, update: dict) -> None:
    async with http.post(replica.webhook, json=update, headers={SECRET_HEADER: SECRET}) as answer:
        if answer.status != 200:
            raise RuntimeError(f"replica {replica.name} answered the webhook with {answer.status}")


async def build_of(http: aiohttp.ClientSession, replica: Replica) -> int | None:
    try:
        async with http.get(replica.health) as answer:
            return (await answer.json()).get("build_id")
    except aiohttp.ClientError:
        return None


async def deliveries(server: FakeTelegram, inbox: dict[int, asyncio.Queue[float]]) -> None:
    """Hand each sendMessage, by its arrival time, to the member of its chat."""
    seen = 0
    while True:
        calls = await server.wait_for("sendMessage", count=seen + 1, timeout=24 * 3600)
        for call in calls[seen:]:
            chat = call.params.get("chat_id")
            if chat in inbox:
                inbox[chat].put_nowait(call.at)
        seen = len(calls)


async def member(
    user_id: int,
    asked: list[str],
    start_after: float,
    *,
    server: FakeTelegram,
    http: aiohttp.ClientSession,
    replicas: list[Replica],
    inbox: asyncio.Queue[float],
    tally: Tally,
    options: argparse.Namespace,
    rng: random.Random,
) -> None:
    await asyncio.sleep(start_after)
    retries = []
    for question in asked:
        update = server.push_text(question, user_id=user_id)  # an update as Telegram makes it
        first, other = rng.sample(replicas, 2)
        posted_at = time.monotonic()
        await post(http, first, update)
        tally.asked[user_id] += 1
        tally.count_post()
        if rng.random() < options.retry_share:  # the balancer or Telegram tries again
            tally.retried += 1
            retries.append(asyncio.create_task(retry(http, other, update, rng.uniform(0, 1.5))))
        try:
            arrived = await asyncio.wait_for(inbox.get(), options.timeout)
        except TimeoutError:
            tally.late += 1
            continue
        tally.latencies.append((posted_at, arrived - posted_at))
        await asyncio.sleep(rng.uniform(*options.think))  # reading the answer
    await asyncio.gather(*retries)


async def retry(http: aiohttp.ClientSession, replica: Replica, update: dict, after: float) -> None:
    await asyncio.sleep(after)
    await post(http, replica, update)


async def reindex_midway(
    tally: Tally,
    documents: Path,
    added: list[str],
    env: dict[str, str],
    http: aiohttp.ClientSession,
    replicas: list[Replica],
) -> Reindexed:
    """Once half of the questions are asked: add the documents, reindex, and watch the replicas'
    health until all of them answer from the new build."""
    await tally.halfway.wait()
    for name in added:
        shutil.copy(STARTER_DOCUMENTS / "van-ban-hanh-chinh" / name, documents / name)
    started = time.monotonic()
    code, output = await run_qa(["reindex", "--im"], env)
    finished = time.monotonic()
    build_id = await asyncio.to_thread(active_build, env["DATABASE_URL"])
    switched = None
    while code == 0 and time.monotonic() - finished < 60:
        builds = [await build_of(http, replica) for replica in replicas]
        if all(build == build_id for build in builds):
            switched = time.monotonic() - finished
            break
        await asyncio.sleep(0.2)
    return Reindexed(started, finished, code, output, build_id, switched)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def journaled(database_url: str, since: datetime) -> tuple[Counter[int | None], Counter[str]]:
    """The journal of the questions asked since ``since``: how many each build answered, and
    how many got each kind of reply (answer, refusal, ...)."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(QuestionRow.build_id, QuestionRow.kind).where(QuestionRow.asked_at >= since)
        ).all()
    engine.dispose()
    return Counter(build for build, _ in rows), Counter(kind for _, kind in rows)


def active_build(database_url: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        active = connection.scalar(select(IndexBuild.id).where(IndexBuild.status == "active"))
    engine.dispose()
    return int(active or 0)


def replies_of(server: FakeTelegram, chats: set[int]) -> tuple[Counter[int], int]:
    """(messages sent to each member's chat, how many were error messages)"""
    sent: Counter[int] = Counter()
    errors = 0
    for call in server.calls("sendMessage"):
        chat = call.params.get("chat_id")
        if chat in chats:
            sent[chat] += 1
            text = call.params.get("text", "")
            errors += text == messages.UNEXPECTED_ERROR or text.startswith("Bạn hỏi nhanh quá")
    return sent, errors


async def main(options: argparse.Namespace) -> int:
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="replica-load-") as tmp, new_database() as url:
        root = Path(tmp)
        documents = root / "documents"
        documents.mkdir()
        for name in DOCUMENTS:
            shutil.copy(STARTER_DOCUMENTS / "van-ban-hanh-chinh" / name, documents / name)
        env_a = environment(url, documents, root / "index-a")
        env_b = environment(url, documents, root / "index-b")
        started = time.monotonic()
        code, output = await run_qa(["reindex", "--im"], env_a)
        if code:
            raise SystemExit(f"the first reindex failed:\n{output}")
        print(f"first index                  {time.monotonic() - started:.1f} s")

        async with FakeTelegram() as server, aiohttp.ClientSession() as http:
            replicas = [
                await start_replica("a", env_a, server, root),
                await start_replica("b", env_b, server, root),  # fetches the build
            ]
            try:
                return await measure(options, rng, url, documents, env_a, server, http, replicas)
            finally:
                await stop(replicas)


async def measure(
    options: argparse.Namespace,
    rng: random.Random,
    url: str,
    documents: Path,
    reindex_env: dict[str, str],
    server: FakeTelegram,
    http: aiohttp.ClientSession,
    replicas: list[Replica],
) -> int:
    started = time.monotonic()
    for replica in replicas:
        await ready(replica, 300)
    print(f"replicas listening           {time.monotonic() - started:.1f} s")
    for offset, replica in enumerate(replicas):  # warm up: the first question loads the model
        chat = WARM_UP_MEMBER + offset
        await post(http, replica, server.push_text(QUESTIONS[0], user_id=chat))
        await server.wait_for(
            "sendMessage", lambda c, chat=chat: c.params.get("chat_id") == chat, timeout=120
        )
    old_build = await build_of(http, replicas[1])

    members = [FIRST_MEMBER + i for i in range(options.members)]
    inbox: dict[int, asyncio.Queue[float]] = {m: asyncio.Queue() for m in members}
    tally = Tally(total=options.members * options.questions)
    since = datetime.now(UTC)
    delivering = asyncio.create_task(deliveries(server, inbox))
    added = to_add(options.add)
    reindexing = asyncio.create_task(
        reindex_midway(
            tally, documents, added, {**reindex_env, **reindex_threads(options)}, http, replicas
        )
    )
    load_started = time.monotonic()
    await asyncio.gather(
        *(
            member(
                user_id,
                rng.sample(QUESTIONS, options.questions),
                rng.uniform(0, options.spread),
                server=server,
                http=http,
                replicas=replicas,
                inbox=inbox[user_id],
                tally=tally,
                options=options,
                rng=rng,
            )
            for user_id in members
        )
    )
    tally.seconds = time.monotonic() - load_started
    reindexed = await reindexing
    await asyncio.sleep(options.grace)  # a reply sent twice would arrive by now
    delivering.cancel()
    answers, kinds = await asyncio.to_thread(journaled, url, since)
    ended_on = [await build_of(http, replica) for replica in replicas]
    sent, error_replies = replies_of(server, set(members))
    lost = sum(max(0, tally.asked[m] - sent[m]) for m in members)
    duplicated = sum(max(0, sent[m] - tally.asked[m]) for m in members)

    print_load(options, tally, reindexed)
    print(f"replies lost / duplicated    {lost} / {duplicated}")
    print(f"{f'later than {options.timeout:.0f} s':<29}{tally.late}")
    print(f"error or rate-limit replies  {error_replies}")
    print(f"journal rows                 {answers.total()} for {tally.asked.total()} questions")
    names = {old_build: "old", reindexed.build_id: "new"}
    by_build = ", ".join(
        f"build {build} ({names.get(build, '?')}) {count}"
        for build, count in sorted(answers.items(), key=lambda item: item[0] or 0)
    )
    print(f"answers by build             {by_build}")
    print(f"kinds of reply               {', '.join(f'{k} {n}' for k, n in kinds.most_common())}")
    print_reindex(reindexed, len(added), all(b == reindexed.build_id for b in ended_on))
    return 1 if lost or duplicated else 0


def print_load(options: argparse.Namespace, tally: Tally, reindexed: Reindexed) -> None:
    questions = tally.asked.total()
    print(f"members                      {options.members}, starting over {options.spread:.0f} s")
    print(
        f"questions                    {questions} in {tally.seconds:.0f} s "
        f"({questions / tally.seconds:.1f} a second); {tally.retried} POSTed again to the other "
        "replica"
    )
    reindex_ends = reindexed.finished_at + (reindexed.switched or 0)
    during = [s for at, s in tally.latencies if reindexed.started_at <= at <= reindex_ends]
    print(f"update to reply              {spread([s for _, s in tally.latencies])}")
    print(f"  asked during the reindex   {spread(during)}")


def print_reindex(reindexed: Reindexed, added: int, ended_on_new: bool) -> None:
    if reindexed.returncode:
        print(f"reindex FAILED:\n{reindexed.output[-2000:]}")
        return
    took = reindexed.finished_at - reindexed.started_at
    print(
        f"reindex                      {took:.1f} s, {added} document(s) added (build {reindexed.build_id})"
    )
    waited = (
        "not within 60 s"
        if reindexed.switched is None
        else f"{reindexed.switched:.1f} s after the reindex ended"
    )
    print(f"both replicas on new build   {ended_on_new} ({waited})")


def spread(seconds: list[float]) -> str:
    if not seconds:
        return "-"
    ordered = sorted(seconds)
    return (
        f"p50 {statistics.median(ordered):.2f} s, p95 {percentile(ordered, 0.95):.2f} s, "
        f"max {ordered[-1]:.2f} s ({len(ordered)} replies)"
    )


def to_add(count: int) -> list[str]:
    """ADDED, then the shortest other starter documents: ``count`` in all."""
    folder = STARTER_DOCUMENTS / "van-ban-hanh-chinh"
    others = sorted(
        (p for p in folder.glob("*.txt") if p.name not in {*DOCUMENTS, ADDED}),
        key=lambda p: p.stat().st_size,
    )
    return [ADDED, *(p.name for p in others[: count - 1])]


def reindex_threads(options: argparse.Namespace) -> dict[str, str]:
    return {"QA_EMBED_THREADS": str(options.reindex_threads)} if options.reindex_threads else {}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--questions", type=int, default=3, help="questions of each member")
    parser.add_argument("--spread", type=float, default=60.0, help="seconds members start over")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(2.0, 6.0),
        metavar=("MIN", "MAX"),
        help="seconds a member reads an answer before the next question",
    )
    parser.add_argument(
        "--retry-share",
        type=float,
        default=0.1,
        help="share of updates POSTed again to the other replica",
    )
    parser.add_argument(
        "--reindex-threads",
        type=int,
        default=None,
        help="QA_EMBED_THREADS of the reindex (default: the embedder's own)",
    )
    parser.add_argument(
        "--add", type=int, default=1, help="documents the reindex adds (more: a longer reindex)"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a reply may take")
    parser.add_argument("--grace", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=18)
    arguments = parser.parse_args()
    if not 1 <= arguments.questions <= len(QUESTIONS):
        parser.error(f"--questions must be 1 to {len(QUESTIONS)}")
    sys.exit(asyncio.run(main(arguments)))
