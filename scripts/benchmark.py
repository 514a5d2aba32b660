"""Benchmark of the core on the starter collection; prints its figures (not a test).

    .venv/bin/python scripts/benchmark.py            # about 8 minutes on 2 cores
    .venv/bin/python scripts/benchmark.py --ocr-only # the OCR figures alone, about 1 minute

Measures, in one run: the raw encode speed of the collection's passages and the full
reindex speed over the same passages; an incremental reindex after adding one document;
warm question-to-answer latency (in-domain questions, list and "what does X say" questions,
and everyday chat, each asked once); process start to first answer; peak memory; OCR
character accuracy (1 - normalised edit distance to the page's text) and seconds per page on
the scans the tests make of a directive page (tests/scans.py): the page rendered at 200 dpi,
a phone photo of it, a scanned PDF of it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qa.chunk import chunk
from qa.embed import make_embedder
from qa.index.build import embed_text
from qa.ingest import list_source_files, read_document, readers
from qa.ingest.pages import ScanReader
from qa.service import QAService
from qa.settings import Settings

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the scans of tests/scans.py

import scans  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def collection_texts(documents: Path) -> list[str]:
    texts = []
    for path in list_source_files(documents):
        document = read_document(documents, path)
        texts += [
            embed_text(document.meta, p.heading_path, p.text)
            for p in chunk(document.text, document.meta.title)
        ]
    return texts


def questions(dev_set: Path, count: int) -> list[str]:
    """The first ``count`` questions (or chat messages) of a dev set."""
    rows = [json.loads(line) for line in dev_set.read_text("utf-8").splitlines() if line.strip()]
    return [row.get("question") or row["text"] for row in rows][:count]


def new_document(corpus: Path) -> tuple[str, str]:
    """A median-sized journal article: one realistic document to add."""
    rows = [
        json.loads(line)
        for line in (corpus / "party_admin_200.jsonl").read_text("utf-8").splitlines()
    ]
    articles = sorted(
        (r for r in rows if r["kind"] == "party_politics_article"), key=lambda r: len(r["text"])
    )
    article = articles[len(articles) // 2]
    return f"bai-viet-{article['doc_id']}.txt", article["text"]


def ocr_figures() -> list[str]:
    """Accuracy and speed of OCR, without the page cache, on each kind of scan."""
    page = scans.page_scan()
    files = [
        ("clean render (PNG, 200 dpi)", ".png", scans.png_bytes(page)),
        ("phone photo (JPEG, 3°, noisy)", ".jpg", scans.phone_photo(page)),
        ("scanned PDF (rendered at 300 dpi)", ".pdf", scans.scanned_pdf(page)),
    ]
    lines = []
    for label, suffix, data in files:
        started = time.perf_counter()
        extracted = readers.extract(suffix, data, ScanReader())
        seconds = (time.perf_counter() - started) / (extracted.pages or 1)
        accuracy = scans.char_accuracy(scans.PAGE_TEXT, extracted.text)
        lines.append(f"OCR {label:<34} accuracy {accuracy:.1%}, {seconds:.1f} s/page")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=Path, default=REPO / "documents")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--dev-set", type=Path, default=REPO / "eval" / "party_dev.jsonl")
    parser.add_argument("--questions", type=int, default=80)
    parser.add_argument("--ocr-only", action="store_true", help="print the OCR figures only")
    args = parser.parse_args()
    ocr = ocr_figures()
    if args.ocr_only:
        print("\n".join(ocr))
        return

    work = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    documents = work / "documents"
    shutil.copytree(args.documents, documents)
    settings = Settings(QA_DOCUMENTS_DIR=documents, QA_INDEX_DIR=work / "index", DATABASE_URL=None)
    embedder = make_embedder(settings)

    texts = collection_texts(documents)
    started = time.perf_counter()
    for start in range(0, len(texts), settings.embed_batch_size):
        embedder.embed_passages(texts[start : start + settings.embed_batch_size])
    raw_seconds = time.perf_counter() - started
    raw_rate = len(texts) / raw_seconds

    service = QAService(settings, embedder)
    full = service.reindex(full=True)
    full_rate = full.passages / full.seconds

    name, text = new_document(args.corpus)
    (documents / name).write_text(text, "utf-8")
    incremental = service.reindex()

    # warm-up: every path loaded once, on other questions than those measured (the service
    # remembers recent query vectors, so a question asked twice would skip its embedding)
    for question in questions(REPO / "eval" / "party_heldout.jsonl", 10):
        service.ask(question)
    asked = [
        *questions(args.dev_set, args.questions),
        *questions(REPO / "eval" / "keypoints_dev.jsonl", args.questions // 2),  # lists, outlines
        *questions(REPO / "eval" / "chat_dev.jsonl", args.questions // 2),  # small talk, off-topic
    ]
    latencies = []
    for question in asked:
        started = time.perf_counter()
        service.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)

    env = {**os.environ, "QA_DOCUMENTS_DIR": str(documents), "QA_INDEX_DIR": str(work / "index")}
    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "qa", "ask", "Ai chủ trì hội nghị sơ kết ngày 1/7/2021?"],
            env=env,
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - started)

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"passages in the starter collection     {len(texts)}")
    print(f"raw encode                             {raw_seconds:.1f} s, {raw_rate:.2f} passages/s")
    print(
        f"full reindex                           {full.seconds:.1f} s, {full_rate:.2f} passages/s "
        f"({full_rate / raw_rate:.0%} of raw encode speed)"
    )
    print(
        f"incremental reindex after adding one   {incremental.seconds:.1f} s "
        f"({incremental.seconds / full.seconds:.1%} of full; {incremental.embedded} passages embedded)"
    )
    print(
        f"warm ask latency over {len(latencies)} questions    "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
        f"max {max(latencies):.0f} ms"
    )
    print(
        f"qa ask, process start to answer        median {statistics.median(cold):.2f} s "
        f"(runs: {', '.join(f'{c:.2f}' for c in cold)})"
    )
    print(
        f"peak memory                            benchmark process {peak_self:.0f} MB, "
        f"qa ask process {peak_child:.0f} MB"
    )
    print("\n".join(ocr))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
