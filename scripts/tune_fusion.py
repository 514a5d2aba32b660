"""Grid search of the fusion weights (qa.retrieve.FusionWeights) on the dev sets.

    .venv/bin/python scripts/tune_fusion.py eval/party_dev.jsonl ../shared/eval/uit_regulation/train_reg.json

Each ranked list (dense, dense on the restored question, BM25 on either field, document
references) is computed once per question; fusing them for each grid point is then cheap.
Prints the best settings by the mean over the dev sets of Hit@1 + MRR@10, with the score on
each set, and the BM25-only and dense-only baselines.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qa.evaluation.datasets import load_dev_set
from qa.evaluation.report import dev_set_service
from qa.index import dense
from qa.refs import find_refs
from qa.retrieve import FusionWeights, _lexical_rows, _rows_naming, fuse
from qa.text import has_diacritics

REPO = Path(__file__).resolve().parents[1]
DEPTH = 100


@dataclass
class Lists:
    accents: bool
    dense: list[int]
    dense_restored: list[int]
    lexical: list[int]
    accented_restored: list[int]
    named: set[int]
    gold: set[int]


def precompute(service, questions) -> list[Lists]:  # type: ignore[no-untyped-def]
    snapshot = service.snapshot()
    out = []
    for q in [q for q in questions if q.answerable]:
        accents = has_diacritics(q.question)
        restored = snapshot.accents.restore(q.question) if not accents else ""
        vectors = service.embedder.embed_queries([q.question, restored or q.question])
        out.append(
            Lists(
                accents,
                [int(r) for r in dense.search(snapshot.dense, vectors[0], DEPTH)[0]],
                [int(r) for r in dense.search(snapshot.dense, vectors[1], DEPTH)[0]]
                if restored
                else [],
                [int(r) for r in _lexical_rows(snapshot, q.question, accents, DEPTH)],
                [int(r) for r in _lexical_rows(snapshot, restored, True, DEPTH)]
                if restored
                else [],
                _rows_naming(snapshot, find_refs(q.question)),
                {i for i, p in enumerate(snapshot.passages) if q.is_hit(p.document_path, p.text)},
            )
        )
    return out


def score(lists: list[Lists], w: FusionWeights) -> tuple[float, float, float]:
    """(Hit@1, Hit@5, MRR@10)."""
    ranks = []
    for item in lists:
        if item.accents:
            weighted = [(item.dense, w.dense), (item.lexical, w.lexical)]
        else:
            weighted = [
                (item.dense, w.dense_no_diacritics),
                (item.dense_restored, w.dense_restored),
                (item.lexical, w.lexical),
                (item.accented_restored, w.accented_restored),
            ]
        fused = fuse(weighted, item.named, w)
        top = sorted(fused, key=lambda r: -fused[r])[:10]
        ranks.append(next((i + 1 for i, r in enumerate(top) if r in item.gold), None))
    return (
        float(np.mean([r == 1 for r in ranks])),
        float(np.mean([bool(r and r <= 5) for r in ranks])),
        float(np.mean([1 / r if r else 0.0 for r in ranks])),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()

    sets = {}
    for path in args.datasets:
        dev_set = load_dev_set(path, REPO / "documents", args.corpus)
        sets[dev_set.name] = precompute(dev_set_service(dev_set), dev_set.questions)

    base = FusionWeights()
    baselines = {
        "current": base,
        "bm25": replace(
            base, dense=0, dense_no_diacritics=0, dense_restored=0, accented_restored=0, ref_boost=0
        ),
        "dense": replace(
            base,
            lexical=0,
            dense_no_diacritics=1,
            dense_restored=0,
            accented_restored=0,
            ref_boost=0,
        ),
    }
    for name, weights in baselines.items():
        print(
            f"{name:8}",
            {s: tuple(round(v, 3) for v in score(lists, weights)) for s, lists in sets.items()},
        )

    grid = itertools.product(
        [5, 10, 20, 60], [0.5, 1.0, 1.5, 2.0], [0.0, 0.5, 1.0], [0.0, 0.5, 1.0], [0.0, 1.0, 2.0]
    )
    results = []
    for rrf_k, dense_w, restored, accented_restored, boost in grid:
        weights = replace(
            base,
            rrf_k=rrf_k,
            dense=dense_w,
            dense_no_diacritics=0.0,
            dense_restored=restored,
            accented_restored=accented_restored,
            ref_boost=boost,
        )
        scores = {s: score(lists, weights) for s, lists in sets.items()}
        objective = float(np.mean([h1 + mrr for h1, _, mrr in scores.values()]))
        results.append((objective, weights, scores))
    results.sort(key=lambda r: -r[0])
    for objective, weights, scores in results[:10]:
        print(
            f"{objective:.3f} k={weights.rrf_k} dense={weights.dense} restored={weights.dense_restored} "
            f"accented_restored={weights.accented_restored} boost={weights.ref_boost}",
            {s: tuple(round(v, 3) for v in value) for s, value in scores.items()},
        )


if __name__ == "__main__":
    main()
