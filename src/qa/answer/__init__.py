"""From retrieved passages to what the member reads: a quoted, cited answer or a plain refusal."""

from qa.answer.compose import compose, describe, refuse, source_line
from qa.answer.evidence import Evidence, evidence
from qa.answer.refusal import RefusalModel, load_refusal_model
from qa.answer.sentences import ScoredSentence, score_sentences

__all__ = [
    "Evidence",
    "RefusalModel",
    "compose",
    "describe",
    "evidence",
    "load_refusal_model",
    "refuse",
    "ScoredSentence",
    "score_sentences",
    "source_line",
]
