"""BM25 (bm25s) over Vietnamese syllables, in two fields: with and without diacritics.

Syllable bigrams are indexed beside unigrams: most Vietnamese words are two syllables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from qa.text import tokenize

FIELDS = ("accented", "plain")


def terms(text: str, *, accents: bool) -> list[str]:
    tokens = tokenize(text, accents=accents)
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:])]


@dataclass
class LexicalIndex:
    accented: bm25s.BM25
    plain: bm25s.BM25

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        return cls(
            *(_bm25([terms(t, accents=field == "accented") for t in texts]) for field in FIELDS)
        )

    def save(self, folder: Path) -> None:
        for field in FIELDS:
            getattr(self, field).save(str(folder / f"bm25_{field}"))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(*(bm25s.BM25.load(str(folder / f"bm25_{field}")) for field in FIELDS))

    def scores(self, question: str, *, accents: bool) -> np.ndarray:
        """BM25 score of every passage for the question (0 where nothing matches)."""
        index = self.accented if accents else self.plain
        return np.asarray(index.get_scores(terms(question, accents=accents)), dtype=np.float32)


def _bm25(corpus: list[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index(corpus, show_progress=False)
    return index
