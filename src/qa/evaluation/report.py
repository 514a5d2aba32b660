"""`qa eval`: index a dev collection, score every retrieval variant, print one table."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from qa.evaluation.datasets import DevSet, EvalQuestion, ScopeMessage, party_writer
from qa.evaluation.replies import ask_all, replies_table, scope_table
from qa.evaluation.run import VARIANTS, Scores, evaluate, refusal_rates
from qa.service import QAService
from qa.settings import Settings

CACHE = Path.home() / ".cache" / "qa-dang" / "eval"


def dev_set_service(dev_set: DevSet, work: Path | None = None) -> QAService:
    """The dev set's collection, indexed under ``work`` (incremental: vectors are reused)."""
    work = work or CACHE / dev_set.collection
    documents = work / "documents"
    shutil.rmtree(documents, ignore_errors=True)
    documents.mkdir(parents=True)
    dev_set.write_documents(documents)
    service = QAService(
        Settings(QA_DOCUMENTS_DIR=documents, QA_INDEX_DIR=work / "index", DATABASE_URL=None)
    )
    service.reindex()
    return service


def run_eval(dev_set: DevSet, progress: Callable[[str], None]) -> str:
    progress(f"{dev_set.name}: reindex…")
    service = dev_set_service(dev_set)
    results = {}
    for variant in VARIANTS:
        progress(f"{dev_set.name}: {variant}…")
        results[variant] = evaluate(service, dev_set.questions, variant)
    progress(f"{dev_set.name}: answers…")
    answers = ask_all(service, ((q.id, q.question) for q in dev_set.questions))
    lines = [
        table(dev_set.name, dev_set.questions, results),
        *replies_table(dev_set.questions, answers),
    ]
    return "\n".join(lines)


def run_scope_eval(
    name: str,
    messages: list[ScopeMessage],
    starter: Path,
    corpus: Path,
    progress: Callable[[str], None],
) -> str:
    """How everyday chat and general-knowledge messages are answered over the in-domain
    collection, with the scope classifier and, for comparison, with the refusal model alone."""
    progress(f"{name}: reindex…")
    service = dev_set_service(DevSet("party", [], party_writer(starter, corpus), "party"))
    texts = [(m.id, m.text) for m in messages]
    progress(f"{name}: answers…")
    scoped = scope_table(name, messages, ask_all(service, texts))
    progress(f"{name}: answers without the scope classifier…")
    unscoped = scope_table(
        f"{name}, without the scope classifier", messages, ask_all(service, texts, scope=False)
    )
    return f"{scoped}\n{unscoped}"


def table(name: str, questions: list[EvalQuestion], results: dict[str, Scores]) -> str:
    answerable = [q for q in questions if q.answerable]
    by_kind: dict[str, list[str]] = {}
    for q in answerable:
        by_kind.setdefault(q.kind, []).append(q.id)
    subsets = [("all", None), *sorted(by_kind.items())] if len(by_kind) > 1 else [("all", None)]
    lines = [
        f"{name}: {len(answerable)} answerable, {len(questions) - len(answerable)} unanswerable questions"
    ]
    lines.append(
        f"{'system':8} {'subset':16} {'n':>4} {'Hit@1':>6} {'Hit@5':>6} {'Hit@10':>7} {'MRR@10':>7}"
    )
    for variant, scores in results.items():
        for subset, ids in subsets:
            n = len(ids) if ids else len(answerable)
            lines.append(
                f"{variant:8} {subset:16} {n:>4} {scores.hit_at(1, ids):>6.1%} {scores.hit_at(5, ids):>6.1%} "
                f"{scores.hit_at(10, ids):>7.1%} {scores.mrr(ids):>7.3f}"
            )
    twins = [q for q in answerable if q.pair]
    if twins:
        plain, accented = [q.id for q in twins], [q.pair for q in twins if q.pair]
        full = results["full"]
        lines.append(
            f"without diacritics vs the same questions with them (full system): Hit@5 "
            f"{full.hit_at(5, plain):.1%} vs {full.hit_at(5, accented):.1%} ({len(twins)} pairs)"
        )
    unanswerable_refused, answerable_refused = refusal_rates(questions, results["full"])
    unanswerable = (
        f"{unanswerable_refused:.0%} of unanswerable refused, "
        if len(answerable) < len(questions)
        else "no unanswerable questions in this set, "
    )
    lines.append(
        f"refusal (full system): {unanswerable}{answerable_refused:.0%} of answerable refused"
    )
    return "\n".join(lines)
