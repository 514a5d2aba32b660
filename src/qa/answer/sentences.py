"""Sentences of the first passages scored against the question: how much of what it asks
each one contains (when none of them gives the asked kind of value, the sentences of the next
passages too). The answer quotes the best ones; the refusal model weighs the best score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from qa.answer.asked import DOCUMENT_NUMBER, Asked, asked, asked_parts, labelled, supplies
from qa.answer.documents import document_words, in_context, missing_share
from qa.answer.forms import asks_for_basis
from qa.answer.terms import (
    Name,
    content_terms,
    focus_share,
    focus_terms,
    names,
    pair_share,
    word_pairs,
)
from qa.answer.units import is_junk, is_lead_in, label_above, lines_of, widen
from qa.index.snapshot import Snapshot
from qa.index.synonyms import load_synonyms
from qa.models import Hit, IndexedPassage
from qa.refs import DocRef, cited_numbers, find_refs, names_any
from qa.text import longest_phrases, statements, tokenize

PASSAGES_CONSIDERED = 3
PASSAGES_SEARCHED = 8  # …and when none of them gives the asked kind of value, these
# A sentence holding the asked kind of value next to the question's label words ("Phan Văn
# Phụng chủ trì hội nghị") beats one that merely shares more of the question's words.
FOCUS_WEIGHT = 0.5
# A further sentence is quoted when it adds this much of the question's weight.
MIN_GAIN = 0.1
# A lead-in gives the asked value when this share of its items do.
ITEMS_SUPPLY = 0.5
# The sentence before the answering one is quoted with it when it holds this much of the
# question's weight that the answering one lacks: the subject of "… chủ trì hội nghị."
CONTEXT_GAIN = 0.2
# For "when?": a sentence dating its own document, named "Thông tư này", "Quyết định này"
# («Thông tư này có hiệu lực kể từ ngày 01 tháng 7 năm 2010»), holds the name the question gives
# that document (its type, number and title). A date relative to an event («kể từ ngày ký»)
# does not count: it does not answer "ký ngày nào?".
_ITSELF = re.compile(
    r"\b(?:quyết định|chỉ thị|thông tư|nghị quyết|nghị định|quy định|quy chế|kế hoạch"
    r"|hướng dẫn|thông báo|văn bản)(?: liên tịch)?\s+này\b",
    re.IGNORECASE,
)
_DATE = re.compile(r"\bngày \d{1,2}|\b\d{1,2}/\d{1,2}/\d{4}\b")


@dataclass(frozen=True)
class ScoredSentence:
    hit_index: int
    start: int
    end: int
    matched: dict[str, float]  # question word → its share of the question's IDF weight
    phrases: float  # share of the question's word pairs found as pairs
    has_kind: bool  # supplies the kind of information asked for (or nothing specific is asked)
    of_document: bool  # cites the document the question names, or is part of it
    names_missing: float  # share of the question's places and people its document never names
    focus: float = 0.0  # share of the words next to the question word ("ai **chủ trì**") it holds
    labelled: bool = False  # opens with the label of the asked kind ("Thời gian …" for "lúc nào?")
    parts: frozenset[int] = frozenset()  # the parts of a question asking several things it answers

    @property
    def coverage(self) -> float:
        """IDF-weighted share of the question's words found in the sentence."""
        return sum(self.matched.values())

    @property
    def match(self) -> float:
        """How well the sentence matches the question (what retrieval re-ranks passages by)."""
        # Earlier passages are more likely to answer: a small tie-breaking preference.
        return (
            self.coverage
            + 0.5 * self.phrases
            + 0.3 * self.has_kind
            + 0.5 * self.of_document  # "Chỉ thị 05 nói gì?": not the sentence on Chỉ thị 17
            - 0.5 * self.names_missing  # "… ở Quảng Trị?": not a sentence of another province's
            - 0.05 * self.hit_index
        )

    @property
    def score(self) -> float:
        """How well it answers: its match, and the asked value with its label."""
        return self.match + FOCUS_WEIGHT * (self.focus + self.labelled) * self.has_kind


@dataclass(frozen=True)
class _Asking:
    """What the sentences are scored against, worked out once per question."""

    accents: bool
    shares: dict[str, float]  # question word → its share of the question's IDF weight
    pairs: set[tuple[str, str]]  # consecutive question words
    wanted: Asked | None
    # when it asks several things, each part's own words ("chủ trì" of "ai chủ trì") and what
    # it asks for
    parts: list[tuple[set[str], Asked]]
    refs: list[DocRef]  # the documents the question names
    names: list[Name]  # the places and people it names
    focus: list[str]  # the words next to the question word
    # a member's words ("ubkt") and the syllables of each document term for them: a sentence
    # with "Ủy ban kiểm tra" holds the question's "UBKT" (not one with "Ủy ban nhân dân" and
    # "kiểm tra" apart)
    synonyms: list[tuple[set[str], dict[tuple[str, ...], None]]]
    basis: bool  # its preamble may answer

    def words_of(self, tokens: list[str]) -> set[str]:
        words = set(tokens)
        for member, terms in self.synonyms:
            if longest_phrases(tokens, terms):
                words |= member
        return words


def _asking(question: str, accents: bool, snapshot: Snapshot) -> _Asking:
    terms = content_terms(question, accents=accents)
    weight = {t: snapshot.terms.idf(t) for t in terms}
    if not sum(weight.values()):  # words in every passage: all weigh the same
        weight = dict.fromkeys(terms, 1.0)
    total = sum(weight.values()) or 1.0
    shares = {t: w / total for t, w in weight.items()}
    synonyms = [
        (
            set(tokenize(" ".join(member), accents=accents)),
            dict.fromkeys(tuple(tokenize(term, accents=accents)) for term in terms),
        )
        for member, terms in load_synonyms().matches(
            question if accents else snapshot.accents.restore(question)
        )
    ]
    wanted = asked(question)
    refs = find_refs(question)
    if wanted is not None:  # the date of "QĐ 25/2008" in "… (thay QĐ 25/2008) áp dụng từ khi
        # nào?" is not asked: the document it replaces is no document the question dates
        context = {str(ref.number) for ref in refs if in_context(question, ref)}
        wanted = replace(wanted, words=wanted.words - context)
    return _Asking(
        accents,
        shares,
        word_pairs(terms),
        wanted,
        [
            (set(content_terms(part, accents=accents)), wants)
            for part, wants in asked_parts(question)
        ],
        refs,
        names(question),
        focus_terms(question, accents=accents) if wanted else [],
        synonyms,
        # what a document was issued on, or another document's number: «Căn cứ Quyết định số
        # 89/2007/QĐ-TTg …» answers "QĐ của TTg … là số mấy?"
        asks_for_basis(question) or (wanted is not None and wanted.unit == DOCUMENT_NUMBER),
    )


def score_sentences(
    question: str, accents: bool, hits: list[Hit], snapshot: Snapshot
) -> list[ScoredSentence]:
    """Every sentence of the first passages, best first."""
    asking = _asking(question, accents, snapshot)
    scored = [
        sentence
        for index, hit in enumerate(hits[:PASSAGES_CONSIDERED])
        for sentence in _score_passage(asking, snapshot, hit.passage, index)
    ]
    if asking.wanted and not any(s.has_kind for s in scored):  # the asked value is further down
        scored += [
            sentence
            for index, hit in enumerate(
                hits[PASSAGES_CONSIDERED:PASSAGES_SEARCHED], PASSAGES_CONSIDERED
            )
            for sentence in _score_passage(asking, snapshot, hit.passage, index)
        ]
    return sorted(scored, key=lambda s: -s.score)


def best_sentence_scorer(
    question: str, accents: bool, snapshot: Snapshot
) -> Callable[[IndexedPassage], float]:
    """For a passage, the match of its sentence that best matches the question (0 if none)."""
    asking = _asking(question, accents, snapshot)
    return lambda passage: max(
        (s.match for s in _score_passage(asking, snapshot, passage, 0)), default=0.0
    )


def _score_passage(
    asking: _Asking, snapshot: Snapshot, passage: IndexedPassage, index: int
) -> list[ScoredSentence]:
    scored = []
    text = passage.text
    meta = passage.meta
    own = names_any(asking.refs, {(meta.doc_type, meta.number or "")})
    unnamed = (
        missing_share(asking.names, document_words(snapshot, {passage.document_path}))
        if asking.names
        else 0.0
    )
    # who issued the document ("Tỉnh ủy Quảng Trị") stands behind each of its sentences: a
    # sentence naming the province is no better an answer than the others for it (told apart
    # only with diacritics: "chu tri" is "chủ trì", not "Quảng Trị")
    issuer = tokenize(meta.issuer or "", accents=True) if asking.accents else []
    dated = asking.wanted is not None and asking.wanted.kind == "date"
    own_name = (
        tokenize(f"{meta.doc_type} {meta.number or ''} {meta.title}", accents=asking.accents)
        if dated
        else []
    )
    for start, end in statements(text):
        if is_junk(passage, start, end, basis=asking.basis):
            continue  # the title, an issuer line, a signature, the recipients: never an answer
        sentence = text[start:end]
        tokens = tokenize(sentence, accents=asking.accents)
        label = label_above(passage, start)  # what an item is of: its words are the item's
        if label is not None:
            tokens = tokenize(label.text, accents=asking.accents) + tokens
        if dated and _ITSELF.search(sentence) and _DATE.search(sentence):
            tokens += own_name
        words = asking.words_of(tokens + issuer)
        scored.append(
            ScoredSentence(
                hit_index=index,
                start=start,
                end=end,
                matched={t: share for t, share in asking.shares.items() if t in words},
                phrases=pair_share(asking.pairs, tokens),
                has_kind=asking.wanted is None
                or supplies(sentence, asking.wanted)
                or _items_supply(snapshot, passage, start, end, asking.wanted),
                of_document=own
                or (bool(asking.refs) and names_any(asking.refs, cited_numbers(sentence))),
                names_missing=unnamed,
                focus=focus_share(asking.focus, tokens) if asking.focus else 0.0,
                labelled=asking.wanted is not None and labelled(sentence, asking.wanted),
                parts=frozenset(
                    i
                    for i, (own, wants) in enumerate(asking.parts)
                    if supplies(sentence, wants) and (not own or own & words)
                ),
            )
        )
    return scored


def _items_supply(
    snapshot: Snapshot, passage: IndexedPassage, start: int, end: int, wanted: Asked
) -> bool:
    """Whether a lead-in's items give the asked amount or person, most of those that introduce
    no items of their own: «Mức thu phí … được quy định như sau:» gives the fees its items
    list, «Đoàn kiểm tra gồm:» its members. (A place or a document number in an item is mostly a
    reference, «theo quy định tại Điều 5», not what is asked.)"""
    sentence = passage.text[start:end]
    table = wanted.kind == "person" or (wanted.kind == "number" and wanted.unit != DOCUMENT_NUMBER)
    if not (table and is_lead_in(sentence) and sentence.rstrip().endswith(":")):
        return False
    lines = [
        line.text
        for span in widen(snapshot, passage, start, end, True)
        for line in lines_of(span.text)
    ]
    items = [line for line in lines[1:] if not line.rstrip().endswith(":")]
    supplying = sum(supplies(item, wanted) for item in items)
    return bool(items) and supplying >= ITEMS_SUPPLY * len(items)


def select(
    scored: list[ScoredSentence], limit: int, *, items: bool = False
) -> list[ScoredSentence]:
    """The best sentence that gives what the question asks for (a name, a date, an amount…;
    any sentence when nothing this specific is asked), with the sentence before it when that
    one holds the subject it lacks ("Bí thư … dự hội nghị sơ kết …. Trưởng Ban Tổ chức Phan
    Văn Phụng chủ trì hội nghị."); for a question asking several things, the best sentence of
    its passage giving each one it lacks; then those adding question words it lacks, and when
    ``items`` are asked, the next best (the sentences naming them seldom repeat the question's
    words), at most ``limit``; none from a document that misses more of the places the
    question names ("… ở Bạc Liêu?": not Tuyên Quang's figure after Bạc Liêu's sentence)."""
    if not scored:
        return []
    first = next((s for s in scored if s.has_kind), scored[0])
    chosen = [first]
    before = _context_before(first, scored)
    if before is not None:
        chosen.append(before)
    for part in sorted({p for s in scored for p in s.parts}):  # "… ở đâu, ai chủ trì?"
        if len(chosen) >= limit or any(part in s.parts for s in chosen):
            continue
        same_passage = (s for s in scored if part in s.parts and s.hit_index == first.hit_index)
        best = next(same_passage, None)
        if best is not None:
            chosen.append(best)
    covered = {t for s in chosen for t in s.matched}
    giving = [s for s in scored if s.has_kind and s.names_missing <= first.names_missing]
    for sentence in giving:
        if len(chosen) >= limit:
            break
        gain = sum(w for t, w in sentence.matched.items() if t not in covered)
        if gain >= MIN_GAIN and sentence not in chosen:
            chosen.append(sentence)
            covered |= set(sentence.matched)
    if items:
        chosen += [s for s in giving if s not in chosen][: max(limit - len(chosen), 0)]
    return chosen


def _context_before(first: ScoredSentence, scored: list[ScoredSentence]) -> ScoredSentence | None:
    """The statement just before ``first`` in its passage, if it holds at least ``CONTEXT_GAIN``
    of the question's weight that ``first`` lacks."""
    before = max(
        (s for s in scored if s.hit_index == first.hit_index and s.end <= first.start),
        key=lambda s: s.end,
        default=None,
    )
    if before is None:
        return None
    lacking = sum(w for t, w in before.matched.items() if t not in first.matched)
    return before if lacking >= CONTEXT_GAIN else None
