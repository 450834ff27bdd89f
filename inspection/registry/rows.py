"""The agencies of one sheet: each row below the header read as an agency, rejected with
what is wrong in which column, or skipped as not an agency (a group heading such as
"I. CÁC SỞ, BAN, NGÀNH", a row of column numbers, a total or a signature line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from extractors.vietnamese import fold
from inspection.registry.headers import SERIAL, Column, Header
from inspection.registry.report import Place, RowIssue
from inspection.registry.tables import Cell, Table
from inspection.registry.values import (
    accepted_levels,
    level_from_name,
    parse_code,
    parse_date,
    parse_level,
    parse_text,
    parse_website,
)
from store import AgencyBase

__all__ = ["SheetRow", "SheetRows", "read_sheet"]

T = TypeVar("T")

_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Z])(?:[.):\-]|$)")  # "I.", "II", "A)", "B -"
_ROMAN = re.compile(r"^[IVX]{1,5}[.)]?$")  # "II." heading a group, in a list without STT
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[A-Z])\)?$")  # "(1)", "2", "(A)"
_NOT_AGENCY_STARTS = ("cac ", "khoi ", "nhom ", "tong cong", "tong so")


@dataclass(frozen=True)
class SheetRow:
    place: Place
    agency: AgencyBase
    code_column: Column


@dataclass
class SheetRows:
    agencies: list[SheetRow] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)  # every code named, rejected rows too
    codeless: list[Place] = field(default_factory=list)  # rejected rows without a code
    levels_from_names: int = 0


def read_sheet(table: Table, header: Header) -> SheetRows:
    """Every row of `table` below `header`, read."""
    rows = SheetRows()
    for index in range(header.data_start, len(table.rows)):
        cells = table.rows[index]
        place = Place(table.sheet, index + 1)
        if not any(cell.text or cell.hyperlink for cell in cells):
            continue
        if index == header.data_start and _column_numbers(cells):
            continue
        if heading := _heading(cells, header):
            rows.skipped.append(RowIssue(place, f"dòng tiêu đề nhóm “{heading}”"))
            continue
        _read_row(cells, place, header, rows)
    return rows


def _cell(cells: Sequence[Cell], header: Header, name: str) -> Cell:
    column = header.columns.get(name)
    return cells[column.index] if column and column.index < len(cells) else Cell()


def _column_label(header: Header, name: str) -> str | None:
    column = header.columns.get(name)
    return str(column) if column else None


def _column_numbers(cells: Sequence[Cell]) -> bool:
    """A row under the header numbering its columns: "(1) (2) (3)…"."""
    texts = [cell.text for cell in cells if cell.text]
    return len(texts) >= 2 and all(_COLUMN_NUMBER.match(text) for text in texts)


def _heading(cells: Sequence[Cell], header: Header) -> str | None:
    """The text of a row that heads a group of agencies, or None for any other row."""
    serial = header.columns.get(SERIAL)
    first = cells[0].text if cells else ""
    numbered = serial.index if serial else 0 if _ROMAN.match(first) else None
    number = cells[numbered].text if numbered is not None and numbered < len(cells) else ""
    placed = [
        (index, cell.text) for index, cell in enumerate(cells) if cell.text and index != numbered
    ]
    if len({text for _, text in placed}) != 1:
        return None
    text = placed[0][1]
    name = header.columns["name"].index
    merged = len(placed) > 1
    if not (merged or placed[0][0] in (0, name)):
        return None  # a lone code or address: an agency row with cells missing
    words = text.split()
    capitals = text.upper() == text and any(ch.isalpha() for ch in text) and len(words) > 1
    enumerated = bool(_ENUMERATOR.match(number or text))
    grouping = fold(text).lower().startswith(_NOT_AGENCY_STARTS)
    if merged or capitals or enumerated or grouping:
        return f"{number} {text}".strip()
    return None


def _parsed(
    issues: list[RowIssue],
    place: Place,
    column: str | None,
    parse: Callable[[str], T],
    text: str,
) -> T | None:
    try:
        return parse(text)
    except ValueError as error:
        issues.append(RowIssue(place, str(error), column))
        return None


def _read_row(cells: Sequence[Cell], place: Place, header: Header, rows: SheetRows) -> None:
    code_text = _cell(cells, header, "code").text
    name = parse_text(_cell(cells, header, "name").text)
    if not code_text and not name:
        rows.skipped.append(RowIssue(place, "không có mã và tên cơ quan"))
        return
    issues: list[RowIssue] = []
    column = {field_name: _column_label(header, field_name) for field_name in header.columns}
    code = _parsed(issues, place, column["code"], parse_code, code_text)
    if code:
        rows.codes.add(code)
    else:
        rows.codeless.append(place)
        if code is not None:
            issues.append(RowIssue(place, "thiếu mã cơ quan", column["code"]))
    if not name:
        issues.append(RowIssue(place, "thiếu tên cơ quan", column["name"]))
    level = _level(cells, place, header, name, issues, rows)
    website = _website(cells, place, header, issues)
    established: date | None = _parsed(
        issues,
        place,
        column.get("established"),
        parse_date,
        _cell(cells, header, "established").text,
    )
    if "?" in name:
        rows.warnings.append(
            RowIssue(
                place,
                f"tên “{name}” có dấu “?”: chữ có dấu có thể đã mất khi lưu tệp",
                column["name"],
            )
        )
    if issues or not code or level is None:
        rows.errors.extend(issues)
        return
    agency = AgencyBase(
        code=code,
        name=name,
        level=level,
        website=website,
        parent=parse_text(_cell(cells, header, "parent").text) or None,
        established=established,
    )
    rows.agencies.append(SheetRow(place, agency, header.columns["code"]))


def _level(
    cells: Sequence[Cell],
    place: Place,
    header: Header,
    name: str,
    issues: list[RowIssue],
    rows: SheetRows,
) -> str | None:
    """The level the cell names, or else the one the agency's name begins with."""
    column = _column_label(header, "level")
    text = _cell(cells, header, "level").text
    if text:
        return _parsed(issues, place, column, lambda t: parse_level(t, name=name), text)
    level = level_from_name(name)
    if level is not None:
        rows.levels_from_names += 1
    elif name:
        issues.append(
            RowIssue(
                place,
                f"thiếu cấp, và tên “{name}” không cho biết cấp; ghi một trong: "
                f"{accepted_levels()}",
                column,
            )
        )
    return level


def _website(
    cells: Sequence[Cell], place: Place, header: Header, issues: list[RowIssue]
) -> str | None:
    """The website cell's address; else its hyperlink (the cell shows a name); else the
    hyperlink on the agency's name. None when the row names no website at all."""
    cell = _cell(cells, header, "website")
    column = _column_label(header, "website")
    if cell.text:
        try:
            return parse_website(cell.text)
        except ValueError as error:
            if not cell.hyperlink:
                issues.append(RowIssue(place, str(error), column))
                return None
    name_link = _cell(cells, header, "name").hyperlink
    if cell.hyperlink:
        link, linked = cell.hyperlink, column
    elif name_link:
        link, linked = name_link, _column_label(header, "name")
    else:
        return None
    return _parsed(issues, place, f"siêu liên kết ở {linked}", parse_website, link)
