"""The sheets of a registry file that hold the agency list, and their rows.

Every sheet is read unless some are named; a sheet is skipped, with the reason in the
report, when it is hidden, empty, or has no header naming a code and a name column (or no
website column and no hyperlinks). A sheet staff named must be usable.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from extractors.vietnamese import fold
from inspection.registry.headers import (
    FIELD_NAMES,
    HEADER_SEARCH_ROWS,
    Header,
    column_letter,
    find_header,
    missing_fields,
)
from inspection.registry.report import ImportReport, SheetUse
from inspection.registry.rows import SheetRows, read_sheet
from inspection.registry.tables import (
    CSV_DELIMITERS,
    RegistryFileError,
    Table,
    csv_table,
    decode_csv,
    file_kind,
    read_workbook,
)

__all__ = ["read_sheets"]


def read_sheets(path: Path, report: ImportReport, names: Sequence[str] = ()) -> list[SheetRows]:
    """The rows of every usable sheet of `path` (of the sheets `names` when given); which
    sheets were used or skipped, and why, goes to `report`. RegistryFileError when none is
    usable."""
    tables = _tables(path, report, names)
    read = [_read(table, report, explicit=bool(names)) for table in tables]
    sheet_rows = [rows for rows in read if rows is not None]
    if not sheet_rows:
        raise RegistryFileError(_unusable(report.sheets))
    return sheet_rows


# --- reading the file --------------------------------------------------------------------


def _tables(path: Path, report: ImportReport, sheets: Sequence[str]) -> list[Table]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RegistryFileError(f"không đọc được tệp {path.name}: {error.strerror}") from error
    kind = file_kind(path, data[:8])
    if kind == "csv":
        if sheets:
            raise RegistryFileError("tệp CSV không có trang: chỉ dùng --sheet với tệp Excel")
        return [_csv(data, report)]
    return _chosen(read_workbook(data, kind, path.name), sheets, report)


def _csv(data: bytes, report: ImportReport) -> Table:
    """The CSV split by the delimiter (comma, semicolon, tab) that gives the best header."""
    decoded = decode_csv(data)
    if decoded.encoding not in ("utf-8", "utf-16"):
        report.encoding = decoded.encoding
        report.notes.append(f"Tệp CSV được đọc theo bảng mã {decoded.encoding} (không phải UTF-8).")
    candidates = [csv_table(decoded.text, delimiter) for delimiter in CSV_DELIMITERS]
    return max(candidates, key=_header_score)  # the first of equals: comma


def _header_score(table: Table) -> int:
    header = find_header(_head_texts(table))
    return len(header.columns) if header else -1


def _head_texts(table: Table) -> list[list[str]]:
    return [table.texts(index) for index in range(min(len(table.rows), HEADER_SEARCH_ROWS + 1))]


def _same_name(a: str, b: str) -> bool:
    return " ".join(fold(a).lower().split()) == " ".join(fold(b).lower().split())


def _chosen(tables: list[Table], names: Sequence[str], report: ImportReport) -> list[Table]:
    """The sheets named (exactly, else ignoring case and diacritics), or all of them."""
    if not names:
        return tables
    chosen: list[Table] = []
    for name in names:
        match = next((t for t in tables if t.sheet == name), None) or next(
            (t for t in tables if _same_name(t.sheet or "", name)), None
        )
        if match is None:
            available = ", ".join(f"“{t.sheet}”" for t in tables)
            raise RegistryFileError(f"không có trang “{name}” (các trang: {available})")
        if match not in chosen:
            chosen.append(match)
    for table in tables:
        if table not in chosen:
            report.sheets.append(SheetUse(table.sheet, "not_chosen", "không được chọn (--sheet)"))
    return chosen


def _read(table: Table, report: ImportReport, *, explicit: bool) -> SheetRows | None:
    """The sheet's rows, or None with the reason it was skipped in the report."""
    if table.hidden and not explicit:
        report.sheets.append(SheetUse(table.sheet, "hidden", "trang ẩn"))
        return None
    if not table.rows:
        empty = "trang trống" if table.sheet is not None else "tệp trống"
        report.sheets.append(SheetUse(table.sheet, "empty", empty))
        return None
    header = find_header(_head_texts(table))
    if header is None:
        missing = ", ".join(FIELD_NAMES[name] for name in missing_fields(_head_texts(table)))
        reason = f"không có dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu (thiếu cột {missing})"
        _skip(table, report, reason, explicit)
        return None
    if "website" not in header.columns and not table.has_hyperlinks:
        reason = f"thiếu cột {FIELD_NAMES['website']} (và không có siêu liên kết trên tên)"
        _skip(table, report, reason, explicit)
        return None
    rows = read_sheet(table, header)
    report.sheets.append(SheetUse(table.sheet, "used", _usage(header, rows)))
    _note_columns(table, header, rows, report)
    return rows


def _unusable(sheets: list[SheetUse]) -> str:
    if len(sheets) == 1:
        only = sheets[0]
        return f"trang “{only.sheet}”: {only.detail}" if only.sheet else only.detail
    reasons = "; ".join(f"“{use.sheet}”: {use.detail}" for use in sheets)
    return f"không trang nào đọc được danh sách cơ quan ({reasons})"


def _skip(table: Table, report: ImportReport, reason: str, explicit: bool) -> None:
    if explicit:  # a sheet staff named must be usable
        raise RegistryFileError(f"trang “{table.sheet}”: {reason}")
    report.sheets.append(SheetUse(table.sheet, "unreadable", reason))


def _usage(header: Header, rows: SheetRows) -> str:
    lines = (
        f"dòng {header.first_row + 1}"
        if header.first_row == header.last_row
        else f"dòng {header.first_row + 1}–{header.last_row + 1}"
    )
    columns = ", ".join(
        f"{FIELD_NAMES[name]} = {column_letter(column.index)} “{column.title}”"
        for name, column in header.columns.items()
        if name in FIELD_NAMES
    )
    return f"tiêu đề ở {lines} ({columns}); {len(rows.agencies)} cơ quan hợp lệ"


def _note_columns(table: Table, header: Header, rows: SheetRows, report: ImportReport) -> None:
    where = f"Trang “{table.sheet}”: " if table.sheet else ""
    for column in header.unused:
        report.notes.append(f"{where}bỏ qua {column} (đã có cột khác cùng loại).")
    if "level" not in header.columns:
        report.notes.append(f"{where}không có cột {FIELD_NAMES['level']}: cấp suy ra từ tên.")
    elif rows.levels_from_names:
        report.notes.append(
            f"{where}{rows.levels_from_names} dòng không ghi cấp: cấp suy ra từ tên cơ quan."
        )
