"""The unit of text that answers: a sentence widened to what a member needs to read it right,
and the lines that never answer on their own.

- A lead-in ("… gồm:", "… như sau:", "… vẫn còn một số hạn chế.") comes with what it
  introduces: the item lines after it (numbered, lettered, dashed, or ending with ";"), which
  may run on into the next passage of the document, or the rest of its paragraph; a lead-in
  ending its line with no marked item after it, the first sentences of the paragraphs after it.
- Numbered items each explained by paragraphs of their own ("1.1. …", three paragraphs, "1.2.
  …"), more than a list runs on over, are quoted by the first sentence of each, up to a line
  marked higher.
- A sentence announcing what the next one names ("… phòng chống các nguy cơ …. Đó là sự suy
  thoái …") comes with it, and with the list that one opens ("… một số nhiệm vụ …. Cụ thể như
  sau:" and its items; for a list question, "Đó là: A." and the paragraphs after it).
- When the question asks for a list, an item comes with its lead-in (which may stand in the
  passage before, or be an item marked a level higher: "1. Đối tượng … gồm:" over "a) …") and
  the other items, and a heading ("Điều 5. Quyền của đảng viên") with the lines under it.
- An article's points, each a paragraph opened by an ordinal ("Thứ nhất, …", "Hai là, …",
  "(3) …") and explained by the paragraphs after it, are quoted by the first sentence of
  each, from the first point on, with the lead-in before it (or the lead-in it is run on
  after: "… những điểm then chốt sau: (1) …").
- An issuer line ("Ủy ban nhân dân tỉnh Nghệ An"), the header lines of a document ("Khoá XV, kỳ
  họp thứ 13", "Số: 05-CT/TU", "Độc lập - Tự do - Hạnh phúc"), the legal bases it is issued on
  ("Căn cứ Luật …;", "Xét Tờ trình …"), a signature block ("T/M BAN THƯỜNG VỤ", "KT. CHỦ
  TỊCH") and a recipients list ("Nơi nhận: …" and every line after it) are never quoted; a
  bare heading ("Nhiệm vụ thời gian tới", "Quyết định:") is quoted only with the lines under
  it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from qa.answer.terms import word_pairs
from qa.index.snapshot import Snapshot
from qa.models import IndexedPassage
from qa.text import LEGAL_MARKER, statements, tokenize

# How far a unit may run on: items of one list, and passages it may cross into.
MAX_ITEMS = 30
MAX_PASSAGES = 3
POINT_PASSAGES = 10  # numbered points each explained at length ("1.1. …") are paragraphs apart
GAP = 2  # lines of explanation that may stand between two items of one list
UNMARKED_ITEMS = 6  # paragraphs after a lead-in none of whose items is marked
LABEL_WORDS = 4  # a label before its value ("Thời gian kiểm tra: …") is at most this long

_ITEM_MARK = re.compile(
    r"(?:[-–+•*]\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*|[a-zđ][.)]\s+|[IVXivx]{1,4}[.)]\s+)"
)
_ITEM = re.compile(rf"{_ITEM_MARK.pattern}\S")
_ENDS_ITEM = re.compile(r"[;,]\s*$")
# Items run on after a colon: "… theo 4 khối kiến thức: A; B; C; D."
_INLINE_ITEMS = re.compile(r":\s*\S[^:;]*;")
_INLINE_LEAD_IN = re.compile(
    r"\b(?:gồm|bao gồm|như|như sau|sau đây|dưới đây|sau|cụ thể)"
    r"(?:\s+(?:các|những)(?:\s+[^\s:;,.]+){1,3})?\s*:\s*\S",  # "gồm các phường: A, B"
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"(?::|\b(?:gồm|bao gồm|như sau|sau đây|dưới đây|cụ thể là)\s*[:.]?"
    r"|\bmột số\s+(?:\S+\s+){0,2}\S+\s*[.:]"
    r"|\b(?:những|các)\s+(?:\S+\s+){0,3}(?:sau|sau đây|dưới đây)\s*[.:])\s*$",
    re.IGNORECASE,
)
# "Điều1." is typed for "Điều 1." in some documents
_LEGAL_HEADING = re.compile(
    r"(?:(?:phần|chương|mục)\s+(?:thứ\s+\w+|[ivxlc]+|\d+)|điều\s*\d+)\b", re.I
)
_ORDINALS = r"(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
_ORDINAL = re.compile(
    rf"(?:(?:thứ\s+{_ORDINALS}|(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là)\s*[,:.]"
    r"|\(\d{1,2}\))\s*\S",
    re.IGNORECASE,
)
# The first point of a series numbered "Hai là, …", "Ba là, …" is sometimes not numbered
_UNNUMBERED_FIRST = re.compile(r"trước hết\s*,", re.IGNORECASE)
_FIRST_ORDINAL = re.compile(r"(?:thứ\s+nhất\b|một\s+là\b|\(1\))", re.IGNORECASE)
# …or the first point run on after its lead-in: "… những điểm then chốt sau: (1) …"
_INLINE_FIRST_ORDINAL = re.compile(rf":\s*{_FIRST_ORDINAL.pattern}", re.IGNORECASE)
# A sentence naming what the one before announces: "Đó là …", "Cụ thể là …", "Đó là: …"
_NAMING = r"(?:đó là|đấy là|cụ thể(?: là)?)"
_NAMES_THEM = re.compile(rf"{_NAMING}\s*:?\s", re.IGNORECASE)
_NAMES_THEM_AFTER_COLON = re.compile(rf"{_NAMING}\s*:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?…]\s*[\"”»)]?\s*$")

# Bodies that issue documents: a line that is only such a name is an issuer line.
_BODY = (
    r"(?:ủy ban|uỷ ban|ubnd|hội đồng|hđnd|chính phủ|thủ tướng|bộ|sở|ban|tỉnh ủy|tỉnh uỷ"
    r"|thành ủy|thành uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ|đảng ủy|đảng uỷ|đảng bộ|chi bộ"
    r"|văn phòng|tổng cục|cục|học viện|trung ương|quốc hội|đảng cộng sản|cộng hòa|cộng hoà)"
)
_HEADER = re.compile(
    rf"^(?:{_BODY}\b[^.;:!?]{{0,80}}"
    r"|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc.*"
    r"|kh(?:oá|óa|oa)\s+[ivxlc\d]+\b.*kỳ họp.*"
    r"|số\s*:?\s*\d+[^\s]*"
    r"|[^,]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:t/m|tm\.?|kt\.?|q\.|tl\.?|tuq\.?)\s+\S"
    r"|^(?:phó\s+)?(?:chủ tịch|bí thư|giám đốc|bộ trưởng|thủ tướng|trưởng ban|chánh văn phòng)\s*$"
    r"|^\(?đã ký\)?$",
    re.IGNORECASE,
)
_RECIPIENTS = re.compile(r"^nơi nhận\b", re.IGNORECASE)
# A footnote mark or punctuation with no words: "(2).", "[15]", "***".
_WORDLESS = re.compile(r"[\W_]*(?:[(\[]\d{1,3}[)\]])?[\W_]*")
# The bare "Quyết định:" / "Quyết nghị:" before the articles.
_ENACTING = re.compile(r"(?:quyết định|quyết nghị|nghị quyết|chỉ thị)\s*:?\s*$", re.I)
# The legal bases and the proposal a document is issued on: "Căn cứ Luật …;", "Xét Tờ trình …"
_PREAMBLE = re.compile(r"^[-–+•*]?\s*(?:căn cứ|xét|theo đề nghị|theo tờ trình)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A verbatim piece of a passage: ``passage.text[start:end]``."""

    passage: IndexedPassage
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def is_item(self) -> bool:
        return is_item(self.text)


def is_item(line: str) -> bool:
    """A line of a list: numbered, lettered, dashed, or ending with ";" or ","."""
    return bool(_ITEM.match(line)) or bool(_ENDS_ITEM.search(line))


@lru_cache(maxsize=4096)
def lines_of(text: str) -> tuple[_Line, ...]:
    """The non-blank lines of a passage's text, stripped, with their offsets."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            found.append(_Line(start, start + len(stripped), stripped))
    return tuple(found)


def _line_at(lines: tuple[_Line, ...], position: int) -> int:
    return next((i for i, line in enumerate(lines) if line.end > position), len(lines) - 1)


def is_bare_heading(line: str) -> bool:
    """A short line that names a part rather than says something: "Nhiệm vụ thời gian tới",
    "II. Tổ chức thực hiện", "Quyết định:", "Điều 3"."""
    words = line.split()
    if _SENTENCE_END.search(line) or len(words) > 12:
        return False
    if line.endswith(":"):
        return len(words) <= 4
    return not any(ch.isdigit() for ch in _ITEM.sub("", line, count=1)) or bool(
        _LEGAL_HEADING.fullmatch(line.rstrip(" .:"))
    )


@lru_cache(maxsize=4096)
def _junk_from(text: str) -> int:
    """Where a recipients list starts in a passage's text (its length if none)."""
    for line in lines_of(text):
        if _RECIPIENTS.match(line.text):
            return line.start
    return len(text)


def is_junk(passage: IndexedPassage, start: int, end: int, *, basis: bool = False) -> bool:
    """A line that never answers: header, issuer, signature, recipients, the title, the bare
    "Quyết định:" before the articles, a footnote mark alone ("(2)."), or, unless what the
    document was issued on is asked (``basis``), the preamble's legal bases and proposal ("Căn
    cứ …", but not "Căn cứ …, mức giảm quy định như sau:")."""
    if start >= _junk_from(passage.text):
        return True
    text = passage.text[start:end].strip()
    lines = lines_of(passage.text)
    line = lines[_line_at(lines, start)]
    whole_line = line.text == text
    return (
        text.rstrip(" .") == passage.meta.title.rstrip(" .")
        or (whole_line and bool(_HEADER.match(text) or _SIGNATURE.match(text)))
        or bool(_ENACTING.fullmatch(text) or _WORDLESS.fullmatch(text))
        or bool(_RECIPIENTS.match(text))
        or (not basis and _is_preamble(line.text))
    )


def _is_preamble(line: str) -> bool:
    return bool(_PREAMBLE.match(line) and not _LEAD_IN.search(line))


def is_ordinal_point(line: str) -> bool:
    """A paragraph opened by an ordinal: "Thứ nhất, …", "Hai là, …", "(3) …"."""
    return bool(_ORDINAL.match(line))


def is_lead_in(text: str) -> bool:
    """A sentence that introduces what follows: "… gồm:", "… như sau:", "… một số hạn chế.",
    or a list begun on its own line ("… các chức danh sau: Phó Chủ tịch UBMTTQVN;")."""
    return bool(_LEAD_IN.search(text.strip()) or _INLINE_LEAD_IN.search(text))


def _runs_on_items(sentence: str) -> re.Match[str] | None:
    """Where items run on after a colon ("… theo 4 khối kiến thức: A; B; …"), not in an item or
    a label with its value ("- Xã đồng bằng: 30.000.000đ / km2 / năm;", "Chi mời cơm: …;")."""
    match = _INLINE_ITEMS.search(sentence)
    if match is None or _ITEM.match(sentence.strip()):
        return None
    return match if len(sentence[: match.start()].split()) > LABEL_WORDS else None


def item_label(line: str) -> str | None:
    """The label of an item that gives its own value after a colon ("* Đoàn kiểm tra số 2:
    Kiểm tra quận Hoàn Kiếm, …" → "Đoàn kiểm tra số 2"), at most ``LABEL_WORDS`` + 2 words;
    None for other lines."""
    if not is_item(line):
        return None
    label, colon, _ = _ITEM_MARK.sub("", line, count=1).partition(":")
    return label.strip() if colon and 0 < len(label.split()) <= LABEL_WORDS + 2 else None


def label_above(passage: IndexedPassage, start: int) -> Span | None:
    """The heading a marked item at ``start`` stands under in its passage, which says what the
    item is of: «a) Mức hỗ trợ đối với nhân viên thú y cấp xã» above «- Được hưởng hệ số là
    0,93 …»; None for a line that is no marked item, or whose fellow items follow a sentence
    (a lead-in, quoted with its items) rather than a heading."""
    lines = lines_of(passage.text)
    index = _line_at(lines, start)
    mine = level(lines[index].text)
    if not _ITEM.match(lines[index].text) or mine is None:
        return None
    for other in reversed(lines[:index]):
        theirs = level(other.text)
        if (theirs is not None and theirs < mine) or _LEAD_IN.search(other.text):
            heading = is_bare_heading(other.text) and not is_junk(passage, other.start, other.end)
            return Span(passage, other.start, other.end) if heading else None
        if theirs != mine:
            return None
    return None


def inline_lead_in(sentence: str) -> str | None:
    """The lead-in of a list run on within a sentence ("… thiếu sót, hạn chế như: A, B", "…
    theo 4 khối kiến thức: A; B; C"): what stands before its colon; None if there is none."""
    match = _INLINE_LEAD_IN.search(sentence) or _runs_on_items(sentence)
    return sentence[: sentence.index(":", match.start())] if match else None


# "Điều 9. Xuất bản phẩm không được chế bản, in, gia công sau in cho nước ngoài": an article's or a
# chapter's marker and title, with no sentence after it
_ARTICLE_TITLE = re.compile(rf"{_LEGAL_HEADING.pattern}\.?\s+[^.;:!?]+", re.I)


def _titles_a_part(passage: IndexedPassage, line: str) -> bool:
    """Whether a line is a part's title, however long: the chunker took it for one, or it is an
    article's marker and title."""
    return line in passage.heading_path or bool(_ARTICLE_TITLE.fullmatch(line))


def quotable(passage: IndexedPassage, start: int, end: int, wants_list: bool) -> bool:
    """Whether a sentence may be quoted as (the start of) an answer (a preamble sentence is
    scored only for a question asking for it)."""
    text = passage.text[start:end].strip()
    if is_junk(passage, start, end, basis=True) or LEGAL_MARKER.fullmatch(text):
        return False
    lines = lines_of(passage.text)
    whole_line = lines[_line_at(lines, start)].text == text
    return wants_list or not (whole_line and is_bare_heading(text))


def widen(
    snapshot: Snapshot, passage: IndexedPassage, start: int, end: int, wants_list: bool
) -> list[Span]:
    """The unit a sentence of ``passage`` belongs to, as spans of one or more passages."""
    lines = lines_of(passage.text)
    index = _line_at(lines, start)
    line = lines[index]
    if LEGAL_MARKER.fullmatch(passage.text[line.start : start]):  # "Điều 2." before it
        start = line.start
    sentence = passage.text[start:end].strip()
    if wants_list and _is_preamble(line.text):
        return _preamble(snapshot, passage, index)
    if wants_list and is_ordinal_point(line.text):
        return _ordinal_points(snapshot, passage, index)
    if wants_list and (line.is_item or is_bare_heading(line.text)) and line.text == sentence:
        if line.is_item and not is_lead_in(line.text):  # "1. Đối tượng … gồm:" has its own
            passage, index = _lead_in_before(snapshot, passage, index)
        return _items_or_points(snapshot, passage, index, heading=True)
    if line.text == sentence and _titles_a_part(passage, line.text):
        return _items_or_points(snapshot, passage, index, heading=True)
    if not (is_lead_in(sentence) or _runs_on_items(sentence)):
        start = _sentence_start(passage.text, line.start, start)
        ends_line = not passage.text[end : line.end].strip()
        announced = _announced(snapshot, passage, index) if wants_list and ends_line else None
        if announced:
            return [Span(passage, start, end), *announced]
        named = _named_after(passage.text, end)
        if named is None:
            label = label_above(passage, start) if line.text == sentence else None
            return [*([label] if label else []), Span(passage, start, end)]
        named_text = passage.text[named[0] : named[1]]
        if _LEAD_IN.search(named_text):  # "Cụ thể như sau:" and its items
            spans = widen(snapshot, passage, named[0], named[1], wants_list)
            return [Span(passage, start, spans[0].end), *spans[1:]]
        named_line = _line_at(lines, named[0])
        if _INLINE_FIRST_ORDINAL.search(named_text):
            # "Đó là: (1) …; (2) …; (3) …": the points it runs on with, to its line's end
            return [Span(passage, start, lines[named_line].end)]
        if (
            wants_list
            and _NAMES_THEM_AFTER_COLON.match(named_text)
            and lines[named_line].end == named[1]
        ):
            # "Đó là: A." and the paragraphs after it, B, C: the list it opens
            after = _paragraphs_after(snapshot, passage, named_line)
            return [Span(passage, start, named[1]), *after]
        return [Span(passage, start, named[1])]
    if passage.text[end : line.end].strip():  # mid-paragraph: the rest of its paragraph
        return [Span(passage, start, line.end)]
    if _INLINE_FIRST_ORDINAL.search(line.text):
        return _ordinal_points(snapshot, passage, index)
    if not (_LEAD_IN.search(sentence) or _ENDS_ITEM.search(sentence)):
        return [Span(passage, start, end)]  # its items run on within it: "… gồm các phường: A, B."
    following = next(_lines_after(snapshot, passage, index), None)
    if following and (
        _FIRST_ORDINAL.match(following[1].text) or _UNNUMBERED_FIRST.match(following[1].text)
    ):
        at, point = following
        points = _ordinal_points(snapshot, at, lines_of(at.text).index(point), lead_in=False)
        if len(points) > 1 or _FIRST_ORDINAL.match(point.text):
            return [Span(passage, start, line.end), *points]
    spans = _items_or_points(snapshot, passage, index, heading=False)
    if len(spans) == 1 and spans[0].end == line.end and _LEAD_IN.search(line.text):
        spans += _paragraphs_after(snapshot, passage, index)  # no marked items: paragraphs
    return [Span(passage, start, spans[0].end), *spans[1:]]


def _preamble(snapshot: Snapshot, passage: IndexedPassage, index: int) -> list[Span]:
    """The preamble that line ``index`` is one line of: every legal basis ("Căn cứ …;") and
    the proposal ("Xét đề nghị …,") in a row, over the passages it spans."""
    current, position = passage, index
    whole = len(snapshot.documents[passage.document_path])  # back to its first line if need be
    for at, back, line in _lines_before(snapshot, passage, index, whole):
        if not _is_preamble(line.text):
            break
        current, position = at, back
    run = [(current, lines_of(current.text)[position])]
    for at, line in _lines_after(snapshot, current, position):
        if not _is_preamble(line.text):
            break
        run.append((at, line))
    return _joined(run)


def _sentence_start(text: str, line_start: int, start: int) -> int:
    """Where the sentence holding the clause at ``start`` begins: clauses of one line before it
    that end with ";" are its first items ("Chánh Văn phòng UBND tỉnh, …; Giám đốc doanh
    nghiệp … chịu trách nhiệm thi hành Quyết định này.")."""
    for before, after in reversed([s for s in statements(text) if line_start <= s[0] < start]):
        if not text[before:after].rstrip().endswith(";"):
            break
        start = before
    return start


def _named_after(text: str, end: int) -> tuple[int, int] | None:
    """The sentence after the one ending at ``end``, when it names what that one announces
    ("… phòng chống các nguy cơ …. Đó là sự suy thoái …", "… một số nhiệm vụ …. Cụ thể như
    sau:"); else None."""
    following = next(((s, e) for s, e in statements(text) if s >= end), None)
    if following is not None and _NAMES_THEM.match(text[following[0] : following[1]]):
        return following
    return None


def _lead_in_before(
    snapshot: Snapshot, passage: IndexedPassage, index: int
) -> tuple[IndexedPassage, int]:
    """The line introducing the list that line ``index`` of ``passage`` is an item of, in that
    passage or, when the list opens its passage, in the one before (the line itself if
    none). A line marked a level higher than the item ("1. Đối tượng phải nộp phí gồm:" above
    "a) …", "II. Nguyên tắc chung" above "1. …") is where its list begins."""
    mine = level(lines_of(passage.text)[index].text)
    for items, (current, back, line) in enumerate(_lines_before(snapshot, passage, index)):
        if items >= MAX_ITEMS:
            break
        theirs = level(line.text)
        higher = theirs is not None and (mine is None or theirs < mine)
        if higher or not line.is_item:  # not "… như: A, B, C.": its items are its own
            introduces = bool(_LEAD_IN.search(line.text)) or is_bare_heading(line.text)
            found = introduces and not is_junk(current, line.start, line.end)
            return (current, back) if found else (passage, index)
    return passage, index


def _with_items(
    snapshot: Snapshot, passage: IndexedPassage, index: int, heading: bool
) -> list[Span]:
    """Line ``index`` of ``passage`` and the items after it, running on into the next passages
    of the document, with the paragraphs that explain an item when more items follow. Under
    a heading, every line up to the next part belongs (an article's clauses need not be
    numbered), and a line marked at its level or higher ("2. Những nút thắt …", "3. Một số
    giải pháp") is the next part, not an item. A line marked higher than the first item ends
    the items ("1. Các địa phương …" after "- Chất lượng tôm giống …" and "Kết luận hội nghị,
    Thứ trưởng đã chỉ đạo:"), unless the last item at the first one's level introduces it
    ("* Đoàn kiểm tra số 1: …, gồm các đồng chí có tên sau:" over "1. Đồng chí …")."""
    marker = level(lines_of(passage.text)[index].text) if heading else None
    first: int | None = None  # the level of the first marked item…
    introduces = False  # …and whether the last item at that level is a lead-in

    def belongs(line: _Line) -> bool:
        theirs = level(line.text)
        if theirs is not None and (
            (marker is not None and theirs <= marker)
            or (first is not None and theirs < first and not introduces)
        ):
            return False
        return line.is_item or (heading and not _opens_part(line.text))

    after = list(_lines_after(snapshot, passage, index))
    taken = items = 0
    for position, (_, line) in enumerate(after):
        if items >= MAX_ITEMS:
            break
        if belongs(line):
            taken, items = position + 1, items + 1
            theirs = level(line.text)
            if theirs is not None and (first is None or theirs == first):
                first, introduces = theirs, is_lead_in(line.text)
        elif (
            not items
            or _opens_part(line.text)
            or not any(belongs(n) for _, n in after[position + 1 : position + 1 + GAP])
        ):
            break
    return _joined([(passage, lines_of(passage.text)[index]), *after[:taken]])


def _joined(lines: Iterable[tuple[IndexedPassage, _Line]]) -> list[Span]:
    """Lines in order as spans, one per passage they stand in."""
    spans: list[Span] = []
    for current, line in lines:
        if spans and spans[-1].passage is current:
            spans[-1] = Span(current, spans[-1].start, line.end)
        else:
            spans.append(Span(current, line.start, line.end))
    return spans


def own_lines(spans: list[Span]) -> list[Span]:
    """An item's unit up to the next item marked as it is ("* Đoàn kiểm tra số 3: …" after
    "* Đoàn kiểm tra số 2: …" and its members)."""
    mine = level(spans[0].text.strip())
    lines = _lines_of_spans(spans)
    end = next((i for i, (_, line) in enumerate(lines) if i and level(line.text) == mine), None)
    return _joined(lines[:end])


def _lines_of_spans(spans: list[Span]) -> list[tuple[IndexedPassage, _Line]]:
    """The lines of ``spans`` in order, each with its passage (``_joined`` turns them back)."""
    return [
        (span.passage, _Line(span.start + line.start, span.start + line.end, line.text))
        for span in spans
        for line in lines_of(span.text)
    ]


def own_item(spans: list[Span], asked: frozenset[tuple[str, str]]) -> list[Span]:
    """A unit opened by an item that introduces its own lines («2.3 Phòng Giáo dục - Đào tạo:»
    and its tasks), up to the next item of its level or a higher one («2.4 Phòng Kinh tế …:»),
    when the question names that item rather than the list it is of: a word of its heading
    (two syllables side by side, accent-free) that the next one's lacks is among the ``asked``
    ones ("… giao phòng **giáo dục** làm gì?"; not "những quy trình kiểm định nào?", which
    «a) Quy trình kiểm định … cáp treo:» and «b) Quy trình kiểm định … tàu lượn:» both name)."""
    lines = _lines_of_spans(spans)
    head = lines[0][1].text
    mine = level(head)
    if mine is None or not is_lead_in(head):
        return spans
    end = next(
        (
            i
            for i, (_, line) in enumerate(lines)
            if i and (theirs := level(line.text)) is not None and theirs <= mine
        ),
        None,
    )
    if end is None:
        return spans
    next_head = tokenize(lines[end][1].text, accents=False)
    named = (word_pairs(tokenize(head, accents=False)) - word_pairs(next_head)) & asked
    return _joined(lines[:end]) if named else spans


def _items_or_points(
    snapshot: Snapshot, passage: IndexedPassage, index: int, heading: bool
) -> list[Span]:
    """Line ``index`` with its items (``_with_items``), or, when its numbered items are each
    explained by more paragraphs than a list runs on over, with the first sentence of each."""
    spans = _with_items(snapshot, passage, index, heading)
    points = _numbered_points(snapshot, passage, index)
    if points is None:
        series = _series_within(snapshot, spans) if heading else None
        if series is None:
            return spans
        head = lines_of(passage.text)[index]
        return [Span(passage, head.start, head.end), *series]
    mine = level(points[-1].text)
    taken = sum(1 for span in spans for line in lines_of(span.text) if level(line.text) == mine)
    if len(points) <= taken:
        return spans
    head = lines_of(passage.text)[index]
    return [Span(passage, head.start, head.end), *points]


def _series_within(snapshot: Snapshot, spans: list[Span]) -> list[Span] | None:
    """The points of the first ordinal series among a part's paragraphs ("Trước hết, …",
    "Hai là, …", "Ba là, …"), after the line before it; None unless at least two are."""
    for at, line in _lines_of_spans(spans)[1:]:
        if opens_points(line.text) or _UNNUMBERED_FIRST.match(line.text):
            before, points = _ordinal_series(snapshot, at, lines_of(at.text).index(line))
            return [*before, *points] if len(points) >= 2 else None
    return None


def _numbered_points(snapshot: Snapshot, passage: IndexedPassage, index: int) -> list[Span] | None:
    """The first sentences of the numbered items after line ``index`` ("1.1. …", "1.2. …"),
    all at the first one's level, over the unmarked paragraphs explaining each, up to a line
    marked higher or a new part (after the lead-in that opens a heading's body, if any); None
    unless the line after is such an item, at least two are, and none has items of its own."""
    after = _lines_after(snapshot, passage, index, POINT_PASSAGES)
    first = next(after, None)
    lead_in = []
    if first and level(first[1].text) is None and is_lead_in(first[1].text):  # under a heading
        lead_in, first = [Span(first[0], first[1].start, first[1].end)], next(after, None)
    mine = level(first[1].text) if first else None
    if first is None or mine is None or not NUMBERED_LEVELS[0] <= mine <= NUMBERED_LEVELS[1]:
        return None
    points = [first]
    for current, line in after:
        theirs = level(line.text)
        if (
            (theirs is not None and theirs < mine)
            or _opens_part(line.text)
            or len(points) >= MAX_ITEMS
        ):
            break
        if theirs is not None and theirs > mine:
            return None  # items with items of their own: a list to quote whole
        if theirs == mine:
            points.append((current, line))
    if len(points) < 2:
        return None
    return lead_in + [_first_sentence(at, point) for at, point in points]


def _paragraphs_after(snapshot: Snapshot, passage: IndexedPassage, index: int) -> list[Span]:
    """The first sentences of the paragraphs after line ``index`` (an article's lead-in whose
    items lost their marks: «Một số giải pháp chủ yếu hiện nay là:» and a paragraph each), up
    to ``UNMARKED_ITEMS`` of them, the next part, or a line ending as a lead-in (not one with
    its own items run on: "… mang một số đặc trưng như: Tổng thống là …")."""
    heads = _parallel_heads(snapshot, passage, index)
    if heads:
        return heads
    spans = []
    for current, line in _lines_after(snapshot, passage, index):
        if len(spans) >= UNMARKED_ITEMS or _opens_part(line.text) or _LEAD_IN.search(line.text):
            break
        spans.append(_first_sentence(current, line))
    return spans


# Paragraphs opening with the same words as the first after a lead-in ("Mô hình phát triển
# theo chủ nghĩa tự do cổ điển.", "Mô hình phát triển theo …") are its items, each explained by
# the paragraphs under it: at least this many, alike in this many words.
PARALLEL_HEADS = 3
PARALLEL_WORDS = 3


def _parallel_heads(snapshot: Snapshot, passage: IndexedPassage, index: int) -> list[Span] | None:
    """The first sentences of the paragraphs after line ``index`` that open as the first one
    does, up to the next part, if there are enough of them to be items (see above)."""

    def opening(line: _Line) -> list[str]:
        return line.text.lower().split()[:PARALLEL_WORDS]

    heads: list[Span] = []
    first: list[str] = []
    for current, line in _lines_after(snapshot, passage, index, POINT_PASSAGES):
        if _opens_part(line.text) or len(heads) >= MAX_ITEMS:
            break
        first = first or opening(line)
        if opening(line) == first:
            heads.append(_first_sentence(current, line))
    return heads if len(first) == PARALLEL_WORDS and len(heads) >= PARALLEL_HEADS else None


# A paragraph opening with the aspect it treats: "Về chính trị, …", "Về mặt văn hoá là …".
_ASPECT = re.compile(r"về\s+\w", re.IGNORECASE)


def _announced(snapshot: Snapshot, passage: IndexedPassage, index: int) -> list[Span] | None:
    """The first sentences of the paragraphs after line ``index``, two or more in a row, that
    name what its last sentence announces, though it ends with no colon: each opening as the
    first does, naming («… Cần thấy hết những mảng tối …» / «Đó là những hiện tượng suy thoái
    …» / «Đó là trạng thái dao động …») or giving an aspect («… là sự nhất trí trên những điểm
    tương đồng.» / «Về chính trị, …» / «Về kinh tế, …»); None if fewer do."""
    run: list[Span] = []
    opener = None
    for current, line in _lines_after(snapshot, passage, index):
        kind = next((p for p in (_NAMES_THEM, _ASPECT) if p.match(line.text)), None)
        if kind is None or (opener and kind is not opener) or len(run) >= MAX_ITEMS:
            break
        opener = kind
        run.append(_first_sentence(current, line))
    return run if len(run) >= 2 else None


def _first_sentence(passage: IndexedPassage, line: _Line) -> Span:
    end = next(iter(statements(line.text)), (0, len(line.text)))[1]
    return Span(passage, line.start, line.start + end)


def _lines_after(
    snapshot: Snapshot, passage: IndexedPassage, index: int, passages: int = MAX_PASSAGES
) -> Iterator[tuple[IndexedPassage, _Line]]:
    """The lines after line ``index`` of ``passage``, on into the next passages of its
    document (``passages`` in all), up to a recipients list."""
    current: IndexedPassage | None = passage
    first = index + 1
    for _ in range(passages):
        if current is None:
            return
        for line in lines_of(current.text)[first:]:
            if line.start >= _junk_from(current.text):
                return
            yield current, line
        current, first = snapshot.neighbour(current, 1), 0


def _lines_before(
    snapshot: Snapshot, passage: IndexedPassage, index: int, passages: int = MAX_PASSAGES
) -> Iterator[tuple[IndexedPassage, int, _Line]]:
    """The lines before line ``index`` of ``passage``, nearest first, back into the passages
    before it in its document (``passages`` in all), each with its index in its passage."""
    current: IndexedPassage | None = passage
    end = index
    for _ in range(passages):
        if current is None:
            return
        lines = lines_of(current.text)
        for back in range(end - 1, -1, -1):
            yield current, back, lines[back]
        current = snapshot.neighbour(current, -1)
        end = len(lines_of(current.text)) if current else 0


def opens_points(line: str) -> bool:
    """A line opening an article's points: "Thứ nhất, …", "Một là, …", "… sau: (1) …"."""
    return bool(_FIRST_ORDINAL.match(line) or _INLINE_FIRST_ORDINAL.search(line))


def _ordinal_points(
    snapshot: Snapshot, passage: IndexedPassage, index: int, lead_in: bool = True
) -> list[Span]:
    """The points of the ordinal list that line ``index`` of ``passage`` belongs to ("Thứ nhất,
    …", "Thứ hai, …"), each by its first sentence, found to the end of the document (each
    may be explained over pages), after the line before the first point (if ``lead_in``): it
    introduces them, whether or not it ends as a lead-in ("… một số quan điểm mang tính
    nguyên tắc.")."""
    before, points = _ordinal_series(snapshot, passage, index)
    return [*before, *points] if lead_in else points


def _ordinal_series(
    snapshot: Snapshot, passage: IndexedPassage, index: int
) -> tuple[list[Span], list[Span]]:
    """The line before the first point of ``_ordinal_points`` (none if it is an item or junk),
    and the points."""
    passage, first = _first_point(snapshot, passage, index)
    lines = lines_of(passage.text)
    before = []
    if first > 0 and not lines[first - 1].is_item:
        line = lines[first - 1]
        if not is_junk(passage, line.start, line.end):
            before.append(Span(passage, line.start, line.end))
    points = [(passage, lines[first])]
    opening = lines[first].text
    style = "là" if _UNNUMBERED_FIRST.match(opening) else _ordinal_style(opening)
    whole = len(snapshot.documents[passage.document_path])  # points may be pages apart
    for current, line in _lines_after(snapshot, passage, first, whole):
        if len(points) >= MAX_ITEMS:
            break
        if not is_ordinal_point(line.text) or _ordinal_style(line.text) != style:
            continue  # a series within a point ("Một là, …" explained by "Thứ nhất, …")
        if _FIRST_ORDINAL.match(line.text):
            break
        points.append((current, line))
    return before, [_first_sentence(current, line) for current, line in points]


def _first_point(
    snapshot: Snapshot, passage: IndexedPassage, index: int
) -> tuple[IndexedPassage, int]:
    """Where the series of points that line ``index`` of ``passage`` belongs to begins: the
    nearest line at or before it opening points ("Một là, …") in its passage; for "Hai là, …"
    with no "Một là" before it in its part, the paragraph "Trước hết, …" that stands for it;
    else the line itself."""
    lines = lines_of(passage.text)
    if _UNNUMBERED_FIRST.match(lines[index].text):
        return passage, index
    found = next((i for i in range(index, -1, -1) if opens_points(lines[i].text)), None)
    if found is not None:
        return passage, found
    if _ordinal_style(lines[index].text) == "là":
        for at, back, line in _lines_before(snapshot, passage, index, POINT_PASSAGES):
            if _opens_part(line.text) or line.is_item or opens_points(line.text):
                break
            if _UNNUMBERED_FIRST.match(line.text):
                return at, back
    return passage, index


_STYLE = re.compile(rf"\b(thứ)\s+{_ORDINALS}\b|(\()\d{{1,2}}\)|\b(là)\s*[,:.]", re.IGNORECASE)


def _ordinal_style(line: str) -> str:
    """How the first point on a line is numbered: "thứ" ("Thứ hai, …"), "(" ("… sau: (1) …")
    or "là" ("Hai là, …"); the points of one series share it."""
    found = _STYLE.search(line)
    return next((g.lower() for g in found.groups() if g), "") if found else ""


# Markers of parts, from the highest level down.
LEVELS = (
    re.compile(r"phần\s+(?:thứ\s+\w+|[ivxlc]+|\d+)\b", re.I),
    re.compile(r"chương\s+(?:[ivxlc]+|\d+)\b", re.I),
    re.compile(r"mục\s+(?:[ivxlc]+|\d+)\b", re.I),
    re.compile(r"điều\s*\d+", re.I),
    re.compile(r"[IVX][IVXivx]{0,3}[.)]\s*\S"),
    re.compile(r"\d{1,2}[.)]\s*[^\d\s]"),
    re.compile(r"\d{1,2}\.\d{1,2}\.?\s*[^\d\s]"),
    re.compile(r"[a-zđ][.)]\s+\S"),
    re.compile(r"[*•]\s*\S"),  # a starred line over dashed ones: «* Đoàn kiểm tra có trách nhiệm:»
    re.compile(r"[-–+]\s*\S"),
)
BULLETS = 2  # the last levels of LEVELS: lines marked by a bullet, a list within a part


NUMBERED_LEVELS = (4, 7)  # "II.", "2.", "2.1", "a)": the levels of LEVELS an item is numbered at


def level(line: str) -> int | None:
    """The level of the marker a line opens with (0 the highest: "Phần I"; then "Chương",
    "Mục", "Điều", "II.", "2.", "2.1", "a)", "-"), or None."""
    return next((at for at, pattern in enumerate(LEVELS) if pattern.match(line)), None)


def _opens_part(line: str) -> bool:
    """A line that opens a new part: an article, a chapter, or a bare heading."""
    return bool(_LEGAL_HEADING.match(line)) or is_bare_heading(line)
