"""Builders of minimal real Word 97 (.doc) files for tests, written from the format specs.

`compound_file` writes an OLE2 compound file ([MS-CFB], version 3, 512-byte sectors);
streams under 4096 bytes go to the mini stream, as the spec wants. `word97_document` puts
the two streams of a Word document in one ([MS-DOC]):
- "WordDocument": the File Information Block (FIB) of a Word 97 document (nFib 0xC1), then
  the text, padded to 4096 bytes as Word pads it;
- "1Table": the piece table (a Clx) that says where the text lies and whether it is UTF-16
  or 8-bit (Windows-1252 bytes, as legacy TCVN3/VNI documents store it), a stylesheet with
  one empty style, and the font table (SttbfFfn).
No formatting is written: readers fall back to their defaults.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
FIB_SIZE = 0x384  # FibBase + FibRgW97 + FibRgLw97 + FibRgFcLcb97 + cswNew, for nFib 0xC1
TEXT_START = 0x400
FC_LCB = 154  # where the FibRgFcLcb97 pairs start in the FIB
STSHF_INDICES = (0, 1)  # fcStshfOrig and fcStshf
FONT_TABLE_INDEX = 15  # fcSttbfFfn
CLX_INDEX = 33  # fcClx


def _chain(start: int, count: int) -> list[int]:
    """FAT entries for `count` consecutive sectors from `start`."""
    return [*range(start + 1, start + count), END_OF_CHAIN] if count else []


def _sectors(data: bytes, size: int) -> int:
    return math.ceil(len(data) / size)


def _directory_entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name size, object type, black
        + struct.pack("<III", NO_STREAM, right, child)  # left and right siblings, child
        + bytes(16 + 4 + 8 + 8)  # CLSID, state bits, creation and modification times
        + struct.pack("<IQ", start, size)
    )


def _header(fat_sectors: list[int], directory: int, mini_fat: int, mini_fat_count: int) -> bytes:
    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<II", header, 44, len(fat_sectors), directory)
    struct.pack_into("<III", header, 56, MINI_CUTOFF, mini_fat, mini_fat_count)
    struct.pack_into("<II", header, 68, END_OF_CHAIN, 0)  # no DIFAT sectors
    header[76:512] = b"\xff" * 436
    struct.pack_into(f"<{len(fat_sectors)}I", header, 76, *fat_sectors)
    return bytes(header)


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """An OLE2 compound file holding `streams` in its root storage (up to ~50 KB)."""
    names = sorted(streams, key=lambda name: (len(name), name.upper()))  # the spec's order
    small = [name for name in names if len(streams[name]) < MINI_CUTOFF]
    mini_starts: dict[str, int] = {}
    mini_fat: list[int] = []
    mini_stream = b""
    for name in small:
        mini_starts[name] = len(mini_fat)
        count = _sectors(streams[name], MINI_SECTOR)
        mini_fat += _chain(len(mini_fat), count)
        mini_stream += streams[name].ljust(count * MINI_SECTOR, b"\0")
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    entries_count = 1 + len(names)
    directory_sectors = math.ceil(entries_count * 128 / SECTOR)
    blocks = [  # what goes into regular sectors after the FAT, in order
        ("directory", directory_sectors * SECTOR),
        ("mini FAT", len(mini_fat_bytes)),
        ("mini stream", len(mini_stream)),
        *((name, len(streams[name])) for name in names if name not in mini_starts),
    ]
    counts = [math.ceil(size / SECTOR) for _, size in blocks]
    fat_count = 1
    while fat_count * SECTOR // 4 < fat_count + sum(counts):
        fat_count += 1
    starts: dict[str, int] = {}
    fat = [FAT_SECTOR] * fat_count
    for (label, _), count in zip(blocks, counts, strict=True):
        starts[label] = len(fat) if count else END_OF_CHAIN
        fat += _chain(len(fat), count)
    fat += [FREE] * (fat_count * SECTOR // 4 - len(fat))

    entries = []
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else NO_STREAM
        start = mini_starts[name] if name in mini_starts else starts[name]
        entries.append(_directory_entry(name, 2, right, NO_STREAM, start, len(streams[name])))
    child = 1 if names else NO_STREAM
    root_start = starts["mini stream"]
    root = _directory_entry("Root Entry", 5, NO_STREAM, child, root_start, len(mini_stream))
    empty = _directory_entry("", 0, NO_STREAM, NO_STREAM, 0, 0)
    padding = [empty] * (directory_sectors * SECTOR // 128 - entries_count)
    directory = b"".join([root, *entries, *padding])
    big = [streams[name] for name in names if name not in mini_starts]
    body = zip([directory, mini_fat_bytes, mini_stream, *big], counts, strict=True)
    header = _header(list(range(fat_count)), starts["directory"], starts["mini FAT"], counts[1])
    sectors = b"".join(part.ljust(count * SECTOR, b"\0") for part, count in body)
    return header + struct.pack(f"<{len(fat)}I", *fat) + sectors


def _fib(chars: int, text_bytes: int) -> bytearray:
    fib = bytearray(FIB_SIZE)
    flags = (1 << 9) | (1 << 12)  # fWhichTblStm: the table stream is "1Table"; fExtChar
    struct.pack_into("<HHHHHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x042A, 0, flags, 0x00BF)
    struct.pack_into("<II", fib, 24, TEXT_START, TEXT_START + text_bytes)  # fcMin, fcMac
    struct.pack_into("<H", fib, 32, 14)  # csw: 14 words in FibRgW97
    struct.pack_into("<H", fib, 62, 22)  # cslw: 22 longs in FibRgLw97
    struct.pack_into("<I", fib, 64, MINI_CUTOFF)  # cbMac
    struct.pack_into("<I", fib, 76, chars)  # ccpText
    struct.pack_into("<H", fib, 152, 93)  # cbRgFcLcb: 93 pairs in FibRgFcLcb97
    return fib


def _clx(chars: int, fc: int, compressed: bool) -> bytes:
    """A Clx with one piece: characters 0..chars at `fc` in the WordDocument stream."""
    fc_field = (fc * 2) | 0x40000000 if compressed else fc
    plc_pcd = struct.pack("<II", 0, chars) + struct.pack("<HIH", 0, fc_field, 0)
    return b"\x02" + struct.pack("<I", len(plc_pcd)) + plc_pcd


def _stylesheet() -> bytes:
    """An STSH with one empty style slot: readers use their default style."""
    stshi = struct.pack("<HHHHHH3H", 1, 10, 1, 0x5B, 0x0F, 0, 0, 0, 0)
    return struct.pack("<H", len(stshi)) + stshi + struct.pack("<H", 0)


def _font_table(fonts: Sequence[str]) -> bytes:
    """An SttbfFfn: the count, cbExtra, then per font its size byte and an FFN record."""
    entries = b""
    for name in fonts:
        ffn = struct.pack("<BHBB", 0x16, 400, 0, 0) + bytes(10 + 24)  # ffid … fs
        ffn += (name + "\0").encode("utf-16-le")
        entries += bytes([len(ffn)]) + ffn
    return struct.pack("<HH", len(fonts), 0) + entries


def word97_document(
    text: str,
    *,
    encoding: str = "utf-16-le",
    fonts: Sequence[str] = ("Times New Roman",),
    piece_table: bool = True,
) -> bytes:
    """A .doc file whose text is `text` (lines become paragraphs).

    encoding: "utf-16-le" stores the text as Unicode, as Word 97 and later do for text outside
    the Windows-1252 range; "cp1252" stores it as 8-bit bytes, as Word does for text typed
    in legacy Vietnamese fonts (pass text already written in TCVN3 or VNI).
    fonts: the names in the document's font table.
    piece_table: False leaves the piece table out, as in some damaged files: antiword then
    finds no text, while catdoc reads the text between the FIB's fcMin and fcMac.
    """
    text = text.replace("\n", "\r")
    if not text.endswith("\r"):
        text += "\r"  # every paragraph, the last one too, ends with a paragraph mark
    encoded = text.encode(encoding)
    table_parts = {
        CLX_INDEX: _clx(len(text), TEXT_START, encoding != "utf-16-le"),
        STSHF_INDICES[1]: _stylesheet(),
        FONT_TABLE_INDEX: _font_table(fonts),
    }
    fib, table = _fib(len(text), len(encoded)), b""
    if not piece_table:
        del table_parts[CLX_INDEX]
    for index, part in table_parts.items():
        struct.pack_into("<II", fib, FC_LCB + index * 8, len(table), len(part))
        table += part
    stylesheet = struct.unpack_from("<II", fib, FC_LCB + STSHF_INDICES[1] * 8)
    struct.pack_into("<II", fib, FC_LCB + STSHF_INDICES[0] * 8, *stylesheet)
    word = bytes(fib).ljust(TEXT_START, b"\0") + encoded
    return compound_file({"WordDocument": word.ljust(MINI_CUTOFF, b"\0"), "1Table": table})
