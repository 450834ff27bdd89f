"""The command line's tables speak to staff in Vietnamese: levels, statuses, severities."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from inspection.views import findings_table, status_table

ROW: dict[str, Any] = {
    "code": "SKHCN",
    "name": "Sở Khoa học và Công nghệ",
    "level": "department",
    "status": "incomplete",
    "iso_version": "2015",
    "documents": [],
    "findings": [
        {
            "rule": "DOC003",
            "severity": "error",
            "message": "Không thấy Chính sách chất lượng",
            "evidence_url": None,
        }
    ],
}


def _printed(table: object) -> str:
    console = Console(width=200, record=True)
    console.print(table)
    return console.export_text()


def test_the_status_table_names_levels_and_statuses_in_vietnamese() -> None:
    printed = _printed(status_table([ROW]))
    assert "Sở, ban, ngành" in printed and "Chưa đầy đủ" in printed
    assert "department" not in printed and "incomplete" not in printed


def test_the_findings_table_names_severities_in_vietnamese() -> None:
    printed = _printed(findings_table([ROW]))
    assert "Vi phạm" in printed and "DOC003" in printed
    assert "error" not in printed
