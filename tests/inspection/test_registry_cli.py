"""`qmsaudit agencies import|list|remove` as staff use them: messages and exit codes."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from inspection.cli import app
from tests.inspection.registry_files import windows_1258, write

HEADER = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử\n"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QMSAUDIT_DATABASE_URL", raising=False)
    return CliRunner()


def _listed(runner: CliRunner, *options: str) -> dict[str, dict[str, object]]:
    result = runner.invoke(app, ["agencies", "list", "--json", *options])
    assert result.exit_code == 0, result.output
    return {row["code"]: row for row in json.loads(result.stdout)}


def _workbook(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH CƠ QUAN ÁP DỤNG HTQLCL"])
    sheet.append([])
    sheet.append(["STT", "Mã định danh", "Tên cơ quan, đơn vị", "Cấp", "Website"])
    sheet.append([1, "000.00.07.H99", "Sở Khoa học và Công nghệ", "Sở", "skhcn.demo.vn"])
    sheet.append([2, "000.00.08.H99", "Sở Tư pháp", "Thiên hà", "stp.demo.vn"])
    sheet.append([3, "000.01.33.H99", "UBND xã Hòa Bình", "UBND xã", None])
    notes = workbook.create_sheet("Ghi chú")
    notes["A1"] = "Cập nhật ngày 01/03/2026"
    path = tmp_path / "danh-sach.xlsx"
    workbook.save(path)
    return path


def test_import_names_the_sheet_row_and_column_and_exits_1_keeping_good_rows(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["agencies", "import", str(_workbook(tmp_path))])
    assert result.exit_code == 1
    out = result.output
    assert "Trang “Danh sách”, dòng 5, cột D “Cấp”: cấp “Thiên hà” không hợp lệ" in out
    assert "dùng một trong: cấp tỉnh: UBND tỉnh; sở, ban, ngành: Sở" in out
    assert "Trang “Danh sách”: dùng — tiêu đề ở dòng 3" in out
    assert "Trang “Ghi chú”: bỏ qua — không có dòng tiêu đề" in out
    assert "1 cơ quan chưa có trang thông tin điện tử" in out
    assert "000.01.33.H99 UBND xã Hòa Bình (Trang “Danh sách”, dòng 6)" in out
    assert "Đã nhập 2 cơ quan (2 mới, 0 cập nhật, 0 không đổi, 0 theo dõi lại); 1 dòng lỗi" in out
    listed = _listed(runner)
    assert set(listed) == {"000.00.07.H99", "000.01.33.H99"}
    assert listed["000.01.33.H99"]["website"] is None
    assert listed["000.00.07.H99"]["retired_at"] is None


def test_import_of_good_rows_only_exits_0_and_says_the_encoding(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path / "ds.csv", windows_1258(HEADER + "STP,Sở Tư pháp,Sở,stp.vn\n"))
    result = runner.invoke(app, ["agencies", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "bảng mã windows-1258" in result.output
    assert _listed(runner)["STP"]["name"] == "Sở Tư pháp"


def test_a_code_that_lost_its_zeros_is_a_warning_not_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "ds.csv",
        (HEADER + "00012,Xã A,Xã,a.vn\n12345,Xã B,Xã,b.vn\n13,Xã C,Xã,c.vn\n").encode(),
    )
    result = runner.invoke(app, ["agencies", "import", str(path)])
    assert result.exit_code == 0
    assert (
        "Cảnh báo — Dòng 4, cột A “Mã”: mã 13 ngắn hơn các mã số khác (5 chữ số)" in result.output
    )


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["khong-co.xlsx"], "không tìm thấy tệp khong-co.xlsx"),
        (["{csv}"], "thiếu cột Trang thông tin điện tử"),
        (
            ["{xlsx}", "--sheet", "Huyện"],
            "không có trang “Huyện” (các trang: “Danh sách”, “Ghi chú”)",
        ),
        (["{csv}", "--sheet", "Huyện"], "tệp CSV không có trang: chỉ dùng --sheet với tệp Excel"),
    ],
)
def test_a_file_that_cannot_be_used_exits_2_and_changes_nothing(
    runner: CliRunner, tmp_path: Path, arguments: list[str], says: str
) -> None:
    paths = {
        "{csv}": str(write(tmp_path / "ds.csv", "Mã,Tên\nA,B\n".encode())),
        "{xlsx}": str(_workbook(tmp_path)),
    }
    result = runner.invoke(app, ["agencies", "import", *(paths.get(a, a) for a in arguments)])
    assert result.exit_code == 2
    assert f"Lỗi: {says}" in result.output
    assert _listed(runner) == {}


def test_retire_and_return_through_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    full = write(
        tmp_path / "day-du.csv",
        (HEADER + "A,Sở A,Sở,a.vn\nB,Sở B,Sở,b.vn\nC,Sở C,Sở,c.vn\n").encode(),
    )
    shorter = write(
        tmp_path / "rut-gon.csv", (HEADER + "A,Sở A,Sở,a.vn\nC,Sở C,Sở,c.vn\n").encode()
    )
    assert runner.invoke(app, ["agencies", "import", str(full)]).exit_code == 0

    replaced = runner.invoke(app, ["agencies", "import", str(shorter), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "1 cơ quan ngừng theo dõi (không còn trong tệp; giữ lịch sử):" in replaced.output
    assert "  B Sở B" in replaced.output
    assert set(_listed(runner)) == {"A", "C"}
    everyone = _listed(runner, "--all")
    retired_at = everyone["B"]["retired_at"]
    assert isinstance(retired_at, str) and everyone["A"]["retired_at"] is None
    shown = f"{datetime.fromisoformat(retired_at).astimezone():%d/%m/%Y}"
    table = runner.invoke(app, ["agencies", "list", "--all"])
    assert shown in table.output and "Ngừng" in table.output

    refused = runner.invoke(app, ["agencies", "remove", "A", "KHONG-CO"])
    assert refused.exit_code == 2
    assert "không có cơ quan mã KHONG-CO; không thay đổi gì" in refused.output
    assert set(_listed(runner)) == {"A", "C"}

    removed = runner.invoke(app, ["agencies", "remove", "A", "B"])
    assert removed.exit_code == 0
    assert "Ngừng theo dõi A Sở A." in removed.output
    assert f"B Sở B đã ngừng theo dõi từ {shown}." in removed.output
    assert set(_listed(runner)) == {"C"}

    back = runner.invoke(app, ["agencies", "import", str(full)])
    assert back.exit_code == 0
    assert "2 cơ quan theo dõi lại (có lại trong danh sách):" in back.output
    assert "Đã nhập 3 cơ quan (0 mới, 0 cập nhật, 1 không đổi, 2 theo dõi lại)" in back.output
    assert set(_listed(runner)) == {"A", "B", "C"}
