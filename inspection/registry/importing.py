"""Import the agency registry from the file staff keep: read every sheet (or the ones
named), check every row, upsert the good rows by code and, when the file is the whole
list (`replace`), retire the agencies it no longer names.

The file as a whole is refused (RegistryFileError) only when no sheet can be read as a
registry; otherwise bad rows are reported with their place and good rows are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from extractors.vietnamese import fold
from inspection.registry.headers import (
    FIELD_NAMES,
    HEADER_SEARCH_ROWS,
    Header,
    column_letter,
    find_header,
    missing_fields,
)
from inspection.registry.membership import retire_absent
from inspection.registry.report import AgencyRef, ImportReport, RowIssue, SheetUse
from inspection.registry.rows import SheetRow, SheetRows, read_sheet
from inspection.registry.tables import (
    CSV_DELIMITERS,
    RegistryFileError,
    Table,
    csv_table,
    decode_csv,
    file_kind,
    read_workbook,
)
from store import Agency, AgencyBase, utcnow

__all__ = ["import_registry"]


def import_registry(
    session: Session,
    path: Path,
    *,
    sheets: Sequence[str] = (),
    replace: bool = False,
) -> ImportReport:
    """Upsert every good row of `path` (XLSX, XLS or CSV) into the agency table and commit.

    sheets: read only these sheets (by name); all visible sheets otherwise.
    replace: the file is the whole list: active agencies it does not name are retired.
    """
    report = ImportReport()
    tables = _tables(path, report, sheets)
    read = [_read(table, report, explicit=bool(sheets)) for table in tables]
    sheet_rows = [rows for rows in read if rows is not None]
    if not sheet_rows:
        raise RegistryFileError(_unusable(report.sheets))
    if replace:
        _check_complete(report)
    for rows in sheet_rows:
        report.errors.extend(rows.errors)
        report.warnings.extend(rows.warnings)
        report.skipped.extend(rows.skipped)
    good = _distinct(sheet_rows, report)
    _warn_lost_zeros(session, good, report)
    now = utcnow()
    _upsert(session, good, report, now)
    if replace:
        _retire_absent(session, sheet_rows, report, now)
    session.commit()
    return report


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


def _check_complete(report: ImportReport) -> None:
    """--replace retires whoever the file does not name: every list sheet must be read."""
    unread = [use for use in report.sheets if use.state == "unreadable"]
    if unread:
        raise RegistryFileError(
            "--replace cần đọc được cả danh sách, nhưng "
            + "; ".join(str(use) for use in unread)
            + ". Dùng --sheet để chỉ rõ các trang danh sách."
        )


# --- checking and applying ---------------------------------------------------------------


def _distinct(sheet_rows: list[SheetRows], report: ImportReport) -> list[SheetRow]:
    """The rows with distinct codes: a repeat of the same agency is skipped, another
    agency under a code already used is an error."""
    first: dict[str, SheetRow] = {}
    for rows in sheet_rows:
        for row in rows.agencies:
            code = row.agency.code
            if code not in first:
                first[code] = row
            elif row.agency == first[code].agency:
                report.skipped.append(RowIssue(row.place, f"lặp lại {first[code].place}"))
            else:
                report.errors.append(
                    RowIssue(
                        row.place,
                        f"mã {code} trùng với {first[code].place} (khác tên, cấp hoặc trang web)",
                        str(row.code_column),
                    )
                )
    return list(first.values())


def _warn_lost_zeros(session: Session, rows: list[SheetRow], report: ImportReport) -> None:
    """A numeric code shorter than the file's other numeric codes, or one that is a stored
    code without its leading zeros, probably lost them to Excel."""
    numeric = [row for row in rows if row.agency.code.isdigit()]
    lengths = Counter(len(row.agency.code) for row in numeric)
    usual = max(lengths, key=lambda n: (lengths[n], n)) if len(numeric) >= 2 else 0
    stored = {
        code.lstrip("0"): code
        for code in session.exec(select(Agency.code)).all()
        if code.isdigit() and code.startswith("0")
    }
    for row in numeric:
        code = row.agency.code
        if len(code) < usual:
            reason = f"mã {code} ngắn hơn các mã số khác ({usual} chữ số)"
        elif code in stored and stored[code] != code:
            reason = f"mã {code} trùng với mã {stored[code]} đã nhập nếu bỏ các số 0 ở đầu"
        else:
            continue
        report.warnings.append(
            RowIssue(
                row.place,
                f"{reason}: có thể Excel đã bỏ số 0 ở đầu; định dạng cột mã là Văn bản (Text) "
                "rồi gõ lại mã",
                str(row.code_column),
            )
        )


def _upsert(session: Session, rows: list[SheetRow], report: ImportReport, now: datetime) -> None:
    existing = {agency.code: agency for agency in session.exec(select(Agency)).all()}
    for row in rows:
        new = row.agency
        if new.website is None:
            report.without_website.append(AgencyRef(new.code, new.name, row.place))
        agency = existing.get(new.code)
        if agency is None:
            session.add(Agency.model_validate(new))
            report.created += 1
            continue
        returned = agency.retired_at is not None
        changed = _apply(agency, new, now)
        session.add(agency)
        if returned:
            report.returned.append(AgencyRef(new.code, new.name, row.place))
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1


def _apply(agency: Agency, new: AgencyBase, now: datetime) -> bool:
    """Give `agency` the file's values and make it active; whether any value changed."""
    values = new.model_dump()
    changed = any(getattr(agency, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(agency, name, value)
    if changed or agency.retired_at is not None:
        agency.retired_at = None
        agency.updated_at = now
    return changed


def _retire_absent(
    session: Session, sheet_rows: list[SheetRows], report: ImportReport, now: datetime
) -> None:
    codeless = [place for rows in sheet_rows for place in rows.codeless]
    if codeless:  # such a row may be an agency in the list: retiring it would be wrong
        report.notes.append(
            "--replace: không ngừng theo dõi cơ quan nào vì "
            + ", ".join(str(place) for place in codeless[:5])
            + (" …" if len(codeless) > 5 else "")
            + " không đọc được mã; sửa rồi nhập lại."
        )
        return
    named = set().union(*(rows.codes for rows in sheet_rows))
    session.flush()
    report.retired = retire_absent(session, named, at=now)
