"""The XLSX workbook staff file: a summary sheet, the list of agencies, the agencies not
publishing, and every finding; headers frozen, filters on, dates as dates, links as links."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from inspection.official_report.labels import (
    SEVERITY_LABELS,
    level_label,
    status_label,
)
from inspection.official_report.reasons import (
    corrections,
    documents_by_type,
    evidence_url,
    legal_basis,
    local_date,
    local_datetime,
    reason,
    rule_name,
)
from inspection.official_report.tally import NOT_PUBLISHING, Tally, percent
from inspection.status import publishing_line

__all__ = ["SHEETS", "summary_table", "write_workbook"]

SHEETS = ("Tổng hợp", "Danh sách", "Chưa đăng tải", "Phát hiện")

Kind = Literal["text", "long", "number", "percent", "date", "datetime", "link"]
FORMATS = {"percent": "0.0%", "date": "DD/MM/YYYY", "datetime": "DD/MM/YYYY HH:MM"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WIDEST = {"long": 60, "link": 45}  # characters
FIXED_WIDTHS = {"date": 12.0, "datetime": 17.0}


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict[str, Any]], object]
    kind: Kind = "text"


def write_workbook(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """Write the workbook of `rows` (status rows) to `path`."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SHEETS[0]
    _summary_sheet(summary, rows)
    numbered = [{**row, "_index": index} for index, row in enumerate(rows, start=1)]
    _table(book.create_sheet(SHEETS[1]), AGENCY_COLUMNS, numbered)
    absent = [row for row in rows if row["status"] in NOT_PUBLISHING]
    absent = [{**row, "_index": index} for index, row in enumerate(absent, start=1)]
    _table(book.create_sheet(SHEETS[2]), ABSENT_COLUMNS, absent)
    _table(book.create_sheet(SHEETS[3]), FINDING_COLUMNS, list(_finding_records(rows)))
    book.save(path)


def _checked(row: dict[str, Any]) -> datetime | None:
    return local_datetime(row.get("checked_at"))


AGENCY_COLUMNS = (
    Column("STT", lambda r: r["_index"], "number"),
    Column("Mã", lambda r: r["code"]),
    Column("Tên cơ quan", lambda r: r["name"], "long"),
    Column("Cấp", lambda r: level_label(r["level"])),
    Column("Trang thông tin điện tử", lambda r: r["website"], "link"),
    Column("Kết luận", lambda r: status_label(r["status"])),
    Column("Phiên bản TCVN ISO 9001", lambda r: r.get("iso_version") or ""),
    Column("Tài liệu đã tìm thấy", lambda r: documents_by_type(r.get("documents") or []), "long"),
    Column("Lý do", reason, "long"),
    Column("Bằng chứng", evidence_url, "link"),
    Column("Ngày kiểm tra", _checked, "datetime"),
    Column("Ngày đánh giá", lambda r: local_date(r.get("as_of")), "date"),
    Column("Điều chỉnh của cán bộ kiểm tra", lambda r: "; ".join(corrections(r)), "long"),
)

ABSENT_COLUMNS = (
    *AGENCY_COLUMNS[:6],
    Column("Lý do", reason, "long"),
    Column("Bằng chứng", evidence_url, "link"),
    Column("Ngày kiểm tra", _checked, "datetime"),
    Column("Truy cập được lần cuối", lambda r: local_date(r.get("last_reached")), "date"),
    Column("Không truy cập được từ", lambda r: local_date(r.get("unreachable_since")), "date"),
)

FINDING_COLUMNS = (
    Column("STT", lambda f: f["_index"], "number"),
    Column("Mã cơ quan", lambda f: f["_agency"]["code"]),
    Column("Tên cơ quan", lambda f: f["_agency"]["name"], "long"),
    Column("Mã quy tắc", lambda f: f["rule"]),
    Column("Tên quy tắc", lambda f: rule_name(f["rule"])),
    Column("Mức độ", lambda f: SEVERITY_LABELS.get(f["severity"], f["severity"])),
    Column("Nội dung", lambda f: f["message"], "long"),
    Column("Căn cứ pháp lý", legal_basis, "long"),
    Column("Bằng chứng", lambda f: f.get("evidence_url"), "link"),
    Column("Phát hiện lần đầu", lambda f: local_datetime(f.get("first_seen")), "datetime"),
    Column("Phát hiện lần cuối", lambda f: local_datetime(f.get("last_seen")), "datetime"),
    Column(
        "Cán bộ kiểm tra đánh giá không đúng",
        lambda f: f"{f['override']['by']}: {f['override']['reason']}" if f.get("override") else "",
        "long",
    ),
)


def _finding_records(rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    index = 0
    for row in rows:
        for finding in row.get("findings") or []:
            index += 1
            yield {**finding, "_agency": row, "_index": index}


def _table(sheet: Worksheet, columns: Sequence[Column], records: Sequence[dict[str, Any]]) -> None:
    """A header row (frozen, filtered) and one row per record, typed by column kind."""
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for record in records:
        sheet.append([_cell_value(column.value(record)) for column in columns])
    for number, column in enumerate(columns, start=1):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
            _style(cell, column.kind)
        values = [column.header, *(column.value(record) for record in records)]
        sheet.column_dimensions[get_column_letter(number)].width = _width(values, column.kind)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(records), 1) + 1}"


def _cell_value(value: object) -> object:
    if value is None or isinstance(value, int | float | date | datetime):
        return value
    # Text read from PDFs may hold control characters, which XLSX cannot.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _style(cell: Any, kind: Kind) -> None:
    cell.alignment = Alignment(wrap_text=kind in ("long", "link"), vertical="top")
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    elif kind == "link" and cell.value:
        cell.hyperlink = str(cell.value)
        cell.style = "Hyperlink"
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _width(values: Iterable[object], kind: Kind) -> float:
    """Characters wide: the longest value (a header by its longest word, since headers
    wrap), within bounds; longer text wraps."""
    if kind in FIXED_WIDTHS:
        return FIXED_WIDTHS[kind]
    header, *cells = (str(value) for value in values if value is not None)
    longest = max([len(word) for word in header.split()] + [len(cell) for cell in cells])
    return float(min(max(longest + 2, 6), WIDEST.get(kind, 30)))


def _summary_sheet(sheet: Worksheet, rows: Sequence[dict[str, Any]]) -> None:
    """The count line, then agencies per level and status with shares: the chart's table."""
    tally = Tally.of(rows)
    sheet.append(["Kết quả kiểm tra gián tiếp việc công bố HTQLCL theo TCVN ISO 9001"])
    sheet.append([publishing_line(rows)])
    sheet.append([])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"].font = Font(bold=True)
    table = summary_table(tally)
    first = sheet.max_row + 1
    for values in table:
        sheet.append(values)
    for number, cell in enumerate(sheet[first], start=1):
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(number)].width = 18 if number == 1 else 13
    for row in sheet.iter_rows(min_row=first + 1, max_row=sheet.max_row):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = FORMATS["percent"]
            cell.font = Font(bold=cell.row >= sheet.max_row - 1)
    sheet.freeze_panes = sheet.cell(first + 1, 2)


def summary_table(tally: Tally) -> list[list[object]]:
    """Header, one row per level, the totals, then each status's share of all agencies.
    Counts are ints, shares floats (fractions)."""
    statuses = tally.statuses
    table: list[list[object]] = [
        ["Cấp", "Tổng số", *(status_label(s) for s in statuses), "Đã đăng tải", "Tỷ lệ đã đăng tải"]
    ]
    for level in (*tally.levels, None):
        counts = [tally.cell(level, s) if level else tally.by_status(s) for s in statuses]
        published = tally.publishing(level)
        share = percent(published, tally.audited(level))
        name = level_label(level) if level else "Tổng cộng"
        table.append([name, tally.total(level), *counts, published, share])
    shares = [percent(tally.by_status(s), tally.total()) for s in statuses]
    table.append(["Tỷ lệ", 1.0 if tally.total() else 0.0, *shares])
    return table
