"""What members read, measured: the kind of each reply (answer, refusal, out of scope, small
talk), the share of a question's key points the answer quotes, and whether every quote stands
verbatim in the passage it cites."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from qa.evaluation.datasets import EvalQuestion, ScopeMessage
from qa.models import Answer
from qa.service import BadQuestion, QAService
from qa.text import normalize_inline

KINDS = ("answer", "refusal", "out_of_scope", "small_talk", "library")


def ask_all(
    service: QAService, texts: Iterable[tuple[str, str]], *, scope: bool = True
) -> dict[str, Answer | None]:
    """Each (id, text) asked as a member would (``scope=False``: with no scope classifier, as
    before it existed); None where the message itself was refused (empty, no words, not
    Vietnamese)."""
    answers: dict[str, Answer | None] = {}
    for key, text in texts:
        try:
            answers[key] = service.ask(text, scope=scope)
        except BadQuestion:
            answers[key] = None
    return answers


def kind_of(answer: Answer | None) -> str:
    return answer.kind if answer is not None else "refusal"


def quoted_text(answer: Answer | None) -> str:
    """Everything the answer quotes, whitespace collapsed (cut quotes end with "…")."""
    if answer is None:
        return ""
    return normalize_inline(" ".join(c.quote for c in answer.citations))


def key_point_share(question: EvalQuestion, answer: Answer | None) -> float:
    quoted = quoted_text(answer)
    return sum(1 for k in question.key_points if k in quoted) / len(question.key_points)


def ungrounded(answer: Answer | None) -> int:
    """Quotes not found verbatim in the passage they cite."""
    if answer is None:
        return 0
    return sum(
        1
        for citation in answer.citations
        for piece in citation.quote.split(" … ")
        if piece.removesuffix(" …").strip() not in citation.hit.passage.text
    )


@dataclass(frozen=True)
class KeyPoints:
    n: int
    mean_share: float
    complete: float  # share of answers quoting every key point


def key_points(questions: list[EvalQuestion], answers: dict[str, Answer | None]) -> KeyPoints:
    shares = [key_point_share(q, answers[q.id]) for q in questions]
    return KeyPoints(
        len(shares),
        sum(shares) / max(len(shares), 1),
        sum(1 for s in shares if s == 1.0) / max(len(shares), 1),
    )


def replies_table(questions: list[EvalQuestion], answers: dict[str, Answer | None]) -> list[str]:
    """Reply kinds of answerable and unanswerable questions; key-point coverage per question
    kind; groundedness."""
    lines = []
    for label, chosen in (
        ("answerable", [q for q in questions if q.answerable]),
        ("unanswerable", [q for q in questions if not q.answerable]),
    ):
        if chosen:
            counts = Counter(kind_of(answers[q.id]) for q in chosen)
            shares = ", ".join(f"{k} {counts[k] / len(chosen):.0%}" for k in KINDS if counts[k])
            lines.append(f"replies to {len(chosen)} {label} questions: {shares}")
    with_points = [q for q in questions if q.key_points]
    if with_points:
        by_kind: dict[str, list[EvalQuestion]] = {}
        for q in with_points:
            by_kind.setdefault(q.kind, []).append(q)
        lines.append(f"{'key points':16} {'n':>4} {'quoted':>7} {'complete':>9}")
        for subset, chosen in [("all", with_points), *sorted(by_kind.items())]:
            found = key_points(chosen, answers)
            lines.append(
                f"{subset:16} {found.n:>4} {found.mean_share:>7.1%} {found.complete:>9.1%}"
            )
    quotes = sum(len(a.citations) for a in answers.values() if a is not None)
    bad = sum(ungrounded(a) for a in answers.values())
    lines.append(f"groundedness: {quotes - bad}/{quotes} cited quotes verbatim in their passage")
    return lines


def scope_table(name: str, messages: list[ScopeMessage], answers: dict[str, Answer | None]) -> str:
    """For each part (trained on, held out) and each expected scope: how the messages were
    answered."""
    lines = [f"{name}: {len(messages)} messages"]
    lines.append(f"{'part':8} {'expected':13} {'n':>4} " + " ".join(f"{k:>13}" for k in KINDS))
    groups: dict[tuple[str, str], list[ScopeMessage]] = {}
    for message in messages:
        groups.setdefault((message.part, message.scope), []).append(message)
    for (part, scope), chosen in sorted(groups.items()):
        counts = Counter(kind_of(answers[m.id]) for m in chosen)
        lines.append(
            f"{part:8} {scope:13} {len(chosen):>4} "
            + " ".join(f"{counts[k] / len(chosen):>13.1%}" for k in KINDS)
        )
    return "\n".join(lines)
