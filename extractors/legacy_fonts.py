"""TCVN3 (ABC, `.VnTime` fonts) and VNI (`VNI-Times` fonts) text turned into Unicode.

Text typed in these pre-Unicode fonts comes out of PDF, DOC and DOCX text extraction as the
Windows-1252 reading of the legacy bytes: TCVN3 "Qu¶n lý chÊt l−îng" and VNI "Quaûn lyù
chaát löôïng" both mean "Quản lý chất lượng".

- TCVN3 (TCVN 5712:1993 VN3) gives each lower-case letter one byte. Only Ă Â Ê Ô Ơ Ư Đ have
  upper-case codes of their own; the other capitals are the lower-case codes drawn by a
  capitals font such as `.VnTimeH`. So a toned letter in a word of ASCII capitals
  ("QUYÕT") is read as a capital, and text set only in capitals fonts is upper-cased.
- VNI writes a toned vowel as the base letter followed by a mark character ("aù" = "á");
  a few letters have one character of their own ("ö" = "ư", "ñ" = "đ", "ó" = "ĩ").

`detect_legacy` decides from the text itself: a word changed by a conversion must become a
valid Vietnamese syllable where it was not one before, and text that already holds Unicode
Vietnamese letters is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["LEGACY_ENCODINGS", "detect_legacy", "from_unicode", "repair_legacy", "to_unicode"]

LEGACY_ENCODINGS = ("tcvn3", "vni")

# The five tone marks in the order the tables below list the toned forms of a vowel.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng

# TCVN3: a Vietnamese base letter -> its plain form and its five toned forms.
_TCVN3_VOWELS = {
    "a": "aµ¶·¸¹",
    "ă": "¨»¼½¾Æ",
    "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ",
    "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä",
    "ô": "«åæçèé",
    "ơ": "¬êëìíî",
    "u": "uïñòóô",
    "ư": "\xadõö÷øù",
    "y": "yúûüýþ",
}
_TCVN3_OTHERS = {"đ": "®", "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}
_TCVN3_ALIASES = {"\u2212": "ư"}  # 0xAD comes out of some PDF fonts as a minus sign
_TCVN3_MARKS = dict(zip("°±²³´", _TONES, strict=True))  # combining tone marks 0xB0-0xB4

# VNI: a Vietnamese base letter -> its plain form and its five toned forms (lower case;
# the upper-case forms are the same characters upper-cased, "AÙ" = "Á").
_VNI_VOWELS = {
    "a": ("a", "aø", "aû", "aõ", "aù", "aï"),
    "ă": ("aê", "aè", "aú", "aü", "aé", "aë"),
    "â": ("aâ", "aà", "aå", "aã", "aá", "aä"),
    "e": ("e", "eø", "eû", "eõ", "eù", "eï"),
    "ê": ("eâ", "eà", "eå", "eã", "eá", "eä"),
    "i": ("i", "ì", "æ", "ó", "í", "ò"),
    "o": ("o", "oø", "oû", "oõ", "où", "oï"),
    "ô": ("oâ", "oà", "oå", "oã", "oá", "oä"),
    "ơ": ("ô", "ôø", "ôû", "ôõ", "ôù", "ôï"),
    "u": ("u", "uø", "uû", "uõ", "uù", "uï"),
    "ư": ("ö", "öø", "öû", "öõ", "öù", "öï"),
    "y": ("y", "yø", "yû", "yõ", "yù", "î"),
}
_VNI_OTHERS = {"đ": "ñ"}


def _toned(base: str, tone_index: int) -> str:
    """The Unicode letter for `base` with tone `tone_index` (0 = none)."""
    if tone_index == 0:
        return base
    return unicodedata.normalize("NFC", base + _TONES[tone_index - 1])


@lru_cache(maxsize=1)
def _tcvn3_decoding() -> dict[str, str]:
    table = {
        code: _toned(base, index)
        for base, codes in _TCVN3_VOWELS.items()
        for index, code in enumerate(codes)
        if code != _toned(base, index)
    }
    table.update({code: letter for letter, code in _TCVN3_OTHERS.items()})
    table.update(_TCVN3_ALIASES)
    return table


@lru_cache(maxsize=1)
def _tcvn3_translation() -> dict[int, str]:
    return {ord(code): letter for code, letter in _tcvn3_decoding().items()}


@lru_cache(maxsize=1)
def _vni_decoding() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, codes in _VNI_VOWELS.items():
        for index, code in enumerate(codes):
            letter = _toned(base, index)
            if code == letter:
                continue
            table[code] = letter
            table[code.upper()] = letter.upper()
            if len(code) == 2:  # a capital with a lower-case mark, or the other way round
                table[code[0].upper() + code[1]] = letter.upper()
                table[code[0] + code[1].upper()] = letter
    for letter, code in _VNI_OTHERS.items():
        table[code], table[code.upper()] = letter, letter.upper()
    return table


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    codes = sorted(_vni_decoding(), key=len, reverse=True)  # "ôù" before "ô"
    return re.compile("|".join(re.escape(code) for code in codes))


_VOWELS = "aăâeêioôơuưy"
_TCVN3_MARK_AFTER_VOWEL = re.compile(
    rf"(?<=[{_VOWELS}{_VOWELS.upper()}])[{''.join(_TCVN3_MARKS)}]", re.IGNORECASE
)


def _tcvn3_word_to_unicode(word: str, capitals: bool) -> str:
    letters = [ch for ch in word if "a" <= ch.lower() <= "z"]
    in_capitals_font = capitals or (
        len(letters) >= 2 and all(ch.isupper() for ch in letters)
    )  # "QUYÕT": typed in a capitals font, or in capitals with toned letters of the body font
    converted = word.translate(_tcvn3_translation())
    converted = _TCVN3_MARK_AFTER_VOWEL.sub(lambda m: _TCVN3_MARKS[m.group()], converted)
    return converted.upper() if in_capitals_font else converted


def _unknown(encoding: str) -> ValueError:
    return ValueError(f"unknown legacy encoding {encoding!r}, expected one of {LEGACY_ENCODINGS}")


def to_unicode(text: str, encoding: str, *, capitals: bool = False) -> str:
    """Convert legacy `text` ("tcvn3" or "vni") to Unicode NFC.

    capitals: the text was set in a TCVN3 capitals font (`.VnTimeH`): upper-case it all.
    """
    if encoding == "tcvn3":
        converted = re.sub(r"\S+", lambda m: _tcvn3_word_to_unicode(m.group(), capitals), text)
    elif encoding == "vni":
        table = _vni_decoding()
        converted = _vni_pattern().sub(lambda m: table[m.group()], text)
    else:
        raise _unknown(encoding)
    return unicodedata.normalize("NFC", converted)


@lru_cache(maxsize=1)
def _encoding_tables() -> dict[str, dict[str, str]]:
    """Unicode letter -> legacy characters, for both encodings (upper case included)."""
    tcvn3: dict[str, str] = {}
    vni: dict[str, str] = {}
    for base in _VOWELS:
        for index in range(6):
            letter = _toned(base, index)
            tcvn3_code = _TCVN3_VOWELS[base][index]
            tcvn3[letter] = tcvn3_code
            tcvn3[letter.upper()] = tcvn3_code.upper() if tcvn3_code.isascii() else tcvn3_code
            vni_code = _VNI_VOWELS[base][index]
            vni[letter], vni[letter.upper()] = vni_code, vni_code.upper()
    tcvn3.update(_TCVN3_OTHERS)
    vni.update({"đ": "ñ", "Đ": "Ñ"})
    return {"tcvn3": tcvn3, "vni": vni}


def from_unicode(text: str, encoding: str) -> str:
    """Write Unicode `text` as it would come out of a legacy-font document ("tcvn3"/"vni").

    TCVN3 has no codes for most toned capitals: they get the lower-case codes, as typed in a
    capitals font, so `to_unicode` gives them back in upper case only for words of capitals.
    """
    if encoding not in LEGACY_ENCODINGS:
        raise _unknown(encoding)
    table = _encoding_tables()[encoding]
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# --- Detection ---------------------------------------------------------------------------

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_OPEN_NUCLEI = (  # vowel groups that end a syllable: no final consonant after them
    "oai|oao|oay|oeo|iêu|yêu|uôi|ươi|ươu|uya|uyu|uây|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ"
)
_CLOSED_NUCLEI = "uyê|iê|yê|oa|oă|oe|oo|uâ|uê|uô|uy|ươ|[aăâeêioôơuưy]"
_FINALS = "ch|ng|nh|[cmnpt]"
_RHYME = rf"(?:{_OPEN_NUCLEI})|(?:{_CLOSED_NUCLEI})(?:{_FINALS})?"
_SYLLABLE = re.compile(rf"(?:{_INITIALS})?(?:{_RHYME})")
_TONE_MARKS = frozenset(_TONES)
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?…“”‘’–—-/*0123456789"
_UNICODE_VIETNAMESE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")  # none is in Latin-1
_SAMPLE_CHARS = 200_000  # detection looks at this much of a long text
_MIN_CHANGED_WORDS = 2
_MIN_CHANGED_SHARE = 0.1  # of all words
_MIN_VALID_AFTER = 0.7  # of the changed words
_MIN_GAIN = 0.5  # (valid after - valid before) / changed words


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """Whether `word` (Unicode) is one written Vietnamese syllable with at most one tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(toneless) is not None


@dataclass(frozen=True)
class _Evidence:
    words: int  # words in the sample
    changed: int  # words the conversion changes
    valid_before: int  # of the changed words, valid syllables before conversion
    valid_after: int  # of the changed words, valid syllables after conversion
    unicode_words: int  # words that already hold Unicode-only Vietnamese letters

    @property
    def gain(self) -> float:
        return (self.valid_after - self.valid_before) / self.changed if self.changed else 0.0

    def convincing(self) -> bool:
        return (
            self.changed >= _MIN_CHANGED_WORDS
            and self.changed >= _MIN_CHANGED_SHARE * self.words
            and self.valid_after >= _MIN_VALID_AFTER * self.changed
            and self.gain >= _MIN_GAIN
            and self.unicode_words < self.changed
        )


def _words(text: str) -> list[str]:
    stripped = (token.strip(_EDGE_PUNCTUATION) for token in text[:_SAMPLE_CHARS].split())
    return [word for word in stripped if word and not word.isdigit()]


@lru_cache(maxsize=65536)
def _converted_word(word: str, encoding: str) -> str:
    return to_unicode(word, encoding)


def _evidence(words: list[str], encoding: str) -> _Evidence:
    changed = valid_before = valid_after = 0
    for word in words:
        converted = _converted_word(word, encoding)
        if converted == word:
            continue
        changed += 1
        valid_before += _is_syllable(word)
        valid_after += _is_syllable(converted)
    unicode_words = sum(1 for word in words if _UNICODE_VIETNAMESE.search(word))
    return _Evidence(len(words), changed, valid_before, valid_after, unicode_words)


def detect_legacy(text: str) -> str | None:
    """Name the legacy encoding ("tcvn3" or "vni") that `text` is written in, or None.

    Ordinary Unicode Vietnamese, English and French text give None.
    """
    words = _words(text)
    candidates = [(_evidence(words, name), name) for name in LEGACY_ENCODINGS]
    convincing = [(evidence.gain, name) for evidence, name in candidates if evidence.convincing()]
    return max(convincing)[1] if convincing else None


# --- Repair --------------------------------------------------------------------------------

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")  # PDF font subsets: "ABCDEF+.VnTime"


def _font_family(name: str) -> str:
    """The family of a font name: ".VnTimeH" from "ABCDEF+.VnTimeH,Bold"."""
    name = _SUBSET_PREFIX.sub("", name.strip())
    return re.split(r"[,]|-(?:Bold|Italic|Regular|Oblique)", name, maxsplit=1, flags=re.I)[0]


def _font_encoding(name: str) -> tuple[str, bool] | None:
    """("tcvn3"|"vni", is a capitals font) for a legacy Vietnamese font name, else None."""
    family = _font_family(name)
    lowered = family.lower()
    if lowered.startswith(("vni-", "vni ", "vni_")):
        return "vni", False
    if lowered.startswith((".vn", "vn")) and not lowered.startswith("vni"):
        return "tcvn3", family.endswith("H")
    return None


def repair_legacy(text: str, *, font_names: Iterable[str] = ()) -> tuple[str, str | None]:
    """Return `text` in Unicode and the repair's name ("tcvn3"/"vni"), or `text` and None.

    font_names: the fonts the text was set in, when known (".VnTime", ".VnTimeH",
    "VNI-Times"…); a legacy font of one kind decides the encoding, unless the text already
    reads as Unicode Vietnamese (a PDF whose fonts map their codes to Unicode). Lines that
    hold Unicode-only Vietnamese letters are left as they are: a Unicode heading above a
    legacy body.
    """
    fonts = [found for name in font_names if (found := _font_encoding(name)) is not None]
    encodings = {encoding for encoding, _ in fonts}
    if len(encodings) == 1:
        encoding = encodings.pop()
        evidence = _evidence(_words(text), encoding)
        if evidence.changed == 0 or evidence.unicode_words >= evidence.changed:
            return text, None
        capitals = encoding == "tcvn3" and all(is_capitals for _, is_capitals in fonts)
        return _legacy_lines_to_unicode(text, encoding, capitals), encoding
    detected = detect_legacy(text)
    if detected is None:
        return text, None
    return _legacy_lines_to_unicode(text, detected, False), detected


def _legacy_lines_to_unicode(text: str, encoding: str, capitals: bool) -> str:
    lines = text.split("\n")
    converted = (
        line if _UNICODE_VIETNAMESE.search(line) else to_unicode(line, encoding, capitals=capitals)
        for line in lines
    )
    return unicodedata.normalize("NFC", "\n".join(converted))
