"""Diacritic restoration learned from the collection itself: "chi thi phat trien dang vien"
→ "chỉ thị phát triển đảng viên". For each accent-free syllable, the accented forms the
documents use; a bigram Viterbi pass picks the sequence the documents make most likely.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from qa.text import strip_accents, tokenize

FILE_NAME = "accents.json"
MAX_FORMS = 6
QUESTION_PHRASES = Path(__file__).with_name("question_phrases.txt")
QUESTION_WEIGHT = 20  # each use of a form in question_phrases.txt counts as this many


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
        # Viterbi: best[form] = (log score, path)
        best = {form: (math.log(n), [form]) for form, n in self._candidates(tokens[0])}
        for token in tokens[1:]:
            step = {}
            for form, n in self._candidates(token):
                score, path = max(
                    (s + math.log(self.pairs.get(f"{prev} {form}", 0) + 0.01), p)
                    for prev, (s, p) in best.items()
                )
                step[form] = (score + math.log(n), [*path, form])
            best = step
        return " ".join(max(best.values())[1])

    def _candidates(self, token: str) -> list[tuple[str, int]]:
        return self.forms.get(token) or [(token, 1)]


def save_accent_model(model: AccentModel, folder: Path) -> None:
    data = {"forms": model.forms, "pairs": model.pairs}
    (folder / FILE_NAME).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def question_model() -> AccentModel:
    lines = QUESTION_PHRASES.read_text("utf-8").splitlines()
    phrases = [p for line in lines if not line.startswith("#") for p in line.split(",")]
    return AccentModel.from_texts(phrases, min_pair_count=1)


def load_accent_model(folder: Path) -> AccentModel:
    """The collection's model, with the ways members ask (question_phrases.txt) added."""
    data = json.loads((folder / FILE_NAME).read_text("utf-8"))
    forms = {k: [tuple(f) for f in v] for k, v in data["forms"].items()}
    return AccentModel(forms, data["pairs"]).merged(question_model(), QUESTION_WEIGHT)
