"""From retrieved passages to what the member reads: a quoted, cited answer or a plain refusal."""

from qa.answer.compose import (
    describe,
    out_of_scope,
    refuse,
    small_talk,
    source_line,
    which_document,
)
from qa.answer.evidence import Evidence, evidence
from qa.answer.forms import Form, form_of, names_a_document
from qa.answer.named import asked_within, names_a_title, read_within
from qa.answer.refusal import RefusalModel, answers_question, load_refusal_model
from qa.answer.respond import respond
from qa.answer.sentences import ScoredSentence, score_sentences

__all__ = [
    "Evidence",
    "Form",
    "RefusalModel",
    "answers_question",
    "asked_within",
    "describe",
    "evidence",
    "form_of",
    "load_refusal_model",
    "names_a_document",
    "names_a_title",
    "out_of_scope",
    "read_within",
    "refuse",
    "respond",
    "ScoredSentence",
    "score_sentences",
    "small_talk",
    "source_line",
    "which_document",
]
