"""Fit the refusal model on the dev sets and write src/qa/answer/refusal_model.json.

    .venv/bin/python scripts/calibrate_refusal.py

Indexes each dev set's collection (cached under ~/.cache/qa-dang/eval, incremental): by default
the in-domain set (the starter collection plus the journal articles of ../shared/corpus), ALQAC
and UIT. Computes the evidence features of every question and fits a logistic regression on
the sets that have unanswerable questions (the in-domain one), both classes weighing the same:
do the first three passages hold the answer (a question whose answer was not found is rightly
refused)? The threshold is the highest that refuses, on every set, at most
--max-answerable-refused of its answerable questions (the product's promise: at most 10%):
ALQAC and UIT keep the model from refusing the ways other texts answer (an office rather than a
name, "trước mỗi học kỳ" rather than a date).

Prints the in-sample refusal rates and held-out ones: the mean over --repeats runs of
--folds-fold cross-validation, where each question is decided by a model fitted without it (the
features were chosen on these same sets, so even these are optimistic).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from qa.answer.evidence import FEATURES
from qa.answer.refusal import MODEL_FILE
from qa.evaluation.datasets import load_dev_set
from qa.evaluation.report import dev_set_service
from qa.evaluation.run import first_hit_rank

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_SETS = [
    REPO / "eval" / "party_dev.jsonl",
    SHARED / "eval" / "alqac2023" / "train.json",
    SHARED / "eval" / "uit_regulation" / "train_reg.json",
]


# Cross-validation (20 runs of 5 folds) finds every L2 from 0 to 0.3 alike: 79–81% of the
# in-domain unanswerable questions refused, 10% of the answerable ones. The least that keeps
# the weights from growing without bound is taken.
L2 = 0.002


def fit_logistic(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = L2, steps: int = 4000
) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression on standardised features,
    each sample weighted by ``weight`` (which sums to 1)."""
    w, b = np.zeros(x.shape[1]), 0.0
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= lr * (x.T @ (weight * (p - y)) + l2 * w)
        b -= lr * float(np.sum(weight * (p - y)))
    return w, b


def balanced(labels: np.ndarray) -> np.ndarray:
    """Sample weights (summing to 1) giving both classes the same total."""
    return np.where(labels == 1, 0.5 / labels.sum(), 0.5 / (1 - labels).sum())


def fit(
    x: np.ndarray,
    found: np.ndarray,
    answerable: np.ndarray,
    fitted: np.ndarray,
    group: np.ndarray,
    max_refused: float,
) -> tuple[np.ndarray, float, float]:
    """Weights and bias fitted on the ``fitted`` rows; the threshold chosen on all rows."""
    w, b = fit_logistic(x[fitted], found[fitted], balanced(found[fitted]))
    return w, b, pick_threshold(probabilities(x, w, b), answerable, group, max_refused)


def pick_threshold(
    p: np.ndarray, answerable: np.ndarray, group: np.ndarray, max_refused: float
) -> float:
    """The highest threshold that refuses, in every group, at most ``max_refused`` of the
    answerable questions; halfway to the next lower probability, so that rounding the model
    cannot move a question across it."""
    thresholds = []
    for g in np.unique(group):
        kept = np.sort(p[(group == g) & answerable])
        if len(kept):
            thresholds.append(float(kept[int(np.floor(max_refused * len(kept)))]))
    threshold = min(thresholds, default=0.5)
    below = p[p < threshold]
    return (threshold + float(below.max())) / 2 if len(below) else threshold


def probabilities(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ w + b)))


def cross_validated(
    x: np.ndarray,
    found: np.ndarray,
    answerable: np.ndarray,
    fitted: np.ndarray,
    group: np.ndarray,
    args: argparse.Namespace,
    seed: int,
) -> np.ndarray:
    """Each question's decision (1 = answer) by a model fitted on the other folds."""
    order = np.random.default_rng(seed).permutation(len(found))
    held_out = np.zeros(len(found))
    for fold in range(args.folds):
        test = order[fold :: args.folds]
        train = np.setdiff1d(order, test)
        w, b, threshold = fit(
            x[train],
            found[train],
            answerable[train],
            fitted[train],
            group[train],
            args.max_answerable_refused,
        )
        held_out[test] = probabilities(x[test], w, b) >= threshold
    return held_out


def refused_shares(decisions: list[np.ndarray], answerable: np.ndarray) -> str:
    """ "unanswerable refused X%, answerable refused Y%": the mean over the ``decisions``
    (1 = answer) of the share of each kind of question refused."""
    refused = [d == 0 for d in decisions]
    parts = []
    if np.any(~answerable):
        parts.append(
            f"unanswerable refused {np.mean([r[~answerable].mean() for r in refused]):.0%}"
        )
    parts.append(f"answerable refused {np.mean([r[answerable].mean() for r in refused]):.0%}")
    return ", ".join(parts)


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
    parser.add_argument("dev_sets", nargs="*", type=Path, default=DEV_SETS)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--max-answerable-refused", type=float, default=0.10)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--repeats", type=int, default=5, help="cross-validation runs, each with other folds"
    )
    args = parser.parse_args()

    if not MODEL_FILE.exists() or json.loads(MODEL_FILE.read_text("utf-8"))["features"] != list(
        FEATURES
    ):  # the service needs a model to start; its answers are not used here
        zeros = np.zeros(len(FEATURES))
        _write_model(zeros, 0.0, 0.5, zeros, np.ones(len(FEATURES)), {})

    names, features, found, answerable, group = [], [], [], [], []
    for index, path in enumerate(args.dev_sets):
        dev_set = load_dev_set(path, REPO / "documents", args.corpus)
        service = dev_set_service(dev_set)
        names.append(dev_set.name)
        for question in dev_set.questions:
            assessment = service.assess(question.question)
            features.append(assessment.evidence.vector())
            found.append(1.0 if first_hit_rank(question, assessment.retrieval.hits[:3]) else 0.0)
            answerable.append(question.answerable)
            group.append(index)
    x_raw, y = np.array(features), np.array(found)
    is_answerable, groups = np.array(answerable), np.array(group)
    means, scales = x_raw.mean(axis=0), x_raw.std(axis=0) + 1e-6
    x = (x_raw - means) / scales

    fitted = np.isin(groups, groups[~is_answerable])  # the sets with unanswerable questions
    w, b, threshold = fit(x, y, is_answerable, fitted, groups, args.max_answerable_refused)
    in_sample = (probabilities(x, w, b) >= threshold).astype(float)
    held_out = [
        cross_validated(x, y, is_answerable, fitted, groups, args, seed)
        for seed in range(args.repeats)
    ]

    report: dict[str, dict[str, str]] = {}
    for index, name in enumerate(names):
        chosen = groups == index
        report[name] = {
            "in_sample": refused_shares([in_sample[chosen]], is_answerable[chosen]),
            "held_out": refused_shares([h[chosen] for h in held_out], is_answerable[chosen]),
        }
    _write_model(w, b, threshold, means, scales, {"fitted_on": names, "refusal": report})
    print("weights:", dict(zip(FEATURES, np.round(w, 3).tolist())), "bias", round(b, 3))
    print("threshold", round(threshold, 3))
    for name, rates in report.items():
        print(f"{name}:\n  in sample       {rates['in_sample']}")
        print(f"  held out        {rates['held_out']}")


if __name__ == "__main__":
    main()
