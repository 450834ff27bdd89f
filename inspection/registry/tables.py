"""A registry file as tables of cells: every sheet of an XLSX or XLS workbook, or a CSV.

A cell keeps what staff see: its text as Excel shows it (a number formatted "00000" keeps
its leading zeros, a date is YYYY-MM-DD) and its hyperlink. A merged cell's value and
hyperlink fill every cell of the merged range, so that a header merged over two rows or a
level merged down a block of agencies reads as if typed in each cell.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import xlrd
from openpyxl import load_workbook

from inspection.registry.values import parse_text

__all__ = [
    "CSV_DELIMITERS",
    "Cell",
    "DecodedText",
    "RegistryFileError",
    "Table",
    "csv_table",
    "decode_csv",
    "file_kind",
    "read_workbook",
]

CSV_DELIMITERS = (",", ";", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


class RegistryFileError(Exception):
    """The file as a whole cannot be used as a registry (format, encoding, no header).

    Its message is Vietnamese and meant for staff."""


@dataclass(frozen=True)
class Cell:
    text: str = ""
    hyperlink: str | None = None


@dataclass(frozen=True)
class Table:
    sheet: str | None  # the sheet's name; None for a CSV file
    rows: tuple[tuple[Cell, ...], ...]
    hidden: bool = False

    def texts(self, index: int) -> list[str]:
        return [cell.text for cell in self.rows[index]] if index < len(self.rows) else []

    @property
    def has_hyperlinks(self) -> bool:
        return any(cell.hyperlink for row in self.rows for cell in row)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-16", "windows-1258" or "windows-1252"


def file_kind(path: Path, head: bytes) -> str:
    """The file's kind, "xlsx", "xls" or "csv": from its first bytes, else its suffix."""
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if head.startswith(_OLE2_MAGIC):
        return "xls"
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        raise RegistryFileError(f"tệp {path.name} bị hỏng: không phải bảng tính Excel")
    if suffix in (".csv", ".txt", ".tsv", ""):
        return "csv"
    if suffix == ".ods":
        raise RegistryFileError("tệp .ods: mở bằng LibreOffice và lưu lại dạng .xlsx hoặc .csv")
    raise RegistryFileError(f"định dạng {path.suffix} không hỗ trợ; dùng tệp .xlsx, .xls hoặc .csv")


# --- CSV ---------------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_UPPER_AFTER_LOWER = re.compile(r"[a-zß-ÿ][ÌÒÕÝÃÐÞ]")


def _misplaced_tones(text: str) -> int:
    """Tone marks that follow no vowel: a cp1252 file read as windows-1258 has them."""
    return sum(
        1
        for before, ch in zip(" " + text, text, strict=False)
        if ch in _TONE_MARKS and before not in _VOWELS
    )


def _western_oddities(text: str) -> int:
    """Letters a Vietnamese list in cp1252 would not have: a windows-1258 file read as
    cp1252 turns "đ" into "ð" and a tone mark into a capital after a small letter."""
    return sum(text.count(ch) for ch in "ðÐþÞ") + len(_UPPER_AFTER_LOWER.findall(text))


def decode_csv(data: bytes) -> DecodedText:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else the
    likelier of windows-1258 (Excel's CSV on Vietnamese Windows) and cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodedText(data.decode("utf-16"), "utf-16")
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    vietnamese = data.decode("cp1258", errors="replace")
    western = data.decode("cp1252", errors="replace")
    if _misplaced_tones(vietnamese) <= _western_oddities(western):
        return DecodedText(vietnamese, "windows-1258")
    return DecodedText(western, "windows-1252")


def csv_table(text: str, delimiter: str) -> Table:
    """`text` split into rows and cells by `delimiter` (Excel's quoting)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        return Table(None, tuple(tuple(Cell(parse_text(value)) for value in row) for row in reader))
    except csv.Error as error:  # a NUL byte, a field past the size limit: not a CSV
        raise RegistryFileError(f"tệp CSV hỏng ở dòng {reader.line_num}: {error}") from error


# --- XLSX and XLS ------------------------------------------------------------------------

_ZERO_FORMAT = re.compile(r"^0+$")  # "00000": a whole number shown with leading zeros


def _number_text(value: float | int, number_format: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    whole = int(value)
    first_section = number_format.split(";")[0].strip()
    if _ZERO_FORMAT.match(first_section) and whole >= 0:
        return str(whole).zfill(len(first_section))
    return str(whole)


def _value_text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number_text(value, number_format)
    return parse_text(str(value))


@dataclass(frozen=True)
class _Merge:
    first_row: int
    first_col: int
    last_row: int
    last_col: int


def _filled(grid: list[list[Cell]], merges: Iterable[_Merge]) -> tuple[tuple[Cell, ...], ...]:
    """The grid with each merged range's top-left cell copied into the whole range."""
    for merge in merges:
        if merge.first_row >= len(grid):
            continue
        first = grid[merge.first_row]
        top_left = first[merge.first_col] if merge.first_col < len(first) else Cell()
        for row in range(merge.first_row, min(merge.last_row, len(grid) - 1) + 1):
            cells = grid[row]
            cells.extend([Cell()] * (merge.last_col + 1 - len(cells)))
            for col in range(merge.first_col, merge.last_col + 1):
                cells[col] = top_left
    return tuple(tuple(row) for row in grid)


def _trimmed(grid: list[list[Cell]]) -> list[list[Cell]]:
    while grid and not any(cell.text or cell.hyperlink for cell in grid[-1]):
        grid.pop()
    return grid


def _xlsx_tables(data: bytes) -> Iterator[Table]:
    # Not read-only: hyperlinks and merged ranges are only loaded in the full mode.
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation, conditional formatting
        # extensions); the values and hyperlinks it keeps are what the registry needs.
        warnings.simplefilter("ignore", UserWarning)
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    try:
        for sheet in workbook.worksheets:
            grid = [
                [
                    Cell(
                        _value_text(cell.value, cell.number_format or "General"),
                        _xlsx_link(getattr(cell, "hyperlink", None)),
                    )
                    for cell in row
                ]
                for row in sheet.iter_rows()
            ]
            merges = [
                _Merge(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                for r in sheet.merged_cells.ranges
            ]
            rows = _filled(_trimmed(grid), merges)
            yield Table(sheet.title, rows, hidden=sheet.sheet_state != "visible")
    finally:
        workbook.close()


def _xlsx_link(hyperlink: object) -> str | None:
    target = getattr(hyperlink, "target", None)  # None for a link to a place in the workbook
    return str(target).strip() or None if target is not None else None


def _xls_tables(data: bytes) -> Iterator[Table]:
    chatter = io.StringIO()  # xlrd writes its remarks on odd files to a log
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=chatter)
    for sheet in book.sheets():
        grid = [
            [_xls_cell(book, sheet, row, col) for col in range(sheet.ncols)]
            for row in range(sheet.nrows)
        ]
        merges = [_Merge(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
        yield Table(sheet.name, _filled(_trimmed(grid), merges), hidden=sheet.visibility != 0)


def _xls_cell(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, row: int, col: int) -> Cell:
    cell = sheet.cell(row, col)
    link = sheet.hyperlink_map.get((row, col))
    url = str(link.url_or_path).strip() if link is not None and link.type == "url" else None
    if cell.ctype == xlrd.XL_CELL_DATE:
        value: object = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
    elif cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
        value = cell.value
    else:
        value = None
    number_format = "General"
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        key = book.xf_list[cell.xf_index].format_key
        number_format = book.format_map[key].format_str if key in book.format_map else "General"
    return Cell(_value_text(value, number_format), url or None)


def read_workbook(data: bytes, kind: str, name: str) -> list[Table]:
    """Every sheet of an XLSX or XLS workbook (`kind`), in the workbook's order."""
    reader = _xlsx_tables if kind == "xlsx" else _xls_tables
    try:
        return list(reader(data))
    except Exception as error:  # openpyxl, xlrd and zipfile raise many types on bad files
        raise RegistryFileError(
            f"không đọc được tệp {name} ({type(error).__name__}: {str(error)[:160]})"
        ) from error
