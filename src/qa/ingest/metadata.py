"""Citation metadata: what the document's header states, then what its sidecar overrides.

An official document opens with a header block: issuing body, "Số 05-CT/TU", place and
date, the type word ("CHỈ THỊ") and the subject ("về ..."). Other texts open with a title
line such as "Quyết định về việc ban hành ...". Nothing is invented: a field the text does
not state stays None.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from qa import messages
from qa.ingest.closing import read_closing
from qa.ingest.columns import place_of, split_columns
from qa.ingest.readers import IngestError
from qa.models import DocumentMeta
from qa.refs import OTHER_TYPE, canonical_number, find_numbers, type_from_words
from qa.text import fold_tones, normalize_inline, strip_accents

SIDECAR_SUFFIX = ".meta.toml"
_HEADER_SEGMENTS = 15
_HEADER_CHARS = 600
_TITLE_MAX = 250

_BODY_START = re.compile(r"(căn cứ|thực hiện|xét đề nghị|theo đề nghị|để)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[-_*=.~\s]*")
_NATIONAL = {
    "DANG CONG SAN VIET NAM",
    "CONG HOA XA HOI CHU NGHIA VIET NAM",
    "DOC LAP TU DO HANH PHUC",
}
_NUMBER_LINE = re.compile(r"số\b", re.IGNORECASE)
_ABOUT = re.compile(r"(về|v/v)\b", re.IGNORECASE)
_ON_MATTER = re.compile(r"v/v\b\s*:?\s*", re.IGNORECASE)  # "V/v …": the subject of a Công văn
_SECTION = re.compile(r"([IVXLC]+|\d+|[a-zđ])[.)]\s|[-_*=.~\s]*$")  # "I. ...", "1) ...", "---"
_DATE = (
    r"(?:ngày\s*)?(?:(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
    r"|(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\5\s*(\d{4}))"
)
# "Quảng Trị, ngày 15 tháng 4 năm 2021", "Số 05-CT/TU Quảng Trị, ngày 15/4/2021", "15-4-2021"
_DATE_LINE = re.compile(
    rf"(?:số\b[^,]*?\s)?(?:[^\W\d][^,\d]{{0,40}},\s*)?{_DATE}\s*\.?", re.IGNORECASE
)


def sidecar_for(path: Path) -> Path:
    """ "chi-thi-05.docx" → "chi-thi-05.meta.toml" beside it."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def extract_meta(text: str, path: Path, html_title: str | None = None) -> DocumentMeta:
    """Metadata from the header of a normalised document text, and the signer and recipients
    of its closing block (``qa.ingest.closing``)."""
    segments = _header(text)
    type_at = _first(segments, _is_type_line)
    doc_type = _leading_type(segments[0 if type_at is None else type_at]) if segments else None
    number, number_type = _number(segments, doc_type)
    matter = _first(segments, lambda s: bool(_ON_MATTER.match(s))) if type_at is None else None
    doc_type = doc_type or number_type or ("Công văn" if matter is not None else OTHER_TYPE)
    dated_at = _first(segments, lambda s: _is_date_line(s) or bool(_NUMBER_LINE.match(s)))
    issuer_end = min((i for i in (type_at, dated_at) if i is not None), default=len(segments))
    subject = _subject(segments[type_at], segments[type_at + 1 :]) if type_at is not None else None
    if matter is not None:
        subject = _matter(segments[matter:])
    dated = next((s for s in segments[:type_at] if _date_of_line(s)), None)
    closing = read_closing(text)
    return DocumentMeta(
        title=f"{doc_type} {subject}"
        if subject
        else _fallback_title(
            segments[:type_at], html_title, f"{doc_type} {number}" if number else None
        )
        or _readable_stem(path),
        doc_type=doc_type,
        number=number,
        # an article's title line ("Đảng bộ tỉnh Tiền Giang thực hiện ...") names no issuer
        issuer=_issuer(segments[:issuer_end]) if doc_type != OTHER_TYPE else None,
        issued=_date_of_line(dated) if dated else None,
        place=_place_of_line(dated) if dated else None,
        signer=closing.signer,
        recipients=closing.recipients,
    )


def _header(text: str) -> list[str]:
    """The first lines, up to the body; cells of a table row ("a | b") count as lines."""
    segments: list[str] = []
    size = 0
    for line in text.split("\n")[:40]:
        line = line.lstrip("#").strip()
        if not line:
            continue
        if segments and (_BODY_START.match(line) or len(line) > _TITLE_MAX or size > _HEADER_CHARS):
            break
        segments += [cell for raw in line.split(" | ") for cell in split_columns(raw)]
        size += len(line)
    return segments[:_HEADER_SEGMENTS]


def _first(segments: list[str], test: Callable[[str], bool]) -> int | None:
    return next((i for i, s in enumerate(segments) if test(s)), None)


def _leading_type(line: str) -> str | None:
    """ "Quyết định về việc ..." → "Quyết định"; "Thông tư liên tịch ..." → the longest name."""
    words = line.split()
    return next(filter(None, (type_from_words(" ".join(words[:n])) for n in (4, 3, 2))), None)


def _is_upper(line: str) -> bool:
    return line.upper() == line and any(ch.isalpha() for ch in line)


def _is_type_line(line: str) -> bool:
    """ "CHỈ THỊ", "Quy định" alone on a line, or a capitals line that starts with the type."""
    return bool(type_from_words(line)) or (_is_upper(line) and _leading_type(line) is not None)


def _number(segments: list[str], doc_type: str | None) -> tuple[str | None, str | None]:
    """The "Số ..." number, else a number heading a line (or following the type word) whose
    type fits; numbers inside a sentence ("thực hiện quyết định số 42/...") cite others."""
    own = []
    for segment in segments:
        for match in find_numbers(segment):
            prefix = segment[: match.start].strip(" :")
            if _NUMBER_LINE.fullmatch(prefix):
                return match.number, match.doc_type
            rest = re.sub(r"\s*số$", "", prefix, flags=re.IGNORECASE)
            if not rest or type_from_words(rest):
                own.append(match)
    fitting = [m for m in own if doc_type is None or m.doc_type == doc_type]
    return (fitting[0].number, fitting[0].doc_type) if fitting else (None, None)


def _subject(type_line: str, after: list[str]) -> str | None:
    """The subject: the rest of a "KẾ HOẠCH TUYÊN TRUYỀN ..." type line, else the "về ..." line
    (skipping "của Ban Thường vụ ..."), continued by the wrapped lines that follow."""
    window = [s for s in after[:4] if not _NUMBER_LINE.match(s)]
    rest = type_line.split()[len((_leading_type(type_line) or type_line).split()) :]
    start = 0 if rest else _first(window, lambda s: bool(_ABOUT.match(s)))
    window = [" ".join(rest), *window] if rest else window
    if start is None:  # "QUYẾT ĐỊNH / Ban hành Quy chế ...": a title line, not a sentence
        start = _first(
            window[:1],
            lambda s: (
                not s.lower().startswith("của ")
                and (_is_upper(s) or not s.endswith((".", ":", ";")))
            ),
        )
    if start is None or _SEPARATOR.fullmatch(window[start]):
        return None
    lines = [window[start]]
    for line in window[start + 1 :]:
        wrapped = _is_upper(line) if _is_upper(lines[0]) else line[0].islower()
        if not wrapped or _SECTION.match(line) or line.lower().startswith("của "):
            break
        lines.append(line)
    subject = " ".join(lines)
    subject = subject.lower() if _is_upper(subject) else subject[0].lower() + subject[1:]
    return normalize_inline(re.sub(r"^v/v\b:?", "về việc", subject))


def _matter(segments: list[str]) -> str:
    """ "V/v tăng cường công tác …" (with the lines it wraps onto) → "về việc tăng cường …"."""
    lines = [_ON_MATTER.sub("", segments[0], count=1)]
    for line in segments[1:4]:
        if not line[0].islower() or _SECTION.match(line):
            break
        lines.append(line)
    return normalize_inline("về việc " + " ".join(lines))


def _is_boilerplate(line: str) -> bool:
    folded = " ".join(re.findall(r"\w+", strip_accents(line).upper()))
    return folded in _NATIONAL or bool(_SEPARATOR.fullmatch(line))


def _fallback_title(
    segments: list[str], html_title: str | None, numbered: str | None
) -> str | None:
    """The first line that is not header furniture, if short enough; else the HTML title;
    else "type number"."""
    for segment in segments:
        furniture = (
            _is_boilerplate(segment) or _NUMBER_LINE.match(segment) or type_from_words(segment)
        )
        if furniture or _is_date_line(segment) or (_is_upper(segment) and _names_body(segment)):
            continue
        if len(segment) < _TITLE_MAX and any(ch.isalpha() for ch in segment):
            return segment
        break
    return normalize_inline(html_title) if html_title else numbered


def _readable_stem(path: Path) -> str:
    stem = " ".join(re.split(r"[-_\s]+", path.stem)).strip() or path.name
    return stem[0].upper() + stem[1:]


# --- Dates -------------------------------------------------------------------------------------


def _is_date_line(line: str) -> bool:
    return _DATE_LINE.fullmatch(line) is not None


def _date_of_line(line: str) -> date | None:
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        return None
    day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(4, 6, 7)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _place_of_line(line: str) -> str | None:
    """ "Quảng Trị" of "Quảng Trị, ngày 15 tháng 4 năm 2021"."""
    before, comma, _ = line.partition(",")
    return place_of(before) if comma and _is_date_line(line) else None


# --- Issuer ------------------------------------------------------------------------------------

_PLACE, _NEXT = "place", "next"  # capitalise every following word / the next word
_ORG_WORDS: dict[str, tuple[str, str | None]] = {
    **{
        fold_tones(name): (name, None)
        for name in (
            "Ủy ban nhân dân",
            "Hội đồng nhân dân",
            "Ban Chấp hành",
            "Bộ Chính trị",
            "Ban Bí thư",
            "Ban Thường vụ",
            "Trung ương",
            "Chính phủ",
            "Quốc hội",
            "Đảng",
            "Đảng bộ",
            "Chi bộ",
            "Thủ tướng",
            "Bộ trưởng",
            "Chủ tịch",
            "Tòa án",
            "Viện kiểm sát",
            "xã hội",
        )
    },  # "xã hội" is not the commune "xã"
    **{
        word: (word.capitalize(), _NEXT)
        for word in (
            "đảng ủy",
            "ủy ban",
            "hội đồng",
            "bộ",
            "sở",
            "ban",
            "cục",
            "tổng cục",
            "văn phòng",
            "học viện",
            "viện",
            "mặt trận",
        )
    },
    **{
        f"{unit} ủy": (f"{unit.capitalize()} ủy", _PLACE)
        for unit in ("tỉnh", "thành", "huyện", "quận", "thị")
    },
    **{
        unit: (unit, _PLACE)
        for unit in (
            "tỉnh",
            "thành phố",
            "huyện",
            "quận",
            "thị xã",
            "thị trấn",
            "xã",
            "phường",
            "thôn",
        )
    },
}


def _issuer(segments: list[str]) -> str | None:
    """The last header line naming a body ("TỈNH ỦY QUẢNG TRỊ" → "Tỉnh ủy Quảng Trị"); a line
    that goes on with a place ("ỦY BAN NHÂN DÂN" / "TỈNH GIA LAI") continues the one before."""
    names: list[str] = []
    follows = False  # the previous line other than the national heading named a body
    for segment in segments:
        if _is_boilerplate(segment):
            continue
        _, display, mode = _org_word(segment.split(), 0)
        if follows and mode == _PLACE and display and display[0].islower() and _is_upper(segment):
            names[-1] = f"{names[-1]} {segment}"
        elif _names_body(segment):
            names.append(segment)
        follows = _names_body(segment)
    return _display_name(names[-1]) if names else None


def _names_body(line: str) -> bool:
    """A capitals header line, or a line starting with a body ("Ủy ban nhân dân tỉnh ...")."""
    if _is_boilerplate(line) or _leading_type(line) or _NUMBER_LINE.match(line) or len(line) > 120:
        return False
    if fold_tones(line).startswith("ban hành"):
        return False
    display = _org_word(line.split(), 0)[1]
    body = display is not None and display[0].isupper()  # not a place unit, not "xã hội"
    return (_is_upper(line) and len(line.split()) > 1) or body


def _display_name(line: str) -> str:
    """Vietnamese casing of a body's name: place names and the word after "Bộ", "Sở", "Ban"
    are capitalised, the rest is lower case; acronyms ("UBND") stay."""
    words, out, mode = line.split(), [], None
    i = 0
    while i < len(words):
        n, display, after = _org_word(words, i)
        if display is None:
            word = words[i]
            acronym = word.isupper() and not re.search("[aeiouy]", strip_accents(word).lower())
            display = word if acronym else word.lower()
            if mode or not out:
                display = display[0].upper() + display[1:]
        elif not out:
            display = display[0].upper() + display[1:]
        out.append(display)
        mode = after or (mode if mode == _PLACE else None)
        i += n
    return " ".join(out)


def _org_word(words: list[str], i: int) -> tuple[int, str | None, str | None]:
    for n in (4, 3, 2, 1):
        key = fold_tones(" ".join(words[i : i + n]))
        if n <= len(words) - i and key in _ORG_WORDS:
            return n, *_ORG_WORDS[key]
    return 1, None, None


# --- Sidecar -----------------------------------------------------------------------------------

_UNKNOWN_KEYS = "khóa không hợp lệ: {keys} (chỉ nhận: {known})"
_NOT_TEXT = "trường {key} phải là một chuỗi không rỗng"
_BAD_TYPE = "loại văn bản không hợp lệ: {value}"
_BAD_DATE = "ngày không hợp lệ: {value} (dùng YYYY-MM-DD hoặc dd/mm/yyyy)"
_FIELDS = {
    "title": "title",
    "type": "doc_type",
    "number": "number",
    "issuer": "issuer",
    "date": "issued",
    "replaced_by": "replaced_by",
    "source_url": "source_url",
    "place": "place",
    "signer": "signer",
}


def apply_sidecar(meta: DocumentMeta, sidecar: Path) -> DocumentMeta:
    """``meta`` with the fields a ``name.meta.toml`` file sets (any subset of ``_FIELDS``).

    An empty string clears a field other than title and type. Raises IngestError(BAD_SIDECAR).
    """
    try:
        data = tomllib.loads(sidecar.read_text("utf-8"))
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise ValueError(
                _UNKNOWN_KEYS.format(keys=", ".join(unknown), known=", ".join(_FIELDS))
            )
        changes = {_FIELDS[key]: _sidecar_value(key, value) for key, value in data.items()}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as error:
        reason = messages.BAD_SIDECAR.format(name=sidecar.name, error=error)
        raise IngestError(reason) from error
    return dataclasses.replace(meta, **changes)


def _sidecar_value(key: str, value: object) -> str | date | None:
    if key == "date":
        return _sidecar_date(value)
    if not isinstance(value, str) or (key in ("title", "type") and not value.strip()):
        raise ValueError(_NOT_TEXT.format(key=key))
    value = normalize_inline(value)
    if key == "type":
        if strip_accents(value).lower() == strip_accents(OTHER_TYPE).lower():
            return OTHER_TYPE
        if (doc_type := type_from_words(value)) is None:
            raise ValueError(_BAD_TYPE.format(value=value))
        return doc_type
    if key == "number":
        return canonical_number(value) or value or None
    return value or None


def _sidecar_date(value: object) -> date:
    """A TOML date, or a "YYYY-MM-DD" or "dd/mm/yyyy" string."""
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(value.strip())
        except (ValueError, AttributeError):
            continue
    raise ValueError(_BAD_DATE.format(value=value))
