"""Registry files as staff make them, built in the test: workbooks and CSV bytes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sqlmodel import Session, select

from store import Agency

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """`text` as Excel on Vietnamese Windows saves a plain CSV: code page 1258, where a
    letter the page lacks is written as its base letter and a combining tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            letter = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m not in TONE_MARKS)
            )
            out += letter.encode("cp1258") + "".join(m for m in marks if m in TONE_MARKS).encode(
                "cp1258"
            )
    return bytes(out)


def windows_1252(text: str) -> bytes:
    """`text` as Excel on Western Windows saves it: letters cp1252 lacks become "?"."""
    return unicodedata.normalize("NFC", text).encode("cp1252", errors="replace")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def agencies(session: Session) -> dict[str, Agency]:
    session.expire_all()
    return {a.code: a for a in session.exec(select(Agency)).all()}
