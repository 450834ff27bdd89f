"""Import the agency registry from CSV or XLSX as provincial staff keep it.

Headers are matched case- and diacritic-insensitively, in English or Vietnamese. Rows are
upserted by code. A bad row is reported with its row number and reason; good rows are
imported regardless.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlmodel import Session, select

from extractors.vietnamese import fold
from store import Agency, AgencyBase, utcnow

LEVELS = ("province", "department", "branch", "district", "commune")

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "ma", "ma co quan", "ma don vi", "ma so", "ma dinh danh"),
    "name": ("name", "ten", "ten co quan", "ten don vi", "co quan", "don vi"),
    "level": ("level", "cap", "cap hanh chinh", "loai", "loai co quan"),
    "website": (
        "website",
        "url",
        "trang web",
        "trang thong tin dien tu",
        "cong thong tin dien tu",
        "dia chi website",
        "dia chi trang thong tin dien tu",
    ),
    "parent": ("parent", "don vi chu quan", "co quan chu quan", "cap tren", "ma cap tren"),
    "established": ("established", "ngay thanh lap", "thanh lap", "ngay sap xep"),
}
REQUIRED_COLUMNS = ("code", "name", "level", "website")

LEVEL_ALIASES: dict[str, str] = {
    **{level: level for level in LEVELS},
    "tinh": "province",
    "cap tinh": "province",
    "ubnd tinh": "province",
    "so": "department",
    "so nganh": "department",
    "ban nganh": "department",
    "chi cuc": "branch",
    "huyen": "district",
    "cap huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
    "cap xa": "commune",
}


class RegistryFileError(Exception):
    """The file as a whole cannot be read as a registry (format, missing columns)."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as shown in a spreadsheet (the header is row 1)
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


def import_registry(session: Session, path: Path) -> ImportReport:
    """Upsert every good row of `path` (CSV or XLSX) into the agency table."""
    rows = _read_rows(path)
    report = ImportReport()
    seen: dict[str, int] = {}
    for row_number, record in rows:
        try:
            agency = parse_row(record)
        except ValueError as error:
            report.errors.append(RowError(row_number, str(error)))
            continue
        if agency.code in seen:
            report.errors.append(
                RowError(row_number, f"mã {agency.code} trùng với dòng {seen[agency.code]}")
            )
            continue
        seen[agency.code] = row_number
        _upsert(session, agency, report)
    session.commit()
    return report


def parse_row(record: dict[str, str]) -> AgencyBase:
    """One registry row as an agency; ValueError (in Vietnamese) says what is wrong."""
    code = record.get("code", "").strip()
    if not code:
        raise ValueError("thiếu mã cơ quan")
    name = record.get("name", "").strip()
    if not name:
        raise ValueError("thiếu tên cơ quan")
    raw_level = record.get("level", "").strip()
    level = LEVEL_ALIASES.get(fold(raw_level).lower())
    if level is None:
        raise ValueError(f"cấp không hợp lệ: {raw_level!r} (dùng: {', '.join(LEVELS)})")
    website = _parse_website(record.get("website", ""))
    established = _parse_date(record.get("established", ""))
    parent = record.get("parent", "").strip() or None
    return AgencyBase(
        code=code,
        name=name,
        level=level,
        website=website,
        parent=parent,
        established=established,
    )


def _parse_website(raw: str) -> str:
    value = raw.strip()
    if value and "://" not in value and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", value, re.I):
        value = "http://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"trang thông tin điện tử không phải địa chỉ http(s): {raw!r}")
    return value


def _parse_date(raw: str) -> date | None:
    value = raw.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"ngày thành lập không hợp lệ: {raw!r} (dùng YYYY-MM-DD hoặc DD/MM/YYYY)")


def _upsert(session: Session, agency: AgencyBase, report: ImportReport) -> None:
    existing = session.exec(select(Agency).where(Agency.code == agency.code)).first()
    if existing is None:
        session.add(Agency.model_validate(agency))
        report.created += 1
        return
    for name, value in agency.model_dump().items():
        setattr(existing, name, value)
    existing.updated_at = utcnow()
    session.add(existing)
    report.updated += 1


def _read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _xlsx_table(path)
    elif suffix in (".csv", ".txt"):
        table = _csv_table(path)
    else:
        raise RegistryFileError(f"định dạng không hỗ trợ: {path.suffix} (dùng .csv hoặc .xlsx)")
    return _records(table)


def _csv_table(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryFileError(f"tệp CSV không phải UTF-8: {error}") from error
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    # Too little structure to sniff leaves the default comma dialect, the right guess.
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_table(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise RegistryFileError(f"không đọc được tệp XLSX: {error}") from error
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(table: Sequence[Sequence[str]]) -> Iterator[tuple[int, dict[str, str]]]:
    header_index = _header_row(table)
    columns = _map_columns(table[header_index])
    for offset, row in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(cell.strip() for cell in row):
            continue
        yield (
            offset,
            {column: (row[index] if index < len(row) else "") for column, index in columns.items()},
        )


def _header_row(table: Sequence[Sequence[str]]) -> int:
    """The first row naming the required columns (staff files often have a title above)."""
    for index, row in enumerate(table[:10]):
        if set(REQUIRED_COLUMNS) <= set(_map_columns(row)):
            return index
    if not table:
        raise RegistryFileError("tệp trống")
    missing = set(REQUIRED_COLUMNS) - set(_map_columns(table[0]))
    raise RegistryFileError(f"thiếu cột: {', '.join(sorted(missing))}")


def _map_columns(header: Iterable[str]) -> dict[str, int]:
    lookup = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = re.sub(r"[^a-z0-9]+", " ", fold(cell).lower()).strip()
        column = lookup.get(key)
        if column and column not in columns:
            columns[column] = index
    return columns
