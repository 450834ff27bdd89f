"""Rich renderings of status rows and findings for the terminal (Vietnamese)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from rich.table import Table

from inspection.status import STATUS_LABELS

STATUS_STYLES = {
    "unreachable": "magenta",
    "not_published": "red",
    "outdated": "red",
    "incomplete": "yellow",
    "stale": "yellow",
    "compliant": "green",
}


def status_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title="Kết quả kiểm tra HTQLCL theo TCVN ISO 9001")
    for header in ("Mã", "Tên cơ quan", "Cấp", "Trạng thái", "Phiên bản", "Tài liệu", "Phát hiện"):
        table.add_column(header)
    for row in rows:
        status = row["status"]
        table.add_row(
            row["code"],
            row["name"],
            row["level"],
            f"[{STATUS_STYLES.get(status, 'dim')}]{STATUS_LABELS.get(status, status)}[/]",
            row["iso_version"] or "—",
            str(len(row["documents"])),
            str(len(row["findings"])),
        )
    return table


def findings_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title="Các phát hiện")
    for header in ("Mã cơ quan", "Quy tắc", "Mức độ", "Nội dung", "Bằng chứng"):
        table.add_column(header, overflow="fold")
    for row in rows:
        for finding in row["findings"]:
            table.add_row(
                row["code"],
                finding["rule"],
                finding["severity"],
                finding["message"],
                finding["evidence_url"] or "",
            )
    return table


def agencies_table(rows: Sequence[dict[str, Any]], *, retired: bool = False) -> Table:
    """The agencies; with `retired`, a column for when each retired one left the list."""
    table = Table(title="Danh sách cơ quan")
    headers = ["Mã", "Tên cơ quan", "Cấp", "Trang thông tin điện tử", "Ngày thành lập"]
    for header in [*headers, "Ngừng theo dõi từ"] if retired else headers:
        table.add_column(header)
    for row in rows:
        cells = [
            row["code"],
            row["name"],
            row["level"],
            row["website"] or "—",
            row["established"] or "",
        ]
        if retired:
            left = row["retired_at"]
            cells.append(f"{datetime.fromisoformat(left).astimezone():%d/%m/%Y}" if left else "")
        table.add_row(*cells)
    return table


def preview_table(rows: Sequence[dict[str, Any]], as_of: date) -> Table:
    table = Table(title=f"Xem trước kết quả đánh giá ngày {as_of:%d/%m/%Y} (chưa lưu)")
    for header in ("Mã", "Tên cơ quan", "Trạng thái", "Phiên bản", "Phát hiện"):
        table.add_column(header)
    for row in rows:
        status = row["status"]
        table.add_row(
            row["code"],
            row["name"],
            f"[{STATUS_STYLES.get(status, 'dim')}]{STATUS_LABELS.get(status, status)}[/]",
            row["iso_version"] or "—",
            ", ".join(sorted({f["rule"] for f in row["findings"]})) or "—",
        )
    return table
