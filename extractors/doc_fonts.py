"""The names in the font table of a Word 97-2003 `.doc` file ([MS-DOC] SttbfFfn).

A ".VnTime" or "VNI-Times" there tells the legacy-encoding repair how the text was typed.
Word 6/95 files, whose font table differs, and damaged files give no names.
"""

from __future__ import annotations

import struct

from extractors.compound_file import read_stream

__all__ = ["doc_font_names"]

_WORD_IDENT = 0xA5EC
_FIRST_WORD_97_FIB = 0x00C1
_FIB_FLAGS = 10
_TABLE_STREAM_BIT = 1 << 9  # fWhichTblStm: "1Table" rather than "0Table"
_FONT_TABLE_FC = 0x112  # fcSttbfFfn and lcbSttbfFfn in a Word 97 FIB
_FONT_NAME_OFFSET = 40  # in an entry: its size byte, then 39 bytes before the name
_MAX_FONTS = 1000


def _names(table: bytes) -> tuple[str, ...]:
    count = min(struct.unpack_from("<H", table, 0)[0], _MAX_FONTS)
    names: list[str] = []
    position = 4  # the count, then cbExtra
    for _ in range(count):
        if position + _FONT_NAME_OFFSET >= len(table):
            break
        size = table[position] + 1
        entry = table[position : position + size]
        name = entry[_FONT_NAME_OFFSET:].decode("utf-16-le", errors="replace").split("\0")[0]
        if name.strip():
            names.append(name.strip())
        position += size
    return tuple(names)


def doc_font_names(data: bytes) -> tuple[str, ...]:
    """The font names a `.doc` file declares, in its font table's order; () if unknown."""
    word = read_stream(data, "WordDocument")
    if word is None or len(word) < _FONT_TABLE_FC + 8:
        return ()
    ident, fib_version = struct.unpack_from("<HH", word, 0)
    if ident != _WORD_IDENT or fib_version < _FIRST_WORD_97_FIB:
        return ()
    flags = struct.unpack_from("<H", word, _FIB_FLAGS)[0]
    table_name = "1Table" if flags & _TABLE_STREAM_BIT else "0Table"
    table = read_stream(data, table_name)
    offset, size = struct.unpack_from("<II", word, _FONT_TABLE_FC)
    if table is None or size < 4 or offset + size > len(table):
        return ()
    return _names(table[offset : offset + size])
