#!/usr/bin/env python3
"""Check eval/party_dev.jsonl against the corpus it was written from.

Standard library only. Exits 0 when the set is valid, 1 on any error.
Warnings (printed, not fatal) flag things worth a second look: evidence that
crosses a line break, evidence that also occurs in another document, a
paraphrase question that copies four or more consecutive words of its
evidence, a twin whose words differ much from its paraphrase.

Usage (from the repository root):
    python eval/check_dev_set.py [--dev PATH] [--corpus PATH] [--quang-tri PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = ROOT / "eval" / "party_dev.jsonl"
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "party_admin_200.jsonl"
DEFAULT_QT = (
    ROOT
    / ".."
    / "shared"
    / "corpus"
    / "quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"
)
QT_ID = "quang-tri-2021"

FIELDS = {"id", "question", "kind", "gold_doc", "evidence", "pair"}
KINDS = ("paraphrase", "no_diacritics", "doc_ref", "unanswerable")
MIN_KIND = {"paraphrase": 40, "no_diacritics": 20, "doc_ref": 12, "unanswerable": 15}
MIN_TOTAL = 90
MIN_PARA_QT = 6
MIN_PARA_ADMIN = 20
MIN_PARA_ADMIN_DOCS = 15
MIN_PARA_ARTICLE = 10
EVIDENCE_WORDS = (8, 30)
ID_RE = re.compile(r"^q\d{3,}$")
WS_RE = re.compile(r"\s+")


def norm(text: str) -> str:
    """NFC, then every run of whitespace to one space, stripped."""
    return WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.replace("đ", "d").replace("Đ", "D")


def has_diacritics(text: str) -> bool:
    """True if the text holds any Vietnamese accent, đ/Đ or other non-ASCII letter."""
    if "đ" in text or "Đ" in text:
        return True
    if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)):
        return True
    return any(ord(c) > 127 and unicodedata.category(c).startswith("L") for c in text)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", strip_accents(text).lower())


def longest_shared_run(a: list[str], b: list[str]) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def load_corpus(corpus: Path, quang_tri: Path) -> tuple[dict, dict, dict]:
    """Return (raw texts, normalised texts, kind) keyed by doc id."""
    raw, kind = {}, {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                raw[row["doc_id"]] = row["text"]
                kind[row["doc_id"]] = row["kind"]
    raw[QT_ID] = quang_tri.read_text(encoding="utf-8")
    kind[QT_ID] = "quang_tri_report"
    return raw, {d: norm(t) for d, t in raw.items()}, kind


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--quang-tri", type=Path, default=DEFAULT_QT)
    args = ap.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    raw, normed, doc_kind = load_corpus(args.corpus, args.quang_tri)

    items = []
    with args.dev.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                items.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: invalid JSON ({e})")

    by_id: dict[str, dict] = {}
    questions = Counter()
    for n, it in items:
        where = f"line {n}"
        if not isinstance(it, dict) or set(it) != FIELDS:
            got = sorted(it) if isinstance(it, dict) else type(it).__name__
            errors.append(f"{where}: fields must be exactly {sorted(FIELDS)}, got {got}")
            continue
        qid = it["id"]
        where = f"{qid} (line {n})"
        if not isinstance(qid, str) or not ID_RE.match(qid):
            errors.append(f"{where}: id must look like q001")
        elif qid in by_id:
            errors.append(f"{where}: duplicate id")
        else:
            by_id[qid] = it
        q = it["question"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: question must be a non-empty string")
            continue
        questions[norm(q).lower()] += 1
        kind = it["kind"]
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} not in {KINDS}")
            continue
        gold, ev, pair = it["gold_doc"], it["evidence"], it["pair"]
        if kind == "unanswerable":
            if gold is not None or ev is not None or pair is not None:
                errors.append(f"{where}: unanswerable needs gold_doc, evidence and pair null")
            continue
        if pair is not None and kind != "no_diacritics":
            errors.append(f"{where}: only no_diacritics questions may have a pair")
        if not isinstance(gold, str) or gold not in normed:
            errors.append(f"{where}: gold_doc {gold!r} is not a document of the corpus")
            continue
        if not isinstance(ev, str) or not ev.strip():
            errors.append(f"{where}: evidence must be a non-empty string")
            continue
        nev = norm(ev)
        nwords = len(nev.split())
        if not EVIDENCE_WORDS[0] <= nwords <= EVIDENCE_WORDS[1]:
            errors.append(
                f"{where}: evidence has {nwords} words, want "
                f"{EVIDENCE_WORDS[0]}-{EVIDENCE_WORDS[1]}"
            )
        if nev not in normed[gold]:
            errors.append(f"{where}: evidence not found in {gold}: {ev[:70]!r}")
            continue
        if not any(nev in norm(par) for par in raw[gold].split("\n")):
            warnings.append(f"{where}: evidence crosses a line break in {gold}")
        also = [d for d, t in normed.items() if d != gold and nev in t]
        if also:
            warnings.append(f"{where}: evidence also occurs in {also}")
        if kind == "paraphrase":
            run = longest_shared_run(words(q), words(ev))
            if run >= 4:
                warnings.append(f"{where}: question copies {run} consecutive words of its evidence")

    for q, c in questions.items():
        if c > 1:
            errors.append(f"question asked {c} times: {q!r}")

    # accent-free twins
    for qid, it in by_id.items():
        if it["kind"] != "no_diacritics":
            continue
        if has_diacritics(it["question"]):
            errors.append(f"{qid}: no_diacritics question has diacritics: {it['question']!r}")
        twin = by_id.get(it["pair"]) if isinstance(it["pair"], str) else None
        if twin is None:
            errors.append(f"{qid}: pair {it['pair']!r} does not name a question of the set")
            continue
        if twin["kind"] != "paraphrase":
            errors.append(f"{qid}: pair {twin['id']} is {twin['kind']}, want paraphrase")
        if twin["gold_doc"] != it["gold_doc"] or twin["evidence"] != it["evidence"]:
            errors.append(f"{qid}: gold_doc/evidence differ from its pair {twin['id']}")
        a, b = set(words(twin["question"])), set(words(it["question"]))
        if a and len(a & b) / len(a) < 0.5:
            warnings.append(f"{qid}: shares under half its words with its pair {twin['id']}")
    paired = Counter(it["pair"] for it in by_id.values() if it["kind"] == "no_diacritics")
    for pid, c in paired.items():
        if c > 1:
            errors.append(f"{pid} has {c} accent-free twins")

    # counts
    kinds = Counter(it["kind"] for it in by_id.values())
    para = [it for it in by_id.values() if it["kind"] == "paraphrase"]
    para_kind = Counter(doc_kind.get(it["gold_doc"], "?") for it in para)
    admin_docs = {
        it["gold_doc"] for it in para if doc_kind.get(it["gold_doc"]) == "administrative_document"
    }
    for k, m in MIN_KIND.items():
        if kinds[k] < m:
            errors.append(f"{kinds[k]} {k} questions, want at least {m}")
    if len(by_id) < MIN_TOTAL:
        errors.append(f"{len(by_id)} questions, want at least {MIN_TOTAL}")
    for label, have, want in (
        (
            "paraphrase questions on the Quảng Trị report",
            para_kind["quang_tri_report"],
            MIN_PARA_QT,
        ),
        (
            "paraphrase questions on administrative documents",
            para_kind["administrative_document"],
            MIN_PARA_ADMIN,
        ),
        (
            "administrative documents with a paraphrase question",
            len(admin_docs),
            MIN_PARA_ADMIN_DOCS,
        ),
        (
            "paraphrase questions on party_politics_article texts",
            para_kind["party_politics_article"],
            MIN_PARA_ARTICLE,
        ),
    ):
        if have < want:
            errors.append(f"{have} {label}, want at least {want}")

    print(f"{args.dev}: {len(by_id)} questions")
    for k in KINDS:
        print(f"  {k:14s} {kinds[k]:4d}  (min {MIN_KIND[k]})")
    print(
        "  paraphrase by gold document kind: "
        f"quang_tri_report={para_kind['quang_tri_report']}, "
        f"administrative_document={para_kind['administrative_document']} "
        f"over {len(admin_docs)} documents, "
        f"party_politics_article={para_kind['party_politics_article']}"
    )
    gold_docs = {it["gold_doc"] for it in by_id.values() if it["gold_doc"]}
    print(f"  distinct gold documents: {len(gold_docs)}")
    for w in warnings:
        print(f"WARNING {w}")
    for e in errors:
        print(f"ERROR {e}")
    print("OK" if not errors else f"FAILED: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
