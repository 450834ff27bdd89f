"""Vietnamese text the way old or careless publishers write it: legacy fonts, code pages, no marks.

- `to_tcvn3` / `to_vni`: the Windows-1252 reading of text typed in `.VnTime` (TCVN3, ABC)
  or `VNI-Times` fonts, which is what text extraction gives for such documents. TCVN3 has
  capitals of their own only for Ă Â Ê Ô Ơ Ư Đ; other toned capitals are drawn by a capitals
  font (`.VnTimeH`) from the lower-case codes, so they come out as the lower-case code.
- `to_windows_1258`: bytes in code page 1258 (tone marks as combining characters).
- `without_diacritics` and `to_nfd`: titles typed without marks, text in decomposed form.
"""

from __future__ import annotations

import unicodedata

from extractors.legacy_fonts import from_unicode


def to_tcvn3(text: str) -> str:
    """`text` as extraction reads it from a `.VnTime` (TCVN3) document."""
    return from_unicode(text, "tcvn3")


def to_vni(text: str) -> str:
    """`text` as extraction reads it from a `VNI-Times` document."""
    return from_unicode(text, "vni")


_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng


def _split(char: str) -> tuple[str, int]:
    """A Vietnamese letter as (base letter with its vowel mark, tone index 1-5 or 0)."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((i + 1 for i, mark in enumerate(_TONES) if mark in decomposed), 0)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _cp1258_char(char: str) -> bytes:
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        base, tone = _split(char)
        mark = _TONES[tone - 1] if tone else ""
        return base.encode("cp1258", errors="replace") + mark.encode("cp1258")


def to_windows_1258(text: str) -> bytes:
    """`text` in code page 1258: precomposed where the page has the letter, else base + tone."""
    return b"".join(_cp1258_char(c) for c in unicodedata.normalize("NFC", text))


def without_diacritics(text: str) -> str:
    """'Quyết định công bố' -> 'Quyet dinh cong bo'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def to_nfd(text: str) -> str:
    """`text` in Unicode normalisation form D (letters and marks apart)."""
    return unicodedata.normalize("NFD", text)
