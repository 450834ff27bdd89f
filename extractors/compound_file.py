"""Named streams out of an OLE2 compound file ([MS-CFB]), the container of .doc and .xls.

A small read-only reader: the header, the sector allocation table (FAT, with its DIFAT
extension), the directory, and the mini stream for streams under the cutoff. Every chain is
followed with a guard against loops and every offset is checked, so damaged or hostile
files give None, never an exception.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

__all__ = ["MAGIC", "read_stream", "stream_names"]

MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_HEADER_DIFAT_ENTRIES = 109
_END_OF_CHAIN = 0xFFFFFFFE
_LAST_REGULAR_SECTOR = 0xFFFFFFFA
_STREAM, _ROOT = 2, 5
_ENTRY_SIZE = 128


class _Damaged(Exception):
    """The compound file contradicts itself; read_stream turns this into None."""


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: int
    start: int
    size: int


class _CompoundFile:
    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(MAGIC):
            raise _Damaged("not a compound file")
        self.data = data
        sector_shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if sector_shift not in (9, 12) or mini_shift != 6:
            raise _Damaged("unknown sector sizes")
        self.sector_size, self.mini_size = 1 << sector_shift, 1 << mini_shift
        self.sector_count = (len(data) - 512 + self.sector_size - 1) // self.sector_size
        fat_count, self.directory_start = struct.unpack_from("<II", data, 44)
        self.mini_cutoff, self.mini_fat_start = struct.unpack_from("<II", data, 56)
        difat_start, difat_count = struct.unpack_from("<II", data, 68)
        self.fat = self._fat(fat_count, difat_start, difat_count)

    def _sector(self, index: int) -> bytes:
        if index >= self.sector_count:
            raise _Damaged(f"sector {index} is past the end of the file")
        offset = 512 + index * self.sector_size
        return self.data[offset : offset + self.sector_size].ljust(self.sector_size, b"\0")

    def _fat(self, fat_count: int, difat_start: int, difat_count: int) -> list[int]:
        if fat_count > self.sector_count:
            raise _Damaged("more FAT sectors than sectors")
        fat_sectors = list(struct.unpack_from(f"<{_HEADER_DIFAT_ENTRIES}I", self.data, 76))
        per_sector = self.sector_size // 4
        sector, seen = difat_start, set[int]()
        while sector <= _LAST_REGULAR_SECTOR and len(seen) < difat_count:
            if sector in seen:
                raise _Damaged("DIFAT chain loops")
            seen.add(sector)
            entries = struct.unpack(f"<{per_sector}I", self._sector(sector))
            fat_sectors.extend(entries[:-1])
            sector = entries[-1]
        fat: list[int] = []
        for index in fat_sectors[:fat_count]:
            fat.extend(struct.unpack(f"<{per_sector}I", self._sector(index)))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain: list[int] = []
        sector = start
        while sector <= _LAST_REGULAR_SECTOR:
            if sector >= len(table) or len(chain) > len(table):
                raise _Damaged("a sector chain leaves its table or loops")
            chain.append(sector)
            sector = table[sector]
        return chain

    def _regular(self, start: int) -> bytes:
        return b"".join(self._sector(index) for index in self._chain(start, self.fat))

    def entries(self) -> list[_Entry]:
        directory = self._regular(self.directory_start)
        found = []
        for offset in range(0, len(directory) - _ENTRY_SIZE + 1, _ENTRY_SIZE):
            name_size = min(struct.unpack_from("<H", directory, offset + 64)[0], 64)
            name = directory[offset : offset + name_size].decode("utf-16-le", errors="replace")
            kind = directory[offset + 66]
            start, size = struct.unpack_from("<IQ", directory, offset + 116)
            found.append(_Entry(name.rstrip("\0"), kind, start, size & 0xFFFFFFFF))
        return found

    def stream(self, entry: _Entry, root: _Entry) -> bytes:
        if entry.size >= self.mini_cutoff:
            return self._regular(entry.start)[: entry.size]
        mini_fat_bytes = self._regular(self.mini_fat_start)
        mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
        mini_stream = self._regular(root.start)
        parts = []
        for index in self._chain(entry.start, mini_fat):
            offset = index * self.mini_size
            if offset + self.mini_size > len(mini_stream):
                raise _Damaged("a mini sector is past the end of the mini stream")
            parts.append(mini_stream[offset : offset + self.mini_size])
        return b"".join(parts)[: entry.size]


def read_stream(data: bytes, name: str, *, max_bytes: int = 64_000_000) -> bytes | None:
    """The stream called `name` in the compound file `data`, or None when there is none,
    the file is damaged, or the stream is bigger than `max_bytes`."""
    try:
        container = _CompoundFile(data)
        entries = container.entries()
        roots = [entry for entry in entries if entry.kind == _ROOT]
        for entry in entries:
            if entry.kind == _STREAM and entry.name == name and roots:
                if entry.size > max_bytes or entry.size > len(data):
                    return None
                return container.stream(entry, roots[0])
    except (_Damaged, struct.error):
        return None
    return None


def stream_names(data: bytes) -> tuple[str, ...]:
    """The names of the streams in the compound file `data`; () when it is damaged."""
    try:
        entries = _CompoundFile(data).entries()
    except (_Damaged, struct.error):
        return ()
    return tuple(entry.name for entry in entries if entry.kind == _STREAM)
