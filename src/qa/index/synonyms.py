"""The documents' terms for the words members type ("vào Đảng" → "kết nạp", "UBKT" → "ủy
ban kiểm tra"), from synonyms.txt: retrieval adds them to the BM25 query, with a lower weight
than the question's own words, so that a question in members' words finds a passage in
official ones; a sentence holding the term holds the member's word (qa.answer.sentences), and
"bao nhiêu ĐV" counts "đảng viên" (qa.answer.asked). Matched on the question with diacritics
(restored when typed without them): "họp" and "hợp" are different words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from qa.text import longest_phrases, strip_accents, tokenize

SYNONYMS = Path(__file__).with_name("synonyms.txt")
_NUMBERED = re.compile(r"\S*\d\S*")  # "42/2006/NQ-HĐND": its "HĐND" is part of a number


@dataclass(frozen=True)
class Synonyms:
    terms: dict[tuple[str, ...], tuple[str, ...]]  # member's syllables → document terms

    def document_terms(self, question: str) -> list[str]:
        """The document terms for the member's words in ``question``, longest phrase first
        (in "họp chi bộ" only the phrase, not also "họp")."""
        found: list[str] = []
        for _, terms in self.matches(question):
            found += [t for t in terms if t not in found]
        return found

    def spelled_out(self, question: str) -> str:
        """``question`` with the initials members type ("QLXH", "TQ", "UBND") replaced by the
        words they stand for: the embedding model reads words, not initials."""
        for typed, term, _ in self.initials(question):
            question = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", term, question, flags=re.I)
        return question

    def initials(self, question: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(the word as typed, the document term it is the initials of, all its document terms)
        for each member's word in ``question`` that abbreviates a term ("QLXH": «quản lý xã
        hội»)."""
        found = []
        for member, terms in self.matches(question):
            if len(member) != 1:
                continue
            letters = strip_accents(member[0])
            spelled = [
                t for t in terms if "".join(s[0] for s in tokenize(t, accents=False)) == letters
            ]
            if spelled:
                found.append((member[0], spelled[0], terms))
        return found

    def matches(self, question: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(the member's syllables, their document terms) for each member's phrase in
        ``question``, the longest phrase where several overlap."""
        return longest_phrases(tokenize(_NUMBERED.sub(" ", question)), self.terms)


@cache
def load_synonyms(path: Path = SYNONYMS) -> Synonyms:
    terms: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            members, documents = line.split("=>")
            wanted = tuple(t.strip() for t in documents.split(",") if t.strip())
            for member in members.split(","):
                terms[tuple(tokenize(member))] = wanted
    return Synonyms(terms)
