"""Fit the refusal model on the in-domain dev set and write src/qa/answer/refusal_model.json.

    .venv/bin/python scripts/calibrate_refusal.py

Indexes the starter collection plus the journal articles of ../shared/corpus (cached under
.cache/eval/party, incremental), computes the evidence features of every dev question, fits
a logistic regression (answerable vs not) and picks the threshold that refuses as many
unanswerable questions as possible while refusing at most --max-answerable-refused of the
answerable ones. Prints cross-validated refusal rates (the honest figures) and the in-sample ones.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from qa.answer.evidence import FEATURES
from qa.answer.refusal import MODEL_FILE
from qa.evaluation.datasets import load_party_questions, write_party_collection
from qa.service import QAService
from qa.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 4000
) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression on standardised features."""
    w, b = np.zeros(x.shape[1]), 0.0
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= lr * (x.T @ (p - y) / len(y) + l2 * w)
        b -= lr * float(np.mean(p - y))
    return w, b


def pick_threshold(p: np.ndarray, y: np.ndarray, max_answerable_refused: float) -> float:
    """The highest threshold that refuses at most the allowed share of answerable questions."""
    answerable = np.sort(p[y == 1])
    allowed = int(np.floor(max_answerable_refused * len(answerable)))
    return float(answerable[allowed]) if len(answerable) else 0.5


def rates(p: np.ndarray, y: np.ndarray, threshold: float) -> tuple[float, float]:
    refused = p < threshold
    return float(refused[y == 0].mean()), float(refused[y == 1].mean())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev-set", type=Path, default=REPO / "eval" / "party_dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "eval" / "party")
    parser.add_argument("--max-answerable-refused", type=float, default=0.08)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    documents = write_party_collection(REPO / "documents", args.corpus, args.work / "documents")
    service = QAService(
        Settings(QA_DOCUMENTS_DIR=documents, QA_INDEX_DIR=args.work / "index", DATABASE_URL=None)
    )
    service.reindex()

    questions = load_party_questions(args.dev_set)
    features = np.array([service.assess(q.question).evidence.vector() for q in questions])
    labels = np.array([1.0 if q.answerable else 0.0 for q in questions])
    means, scales = features.mean(axis=0), features.std(axis=0) + 1e-6
    x = (features - means) / scales

    rng = np.random.default_rng(0)
    order = rng.permutation(len(labels))
    held_out = np.zeros(len(labels))
    for fold in range(args.folds):
        test = order[fold :: args.folds]
        train = np.setdiff1d(order, test)
        w, b = fit_logistic(x[train], labels[train])
        train_p = 1 / (1 + np.exp(-(x[train] @ w + b)))
        threshold = pick_threshold(train_p, labels[train], args.max_answerable_refused)
        held_out[test] = (1 / (1 + np.exp(-(x[test] @ w + b)))) >= threshold

    w, b = fit_logistic(x, labels)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    threshold = pick_threshold(p, labels, args.max_answerable_refused)
    unanswerable_refused, answerable_refused = rates(p, labels, threshold)
    cv_unanswerable = float((held_out[labels == 0] == 0).mean())
    cv_answerable = float((held_out[labels == 1] == 0).mean())

    MODEL_FILE.write_text(
        json.dumps(
            {
                "features": list(FEATURES),
                "weights": [round(float(v), 6) for v in w],
                "bias": round(b, 6),
                "threshold": round(threshold, 6),
                "means": [round(float(v), 6) for v in means],
                "scales": [round(float(v), 6) for v in scales],
                "fitted_on": f"{args.dev_set.name}: {int(labels.sum())} answerable, {int((1 - labels).sum())} unanswerable",
                "in_sample": {
                    "unanswerable_refused": unanswerable_refused,
                    "answerable_refused": answerable_refused,
                },
                "cross_validated": {
                    "unanswerable_refused": cv_unanswerable,
                    "answerable_refused": cv_answerable,
                },
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        "utf-8",
    )
    print(
        "weights:",
        dict(zip(FEATURES, np.round(w, 3))),
        "bias",
        round(b, 3),
        "threshold",
        round(threshold, 3),
    )
    print(
        f"in sample:       unanswerable refused {unanswerable_refused:.0%}, answerable refused {answerable_refused:.0%}"
    )
    print(
        f"{args.folds}-fold held out: unanswerable refused {cv_unanswerable:.0%}, answerable refused {cv_answerable:.0%}"
    )


if __name__ == "__main__":
    main()
