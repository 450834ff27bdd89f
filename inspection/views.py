"""Rich renderings of status rows and findings for the terminal (Vietnamese)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from rich.table import Table

from inspection.labels import (
    CHANGE_LABELS,
    LEVEL_LABELS,
    RUN_KIND_LABELS,
    RUN_STATE_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    TRIGGER_LABELS,
)

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
            LEVEL_LABELS.get(row["level"], row["level"]),
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
                SEVERITY_LABELS.get(finding["severity"], finding["severity"]),
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


def _when(value: str | None) -> str:
    if not value:
        return "—"
    from datetime import datetime

    return datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")


def _state(row: dict[str, Any]) -> str:
    label = str(RUN_STATE_LABELS.get(row["state"], row["state"]))
    if row.get("alive") is False:
        return f"{label} (tiến trình đã dừng đột ngột)"
    return label


def runs_view(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title="Các lượt kiểm tra")
    for header in (
        "Lượt",
        "Loại",
        "Nguồn",
        "Trạng thái",
        "Bắt đầu",
        "Kết thúc",
        "Cơ quan",
        "Ghi chú",
    ):
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(
            f"#{row['id']}",
            RUN_KIND_LABELS.get(row["kind"], row["kind"]),
            TRIGGER_LABELS.get(row["trigger"], row["trigger"]),
            _state(row),
            _when(row["started_at"]),
            _when(row["finished_at"]),
            f"{row['agencies_done']}/{row['agencies']}",
            row["reason"] or "",
        )
    return table


def history_table(code: str, rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title=f"Lịch sử kiểm tra của {code}")
    for header in (
        "Lượt",
        "Ngày",
        "Trạng thái lượt",
        "Kết luận",
        "Phiên bản",
        "Tài liệu",
        "Phát hiện mới",
        "Đã khắc phục",
    ):
        table.add_column(header)
    for row in rows:
        table.add_row(
            f"#{row['run']}",
            _when(row["date"]),
            RUN_STATE_LABELS.get(row["state"], row["state"]),
            STATUS_LABELS.get(row["status"], row["status"]),
            row["iso_version"] or "—",
            str(row["documents"]),
            str(row["findings_opened"]),
            str(row["findings_resolved"]),
        )
    return table


def changes_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title="Thay đổi")
    for header in ("Lượt", "Cơ quan", "Thay đổi", "Trước", "Sau", "Chi tiết"):
        table.add_column(header, overflow="fold")
    for row in rows:
        before, after = row["from"], row["to"]
        if row["kind"] == "status":
            before, after = STATUS_LABELS.get(before, before), STATUS_LABELS.get(after, after)
        table.add_row(
            f"#{row['run']}",
            row["agency"],
            CHANGE_LABELS.get(row["kind"], row["kind"]),
            before or "—",
            after or "—",
            row["detail"] or "",
        )
    return table
