"""Legacy Vietnamese 8-bit encodings read as if they were Latin text.

Before Unicode, Vietnamese was typed in TCVN3 (ABC, ".VnTime" fonts: one byte per letter)
or VNI-Windows ("VNI-Times" fonts: a base vowel followed by a modifier byte). Extracted as
Latin text they read "Céng hßa X· héi" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI).
``repair`` finds such text by character statistics and converts it, or refuses.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"

# Unicode letters (base, huyền, sắc, hỏi, ngã, nặng) → the same letters in TCVN3, read as
# Latin-1. TCVN3 has no precomposed capitals with tones (".VnTimeH" fonts draw the small
# letters as capitals); the last row holds the few capitals and "đ".
_TCVN3_ROWS = {
    "aàáảãạ": "aµ¸¶·¹",
    "ăằắẳẵặ": "¨»¾¼½Æ",
    "âầấẩẫậ": "©ÇÊÈÉË",
    "eèéẻẽẹ": "eÌÐÎÏÑ",
    "êềếểễệ": "ªÒÕÓÔÖ",
    "iìíỉĩị": "i×ÝØÜÞ",
    "oòóỏõọ": "oßãáâä",
    "ôồốổỗộ": "«åèæçé",
    "ơờớởỡợ": "¬êíëìî",
    "uùúủũụ": "uïóñòô",
    "ưừứửữự": "\xadõøö÷ù",
    "yỳýỷỹỵ": "yúýûüþ",
    "đĂÂĐÊÔƠƯ": "®¡¢§£¤¥¦",
}
_FROM_TCVN3 = {
    old: new
    for letters, olds in _TCVN3_ROWS.items()
    for new, old in zip(letters, olds, strict=True)
    if old != new
}

# VNI: modifiers typed after a base vowel, in the order (huyền, sắc, hỏi, ngã, nặng).
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VNI_TONE = "øùûõï"  # on a e o u y, on "ô" (VNI's ơ) and "ö" (VNI's ư)
_VNI_CIRCUMFLEX = "àáåãä"  # on a e o, with "â" alone for the bare circumflex
_VNI_BREVE = "èéúüë"  # on a, with "ê" alone for the bare breve
_VNI_SINGLE = {
    "ì": "ì",
    "í": "í",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "ñ": "đ",
    "ô": "ơ",
    "ö": "ư",
}


def _vni_lower() -> dict[str, str]:
    table = dict(_VNI_SINGLE)
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "o\u031b", "ö": "u\u031b"}
    for old, base in bases.items():
        for mod, tone in zip(_VNI_TONE, _TONES, strict=True):
            if old + mod != "yï":  # ỵ is the single "î"
                table[old + mod] = base + tone
    for old in "aeo":
        table[old + "â"] = old + "\u0302"
        for mod, tone in zip(_VNI_CIRCUMFLEX, _TONES, strict=True):
            table[old + mod] = old + "\u0302" + tone
    table["aê"] = "a\u0306"
    for mod, tone in zip(_VNI_BREVE, _TONES, strict=True):
        table["a" + mod] = "a\u0306" + tone
    return {old: unicodedata.normalize("NFC", new) for old, new in table.items()}


def _with_capitals(table: dict[str, str]) -> dict[str, str]:
    return {**table, **{old.upper(): new.upper() for old, new in table.items()}}


_FROM_VNI = _with_capitals(_vni_lower())
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _FROM_VNI), key=len, reverse=True)))
_TCVN3_RE = re.compile("[" + re.escape("".join(_FROM_TCVN3)) + "]")


def _vietnamese_letters() -> frozenset[str]:
    letters = set("đĐ")
    for base in (
        "a",
        "a\u0306",
        "a\u0302",
        "e",
        "e\u0302",
        "i",
        "o",
        "o\u0302",
        "o\u031b",
        "u",
        "u\u031b",
        "y",
    ):
        for tone in ("", *_TONES):
            letter = unicodedata.normalize("NFC", base + tone)
            letters |= {letter, letter.upper()}
    return frozenset(letters)


_VIETNAMESE = _vietnamese_letters()
# Vietnamese that Latin-1 cannot hold: "ư", "ộ"..., or combining marks of decomposed text.
_NATIVE = frozenset(ch for ch in _VIETNAMESE if ord(ch) > 0xFF) | frozenset(
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
)
# Characters the legacy tables use that real Vietnamese text does not: "ß", "·", "Ö", "ø"...
_MARKERS = frozenset(
    ch for seq in (*_FROM_TCVN3, *_FROM_VNI) for ch in seq if ch not in _VIETNAMESE
) - frozenset("\xad")  # TCVN3 "ư" is also the soft hyphen of modern text: not a marker
_WORD = re.compile(r"[^\W\d_]+")
_SYLLABLE = re.compile(  # onset, vowel nucleus (tones removed), final consonant
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu"
    r"|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|ya|yê|[aăâeêioôơuưy])"
    r"(ch|ng|nh|[cmnpt])?"
)


class LegacyEncodingError(ValueError):
    """Text in a legacy encoding that cannot be converted reliably."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


def is_syllable(word: str) -> bool:
    """Whether ``word`` is one well-formed Vietnamese syllable (at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(toneless) is not None


_TCVN3_FONT = re.compile(r"\.vn", re.IGNORECASE)  # ".VnTime", ".VnArial", ".VnTimeH"...
_VNI_FONT = re.compile(r"vni[- ]", re.IGNORECASE)  # "VNI-Times", "VNI-Helve"...


def font_encoding(font: str) -> str | None:
    """The legacy encoding a font name implies; ".VnTimeH"-style fonts draw only capitals."""
    if _TCVN3_FONT.match(font):
        return TCVN3
    return VNI if _VNI_FONT.match(font) else None


def convert(text: str, encoding: str) -> str:
    """TCVN3 or VNI text → Unicode; lines already holding Unicode Vietnamese stay as they are."""
    pattern, table = (_TCVN3_RE, _FROM_TCVN3) if encoding == TCVN3 else (_VNI_RE, _FROM_VNI)
    return "\n".join(
        line if _has_native(line) else pattern.sub(lambda m: table[m.group()], line)
        for line in text.split("\n")
    )


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is written in, or None for ordinary (Unicode) text.

    Legacy text has many marker characters and few Vietnamese letters beyond Latin-1, and
    converting it gives mostly Vietnamese syllables (German or French text does not).
    Only the lines ``convert`` would change are judged.
    """
    candidate = _convertible(text)
    markers = sum(ch in _MARKERS for ch in candidate)
    native = sum(ch in _NATIVE for ch in text)
    if markers < 3 or markers <= native or markers < 0.05 * len(_WORD.findall(candidate)):
        return None
    scores = {encoding: _quality(convert(candidate, encoding)) for encoding in (TCVN3, VNI)}
    best = max(scores, key=lambda encoding: scores[encoding])
    return best if scores[best] >= 0.5 else None


def reads_as_vietnamese(text: str) -> bool:
    """Whether nearly all words with diacritics are well-formed Vietnamese syllables."""
    return _quality(unicodedata.normalize("NFC", text)) >= 0.9


def repair(text: str) -> str:
    """``text`` itself, or its conversion if it is legacy-encoded.

    Raises LegacyEncodingError when the text looks legacy but the conversion does not read
    as Vietnamese or leaves legacy characters behind.
    """
    encoding = detect(text)
    if encoding is None:
        return text
    converted = convert(_convertible(text), encoding)
    leftovers = sum(ch in _MARKERS for ch in converted)
    if not reads_as_vietnamese(converted) or leftovers > 0.01 * len(_WORD.findall(converted)):
        raise LegacyEncodingError(encoding)
    return convert(text, encoding)


def _has_native(text: str) -> bool:
    return any(ch in _NATIVE for ch in text)


def _convertible(text: str) -> str:
    """The lines without Unicode-only Vietnamese: the ones a conversion would change."""
    return "\n".join(line for line in text.split("\n") if not _has_native(line))


def _quality(text: str) -> float:
    """Share of the words with non-ASCII letters that are well-formed Vietnamese syllables.

    One-letter words are left out: converted symbols ("«" → "ô") would count as syllables.
    """
    words = [w for w in _WORD.findall(text) if len(w) > 1 and not w.isascii()]
    if not words:
        return 0.0
    return sum(is_syllable(w) for w in words) / len(words)
