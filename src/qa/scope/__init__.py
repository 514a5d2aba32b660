"""Whether a message is for the documents at all. Small talk (greetings, thanks, "bạn là ai",
"ok", emoji, laughter) and questions outside the collection's subject (weather, prices, sports,
health, general knowledge, "viết giúp tôi…") get a reply of their own and never a quote.

A few structural rules come first (a message of emoji or laughter only is small talk; one that
names a document by its number is for the documents); the rest is decided by a classifier
over the shipped model's sentence embedding (qa.scope.model, trained by
scripts/train_scope.py).
"""

from qa.scope.model import ScopeDecision, ScopeModel, load_scope_model
from qa.scope.rules import Scope, by_rule, question_after_opening, small_talk_reply

__all__ = [
    "Scope",
    "ScopeDecision",
    "ScopeModel",
    "by_rule",
    "load_scope_model",
    "question_after_opening",
    "small_talk_reply",
]
