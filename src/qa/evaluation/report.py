"""`qa eval`: index a dev collection, score every retrieval variant, print one table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qa.evaluation.datasets import EvalQuestion, load_party_questions, write_party_collection
from qa.evaluation.run import VARIANTS, Scores, evaluate, refusal_rates
from qa.service import QAService
from qa.settings import Settings


def party_service(corpus: Path, work: Path) -> QAService:
    """The starter collection plus the journal articles, indexed (incrementally) under ``work``."""
    starter = Settings().documents_dir
    documents = write_party_collection(starter, corpus, work / "documents")
    service = QAService(
        Settings(QA_DOCUMENTS_DIR=documents, QA_INDEX_DIR=work / "index", DATABASE_URL=None)
    )
    service.reindex()
    return service


def run_party_eval(dataset: Path, corpus: Path, work: Path, progress: Callable[[str], None]) -> str:
    progress("reindex…")
    service = party_service(corpus, work)
    questions = load_party_questions(dataset)
    results = {}
    for variant in VARIANTS:
        progress(f"{variant}…")
        results[variant] = evaluate(service, questions, variant)
    return table(dataset.name, questions, results)


def table(name: str, questions: list[EvalQuestion], results: dict[str, Scores]) -> str:
    answerable = [q for q in questions if q.answerable]
    by_kind: dict[str, list[str]] = {}
    for q in answerable:
        by_kind.setdefault(q.kind, []).append(q.id)
    lines = [
        f"{name}: {len(answerable)} answerable, {len(questions) - len(answerable)} unanswerable questions"
    ]
    lines.append(
        f"{'system':8} {'subset':16} {'n':>4} {'Hit@1':>6} {'Hit@5':>6} {'Hit@10':>7} {'MRR@10':>7}"
    )
    for variant, scores in results.items():
        for subset, ids in [("all", None), *sorted(by_kind.items())]:
            n = len(ids) if ids else len(answerable)
            lines.append(
                f"{variant:8} {subset:16} {n:>4} {scores.hit_at(1, ids):>6.1%} {scores.hit_at(5, ids):>6.1%} "
                f"{scores.hit_at(10, ids):>7.1%} {scores.mrr(ids):>7.3f}"
            )
    unanswerable_refused, answerable_refused = refusal_rates(questions, results["full"])
    lines.append(
        f"refusal (full system): {unanswerable_refused:.0%} of unanswerable refused, "
        f"{answerable_refused:.0%} of answerable refused"
    )
    return "\n".join(lines)
