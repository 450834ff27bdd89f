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

_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng

# Base letter -> its plain form and its five toned forms, in the order of _TONES.
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
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§", "đ": "®"}

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


def _split(char: str) -> tuple[str, int]:
    """A Vietnamese letter as (base letter with its vowel mark, tone index 1-5 or 0)."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((i + 1 for i, mark in enumerate(_TONES) if mark in decomposed), 0)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _tcvn3_char(char: str) -> str:
    if char in _TCVN3_CAPITALS:
        return _TCVN3_CAPITALS[char]
    base, tone = _split(char)
    forms = _TCVN3_VOWELS.get(base.lower())
    if forms is None:
        return char
    if base.isupper() and tone == 0:
        return _TCVN3_CAPITALS.get(base, base)
    return forms[tone]


def _vni_char(char: str) -> str:
    if char in "đĐ":
        return "ñ" if char == "đ" else "Ñ"
    base, tone = _split(char)
    forms = _VNI_VOWELS.get(base.lower())
    if forms is None:
        return char
    return forms[tone].upper() if base.isupper() else forms[tone]


def to_tcvn3(text: str) -> str:
    """`text` as a `.VnTime` document's extracted text reads."""
    return "".join(_tcvn3_char(c) for c in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    """`text` as a `VNI-Times` document's extracted text reads."""
    return "".join(_vni_char(c) for c in unicodedata.normalize("NFC", text))


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
