"""Document frequencies of accent-free syllables: how rare each word of a question is."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from qa.text import strip_accents, tokenize

FILE_NAME = "terms.json"


@dataclass(frozen=True)
class TermStats:
    passages: int
    df: dict[str, int]

    @classmethod
    def from_texts(cls, texts: list[str]) -> TermStats:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(tokenize(text, accents=False)))
        return cls(len(texts), dict(df))

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency (of the accent-free word), 0 for a word in every passage."""
        return math.log((self.passages + 1) / (self.df.get(strip_accents(term), 0) + 1))

    @property
    def max_idf(self) -> float:
        return math.log(self.passages + 1)


def save_term_stats(stats: TermStats, folder: Path) -> None:
    (folder / FILE_NAME).write_text(
        json.dumps({"passages": stats.passages, "df": stats.df}, ensure_ascii=False), "utf-8"
    )


def load_term_stats(folder: Path) -> TermStats:
    data = json.loads((folder / FILE_NAME).read_text("utf-8"))
    return TermStats(data["passages"], data["df"])
