import csv
import json
from pathlib import Path
from typing import Any

import pytest

from inspection.export import write_export
from inspection.status import publishing_line

ROWS: list[dict[str, Any]] = [
    {
        "code": "SKHCN",
        "name": "Sở Khoa học và Công nghệ",
        "level": "department",
        "website": "https://skhcn.vn/",
        "status": "compliant",
        "iso_version": "2015",
        "documents": [{"doc_type": "declaration"}, {"doc_type": "quality_policy"}],
        "findings": [],
    },
    {
        "code": "XA01",
        "name": "UBND xã An Bình",
        "level": "commune",
        "website": "https://xa.vn/",
        "status": "not_published",
        "iso_version": None,
        "documents": [],
        "findings": [{"rule": "DOC001", "message": "Không tìm thấy tài liệu HTQLCL"}],
    },
    {
        "code": "MOI",
        "name": "Cơ quan chưa kiểm tra",
        "level": "branch",
        "website": "https://moi.vn/",
        "status": None,
        "iso_version": None,
        "documents": [],
        "findings": [],
    },
]


def test_csv_opens_in_excel_with_vietnamese_headers_and_labels(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_export(ROWS, out, fmt="csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["Mã"] for row in table] == ["SKHCN", "XA01", "MOI"]
    assert table[0]["Kết luận"] == "Đạt"
    assert table[0]["Loại tài liệu"] == "declaration, quality_policy"
    assert table[1]["Kết luận"] == "Chưa đăng tải"
    assert table[1]["Phát hiện"] == "DOC001: Không tìm thấy tài liệu HTQLCL"
    assert table[2]["Kết luận"] == "Chưa kiểm tra"


def test_json_keeps_every_row_as_is(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    write_export(ROWS, out, fmt="json")
    assert json.loads(out.read_text("utf-8")) == ROWS


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        write_export(ROWS, tmp_path / "x.pdf", fmt="pdf")


def test_publishing_line_counts_only_audited_agencies() -> None:
    assert publishing_line(ROWS) == "1/2 cơ quan đã đăng tải tài liệu HTQLCL"
