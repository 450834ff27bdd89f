"""Find a registry's header row and say which column holds which field.

Headers are matched case- and diacritic-insensitively, in Vietnamese or English, with a
note in brackets, a trailing "*" or a column number "(1)" ignored. The header may sit below a
title and blank rows, and span two rows: a group header merged over sub-headers ("Thông
tin cơ quan" over "Mã" / "Tên") or a header split in two ("Trang thông tin" / "điện tử").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from inspection.registry.values import fold_key, lookup

__all__ = [
    "FIELD_NAMES",
    "REQUIRED_FIELDS",
    "Column",
    "Header",
    "column_letter",
    "find_header",
    "missing_fields",
]

HEADER_SEARCH_ROWS = 30  # a title block above the header is rarely longer
REQUIRED_FIELDS = ("code", "name")
SERIAL = "serial"  # the "STT" column: a running number, not agency data
FIELD_NAMES = {  # each field as the messages name it
    "code": "Mã",
    "name": "Tên cơ quan",
    "level": "Cấp",
    "website": "Trang thông tin điện tử",
    "parent": "Đơn vị chủ quản",
    "established": "Ngày thành lập",
}

# Whole header texts, folded, by field.
_ALIASES: dict[str, tuple[str, ...]] = {
    "code": (
        "code",
        "ma",
        "ma so",
        "ma co quan",
        "ma don vi",
        "ma co quan don vi",
        "ma dinh danh",
        "ma dinh danh dien tu",
        "ma dddt",
    ),
    "name": (
        "name",
        "ten",
        "ten co quan",
        "ten don vi",
        "ten co quan don vi",
        "ten co quan to chuc",
        "ten to chuc",
        "co quan",
        "don vi",
        "co quan don vi",
        "ten goi",
    ),
    "level": (
        "level",
        "cap",
        "cap hanh chinh",
        "cap quan ly",
        "cap co quan",
        "cap don vi",
        "loai",
        "loai co quan",
        "loai hinh",
        "phan loai",
        "khoi",
        "nhom",
    ),
    "website": (
        "website",
        "web",
        "url",
        "trang web",
        "trang ttdt",
        "cong ttdt",
        "dia chi web",
        "dia chi website",
        "dia chi trang web",
    ),
    "parent": (
        "parent",
        "don vi chu quan",
        "co quan chu quan",
        "cap tren",
        "ma cap tren",
        "co quan cap tren",
        "don vi cap tren",
        "truc thuoc",
    ),
    "established": (
        "established",
        "ngay thanh lap",
        "thanh lap",
        "ngay sap xep",
        "ngay thanh lap sap xep",
    ),
    SERIAL: ("stt", "tt", "so tt", "so thu tu"),
}
# Beginnings and words that name a field in a longer header, tried after the aliases.
_STARTS = (
    ("code", "ma dinh danh "),
    ("name", "ten co quan "),
    ("name", "ten don vi "),
    ("established", "ngay thanh lap "),
)
_PARENT_WORDS = re.compile(r"\b(?:chu quan|cap tren|truc thuoc)\b")  # "Tên cơ quan chủ quản"
_WEBSITE_WORDS = re.compile(r"\b(?:website|trang web|thong tin dien tu|ttdt)\b")
_TITLE_STARTS = ("danh sach", "danh muc", "bang ", "phu luc", "bieu ")
_MAX_HEADER_WORDS = 8  # "Địa chỉ trang thông tin điện tử của cơ quan"; titles are longer
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LOOKUP = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def column_letter(index: int) -> str:
    """The column's letter(s) as Excel shows them: 0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _key(text: str) -> str:
    return fold_key(_BRACKETS.sub(" ", text))


def field_of(text: str) -> str | None:
    """The field a header text names, if any; a title ("DANH SÁCH …") names none."""
    key = _key(text)
    if not key or key.startswith(_TITLE_STARTS) or len(key.split()) > _MAX_HEADER_WORDS:
        return None
    if found := lookup(key, _LOOKUP):
        return found
    if _PARENT_WORDS.search(key):
        return "parent"
    for name, start in _STARTS:
        if key.startswith(start):
            return name
    return "website" if _WEBSITE_WORDS.search(key) else None


@dataclass(frozen=True)
class Column:
    index: int
    title: str  # the header text as the file shows it

    def __str__(self) -> str:
        return f"cột {column_letter(self.index)} “{self.title}”"


@dataclass(frozen=True)
class Header:
    first_row: int  # 0-based index of the header's first row
    last_row: int  # the last row of a two-row header; first_row otherwise
    columns: dict[str, Column]  # field -> the column that holds it
    unused: list[Column] = field(default_factory=list)  # a second column for a field

    @property
    def data_start(self) -> int:
        return self.last_row + 1


def _map(labels: Sequence[Sequence[str]]) -> tuple[dict[str, Column], list[Column]]:
    """Each column's field, trying its labels in order (sub-header before group header)."""
    columns: dict[str, Column] = {}
    unused: list[Column] = []
    for index, texts in enumerate(labels):
        for text in texts:
            name = field_of(text)
            if name is None:
                continue
            column = Column(index, text)
            if name in columns:
                unused.append(column)
            else:
                columns[name] = column
            break
    return columns, unused


def _single(row: Sequence[str]) -> list[list[str]]:
    return [[text] for text in row]


def _double(top: Sequence[str], below: Sequence[str]) -> list[list[str]]:
    """Per column: the sub-header, then both rows read as one ("Trang thông tin" +
    "điện tử"); the upper cell alone only where nothing is below it (merged down)."""
    labels = []
    for index in range(max(len(top), len(below))):
        upper = top[index] if index < len(top) else ""
        lower = below[index] if index < len(below) else ""
        labels.append([lower, f"{upper} {lower}".strip()] if lower else [upper])
    return labels


def _usable(columns: dict[str, Column]) -> bool:
    return all(name in columns for name in REQUIRED_FIELDS)


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The first row, or pair of rows, within the first rows that names a code and a name
    column. A pair is taken when every text of its second row is a header (alone or read
    with the text above) and the second row adds to the first."""
    for first in range(min(HEADER_SEARCH_ROWS, len(rows))):
        columns, unused = _map(_single(rows[first]))
        if columns and first + 1 < len(rows) and _continues(rows[first], rows[first + 1]):
            pair, pair_unused = _map(_double(rows[first], rows[first + 1]))
            if _usable(pair) and (not _usable(columns) or _adds(pair, columns)):
                return Header(first, first + 1, pair, pair_unused)
        if _usable(columns):
            return Header(first, first, columns, unused)
    return None


def _continues(top: Sequence[str], below: Sequence[str]) -> bool:
    """Whether `below` holds sub-headers or header halves, not an agency's data: each of
    its texts names a field, alone or read after the text above, or is that text (a
    header merged down over both rows)."""
    texts = [(top[i] if i < len(top) else "", text) for i, text in enumerate(below) if text]
    return bool(texts) and all(
        lower == upper or field_of(lower) or field_of(f"{upper} {lower}") for upper, lower in texts
    )


def _adds(pair: dict[str, Column], single: dict[str, Column]) -> bool:
    """The second row names a field the first does not, or in another column."""
    return any(
        name not in single or single[name].index != column.index for name, column in pair.items()
    )


def missing_fields(rows: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The required fields the best candidate header row lacks (for the error message)."""
    best: dict[str, Column] = {}
    for first in range(min(HEADER_SEARCH_ROWS, len(rows))):
        columns, _ = _map(_single(rows[first]))
        if len(columns) > len(best):
            best = columns
    return tuple(name for name in REQUIRED_FIELDS if name not in best)
