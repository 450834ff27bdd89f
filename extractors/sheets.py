"""The text of a spreadsheet: XLSX with openpyxl (read-only, values only), XLS with xlrd.

Every sheet in order: its name on a line of its own, then a line per non-empty row with the
non-empty cells joined by " | ", and a blank line between sheets. Whole numbers lose their
".0"; dates are written dd/mm/yyyy, as Vietnamese documents write them. openpyxl parses the
XML parts with defusedxml when it is installed, which it is for this project.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import openpyxl
import xlrd
from defusedxml.ElementTree import fromstring

from extractors.zip_packages import package_problem

__all__ = ["DEFAULT_MAX_CHARS", "SheetText", "read_spreadsheet", "read_xls", "read_xlsx"]

DEFAULT_MAX_CHARS = 4_000_000
CELL_SEPARATOR = " | "
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class SheetText:
    text: str
    error: str | None  # a short English reason when no text could be read
    # the fonts of text cells (XLS) or of the workbook's styles (XLSX), for the legacy repair
    font_names: tuple[str, ...] = ()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def _row_line(values: Iterable[object]) -> str:
    return CELL_SEPARATOR.join(text for value in values if (text := _cell_text(value)))


def _bounded_text(sheets: Iterator[tuple[str, Iterator[Iterable[object]]]], max_chars: int) -> str:
    """The text of `sheets` (name, rows), read only until `max_chars` characters are had."""
    blocks: list[str] = []
    size = 0
    for name, rows in sheets:
        lines = [name]
        for values in rows:
            if line := _row_line(values):
                lines.append(line)
                size += len(line) + 1
                if size >= max_chars:
                    blocks.append("\n".join(lines))
                    return "\n\n".join(blocks)[:max_chars]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)[:max_chars]


def _xlsx_font_names(data: bytes) -> tuple[str, ...]:
    """The fonts declared in the workbook's styles part, in order; () when it has none."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "xl/styles.xml" not in archive.namelist():
            return ()
        styles = fromstring(archive.read("xl/styles.xml"), forbid_dtd=True)
    names: dict[str, None] = {}
    for element in styles.iter(f"{{{_SPREADSHEET}}}font"):
        name = element.find(f"{{{_SPREADSHEET}}}name")
        if name is not None and name.get("val"):
            names[str(name.get("val"))] = None
    return tuple(names)


def read_xlsx(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> SheetText:
    """Return the text of every sheet of an XLSX workbook, or an error."""
    try:
        refused = package_problem(data, kind="XLSX")
        if refused is not None:
            return SheetText("", refused)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = (
                (sheet.title, sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets
            )
            text = _bounded_text(sheets, max_chars)
            return SheetText(text, None, _xlsx_font_names(data))
        finally:
            workbook.close()
    except Exception as exc:  # openpyxl and zipfile raise many kinds of errors on bad files
        return SheetText("", f"unreadable XLSX ({type(exc).__name__}: {str(exc)[:120]})")


def _font_name(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> str | None:
    if cell.xf_index is None or cell.xf_index >= len(book.xf_list):
        return None
    font_index = book.xf_list[cell.xf_index].font_index
    return str(book.font_list[font_index].name) if font_index < len(book.font_list) else None


def _xls_rows(
    book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, fonts: dict[str, None]
) -> Iterator[list[object]]:
    """The values of the rows of `sheet`; the fonts of its text cells are added to `fonts`."""
    for index in range(sheet.nrows):
        row: list[object] = []
        for cell in sheet.row(index):
            if cell.ctype == xlrd.XL_CELL_TEXT and (name := _font_name(book, cell)):
                fonts.setdefault(name, None)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            elif cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
                row.append(cell.value)
        yield row


def read_xls(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> SheetText:
    """Return the text of every sheet of an XLS (Excel 97-2003) workbook, or an error."""
    if not data.startswith(_OLE2_MAGIC):
        return SheetText("", "not an OLE2 (Excel 97-2003) file")
    chatter = io.StringIO()  # xlrd writes its warnings about odd files to a log file
    try:
        book = xlrd.open_workbook(
            file_contents=data, on_demand=True, formatting_info=True, logfile=chatter
        )
        try:
            fonts: dict[str, None] = {}
            sheets = (
                (sheet.name, _xls_rows(book, sheet, fonts))
                for sheet in (book.sheet_by_index(i) for i in range(book.nsheets))
            )
            return SheetText(_bounded_text(sheets, max_chars), None, tuple(fonts))
        finally:
            book.release_resources()
    except Exception as exc:  # xlrd raises many kinds of errors on damaged files
        return SheetText("", f"unreadable XLS ({type(exc).__name__}: {str(exc)[:120]})")


def read_spreadsheet(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> SheetText:
    """Read XLSX (a zip) or XLS (an OLE2 file), whichever `data` is."""
    if data.startswith(_OLE2_MAGIC):
        return read_xls(data, max_chars=max_chars)
    return read_xlsx(data, max_chars=max_chars)
