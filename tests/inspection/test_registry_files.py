"""Registry files as staff keep them: titles, merged headers, several sheets, hyperlinks,
number formats, CSV encodings and delimiters, and old Excel files."""

import csv
import io
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session

from inspection.registry import RegistryFileError, import_registry
from store import Agency, make_engine, open_session, prepare, sqlite_url
from tests.inspection.registry_files import agencies, windows_1252, windows_1258, write

STAFF_ROWS = (
    (
        "STT",
        "Mã định danh",
        "Tên cơ quan, đơn vị",
        "Cấp",
        "Địa chỉ trang thông tin điện tử",
        "Ghi chú",
    ),
    ("1", "000.00.07.H99", "Sở Khoa học và Công nghệ", "Sở", "skhcn.demo.gov.vn", ""),
    ("2", "000.00.21.H99", "Chi cục Thủy lợi", "Chi cục", "https://thuyloi.demo.gov.vn/", ""),
    ("3", "000.01.33.H99", "UBND xã Hòa Bình", "UBND xã", "hoabinh.demo.gov.vn/", "Xã mới"),
    ("4", "000.02.33.H99", "UBND thị xã Sơn Tây", "UBND thị xã", "www.sontay.demo.vn", ""),
)


def _csv(rows: tuple[tuple[str, ...], ...], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@pytest.fixture
def session(tmp_path: Path) -> Session:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    return open_session(engine)


def _sheet(workbook: Workbook, title: str) -> Worksheet:
    sheet = workbook.active if workbook.active and workbook.active.title == "Sheet" else None
    if sheet is None:
        return workbook.create_sheet(title)
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    return sheet


def _staff_workbook() -> Workbook:
    """A provincial list as sent to the Department: a title, a blank row, a header merged
    over two rows with a group header, a row of column numbers, group headings, a level
    merged down a block, and a code formatted with its leading zeros."""
    workbook = Workbook()
    sheet = _sheet(workbook, "Danh sách")
    sheet["A1"] = "ỦY BAN NHÂN DÂN TỈNH DEMO"
    sheet["A2"] = "DANH SÁCH CƠ QUAN, ĐƠN VỊ ÁP DỤNG HTQLCL THEO TCVN ISO 9001:2015"
    sheet.merge_cells("A2:F2")
    for cell, text in {"A4": "STT", "D4": "Cấp", "E4": "Trang TTĐT", "F4": "Ghi chú"}.items():
        sheet[cell] = text
        sheet.merge_cells(f"{cell}:{cell[0]}5")
    sheet["B4"] = "Thông tin cơ quan"
    sheet.merge_cells("B4:C4")
    sheet["B5"], sheet["C5"] = "Mã", "Tên"
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])  # row 6
    sheet.append(["I", "CÁC SỞ, BAN, NGÀNH"])  # row 7
    sheet.merge_cells("B7:F7")
    sheet.append([1, "SKHCN", "Sở Khoa học và Công nghệ", "Sở", "skhcn.demo.gov.vn"])  # 8
    sheet.append([2, "STP", "Sở Tư pháp", None, "https://stp.demo.gov.vn"])  # 9
    sheet.append([3, "SYT", "Sở Y tế", None, "syt.demo.gov.vn:8080/iso"])  # 10
    sheet.merge_cells("D8:D10")  # "Sở" for the whole block
    sheet.append(["II", "UBND CẤP XÃ"])  # row 11
    sheet.merge_cells("B11:F11")
    sheet.append([4, 123, "UBND xã An Bình", "UBND xã", "anbinh.demo.gov.vn"])  # row 12
    sheet["B12"].number_format = "00000"
    return workbook


def test_a_staff_workbook_with_a_title_merged_headers_and_group_headings(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "danh-sach.xlsx"
    _staff_workbook().save(path)
    report = import_registry(session, path)
    assert report.errors == [] and report.warnings == []
    assert report.created == 4
    imported = agencies(session)
    assert {code: a.level for code, a in imported.items()} == {
        "SKHCN": "department",
        "STP": "department",
        "SYT": "department",
        "00123": "commune",
    }
    assert imported["SKHCN"].website == "http://skhcn.demo.gov.vn/"
    assert imported["SYT"].website == "http://syt.demo.gov.vn:8080/iso"
    assert imported["00123"].name == "UBND xã An Bình"
    assert [(issue.row, issue.reason) for issue in report.skipped] == [
        (7, "dòng tiêu đề nhóm “I CÁC SỞ, BAN, NGÀNH”"),
        (11, "dòng tiêu đề nhóm “II UBND CẤP XÃ”"),
    ]
    (use,) = report.sheets
    assert use.used and "dòng 4–5" in use.detail and "B “Mã”" in use.detail


def test_real_provincial_headers(session: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "ds.csv", _csv(STAFF_ROWS).encode("utf-8"))
    report = import_registry(session, path)
    assert report.errors == [] and report.created == 4
    imported = agencies(session)
    assert imported["000.00.07.H99"].name == "Sở Khoa học và Công nghệ"
    assert imported["000.00.21.H99"].level == "branch"
    assert imported["000.01.33.H99"].website == "http://hoabinh.demo.gov.vn/"
    assert imported["000.02.33.H99"].level == "district"


def test_every_sheet_is_read_and_each_one_skipped_says_why(
    session: Session, tmp_path: Path
) -> None:
    workbook = Workbook()
    departments = _sheet(workbook, "Sở")
    departments.append(["Mã", "Tên cơ quan", "Cấp", "Website"])
    departments.append(["SKHCN", "Sở Khoa học và Công nghệ", "Sở", "skhcn.demo.gov.vn"])
    guide = workbook.create_sheet("Hướng dẫn")
    guide["A1"] = "Mỗi cơ quan một dòng; cấp ghi: Sở, Chi cục, UBND xã…"
    communes = workbook.create_sheet("Xã")
    communes.append(["Mã", "Tên cơ quan", "Cấp", "Website"])
    communes.append(["XA01", "UBND xã An Bình", "Xã", "anbinh.demo.gov.vn"])
    old = workbook.create_sheet("Cũ")
    old.append(["Mã", "Tên cơ quan", "Cấp", "Website"])
    old.append(["XA99", "UBND xã đã sáp nhập", "Xã", "cu.demo.gov.vn"])
    old.sheet_state = "hidden"
    workbook.create_sheet("Trống")
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    report = import_registry(session, path)
    assert set(agencies(session)) == {"SKHCN", "XA01"}
    assert [(use.sheet, use.used) for use in report.sheets] == [
        ("Sở", True),
        ("Hướng dẫn", False),
        ("Xã", True),
        ("Cũ", False),
        ("Trống", False),
    ]
    reasons = {use.sheet: use.detail for use in report.sheets if not use.used}
    assert reasons == {
        "Hướng dẫn": "không có dòng tiêu đề trong 30 dòng đầu (thiếu cột Mã, Tên cơ quan)",
        "Cũ": "trang ẩn",
        "Trống": "trang trống",
    }

    only = import_registry(session, path, sheets=["cu"])  # case and diacritics ignored
    assert only.created == 1 and "XA99" in agencies(session)
    assert [use.sheet for use in only.sheets if use.used] == ["Cũ"]
    with pytest.raises(RegistryFileError, match=r"không có trang “Huyện”.*“Sở”, “Hướng dẫn”"):
        import_registry(session, path, sheets=["Huyện"])
    with pytest.raises(RegistryFileError, match="trang “Hướng dẫn”: không có dòng tiêu đề"):
        import_registry(session, path, sheets=["Hướng dẫn"])


def test_websites_given_only_as_hyperlinks(session: Session, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = _sheet(workbook, "Danh sách")
    sheet.append(["Mã", "Tên cơ quan", "Cấp", "Trang thông tin điện tử"])
    sheet.append(["SYT", "Sở Y tế", "Sở", "Cổng TTĐT Sở Y tế"])
    sheet["D2"].hyperlink = "https://syt.demo.gov.vn/"
    sheet.append(["STP", "Sở Tư pháp", "Sở", "https://stp.demo.gov.vn/"])
    sheet["D3"].hyperlink = "https://stp.demo.gov.vn/"
    sheet.append(["SXD", "Sở Xây dựng", "Sở", None])
    sheet["B4"].hyperlink = "sxd.demo.gov.vn"  # a link typed without a scheme
    sheet.append(["SNV", "Sở Nội vụ", "Sở", "Cổng TTĐT Sở Nội vụ"])
    sheet["D5"].hyperlink = "mailto:vanthu@snv.demo.gov.vn"
    sheet.append(["SCT", "Sở Công thương", "Sở", "Cổng TTĐT"])  # no link: an error
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    report = import_registry(session, path)
    websites = {code: a.website for code, a in agencies(session).items()}
    assert websites == {
        "SYT": "https://syt.demo.gov.vn/",
        "STP": "https://stp.demo.gov.vn/",
        "SXD": "http://sxd.demo.gov.vn/",
    }
    assert [(e.row, e.column) for e in report.errors] == [
        (5, "siêu liên kết ở cột D “Trang thông tin điện tử”"),
        (6, "cột D “Trang thông tin điện tử”"),
    ]


def test_a_sheet_with_no_website_column_but_hyperlinks_on_the_names(
    session: Session, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = _sheet(workbook, "Xã")
    sheet.append(["STT", "Mã", "Tên cơ quan"])
    sheet.append([1, "XA01", "UBND xã An Bình"])
    sheet["C2"].hyperlink = "http://anbinh.demo.gov.vn"
    sheet.append([2, "XA02", "UBND phường Hòa Bình"])  # no link: kept without a website
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    report = import_registry(session, path)
    imported = agencies(session)
    assert imported["XA01"].website == "http://anbinh.demo.gov.vn/"
    assert imported["XA02"].website is None
    assert [ref.code for ref in report.without_website] == ["XA02"]
    assert "Trang “Xã”: không có cột Cấp: cấp suy ra từ tên." in report.notes
    assert imported["XA02"].level == "commune"


def test_codes_keep_the_leading_zeros_their_format_shows_and_lost_ones_are_warned(
    session: Session, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = _sheet(workbook, "Xã")
    sheet.append(["Mã", "Tên cơ quan", "Cấp", "Website"])
    sheet.append([123, "UBND xã A", "Xã", "a.demo.vn"])
    sheet["A2"].number_format = "00000"
    sheet.append([456, "UBND xã B", "Xã", "b.demo.vn"])
    sheet["A3"].number_format = "General"
    sheet.append([10789, "UBND xã C", "Xã", "c.demo.vn"])
    sheet.append([1.0, "UBND xã D", "Xã", "d.demo.vn"])
    sheet["A5"].number_format = "000000;@"
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    report = import_registry(session, path)
    assert set(agencies(session)) == {"00123", "456", "10789", "000001"}
    assert [(w.row, w.column) for w in report.warnings] == [(3, "cột A “Mã”")]
    assert "456 ngắn hơn các mã số khác (5 chữ số)" in report.warnings[0].reason
    assert "Văn bản (Text)" in report.warnings[0].reason


def test_a_code_that_is_a_stored_code_without_its_zeros_is_warned(
    session: Session, tmp_path: Path
) -> None:
    header = "Mã,Tên cơ quan,Cấp,Website\n"
    first = write(tmp_path / "a.csv", (header + "00123,UBND xã A,Xã,a.demo.vn\n").encode())
    import_registry(session, first)
    again = write(tmp_path / "b.csv", (header + "123,UBND xã A,Xã,a.demo.vn\n").encode())
    report = import_registry(session, again)
    (warning,) = report.warnings
    assert "trùng với mã 00123 đã nhập" in warning.reason


def test_csv_in_windows_1258_as_excel_saves_it_on_vietnamese_windows(
    session: Session, tmp_path: Path
) -> None:
    data = windows_1258(_csv(STAFF_ROWS, ";"))  # ";": Excel's list separator there
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = import_registry(session, write(tmp_path / "ds.csv", data))
    assert report.errors == [] and report.created == 4
    assert report.encoding == "windows-1258"
    assert "Tệp CSV được đọc theo bảng mã windows-1258 (không phải UTF-8)." in report.notes
    imported = agencies(session)
    assert imported["000.01.33.H99"].name == "UBND xã Hòa Bình"
    assert imported["000.00.07.H99"].name == "Sở Khoa học và Công nghệ"


def test_csv_in_cp1252_is_read_and_lost_letters_are_warned(
    session: Session, tmp_path: Path
) -> None:
    text = "Mã,Tên cơ quan,Cấp,Website\nSKHCN,Sở Khoa học,Sở,skhcn.vn\nXA1,Xã Bình An,Xã,ba.vn\n"
    data = windows_1252(text)
    assert b"?" in data  # "ã" and "à" survive in cp1252, "ở" and "ọ" do not
    report = import_registry(session, write(tmp_path / "ds.csv", data))
    assert report.encoding == "windows-1252"
    assert report.created == 2
    assert agencies(session)["XA1"].name == "Xã Bình An"
    assert [(w.row, w.column) for w in report.warnings] == [(2, "cột B “Tên c? quan”")]
    assert "có thể đã mất" in report.warnings[0].reason


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("utf-8", "\t"), ("utf-16", "\t")],
)
def test_csv_encodings_and_delimiters(
    session: Session, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    text = (
        f"Mã{delimiter}Tên cơ quan, đơn vị{delimiter}Cấp{delimiter}Website\n"
        f"STP{delimiter}Sở Tư pháp{delimiter}Sở{delimiter}stp.vn\n"
    )
    if delimiter == ",":
        text = text.replace("Tên cơ quan, đơn vị", '"Tên cơ quan, đơn vị"')
    report = import_registry(session, write(tmp_path / "ds.csv", text.encode(encoding)))
    assert report.encoding is None and report.errors == []
    assert agencies(session)["STP"].name == "Sở Tư pháp"


def test_csv_with_a_two_row_header(session: Session, tmp_path: Path) -> None:
    text = (
        "DANH SÁCH CƠ QUAN,,,\n"
        ",,,\n"
        "Thông tin cơ quan,,Cấp,Trang thông tin\n"
        "Mã,Tên,,điện tử\n"
        "I,CÁC SỞ,,\n"
        "SKHCN,Sở Khoa học và Công nghệ,Sở,skhcn.vn\n"
    )
    report = import_registry(session, write(tmp_path / "ds.csv", text.encode()))
    assert report.errors == []
    assert agencies(session)["SKHCN"].website == "http://skhcn.vn/"
    assert "dòng 3–4" in report.sheets[0].detail


def test_old_excel_files_with_merged_headers_and_zero_formats(
    session: Session, tmp_path: Path
) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Danh sách")
    sheet.write_merge(0, 0, 0, 3, "DANH SÁCH CƠ QUAN ÁP DỤNG HTQLCL")
    sheet.write_merge(2, 2, 0, 1, "Thông tin cơ quan")
    sheet.write(3, 0, "Mã")
    sheet.write(3, 1, "Tên cơ quan")
    sheet.write_merge(2, 3, 2, 2, "Cấp")
    sheet.write_merge(2, 3, 3, 3, "Website")
    sheet.write(4, 0, 42, xlwt.easyxf(num_format_str="0000"))
    sheet.write(4, 1, "UBND phường Hòa Bình")
    sheet.write(4, 2, "UBND phường")
    sheet.write(4, 3, "hoabinh.demo.vn")
    path = tmp_path / "ds.xls"
    book.save(str(path))
    report = import_registry(session, path)
    assert report.errors == [] and report.created == 1
    agency = agencies(session)["0042"]
    assert (agency.name, agency.level) == ("UBND phường Hòa Bình", "commune")
    assert report.sheets[0].sheet == "Danh sách" and "dòng 3–4" in report.sheets[0].detail


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("ds.xlsx", b"PK\x03\x04 not really a workbook", "không đọc được tệp ds.xlsx"),
        ("ds.xlsx", b"Ma,Ten\n", "bị hỏng"),
        ("ds.ods", b"not zip", ".ods"),
        ("ds.pdf", b"%PDF-1.4", "định dạng .pdf không hỗ trợ"),
        ("ds.csv", b'Ma,Ten,"' + b"x" * 200_000 + b'"\n', "tệp CSV hỏng ở dòng 1"),
        ("ds.csv", b"", "tệp trống"),
        ("ds.csv", b"Ma,Ten\nA,B\n", "thiếu cột Trang thông tin điện tử"),
    ],
)
def test_files_that_cannot_be_used_at_all(
    session: Session, tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    with pytest.raises(RegistryFileError, match=says):
        import_registry(session, write(tmp_path / name, data))
    assert agencies(session) == {}


def test_a_workbook_saved_as_csv_name_is_read_by_its_content(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "ds.xlsx"
    _staff_workbook().save(path)
    renamed = path.rename(tmp_path / "ds.csv")
    assert import_registry(session, renamed).created == 4
    assert isinstance(agencies(session)["SKHCN"], Agency)
