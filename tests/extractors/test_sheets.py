import datetime as dt
import io
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
import xlwt

from extractors.legacy_fonts import from_unicode, repair_legacy
from extractors.sheets import SheetText, read_spreadsheet, read_xls, read_xlsx

PROCESSES: list[list[object]] = [
    ["STT", "Tên quy trình", "Mã hiệu", "Ngày ban hành"],
    [1, "Quy trình kiểm soát tài liệu", "QT-01", dt.datetime(2024, 3, 5)],
    [2, "Quy trình kiểm soát hồ sơ", "QT-02", dt.datetime(2024, 3, 5)],
]
OBJECTIVES: list[list[object]] = [
    ["Mục tiêu chất lượng năm 2024"],
    [None],
    ["Tỷ lệ hồ sơ giải quyết đúng hạn", 0.95],
]
EXPECTED = (
    "Danh mục quy trình\n"
    "STT | Tên quy trình | Mã hiệu | Ngày ban hành\n"
    "1 | Quy trình kiểm soát tài liệu | QT-01 | 05/03/2024\n"
    "2 | Quy trình kiểm soát hồ sơ | QT-02 | 05/03/2024\n"
    "\n"
    "Mục tiêu 2024\n"
    "Mục tiêu chất lượng năm 2024\n"
    "Tỷ lệ hồ sơ giải quyết đúng hạn | 0.95"
)


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for title, rows in sheets.items():
        sheet = workbook.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    sheet.write(r, c, value, date_style)
                elif value is not None:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK: dict[str, list[list[object]]] = {
    "Danh mục quy trình": PROCESSES,
    "Mục tiêu 2024": OBJECTIVES,
}


def test_every_sheet_of_an_xlsx_is_read_row_by_row() -> None:
    result = read_xlsx(xlsx(WORKBOOK))
    assert result.error is None
    assert result.text == EXPECTED


def test_every_sheet_of_an_xls_is_read_row_by_row() -> None:
    result = read_xls(xls(WORKBOOK))
    assert result.error is None
    assert result.text == EXPECTED


def test_read_spreadsheet_picks_the_format_from_the_bytes() -> None:
    assert read_spreadsheet(xlsx(WORKBOOK)).text == EXPECTED
    assert read_spreadsheet(xls(WORKBOOK)).text == EXPECTED


def test_formula_cells_give_their_cached_value_or_nothing() -> None:
    # openpyxl writes formulas without cached values: values-only reading gives no text
    result = read_xlsx(xlsx({"Tổng": [["Tổng số", "=SUM(1,2)"]]}))
    assert result.text == "Tổng\nTổng số"


@pytest.mark.parametrize("reader", [read_xlsx, read_xls, read_spreadsheet])
@pytest.mark.parametrize(
    "data", [b"", b"garbage", b"PK\x03\x04 truncated", bytes.fromhex("D0CF11E0A1B11AE1") + b"x"]
)
def test_bad_bytes_are_an_error(reader: Callable[[bytes], SheetText], data: bytes) -> None:
    result = reader(data)
    assert result.text == "" and result.error is not None


def test_a_zip_that_is_not_a_workbook_is_an_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    result = read_xlsx(buffer.getvalue())
    assert result.text == "" and result.error is not None


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(210):
            member.write(b" " * 1_000_000)
    result = read_xlsx(buffer.getvalue())
    assert result.error is not None and "unpacks to more" in result.error


def test_reading_stops_after_max_chars() -> None:
    rows: list[list[object]] = [
        [i, "Quy trình kiểm soát tài liệu số " + str(i)] for i in range(20000)
    ]
    data = xlsx({"Lớn": rows})
    result = read_xlsx(data, max_chars=2000)
    assert result.error is None
    assert 1000 < len(result.text) <= 2000
    assert len(read_xls(xls({"Lớn": rows[:3000]}), max_chars=2000).text) <= 2000


def test_openpyxl_parses_with_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_xls_gives_the_fonts_of_its_text_cells_for_the_legacy_repair() -> None:
    typed = from_unicode("Quản lý chất lượng", "tcvn3")
    workbook = xlwt.Workbook(encoding="cp1252")
    sheet = workbook.add_sheet("Muc tieu")
    sheet.write(0, 0, "STT")
    sheet.write(0, 1, typed, xlwt.easyxf("font: name .VnTime"))
    sheet.write(1, 0, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_xls(buffer.getvalue())
    assert result.text.splitlines()[1:] == ["STT | " + typed, "1"]
    assert result.font_names == ("Arial", ".VnTime")
    assert repair_legacy(typed, font_names=result.font_names) == ("Quản lý chất lượng", "tcvn3")
