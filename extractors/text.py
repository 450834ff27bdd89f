"""Decoding bytes to text: declared charset, BOM, UTF-8, then detection incl. windows-1258."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["DecodedText", "decode_text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Letters only Vietnamese uses (after NFC): ă â đ ê ô ơ ư and their capitals.
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|Ä[\u0080-\u00bf]|Æ°|á»|áº")
_LEGACY = ("windows-1258", "windows-1252")
# Western code pages that Vietnamese sites declare by mistake for UTF-8 or windows-1258 pages.
_WESTERN = {"iso8859-1", "cp1252", "ascii"}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    legacy: bool  # decoded from a pre-Unicode Vietnamese code page (windows-1258)


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _score(text: str) -> int:
    """Higher for text that reads like Vietnamese, lower for mojibake and replacement chars."""
    text = unicodedata.normalize("NFC", text)
    return (
        len(_VIETNAMESE_LETTERS.findall(text))
        - 3 * len(_MOJIBAKE.findall(text))
        - 5 * text.count("\ufffd")
    )


def _detected(data: bytes) -> DecodedText:
    candidates: list[str] = list(_LEGACY)
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    decoded = [(_score(data.decode(name, errors="replace")), name) for name in candidates]
    _, name = max(decoded, key=lambda pair: pair[0])
    canonical = codecs.lookup(name).name
    return DecodedText(data.decode(name, errors="replace"), canonical, legacy=canonical == "cp1258")


def decode_text(data: bytes, *, declared: str | None = None) -> DecodedText:
    """Decode `data`: a BOM wins, then valid UTF-8 (single-byte text is almost never valid
    UTF-8), then a declared charset unless it is a Western one; otherwise windows-1258,
    windows-1252 and the detected charset compete on how Vietnamese the result reads."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return DecodedText(data.decode(name, errors="replace"), name, legacy=False)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", legacy=False)
    except UnicodeDecodeError:
        pass
    declared_codec = _known_codec(declared)
    if declared_codec is not None and declared_codec not in _WESTERN:
        text = data.decode(declared_codec, errors="replace")
        return DecodedText(text, declared_codec, legacy=declared_codec == "cp1258")
    return _detected(data)
