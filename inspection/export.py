"""Write the status rows to a file for official reports: CSV (Excel-friendly) or JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inspection.status import STATUS_LABELS

FORMATS = ("csv", "json")

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
)


def write_export(rows: Sequence[dict[str, Any]], path: Path, *, fmt: str) -> None:
    if fmt == "json":
        path.write_text(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n", "utf-8")
    elif fmt == "csv":
        _write_csv(rows, path)
    else:
        raise ValueError(f"unknown export format {fmt!r}")


def _write_csv(rows: Sequence[dict[str, Any]], path: Path) -> None:
    # utf-8-sig: Excel, which staff open these files with, needs the BOM to read Vietnamese.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([label for _, label in CSV_COLUMNS])
        for row in rows:
            flat = {
                **row,
                "status_label": STATUS_LABELS.get(row["status"], row["status"]),
                "iso_version": row["iso_version"] or "",
                "documents": len(row["documents"]),
                "document_types": ", ".join(sorted({d["doc_type"] for d in row["documents"]})),
                "findings": "; ".join(f"{f['rule']}: {f['message']}" for f in row["findings"]),
            }
            writer.writerow([flat[key] if flat[key] is not None else "" for key, _ in CSV_COLUMNS])
