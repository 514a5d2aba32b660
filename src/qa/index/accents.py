"""Diacritic restoration learned from the collection itself: "chi thi phat trien dang vien"
→ "chỉ thị phát triển đảng viên". For each accent-free syllable, the accented forms the
documents use; a Viterbi pass picks the sequence a bigram language model of the documents makes
most likely (each form's chance after the one before it, smoothed towards how often it occurs at
all), with the ways members ask and write added (question_phrases.txt, message_phrases.txt).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from qa.text import strip_accents, tokenize

FILE_NAME = "accents.json"
MAX_FORMS = 6
QUESTION_PHRASES = Path(__file__).with_name("question_phrases.txt")
QUESTION_WEIGHT = 20  # each use of a form in question_phrases.txt counts as this many
# Messages members typed with diacritics (scripts/build_message_phrases.py): everyday words the
# documents rarely use ("đang", "nói chuyện", "mệt"); each use counts as this many (of 3, 10
# and 30, the most that keeps Hit@5 on the dev sets: 30 restores the dev sets' words best, but
# reads "còn vướng gì" as "còn vuông gì").
MESSAGE_PHRASES = Path(__file__).with_name("message_phrases.txt")
MESSAGE_WEIGHT = 3
# A form's chance after another is (pair count + SMOOTHING × its share of all syllables) /
# (the other's count + SMOOTHING): pairs never seen fall back on how common the form is (of 1,
# 10, 100 and 1,000, the one that restores the dev sets' questions best).
SMOOTHING = 100


@dataclass(frozen=True)
class AccentModel:
    forms: dict[
        str, list[tuple[str, int]]
    ]  # accent-free syllable → (accented form, count), best first
    pairs: dict[str, int]  # "form form" → count

    @classmethod
    def from_texts(cls, texts: list[str], min_pair_count: int = 2) -> AccentModel:
        forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
        pairs: Counter[str] = Counter()
        for text in texts:
            tokens = tokenize(text)
            for token in tokens:
                forms[strip_accents(token)][token] += 1
            pairs.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
        return cls(
            {plain: counts.most_common(MAX_FORMS) for plain, counts in forms.items()},
            {pair: n for pair, n in pairs.items() if n >= min_pair_count},
        )

    def merged(self, other: AccentModel, weight: int) -> AccentModel:
        """This model with ``other``'s counts added, each × ``weight``."""
        forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for model, times in ((self, 1), (other, weight)):
            for plain, counts in model.forms.items():
                forms[plain].update({form: n * times for form, n in counts})
        pairs = Counter(self.pairs) + Counter({p: n * weight for p, n in other.pairs.items()})
        return AccentModel(
            {plain: counts.most_common(MAX_FORMS) for plain, counts in forms.items()}, dict(pairs)
        )

    def restore(self, question: str) -> str:
        """The question with the diacritics the collection most likely means (lower case)."""
        tokens = tokenize(question, accents=False)
        if not tokens:
            return ""
        counts = dict(self._candidates(tokens[0]))
        # Viterbi: best[form] = (log probability, path)
        best = {form: (math.log(n / self._total), [form]) for form, n in counts.items()}
        for token in tokens[1:]:
            candidates = self._candidates(token)
            step = {}
            for form, n in candidates:
                score, path = max(
                    (s + self._chance(form, n, prev, counts[prev]), p)
                    for prev, (s, p) in best.items()
                )
                step[form] = (score, [*path, form])
            best, counts = step, dict(candidates)
        return " ".join(max(best.values())[1])

    def _candidates(self, token: str) -> list[tuple[str, int]]:
        return self.forms.get(token) or [(token, 1)]

    def _chance(self, form: str, count: int, previous: str, previous_count: int) -> float:
        """The log chance of ``form`` (seen ``count`` times) after ``previous``."""
        prior = SMOOTHING * count / self._total
        pair = self.pairs.get(f"{previous} {form}", 0)
        return math.log((pair + prior) / (previous_count + SMOOTHING))

    @cached_property
    def _total(self) -> int:
        return sum(n for forms in self.forms.values() for _, n in forms)


def save_accent_model(model: AccentModel, folder: Path) -> None:
    data = {"forms": model.forms, "pairs": model.pairs}
    (folder / FILE_NAME).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def question_model() -> AccentModel:
    return AccentModel.from_texts(
        [p for line in _lines(QUESTION_PHRASES) for p in line.split(",")], min_pair_count=1
    )


def message_model() -> AccentModel:
    return AccentModel.from_texts(_lines(MESSAGE_PHRASES), min_pair_count=1)


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]


def load_accent_model(folder: Path) -> AccentModel:
    """The collection's model, with the ways members ask (question_phrases.txt) and write
    (message_phrases.txt) added."""
    data = json.loads((folder / FILE_NAME).read_text("utf-8"))
    forms = {k: [tuple(f) for f in v] for k, v in data["forms"].items()}
    return (
        AccentModel(forms, data["pairs"])
        .merged(question_model(), QUESTION_WEIGHT)
        .merged(message_model(), MESSAGE_WEIGHT)
    )
