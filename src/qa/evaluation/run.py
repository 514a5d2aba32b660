"""Score retrieval (Hit@k, MRR@10) and refusal on a dev set, for several retrieval variants."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qa.evaluation.datasets import EvalQuestion
from qa.retrieve import FusionWeights
from qa.service import QAService

# A retriever on its own: without restored diacritics, the document-number boost, the documents'
# terms for members' words and the sentence re-ranking that the full system adds.
_ALONE = FusionWeights(
    dense_restored=0.0, accented_restored=0.0, ref_boost=0.0, synonyms=0.0, sentence=0.0
)
VARIANTS: dict[str, FusionWeights] = {
    "full": FusionWeights(),
    "bm25": replace(_ALONE, dense=0.0, dense_clear=0.0, dense_no_diacritics=0.0),
    "dense": replace(_ALONE, lexical=0.0, dense_no_diacritics=1.0),
}
DEPTH = 10


@dataclass
class Scores:
    ranks: dict[str, int | None] = field(
        default_factory=dict
    )  # question id → first hit rank (1-based)
    answered: dict[str, bool] = field(default_factory=dict)

    def hit_at(self, k: int, ids: list[str] | None = None) -> float:
        chosen = [r for i, r in self.ranks.items() if ids is None or i in ids]
        return sum(1 for r in chosen if r is not None and r <= k) / max(len(chosen), 1)

    def mrr(self, ids: list[str] | None = None) -> float:
        chosen = [r for i, r in self.ranks.items() if ids is None or i in ids]
        return sum(1 / r for r in chosen if r is not None) / max(len(chosen), 1)


def first_hit_rank(question: EvalQuestion, hits) -> int | None:  # type: ignore[no-untyped-def]
    for rank, hit in enumerate(hits, 1):
        if question.is_hit(hit.passage.document_path, hit.passage.text):
            return rank
    return None


def evaluate(service: QAService, questions: list[EvalQuestion], variant: str) -> Scores:
    scores = Scores()
    for question in questions:
        assessment = service.assess(question.question, top_k=DEPTH, weights=VARIANTS[variant])
        if question.answerable:
            scores.ranks[question.id] = first_hit_rank(question, assessment.retrieval.hits)
        scores.answered[question.id] = assessment.answers
    return scores


def refusal_rates(questions: list[EvalQuestion], scores: Scores) -> tuple[float, float]:
    """(share of unanswerable questions refused, share of answerable questions refused)."""
    unanswerable = [q.id for q in questions if not q.answerable]
    answerable = [q.id for q in questions if q.answerable]
    refused = {i for i, answered in scores.answered.items() if not answered}
    return (
        len(refused & set(unanswerable)) / max(len(unanswerable), 1),
        len(refused & set(answerable)) / max(len(answerable), 1),
    )
