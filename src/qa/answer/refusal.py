"""The calibrated decision whether the retrieved passages answer the question.

A logistic model over the evidence features; its weights and threshold are fitted on the
in-domain dev set by ``scripts/calibrate_refusal.py`` and shipped in ``refusal_model.json``. A
question on what a document named by its topic says is decided apart: by whether the first
passage's document is the one it names, not by what its sentences share with the question.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qa.answer.documents import asked_refs, first_named
from qa.answer.evidence import FEATURES, Evidence
from qa.answer.forms import Form, document_topic
from qa.answer.named import MIN_IDENTITY_COVERAGE, identity_coverage
from qa.index.snapshot import Snapshot

if TYPE_CHECKING:  # qa.retrieve ranks passages with qa.answer.sentences
    from qa.retrieve import Retrieval

MODEL_FILE = Path(__file__).with_name("refusal_model.json")


@dataclass(frozen=True)
class RefusalModel:
    weights: tuple[float, ...]
    bias: float
    threshold: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def probability(self, evidence: Evidence) -> float:
        """Estimated probability that the passages answer the question."""
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, evidence.vector(), self.means, self.scales)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def answers(self, evidence: Evidence) -> bool:
        return self.probability(evidence) >= self.threshold and covers_enough(evidence)


# A question the passages share next to nothing with ("Giá vàng SJC hôm nay bao nhiêu một
# lượng?") has no answer whatever the model says: below this share of the question's weighted
# words, in the first passage and in the best answering sentence, it is refused. On the dev
# sets, 3 of the 863 answerable questions (all UIT) fall below it, and 3 of the 52 unanswerable
# ones (the gold price, an iPhone's price, a count the Quảng Trị report never gives).
MIN_COVERAGE = 0.15


def covers_enough(evidence: Evidence) -> bool:
    values = evidence.values
    return max(values["coverage_top1"], values["answer_coverage"]) >= MIN_COVERAGE


def answers_question(
    model: RefusalModel,
    question: str,
    form: Form,
    retrieval: Retrieval,
    found: Evidence,
    snapshot: Snapshot,
) -> bool:
    """Whether the passages answer: "who issued document X", X named by its number, always;
    "what does the document on X say" (or a part of it, who carries it out or issued it) when
    the first one's document is the one on X (its identity holds the question's words),
    whatever its sentences are (a document it names only as the context of that one, "thông tư
    hướng dẫn Nghị định 77", is no other); any other question as the model weighs the
    evidence."""
    if not retrieval.hits:
        return False
    named = asked_refs(question, retrieval.refs, retrieval.hits)
    if form.who_issued and first_named(named, retrieval.hits):  # its header answers
        return True
    if form.on_one_document and not named:
        topic = document_topic(question)
        first = retrieval.hits[0].passage.document_path
        return identity_coverage(topic, first, snapshot, retrieval.accents) >= MIN_IDENTITY_COVERAGE
    return model.answers(found)


def load_refusal_model(path: Path = MODEL_FILE) -> RefusalModel:
    data = json.loads(path.read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features {data['features']} differ from {FEATURES}; recalibrate")
    return RefusalModel(
        weights=tuple(data["weights"]),
        bias=data["bias"],
        threshold=data["threshold"],
        means=tuple(data["means"]),
        scales=tuple(data["scales"]),
    )
