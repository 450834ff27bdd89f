"""Import the agency registry from the file staff keep: check the rows of its sheets
across the file (repeated codes, lost leading zeros), upsert the good rows by code and,
when the file is the whole list (`replace`), retire the agencies it no longer names.

The file as a whole is refused (RegistryFileError) only when no sheet can be read as a
registry; otherwise bad rows are reported with their place and good rows are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from inspection.registry.membership import retire_absent
from inspection.registry.report import AgencyRef, ImportReport, RowIssue
from inspection.registry.rows import SheetRow, SheetRows
from inspection.registry.sheets import read_sheets
from inspection.registry.tables import RegistryFileError
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
    sheet_rows = read_sheets(path, report, sheets)
    if replace:
        _check_complete(report, sheet_rows)
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


def _check_complete(report: ImportReport, sheet_rows: list[SheetRows]) -> None:
    """--replace retires whoever the file does not name: every list sheet must be read,
    and a file naming no agency would retire them all."""
    unread = [use for use in report.sheets if use.state == "unreadable"]
    if unread:
        raise RegistryFileError(
            "--replace cần đọc được cả danh sách, nhưng "
            + "; ".join(str(use) for use in unread)
            + ". Dùng --sheet để chỉ rõ các trang danh sách."
        )
    if not any(rows.codes for rows in sheet_rows):
        raise RegistryFileError(
            "--replace với tệp không có mã cơ quan nào sẽ ngừng theo dõi mọi cơ quan; "
            "không thay đổi gì"
        )


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
        elif code in stored:
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
