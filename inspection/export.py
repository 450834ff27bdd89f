"""Write the status rows to a file staff can file: CSV (Excel-friendly), XLSX or JSON.

A file is written whole or not at all (a temporary file beside it, then renamed); a path
that cannot be written is an `ExportError` with a Vietnamese reason.
"""

from __future__ import annotations

import csv
import errno
import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from inspection.official_report.labels import STATUS_ORDER, parse_choices, status_label
from inspection.official_report.reasons import corrections, evidence_url, local_date
from inspection.official_report.workbook import write_workbook
from inspection.status import STATUS_LABELS

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ExportError",
    "check_writable",
    "parse_statuses",
    "write_atomically",
    "write_export",
]

FORMATS = ("csv", "xlsx", "json")

# Staff keep macros on these positions: add new columns at the end only.
CSV_COLUMNS = (
    ("code", "Mã"),
    ("name", "Tên cơ quan"),
    ("level", "Cấp"),
    ("website", "Trang thông tin điện tử"),
    ("status", "Trạng thái"),
    ("status_label", "Kết luận"),
    ("iso_version", "Phiên bản TCVN ISO 9001"),
    ("documents", "Số tài liệu HTQLCL"),
    ("document_types", "Loại tài liệu"),
    ("findings", "Phát hiện"),
    ("checked", "Ngày kiểm tra"),
    ("evidence", "Bằng chứng"),
    ("corrections", "Điều chỉnh của cán bộ kiểm tra"),
)

_OS_REASONS = {
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.EISDIR: "đó là một thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
}


class ExportError(Exception):
    """The export file cannot be written; the message is Vietnamese and names the path."""


def parse_statuses(values: Iterable[str]) -> list[str | None]:
    """Statuses by code or Vietnamese label ("chua dang tai", "Phiên bản 2008"); raises
    `labels.UnknownChoiceError` listing the valid ones."""
    return parse_choices(values, {status: STATUS_LABELS[status] for status in STATUS_ORDER})


def write_export(rows: Sequence[dict[str, Any]], path: Path, *, fmt: str) -> None:
    if fmt == "json":
        write_atomically(path, lambda tmp: _write_json(rows, tmp))
    elif fmt == "csv":
        write_atomically(path, lambda tmp: _write_csv(rows, tmp))
    elif fmt == "xlsx":
        write_atomically(path, lambda tmp: write_workbook(rows, tmp))
    else:
        raise ValueError(f"unknown export format {fmt!r}")


def check_writable(path: Path) -> None:
    """Fail early, before any work, when `path`'s folder is not there or not writable."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"không ghi được tệp {path}: {_OS_REASONS[errno.ENOENT]}")
    if path.is_dir():
        raise ExportError(f"không ghi được tệp {path}: {_OS_REASONS[errno.EISDIR]}")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"không ghi được tệp {path}: {_OS_REASONS[errno.EACCES]}")


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` on a temporary file beside `path`, then rename it to `path`; raise
    `ExportError` when the file system refuses."""
    # Written by the usual open() so the file gets the user's umask, as a direct write would.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        tmp.replace(path)
    except OSError as error:
        raise _export_error(path, error) from error
    finally:
        if tmp.exists():
            tmp.unlink()


def _export_error(path: Path, error: OSError) -> ExportError:
    why = _OS_REASONS.get(error.errno or 0, error.strerror or str(error))
    return ExportError(f"không ghi được tệp {path}: {why}")


def _write_json(rows: Sequence[dict[str, Any]], path: Path) -> None:
    path.write_text(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n", "utf-8")


def _write_csv(rows: Sequence[dict[str, Any]], path: Path) -> None:
    # utf-8-sig: Excel, which staff open these files with, needs the BOM to read Vietnamese.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([label for _, label in CSV_COLUMNS])
        for row in rows:
            checked = local_date(row.get("checked_at"))
            flat = {
                **row,
                "status_label": status_label(row["status"]),
                "iso_version": row["iso_version"] or "",
                "documents": len(row["documents"]),
                "document_types": ", ".join(sorted({d["doc_type"] for d in row["documents"]})),
                "findings": "; ".join(f"{f['rule']}: {f['message']}" for f in row["findings"]),
                "checked": checked.isoformat() if checked else "",
                "evidence": evidence_url(row) or "",
                "corrections": "; ".join(corrections(row)),
            }
            writer.writerow([flat[key] if flat[key] is not None else "" for key, _ in CSV_COLUMNS])
