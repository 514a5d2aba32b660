"""What an answer quotes: the sentences that answer (qa.answer.sentences), each widened to the
unit a member needs (qa.answer.units), or, for "what does document X say", the outline of that
document (qa.answer.outline); at most a phone screen's worth of characters in all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.forms import PartName
from qa.answer.outline import document_lines, executing_article, opening, outline, part_lines
from qa.answer.sentences import PASSAGES_CONSIDERED, ScoredSentence, select
from qa.answer.terms import focus_share, focus_terms, named_list_noun, word_pairs
from qa.answer.units import (
    Span,
    inline_lead_in,
    is_bare_heading,
    is_junk,
    is_lead_in,
    is_ordinal_point,
    item_label,
    lines_of,
    opens_points,
    own_item,
    own_lines,
    quotable,
    widen,
)
from qa.index.snapshot import Snapshot
from qa.models import Hit
from qa.text import fold_tones, tokenize

MAX_SENTENCES = 3  # best sentences an answer starts from, before widening
LIST_CANDIDATES = 5  # a list question is answered by a list one of these belongs to
# An outline shows each main part's opening cut to its share of the budget, at least this
# many characters and at most the next; then the lines under the parts, each cut to the third.
OUTLINE_MIN_PART_CHARS = 150
OUTLINE_OPENING_CHARS = 200
OUTLINE_SUB_PART_CHARS = 110
OUTLINE_OPENING_PARAGRAPHS = 3  # an article too long to outline whole: its opening, then its turns
MIN_LINE_CHARS = 60  # a unit too long for the budget shows each of its lines cut to a share
HEADER_LINES = 6  # the lines of a document's header that may name its issuer
CUT = "…"


@dataclass(frozen=True)
class ListNoun:
    """What a list question asks a list of: the words next to its question word ("những
    **phường** nào?"), with or without diacritics as the question was typed."""

    words: list[str]
    accents: bool
    asked: frozenset[str] = frozenset()  # the question's words and numbers, accent-free
    asked_pairs: frozenset[tuple[str, str]] = frozenset()  # …and those side by side
    named: bool = False  # the question names what it lists ("những **yêu cầu** gì?")


def asked_list(question: str, *, accents: bool) -> ListNoun:
    """What a list question asks a list of: what it names so (``named_list_noun``), else the
    words next to its question word."""
    plain = tokenize(question, accents=False)
    named = named_list_noun(question, accents=accents)
    return ListNoun(
        named or focus_terms(question, accents=accents),
        accents,
        frozenset(plain),
        frozenset(word_pairs(plain)),
        bool(named),
    )


@dataclass(frozen=True)
class Quote:
    """A verbatim span of a passage as shown: ``text`` is ``span.text``, possibly cut short
    (ending with " …")."""

    span: Span
    text: str
    unit: int  # quotes of one unit (a lead-in and its items over two passages) share it


def quote_sentences(
    snapshot: Snapshot,
    hits: list[Hit],
    scored: list[ScoredSentence],
    *,
    list_noun: ListNoun | None,
    budget: int,
) -> list[Quote]:
    """The best sentences, widened to their units, the one that answers first; units that
    overlap or stand side by side on a line are quoted as one. A list question (one with a
    ``list_noun``) is answered by a list among the best sentences' units: the one whose
    lead-in names what is listed, else the first; with no list among them, by the best
    sentences giving the asked kind, though they add none of the question's words (the
    sentence naming the items seldom repeats them: «Giao Hội đồng …, Sở Tư pháp, …»)."""
    wants_list = list_noun is not None
    candidates = [
        s for s in scored if quotable(hits[s.hit_index].passage, s.start, s.end, wants_list)
    ]
    if list_noun is not None:
        item = next(
            (s for s in candidates[:LIST_CANDIDATES] if _names_item(hits, s, list_noun)), None
        )
        if item is not None:
            passage = hits[item.hit_index].passage
            return fit([own_lines(widen(snapshot, passage, item.start, item.end, False))], budget)
        named = _named_list(snapshot, hits, candidates, list_noun)
        if list_noun.named and (named is None or named[0] < 1):  # one further down naming it
            named = _list_further(snapshot, hits, list_noun) or named
        answer = named[1] if named else _points_among(snapshot, hits, candidates)
        if answer:
            return fit([own_item(answer, list_noun.asked_pairs)], budget)
    units: list[list[Span]] = []
    for sentence in select(candidates, MAX_SENTENCES, items=wants_list):
        passage = hits[sentence.hit_index].passage
        unit = widen(snapshot, passage, sentence.start, sentence.end, wants_list)
        _add(units, own_item(unit, list_noun.asked_pairs) if list_noun else unit)
    return fit(units, budget)


def _names_item(hits: list[Hit], sentence: ScoredSentence, noun: ListNoun) -> bool:
    """Whether the sentence is an item of a list that the question names by its label and
    whose own value answers it ("Đoàn kiểm tra số 2 phụ trách những quận nào?": «* Đoàn kiểm
    tra số 2: Kiểm tra quận Hoàn Kiếm, …», not the list of the five teams)."""
    text = hits[sentence.hit_index].passage.text[sentence.start : sentence.end].strip()
    label = item_label(text)
    return label is not None and set(tokenize(label, accents=False)) <= noun.asked


def _named_list(
    snapshot: Snapshot, hits: list[Hit], candidates: list[ScoredSentence], noun: ListNoun
) -> tuple[float, list[Span]] | None:
    """Of the lists the best ``candidates`` belong to, the first whose lead-in line (or
    heading) holds most of what the question asks a list of ("có **trách nhiệm** gì?": «… có
    trách nhiệm:»), rather than the one whose items share more of the question's other words;
    a list of a lesser candidate only when its lead-in names all of it ("những **giải pháp
    thực hiện** nào?": «III. Giải pháp thực hiện»), a list run on within a sentence only when
    its lead-in names some of it. Between lists whose lead-ins name it alike, the one whose
    items name it ("những **thí sinh** nào?": «a) Thí sinh đăng ký dự thi …»). With the
    share of what is asked its lead-in names."""
    lists = []
    for rank, sentence in enumerate(candidates):
        passage = hits[sentence.hit_index].passage
        spans = widen(snapshot, passage, sentence.start, sentence.end, True)
        lead_in, inline = _list_lead_in(spans, sentence)
        if lead_in is None:
            continue
        share = focus_share(noun.words, tokenize(_listed(lead_in), accents=noun.accents))
        if (rank < LIST_CANDIDATES or share == 1) and (share > 0 or not inline):
            whole = tokenize(" ".join(span.text for span in spans), accents=noun.accents)
            lists.append((share, focus_share(noun.words, whole), -rank, spans))
    if not lists:
        return None
    best = max(lists, key=lambda found: found[:3])
    return best[0], best[3]


def _list_further(
    snapshot: Snapshot, hits: list[Hit], noun: ListNoun
) -> tuple[float, list[Span]] | None:
    """The first list, in the passages after those the best sentences are taken from, of the
    first passage's document, whose lead-in names all of what is asked («Chính sách kinh tế
    trong văn hoá cần đáp ứng các yêu cầu sau:» for "… phải đáp ứng những yêu cầu gì?")."""
    document = hits[0].passage.document_path if hits else None
    for hit in hits[PASSAGES_CONSIDERED:]:
        passage = hit.passage
        if passage.document_path != document:
            continue
        for line in lines_of(passage.text):
            if not is_lead_in(line.text) or is_junk(passage, line.start, line.end):
                continue
            if focus_share(noun.words, tokenize(_listed(line.text), accents=noun.accents)) == 1:
                return 1.0, widen(snapshot, passage, line.start, line.end, True)
    return None


# A lead-in ending "… một số hạn chế." lists what it names last: «Bên cạnh những kết quả đạt
# được, công tác … vẫn còn một số hạn chế.» lists limitations, not results. One ending "…
# những nội dung sau:" names what it lists in its other words.
_LISTS_LAST = re.compile(
    r"\b(?:một số|những|các|nhiều)\s+((?:\S+\s+){0,2}\S+?)\s*(?:[.:]\s|[.:]?$)", re.I
)
_ANNOUNCES = re.compile(r"\b(?:sau|sau đây|dưới đây|như sau)$", re.I)


def _listed(lead_in: str) -> str:
    """What a lead-in says it lists: the words after "một số", "những"… that end its sentence,
    else all of it."""
    last = _LISTS_LAST.search(lead_in)
    return last.group(1) if last and not _ANNOUNCES.search(last.group(1)) else lead_in


def _points_among(
    snapshot: Snapshot, hits: list[Hit], candidates: list[ScoredSentence]
) -> list[Span] | None:
    """When no list is among the best sentences' units, the points of an article ("Một là,
    …", "Hai là, …") that the first of their passages standing under one belongs to."""
    for index in dict.fromkeys(s.hit_index for s in candidates[:LIST_CANDIDATES]):
        passage = hits[index].passage
        point = next((h for h in passage.heading_path if is_ordinal_point(h)), None)
        if point is None:
            continue
        opening = None  # the first point of its series ("Một là, …") before it
        for at in snapshot.documents[passage.document_path]:
            for line in lines_of(at.text):
                if opens_points(line.text):
                    opening = (at, line)
                if line.text == point:
                    first, first_line = opening or (at, line)
                    return widen(snapshot, first, first_line.start, first_line.end, True)
    return None


def _list_lead_in(spans: list[Span], sentence: ScoredSentence) -> tuple[str | None, bool]:
    """The line introducing the list that a sentence's unit is (widened past the sentence: a
    lead-in with items, an item with its list), or else the lead-in of a list run on within
    the sentence (and True: a weaker sign of a list); None if the unit is no list."""
    text = spans[0].text
    if len(spans) > 1 or spans[0].end > sentence.end or "\n" in text.strip():
        first, *rest = [line for span in spans for line in lines_of(span.text)]
        heads = is_lead_in(first.text) or is_bare_heading(first.text)
        if first.is_item and not (heads or any(line.is_item for line in rest)):
            return None, False  # an item alone ("2.7 Đề nghị …"), with lines that explain it
        return inline_lead_in(first.text) or first.text, False
    return inline_lead_in(text), True


def quote_outline(snapshot: Snapshot, path: str, budget: int) -> list[Quote]:
    """The document's outline: each main part a bullet with the openings of its sub-parts,
    the parts sharing the budget (without the article naming who carries the document out,
    if the whole does not fit); a document short enough to fit, each part in full."""
    return _outline_quotes(document_lines(snapshot, path), budget)


def quote_part(snapshot: Snapshot, path: str, part: PartName, budget: int) -> list[Quote]:
    """A part of the document ("mục 3", "Điều 9"): its heading, then the outline of what is
    under it; [] if the document has no such part."""
    lines = part_lines(snapshot, path, part.heads)
    if not lines:
        return []
    head = opening(lines[0])
    shown = head.text.strip()
    under = _outline_quotes(lines[1:], budget - len(shown)) if len(lines) > 1 else []
    return [Quote(head, shown, 0), *(Quote(q.span, q.text, q.unit + 1) for q in under)]


def _outline_quotes(lines: list[Span], budget: int) -> list[Quote]:
    whole = outline(lines, whole=True)
    if sum(len(span.text.strip()) for part in whole for span in part) <= budget:
        return [Quote(span, span.text.strip(), n) for n, part in enumerate(whole) for span in part]
    parts = outline(lines)
    if sum(len(span.text.strip()) for part in parts for span in part) > budget:
        parts = outline(lines, executing=False)  # room for what it says
    if len(parts) * OUTLINE_MIN_PART_CHARS > budget and all(len(part) == 1 for part in parts):
        parts = _pivots(parts, budget // OUTLINE_MIN_PART_CHARS)
    return _fill(parts, budget)


def _fill(parts: list[list[Span]], budget: int) -> list[Quote]:
    """The parts' openings first, then the first line under each, the second, … while the
    budget lasts: every part is shown before the details of any."""
    opening_limit = min(OUTLINE_OPENING_CHARS, max(OUTLINE_MIN_PART_CHARS, budget // len(parts)))
    shown: dict[tuple[int, int], str] = {}
    left = budget
    for depth in range(max(len(part) for part in parts)):
        for number, part in enumerate(parts):
            if depth >= len(part) or depth and (number, depth - 1) not in shown:
                continue
            limit = min(left, opening_limit if depth == 0 else OUTLINE_SUB_PART_CHARS)
            text = part[depth].text.strip()
            cut = text if len(text) <= limit else _cut_keeping_lead(text, limit)
            if cut:
                shown[number, depth] = cut
                left -= len(cut)
    return [
        Quote(span, shown[number, depth], number)
        for number, part in enumerate(parts)
        for depth, span in enumerate(part)
        if (number, depth) in shown
    ]


def quote_executing(snapshot: Snapshot, path: str, budget: int) -> list[Quote]:
    """The document's article naming who carries it out ([] if it has none)."""
    article = executing_article(document_lines(snapshot, path))
    return fit([article], budget) if article else []


def quote_issuer(snapshot: Snapshot, path: str) -> list[Quote]:
    """The header lines naming the document's issuer («Chính phủ», «ỦY BAN NHÂN DÂN» «TỈNH GIA
    LAI»), else (only its metadata, a sidecar or its closing, names who issued or signed it)
    its first line, which names the document."""
    first = snapshot.documents[path][0]
    issuer = fold_tones(first.meta.issuer or "").casefold()
    lines = lines_of(first.text)
    spans = [
        Span(first, line.start, line.end)
        for line in lines[:HEADER_LINES]
        if issuer and len(line.text) > 3 and fold_tones(line.text).casefold() in issuer
    ] or [Span(first, lines[0].start, lines[0].end)]
    return [Quote(span, span.text.strip(), 0) for span in spans]


def _cut_keeping_lead(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters; a lead-in keeps its last clause, which
    announces what follows ("Để nâng cao ý thức pháp luật, … cần thực hiện tốt một số giải
    pháp sau:"), each piece verbatim."""
    comma = text.rfind(", ")
    clause = text[comma + 2 :]
    if not is_lead_in(text) or comma < 0 or len(clause) > limit // 2:
        return _cut(text, limit)
    head = _cut(text[:comma], limit - len(clause) - 1)
    return f"{head} {clause}" if head else _cut(text, limit)


_PIVOT = re.compile(
    r"\b(?:tuy nhiên|hạn chế|yếu kém|nguyên nhân|giải pháp|cần|kết quả|bài học"
    r"|thứ nhất|một là|trước hết|để)\b",
    re.IGNORECASE,
)


def _pivots(parts: list[list[Span]], room: int) -> list[list[Span]]:
    """Of an article's paragraphs, too many to show, the opening ones and those that turn its
    argument (results, limits, causes, what is to be done; a lead-in; a point: "Thứ hai, …"),
    in order, then the others while there is room."""
    chosen = list(range(OUTLINE_OPENING_PARAGRAPHS)) + [
        i
        for i, part in enumerate(parts[OUTLINE_OPENING_PARAGRAPHS:], OUTLINE_OPENING_PARAGRAPHS)
        if is_lead_in(part[0].text)
        or is_ordinal_point(part[0].text)
        or _PIVOT.search(part[0].text[:80])
    ]
    if len(chosen) < room:
        rest = [i for i in range(len(parts)) if i not in chosen]
        chosen += rest[: room - len(chosen)]
    return [parts[i] for i in sorted(chosen[:room])]


def _add(units: list[list[Span]], spans: list[Span]) -> None:
    """Add a unit, merged into one whose span it overlaps or stands beside on the same line."""
    new = spans[0]
    for unit in units:
        for index, span in enumerate(unit):
            if span.passage.id == new.passage.id and _touch(span, new):
                start, end = min(span.start, new.start), max(span.end, new.end)
                unit[index] = Span(span.passage, start, end)
                unit[index + 1 :] = [*spans[1:], *(s for s in unit[index + 1 :] if s not in spans)]
                return
    units.append(spans)


def _touch(a: Span, b: Span) -> bool:
    first, second = sorted((a, b), key=lambda span: span.start)
    gap = first.passage.text[first.end : second.start]
    return second.start <= first.end or (gap.isspace() and "\n" not in gap)


def fit(units: list[list[Span]], budget: int) -> list[Quote]:
    """Quotes of the units in order, at most ``budget`` characters in all. A unit too long for
    what is left shows every one of its lines (a lead-in and its items) cut to a share of it,
    at a word boundary and marked "…"; the units after it are left out."""
    quotes: list[Quote] = []
    left = budget
    for number, unit in enumerate(units):
        size = sum(len(span.text.strip()) for span in unit)
        if size > left:
            return [*quotes, *_shrunk(unit, left, number)]
        quotes += [Quote(span, span.text.strip(), number) for span in unit]
        left -= size
    return quotes


def _shrunk(unit: list[Span], room: int, number: int) -> list[Quote]:
    """The lines of ``unit`` in ``room`` characters: each line its share of what is left."""
    lines = [
        Span(span.passage, span.start + line.start, span.start + line.end)
        for span in unit
        for line in lines_of(span.text)
    ]
    quotes: list[Quote] = []
    for index, line in enumerate(lines):
        limit = min(room, max(MIN_LINE_CHARS, room // (len(lines) - index)))
        text = line.text.strip()
        shown = text if len(text) <= limit else _cut_keeping_value(text, limit)
        if not shown:
            break
        quotes.append(Quote(line, shown, number))
        room -= len(shown)
    return quotes


# A line that ends with its value after a label: "…, Chủ tịch UBND tỉnh: 500.000 đồng / buổi."
_LABELLED_VALUE = re.compile(r"(?:[^\s:;]+\s+){0,3}[^\s:;]+:\s*[^:;]{0,40}\d[^:;]{0,40}$")


def _cut_keeping_value(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters; a line ending with a labelled value
    ("…: 500.000 đồng / buổi.") keeps its end and loses its middle ("… Chủ tịch UBND tỉnh:
    500.000 đồng / buổi."), each piece verbatim."""
    tail = _LABELLED_VALUE.search(text)
    if tail is None or tail.start() == 0 or len(tail.group()) > limit // 2:
        return _cut(text, limit)
    head = _cut(text[: tail.start()], limit - len(tail.group()) - 1)
    return f"{head} {tail.group()}" if head else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters (with the mark) at a line or a word."""
    room = limit - len(CUT) - 1
    if room < 20:
        return ""
    line = text.rfind("\n", 0, room)
    at = line if line > room // 2 else text.rfind(" ", 0, room)
    return f"{text[: at if at > 0 else room].rstrip()} {CUT}"
