"""Fit the refusal model on the in-domain dev set and write src/qa/answer/refusal_model.json.

    .venv/bin/python scripts/calibrate_refusal.py

Indexes the starter collection plus the journal articles of ../shared/corpus (cached under
~/.cache/qa-dang/eval, incremental), computes the evidence features of every dev question, fits
a logistic regression (answerable vs not) and picks the threshold that refuses as many
questions as possible while refusing at most --max-answerable-refused of those whose answer
is in the first three passages (a question whose answer was not found is rightly refused).
Prints cross-validated refusal rates (each question decided by a model fitted without it; the
features themselves were chosen on this same set, so even these are optimistic) and the
in-sample ones.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from qa.answer.evidence import FEATURES
from qa.answer.refusal import MODEL_FILE
from qa.evaluation.datasets import party_dev_set
from qa.evaluation.report import dev_set_service
from qa.evaluation.run import first_hit_rank

REPO = Path(__file__).resolve().parents[1]


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 0.02, steps: int = 4000
) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression on standardised features,
    with both classes weighted equally (unanswerable questions are the rarer class)."""
    sample = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9)) / len(y)
    w, b = np.zeros(x.shape[1]), 0.0
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= lr * (x.T @ (sample * (p - y)) + l2 * w)
        b -= lr * float(np.sum(sample * (p - y)))
    return w, b


def pick_threshold(p: np.ndarray, y: np.ndarray, max_answerable_refused: float) -> float:
    """The highest threshold that refuses at most the allowed share of answerable questions."""
    answerable = np.sort(p[y == 1])
    allowed = int(np.floor(max_answerable_refused * len(answerable)))
    return float(answerable[allowed]) if len(answerable) else 0.5


def rates(p: np.ndarray, answerable: np.ndarray, threshold: float) -> tuple[float, float]:
    """(share of unanswerable questions refused, share of answerable questions refused)."""
    refused = p < threshold
    return float(refused[~answerable].mean()), float(refused[answerable].mean())


def cross_validated(
    x: np.ndarray, labels: np.ndarray, folds: int, max_answerable_refused: float, seed: int
) -> np.ndarray:
    """Each question's decision (1 = answer) by a model fitted on the other folds."""
    order = np.random.default_rng(seed).permutation(len(labels))
    held_out = np.zeros(len(labels))
    for fold in range(folds):
        test = order[fold::folds]
        train = np.setdiff1d(order, test)
        w, b = fit_logistic(x[train], labels[train])
        threshold = pick_threshold(
            1 / (1 + np.exp(-(x[train] @ w + b))), labels[train], max_answerable_refused
        )
        held_out[test] = (1 / (1 + np.exp(-(x[test] @ w + b)))) >= threshold
    return held_out


def _model_matches_features() -> bool:
    return MODEL_FILE.exists() and json.loads(MODEL_FILE.read_text("utf-8"))["features"] == list(
        FEATURES
    )


def _write_model(
    w: np.ndarray, b: float, threshold: float, means: np.ndarray, scales: np.ndarray, notes: dict
) -> None:
    data = {
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in w],
        "bias": round(float(b), 6),
        "threshold": round(float(threshold), 6),
        "means": [round(float(v), 6) for v in means],
        "scales": [round(float(v), 6) for v in scales],
        **notes,
    }
    MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev-set", type=Path, default=REPO / "eval" / "party_dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--max-answerable-refused", type=float, default=0.08)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--repeats", type=int, default=5, help="cross-validation runs, each with other folds"
    )
    args = parser.parse_args()

    if (
        not _model_matches_features()
    ):  # the service needs a model to start; its answers are not used here
        _write_model(
            np.zeros(len(FEATURES)), 0.0, 0.5, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), {}
        )
    dev_set = party_dev_set(args.dev_set, REPO / "documents", args.corpus)
    service = dev_set_service(dev_set)

    questions = dev_set.questions
    assessments = [service.assess(q.question) for q in questions]
    features = np.array([a.evidence.vector() for a in assessments])
    # What the model learns: do the first passages hold the answer? (A miss is rightly refused.)
    labels = np.array(
        [
            1.0 if first_hit_rank(q, a.retrieval.hits[:3]) else 0.0
            for q, a in zip(questions, assessments)
        ]
    )
    answerable = np.array([q.answerable for q in questions])
    means, scales = features.mean(axis=0), features.std(axis=0) + 1e-6
    x = (features - means) / scales

    held_out = [
        cross_validated(x, labels, args.folds, args.max_answerable_refused, seed)
        for seed in range(args.repeats)
    ]

    w, b = fit_logistic(x, labels)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    threshold = pick_threshold(p, labels, args.max_answerable_refused)
    unanswerable_refused, answerable_refused = rates(p, answerable, threshold)
    cv_unanswerable = float(np.mean([(h[~answerable] == 0).mean() for h in held_out]))
    cv_answerable = float(np.mean([(h[answerable] == 0).mean() for h in held_out]))

    MODEL_FILE.write_text(
        json.dumps(
            {
                "features": list(FEATURES),
                "weights": [round(float(v), 6) for v in w],
                "bias": round(b, 6),
                "threshold": round(threshold, 6),
                "means": [round(float(v), 6) for v in means],
                "scales": [round(float(v), 6) for v in scales],
                "fitted_on": f"{args.dev_set.name}: {int(answerable.sum())} answerable "
                f"({int(labels.sum())} found in the first 3 passages), {int((~answerable).sum())} unanswerable",
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
        f"{args.folds}-fold held out (mean of {args.repeats} splits): unanswerable refused {cv_unanswerable:.0%}, answerable refused {cv_answerable:.0%}"
    )


if __name__ == "__main__":
    main()
