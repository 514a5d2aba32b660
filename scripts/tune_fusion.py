"""Grid search of the fusion weights (qa.retrieve.FusionWeights) on the dev sets.

    .venv/bin/python scripts/tune_fusion.py eval/party_dev.jsonl ../shared/eval/alqac2023/train.json \
        ../shared/eval/uit_regulation/train_reg.json

Each ranked list (dense, dense on the restored question, BM25 on either field, document
references) is computed once per question, and each passage's best-sentence score once per
question and passage; fusing them for each grid point is then cheap.
Prints the best settings by the mean over the dev sets of Hit@1 + MRR@10, with the score on
each set, and the BM25-only and dense-only baselines.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from qa.answer.sentences import best_sentence_scorer
from qa.evaluation.datasets import load_dev_set
from qa.evaluation.report import dev_set_service
from qa.evaluation.run import VARIANTS
from qa.index import dense
from qa.refs import find_refs
from qa.retrieve import (
    FusionWeights,
    _lexical_rows,
    _lexical_with_synonyms,
    _rows_naming,
    rank_rows,
)
from qa.text import has_diacritics

REPO = Path(__file__).resolve().parents[1]
DEPTH = 100


@dataclass
class Lists:
    accents: bool
    dense: list[int]
    dense_restored: list[int]
    lexical: list[int]
    margin: float  # how clear BM25's winner is
    accented_restored: list[int]
    named: set[int]
    gold: set[int]
    sentence: Callable[[int], float]  # the best-sentence score of a passage (row)


def precompute(service, questions) -> list[Lists]:  # type: ignore[no-untyped-def]
    snapshot = service.snapshot()
    out = []
    for q in [q for q in questions if q.answerable]:
        accents = has_diacritics(q.question)
        restored = snapshot.accents.restore(q.question) if not accents else ""
        scorer = best_sentence_scorer(q.question, accents, snapshot)
        sentence = cache(lambda row, scorer=scorer: scorer(snapshot.passages[row]))
        vectors = service.embedder.embed_queries([q.question, restored or q.question])
        out.append(
            Lists(
                accents,
                [int(r) for r in dense.search(snapshot.dense, vectors[0], DEPTH)[0]],
                [int(r) for r in dense.search(snapshot.dense, vectors[1], DEPTH)[0]]
                if restored
                else [],
                *_ranked(
                    _lexical_with_synonyms(
                        snapshot, q.question, restored, accents, DEPTH, VARIANTS["full"]
                    )
                ),
                [int(r) for r in _lexical_rows(snapshot, restored, True, DEPTH)]
                if restored
                else [],
                _rows_naming(snapshot, find_refs(q.question)),
                {i for i, p in enumerate(snapshot.passages) if q.is_hit(p.document_path, p.text)},
                sentence,
            )
        )
    return out


def _ranked(lexical: tuple[np.ndarray, float]) -> tuple[list[int], float]:
    return [int(r) for r in lexical[0]], lexical[1]


def score(lists: list[Lists], w: FusionWeights) -> tuple[float, float, float]:
    """(Hit@1, Hit@5, MRR@10)."""
    ranks = []
    for item in lists:
        clear = item.margin >= w.clear_margin
        if item.accents:
            weighted = [
                (item.dense, w.dense_clear if clear else w.dense),
                (item.lexical, w.lexical),
            ]
        else:
            weighted = [
                (item.dense, w.dense_no_diacritics),
                (item.dense_restored, w.dense_restored),
                (item.lexical, w.lexical),
                (item.accented_restored, w.accented_restored),
            ]
        top = rank_rows(weighted, item.named, clear, item.sentence, w)[0][:10]
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

    baselines = {"current": VARIANTS["full"], "bm25": VARIANTS["bm25"], "dense": VARIANTS["dense"]}
    for name, weights in baselines.items():
        print(
            f"{name:8}",
            {s: tuple(round(v, 3) for v in score(lists, weights)) for s, lists in sets.items()},
        )

    grid = itertools.product(
        [10, 20],
        [1.0, 1.5, 2.0],
        [0.25, 0.5, 1.0],
        [0.1, 0.15, 0.2, 1.01],  # 1.01: never a clear winner
        [1.0, 2.0],
        [0.0, 0.05, 0.1],
    )
    results = []
    for rrf_k, dense_w, dense_clear, clear_margin, boost, sentence in grid:
        weights = replace(
            VARIANTS["full"],
            rrf_k=rrf_k,
            dense=dense_w,
            dense_clear=dense_clear,
            clear_margin=clear_margin,
            dense_no_diacritics=0.0,
            accented_restored=0.0,
            ref_boost=boost,
            sentence=sentence,
        )
        scores = {s: score(lists, weights) for s, lists in sets.items()}
        objective = float(np.mean([h1 + mrr for h1, _, mrr in scores.values()]))
        results.append((objective, weights, scores))
    results.sort(key=lambda r: -r[0])
    for objective, weights, scores in results[:10]:
        print(
            f"{objective:.3f} k={weights.rrf_k} dense={weights.dense} "
            f"dense_clear={weights.dense_clear} clear_margin={weights.clear_margin} "
            f"boost={weights.ref_boost} sentence={weights.sentence}",
            {s: tuple(round(v, 3) for v in value) for s, value in scores.items()},
        )


if __name__ == "__main__":
    main()
