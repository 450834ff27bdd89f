"""Vietnamese text normalisation: NFC, one tone-mark placement, and diacritic-free folding.

`normalize` is applied to every text shown to people; `fold` is for matching only and its
output is never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "normalize", "repair_glyphs"]

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

# In NFD: a plain "o"/"u" followed by a plain "a"/"e"/"y" that carries the tone mark, at the
# end of a syllable ("hoà", "hoè", "thuỷ"). The traditional placement, used in the national
# motto "CỘNG HÒA", puts the mark on the first vowel ("hòa", "hòe", "thủy"). After "q" the
# "u" belongs to the consonant ("quý"), so the mark stays.
_NEW_STYLE_TONE = re.compile(
    rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONE_MARKS}])(?![^\W\d_])",
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")  # justified text: runs

# Glyph mix-ups in PDF text layers made with some Vietnamese fonts: "LƢỢNG" for "LƯỢNG".
_GLYPH_REPAIRS = str.maketrans({"\u01a2": "\u01af", "\u01a3": "\u01b0"})


def _move_tone(match: re.Match[str]) -> str:
    pair, tone = match.group(1), match.group(2)
    return pair[0] + tone + pair[1]


def normalize(text: str) -> str:
    """Return `text` in NFC with one tone-mark placement, invisible characters removed and
    runs of spaces (of any kind; not tabs or line breaks) turned into one plain space."""
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _NEW_STYLE_TONE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def repair_glyphs(text: str) -> tuple[str, str | None]:
    """Undo known glyph mix-ups of PDF text layers; return the text and the repair's name."""
    if "\u01a2" not in text and "\u01a3" not in text:
        return text, None
    return text.translate(_GLYPH_REPAIRS), "pdf-glyph-oi"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if not base:
        return " "  # a stray combining mark
    lowered = base.lower()
    return lowered if len(lowered) == 1 else ch


def fold(text: str) -> str:
    """Lower-case `text` without diacritics, for matching: fold("Quyết định") == "quyet dinh".

    One character in, one character out, so a match in the folded text has the same offsets
    in the original (a stray combining mark becomes a space).
    """
    return "".join(_fold_char(ch) for ch in text)
