import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from inspection.cli import app
from inspection.export import CSV_COLUMNS, ExportError, parse_statuses, write_export
from inspection.official_report.labels import UnknownChoiceError
from inspection.runs import RunRequest, claim_run
from inspection.runs.publish import publish_run
from inspection.status import publishing_line
from store import Agency, BlobStore, Run, make_engine, open_session, prepare, sqlite_url
from tests.inspection.agency_files import Site, complete_set, judge_and_commit, set_of_2008

ROWS: list[dict[str, Any]] = [
    {
        "code": "SKHCN",
        "name": "Sở Khoa học và Công nghệ",
        "level": "department",
        "website": "https://skhcn.vn/",
        "status": "compliant",
        "iso_version": "2015",
        "as_of": "2026-04-01",
        "checked_at": "2026-04-01T20:30:00+00:00",  # 03:30 on 2 April in Vietnam
        "documents": [
            {
                "doc_type": "declaration",
                "url": "https://skhcn.vn/qd-2023.pdf",
                "issued": "2023-01-05",
            },
            {
                "doc_type": "declaration",
                "url": "https://skhcn.vn/qd-2024.pdf",
                "issued": "2024-03-05",
            },
            {"doc_type": "quality_policy", "url": "https://skhcn.vn/cs.pdf", "issued": None},
        ],
        "findings": [],
    },
    {
        "code": "XA01",
        "name": "UBND xã An Bình",
        "level": "commune",
        "website": "https://xa.vn/",
        "status": "not_published",
        "iso_version": None,
        "as_of": "2026-04-01",
        "checked_at": "2026-04-01T02:00:00+00:00",
        "documents": [],
        "findings": [
            {
                "rule": "DOC001",
                "severity": "error",
                "message": "Không tìm thấy tài liệu HTQLCL",
                "evidence_url": "https://xa.vn/",
                "first_seen": "2026-03-01T01:00:00+00:00",
                "last_seen": "2026-04-01T02:00:00+00:00",
            }
        ],
    },
    {
        "code": "MOI",
        "name": "Cơ quan chưa kiểm tra",
        "level": "branch",
        "website": "https://moi.vn/",
        "status": None,
        "iso_version": None,
        "as_of": None,
        "documents": [],
        "findings": [],
    },
]

OLD_CSV_HEADERS = [
    "Mã",
    "Tên cơ quan",
    "Cấp",
    "Trang thông tin điện tử",
    "Trạng thái",
    "Kết luận",
    "Phiên bản TCVN ISO 9001",
    "Số tài liệu HTQLCL",
    "Loại tài liệu",
    "Phát hiện",
]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_opens_in_excel_with_vietnamese_headers_and_labels(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_export(ROWS, out, fmt="csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    table = _read_csv(out)
    assert [row["Mã"] for row in table] == ["SKHCN", "XA01", "MOI"]
    assert table[0]["Kết luận"] == "Đạt"
    assert table[0]["Loại tài liệu"] == "declaration, quality_policy"
    assert table[1]["Kết luận"] == "Chưa đăng tải"
    assert table[1]["Phát hiện"] == "DOC001: Không tìm thấy tài liệu HTQLCL"
    assert table[2]["Kết luận"] == "Chưa kiểm tra"


def test_csv_keeps_its_columns_in_place_and_adds_date_and_evidence_at_the_end(
    tmp_path: Path,
) -> None:
    out = tmp_path / "x.csv"
    write_export(ROWS, out, fmt="csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        *OLD_CSV_HEADERS,
        "Ngày kiểm tra",
        "Bằng chứng",
        "Điều chỉnh của cán bộ kiểm tra",
    ]
    assert len(header) == len(CSV_COLUMNS)
    table = _read_csv(out)
    # Checked at 20:30 UTC on 1 April: already 2 April in Vietnam.
    assert [row["Ngày kiểm tra"] for row in table] == ["2026-04-02", "2026-04-01", ""]
    # A publishing agency's evidence is its newest declaration; a finding's is its own.
    assert [row["Bằng chứng"] for row in table] == [
        "https://skhcn.vn/qd-2024.pdf",
        "https://xa.vn/",
        "",
    ]


def test_json_keeps_every_row_as_is(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    write_export(ROWS, out, fmt="json")
    assert json.loads(out.read_text("utf-8")) == ROWS


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        write_export(ROWS, tmp_path / "x.pdf", fmt="pdf")


def test_publishing_line_counts_only_audited_agencies() -> None:
    assert publishing_line(ROWS) == "1/2 cơ quan đã đăng tải tài liệu HTQLCL"


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("not_published", "not_published"),
        ("not-published", "not_published"),
        ("Chưa đăng tải", "not_published"),
        ("CHUA DANG TAI", "not_published"),
        ("phien ban 2008", "outdated"),
        ("Đạt", "compliant"),
        ("dat", "compliant"),
        ("Không truy cập được", "unreachable"),
        ("chưa kiểm tra", None),
    ],
)
def test_a_status_is_read_from_its_code_or_its_label(typed: str, status: str | None) -> None:
    assert parse_statuses([typed]) == [status]


def test_an_unknown_status_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownChoiceError) as caught:
        parse_statuses(["compliant", "published"])
    assert caught.value.value == "published"
    listed = " ".join(caught.value.valid)
    for code in ("unreachable", "not_published", "outdated", "incomplete", "stale", "compliant"):
        assert code in listed
    assert "Chưa đăng tải" in listed


def test_an_unwritable_path_is_an_export_error_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="không tồn tại"):
        write_export(ROWS, tmp_path / "khong-co" / "x.csv", fmt="csv")
    with pytest.raises(ExportError, match="thư mục"):
        write_export(ROWS, tmp_path, fmt="xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_rewrite_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_export(ROWS, out, fmt="csv")
    write_export(ROWS[:1], out, fmt="csv")
    assert [row["Mã"] for row in _read_csv(out)] == ["SKHCN"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


# The workbook


def _workbook(tmp_path: Path, rows: list[dict[str, Any]] = ROWS) -> openpyxl.Workbook:
    out = tmp_path / "x.xlsx"
    write_export(rows, out, fmt="xlsx")
    return openpyxl.load_workbook(out)


def _records(sheet: Any) -> list[dict[str, Any]]:
    header, *rows = sheet.iter_rows()
    names = [cell.value for cell in header]
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_the_workbook_has_its_four_sheets_with_frozen_filtered_headers(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    assert book.sheetnames == ["Tổng hợp", "Danh sách", "Chưa đăng tải", "Phát hiện"]
    for name in ("Danh sách", "Chưa đăng tải", "Phát hiện"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{max(sheet.max_row, 2)}"
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= width <= 60 for width in widths)


def test_the_list_has_one_row_per_agency_in_vietnamese(tmp_path: Path) -> None:
    records = [
        {key: cell.value for key, cell in row.items()}
        for row in _records(_workbook(tmp_path)["Danh sách"])
    ]
    assert [r["Mã"] for r in records] == ["SKHCN", "XA01", "MOI"]
    assert [r["STT"] for r in records] == [1, 2, 3]
    assert [r["Cấp"] for r in records] == ["Sở, ban, ngành", "Cấp xã", "Chi cục"]
    assert [r["Kết luận"] for r in records] == ["Đạt", "Chưa đăng tải", "Chưa kiểm tra"]
    assert records[0]["Tài liệu đã tìm thấy"] == (
        "Quyết định công bố HTQLCL: 2; Chính sách chất lượng: 1"
    )
    assert records[1]["Lý do"] == "Không tìm thấy tài liệu HTQLCL"
    assert records[2]["Lý do"] == "Chưa được kiểm tra."


def test_dates_are_dates_and_evidence_is_a_link(tmp_path: Path) -> None:
    agency = _records(_workbook(tmp_path)["Danh sách"])[0]
    checked = agency["Ngày kiểm tra"]
    assert checked.is_date
    assert checked.value == datetime(2026, 4, 2, 3, 30)  # Vietnam's wall clock
    assert agency["Ngày đánh giá"].is_date
    assert agency["Ngày đánh giá"].value.date() == date(2026, 4, 1)
    evidence = agency["Bằng chứng"]
    assert evidence.hyperlink is not None
    assert evidence.hyperlink.target == "https://skhcn.vn/qd-2024.pdf"
    assert agency["Trang thông tin điện tử"].hyperlink.target == "https://skhcn.vn/"


def test_the_not_publishing_sheet_lists_exactly_those_not_publishing_or_not_checked(
    tmp_path: Path,
) -> None:
    rows = [*ROWS, {**ROWS[1], "code": "DIE", "status": "unreachable", "findings": []}]
    records = _records(_workbook(tmp_path, rows)["Chưa đăng tải"])
    assert [r["Mã"].value for r in records] == ["XA01", "MOI", "DIE"]
    assert [r["STT"].value for r in records] == [1, 2, 3]


def test_the_findings_sheet_has_one_row_per_finding_with_its_legal_basis(
    tmp_path: Path,
) -> None:
    records = _records(_workbook(tmp_path)["Phát hiện"])
    assert len(records) == 1
    finding = records[0]
    assert finding["Mã cơ quan"].value == "XA01"
    assert finding["Mã quy tắc"].value == "DOC001"
    assert finding["Tên quy tắc"].value == "no-qms-documents"
    assert finding["Mức độ"].value == "Lỗi"
    # The rule's own citation when the row has none.
    assert "Quyết định 19/2014/QĐ-TTg" in finding["Căn cứ pháp lý"].value
    assert finding["Phát hiện lần đầu"].is_date
    assert finding["Phát hiện lần đầu"].value == datetime(2026, 3, 1, 8, 0)
    assert finding["Bằng chứng"].hyperlink.target == "https://xa.vn/"


def test_a_finding_keeps_the_legal_basis_its_row_gives() -> None:
    from inspection.official_report.reasons import legal_basis

    assert legal_basis({"rule": "DOC001", "legal_basis": "Điều 1"}) == "Điều 1"
    assert legal_basis({"rule": "KHONG-CO"}) == ""


def test_the_summary_sheet_counts_add_up_to_the_count_line(tmp_path: Path) -> None:
    sheet = _workbook(tmp_path)["Tổng hợp"]
    assert sheet["A2"].value == publishing_line(ROWS)
    table = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    header, *levels, total, shares = table
    assert header[:2] == ["Cấp", "Tổng số"]
    assert header[-2:] == ["Đã đăng tải", "Tỷ lệ đã đăng tải"]
    assert [row[0] for row in levels] == ["Sở, ban, ngành", "Chi cục", "Cấp xã"]
    for row in [*levels, total]:
        assert sum(row[2:-2]) == row[1]  # statuses add up to the level's total
    assert total[0] == "Tổng cộng"
    assert total[1:-1] == [sum(row[i] for row in levels) for i in range(1, len(header) - 1)]
    assert total[-2] == 1 and total[-1] == pytest.approx(0.5)  # 1 of 2 audited
    assert shares[0] == "Tỷ lệ"
    assert sum(shares[2 : len(header) - 2]) == pytest.approx(1.0)
    assert sheet.cell(sheet.max_row, 3).number_format == "0.0%"


# The command line, on a database made by the real audit


def seeded_database(folder: Path) -> Path:
    """A data folder whose database holds six agencies as a complete run leaves them:
    compliant, not published, unreachable, 2008 only, incomplete, and one never crawled."""
    engine = make_engine(sqlite_url(folder / "qmsaudit.db"))
    prepare(engine)
    blobs = BlobStore(folder / "blobs")
    full = complete_set()
    cases = [
        ("SO-KHCN", "Sở Khoa học và Công nghệ", "department", Site("http://so-khcn.vn/", full)),
        ("XA-AN", "UBND xã An Phú", "commune", Site("http://xa-an.vn/")),
        ("CC-KL", "Chi cục Kiểm lâm", "branch", Site("http://cc-kl.vn/", down=True)),
        ("SO-GD", "Sở Giáo dục và Đào tạo", "department", Site("http://so-gd.vn/", set_of_2008())),
        (
            "SO-XD",
            "Sở Xây dựng",
            "department",
            Site("http://so-xd.vn/", {k: v for k, v in full.items() if k != "qd-cong-bo.docx"}),
        ),
    ]
    with open_session(engine) as session:
        agencies = [
            Agency(code=code, name=name, level=level, website=site.website)
            for code, name, level, site in cases
        ]
        session.add_all(agencies)
        session.add(
            Agency(code="XA-MOI", name="UBND xã Mới", level="commune", website="http://m.vn/")
        )
        session.commit()
    run = claim_run(engine, RunRequest(as_of=date(2026, 6, 1)), agencies=len(cases))
    for agency, (_, _, _, site) in zip(agencies, cases, strict=True):
        judge_and_commit(engine, blobs, run, site.crawled(agency, blobs), as_of=date(2026, 6, 1))
    with open_session(engine) as session:
        claimed = session.get(Run, run.id)
        assert claimed is not None
        publish_run(session, claimed)
        session.commit()
    engine.dispose()
    return folder


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(seeded_database(tmp_path)))
    monkeypatch.delenv("QMSAUDIT_DATABASE_URL", raising=False)
    monkeypatch.delenv("QMSAUDIT_AS_OF", raising=False)
    return CliRunner()


def test_the_seeded_database_has_every_status(runner: CliRunner) -> None:
    rows = json.loads(runner.invoke(app, ["status", "--json"]).stdout)
    assert {row["code"]: row["status"] for row in rows} == {
        "CC-KL": "unreachable",
        "SO-GD": "outdated",
        "SO-KHCN": "compliant",
        "SO-XD": "incomplete",
        "XA-AN": "not_published",
        "XA-MOI": None,
    }


def test_export_xlsx_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    listed = [row["Mã"].value for row in _records(book["Danh sách"])]
    assert listed == ["CC-KL", "SO-GD", "SO-KHCN", "SO-XD", "XA-AN", "XA-MOI"]
    absent = [row["Mã"].value for row in _records(book["Chưa đăng tải"])]
    assert absent == ["CC-KL", "XA-AN", "XA-MOI"]
    assert book["Tổng hợp"]["A2"].value == "3/5 cơ quan đã đăng tải tài liệu HTQLCL"


def test_export_status_takes_codes_and_vietnamese_labels(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = runner.invoke(
        app,
        ["export", "--status", "chua dang tai", "--status", "Phiên bản 2008", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert [row["Mã"] for row in _read_csv(out)] == ["SO-GD", "XA-AN"]
    result = runner.invoke(app, ["export", "--status", "Chưa kiểm tra", "-o", str(out)])
    assert [row["Mã"] for row in _read_csv(out)] == ["XA-MOI"]


def test_export_refuses_an_unknown_status_listing_the_valid_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "x.csv"
    result = runner.invoke(app, ["export", "--status", "published", "-o", str(out)])
    assert result.exit_code == 2
    assert "published" in result.output
    assert "not_published" in result.output and "Chưa đăng tải" in result.output
    assert not out.exists()
    # A value that looks like console markup is printed, not interpreted.
    result = runner.invoke(app, ["export", "--status", "[/x]", "-o", str(out)])
    assert result.exit_code == 2
    assert "[/x]" in result.output


@pytest.mark.parametrize("where", ["/no/such/dir/x.csv", "."])
def test_export_to_an_unwritable_path_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--format", "csv", "-o", where])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Lỗi: không ghi được tệp")


def test_corrections_are_listed_in_the_csv_and_the_workbook(tmp_path: Path) -> None:
    override = {
        "id": 1,
        "by": "thanh",
        "at": "2026-04-03T02:00:00+00:00",
        "reason": "Quyết định công bố đăng ở cổng tỉnh",
        "doc_type": None,
    }
    corrected = [
        {**ROWS[1], "findings": [{**f, "override": override} for f in ROWS[1]["findings"]]}
    ]
    out = tmp_path / "x.csv"
    write_export(corrected, out, fmt="csv")
    (row,) = _read_csv(out)
    assert row["Điều chỉnh của cán bộ kiểm tra"] == (
        "DOC001 không đúng (thanh): Quyết định công bố đăng ở cổng tỉnh"
    )
    book_path = tmp_path / "x.xlsx"
    write_export(corrected, book_path, fmt="xlsx")
    book = openpyxl.load_workbook(book_path)
    (listed,) = _records(book["Danh sách"])
    assert "cổng tỉnh" in listed["Điều chỉnh của cán bộ kiểm tra"].value
    (finding,) = _records(book["Phát hiện"])
    assert finding["Cán bộ kiểm tra đánh giá không đúng"].value == (
        "thanh: Quyết định công bố đăng ở cổng tỉnh"
    )
