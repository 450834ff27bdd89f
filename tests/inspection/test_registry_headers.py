"""Finding the header of a registry sheet and the column of each field."""

import pytest

from inspection.registry.headers import column_letter, field_of, find_header


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Mã định danh", "code"),
        ("Mã định danh điện tử (*)", "code"),
        ("MÃ ĐƠN VỊ", "code"),
        ("Tên cơ quan, đơn vị", "name"),
        ("Tên cơ quan/đơn vị áp dụng HTQLCL", "name"),
        ("Cấp (Sở/Chi cục/Xã)", "level"),
        ("Địa chỉ trang thông tin điện tử", "website"),
        ("Trang TTĐT (website)", "website"),
        ("Cổng thông tin điện tử", "website"),
        ("Tên cơ quan chủ quản", "parent"),
        ("Mã cơ quan chủ quản", "parent"),
        ("Ngày thành lập (sắp xếp)", "established"),
        ("STT", "serial"),
        ("T?n c? quan", "name"),  # letters lost to cp1252
        ("Ghi chú", None),
        ("Địa chỉ", None),  # the street address, not the website
        ("Địa chỉ thư điện tử", None),
        ("DANH SÁCH TRANG THÔNG TIN ĐIỆN TỬ CỦA CÁC CƠ QUAN", None),
    ],
)
def test_header_texts_staff_write(text: str, field: str | None) -> None:
    assert field_of(text) == field


def test_the_header_below_a_title_and_blank_rows() -> None:
    rows = [
        ["ỦY BAN NHÂN DÂN TỈNH DEMO", "", ""],
        ["DANH SÁCH TRANG THÔNG TIN ĐIỆN TỬ"] * 3,  # a title merged across
        ["", "", ""],
        ["Mã", "Tên cơ quan", "Website"],
        ["A", "Sở A", "a.vn"],
    ]
    header = find_header(rows)
    assert header is not None
    assert (header.first_row, header.last_row, header.data_start) == (3, 3, 4)
    assert {name: c.index for name, c in header.columns.items()} == {
        "code": 0,
        "name": 1,
        "website": 2,
    }


def test_a_group_header_over_sub_headers() -> None:
    rows = [
        ["STT", "Thông tin cơ quan", "Thông tin cơ quan", "Cấp", "Website"],
        ["STT", "Mã", "Tên", "Cấp", "Website"],
        ["1", "A", "Sở A", "Sở", "a.vn"],
    ]
    header = find_header(rows)
    assert header is not None and (header.first_row, header.last_row) == (0, 1)
    assert {name: (c.index, c.title) for name, c in header.columns.items()} == {
        "serial": (0, "STT"),
        "code": (1, "Mã"),
        "name": (2, "Tên"),
        "level": (3, "Cấp"),
        "website": (4, "Website"),
    }


def test_a_header_split_over_two_rows_is_read_as_one() -> None:
    rows = [["Mã", "Tên", "Trang thông tin"], ["", "", "điện tử"], ["A", "Sở A", "a.vn"]]
    header = find_header(rows)
    assert header is not None and header.data_start == 2
    assert header.columns["website"].title == "Trang thông tin điện tử"


def test_a_data_row_is_not_a_second_header_row() -> None:
    rows = [["Mã", "Tên", "Website"], ["SKHCN", "Cổng TTĐT", "skhcn.vn"]]
    header = find_header(rows)
    assert header is not None and header.data_start == 1


def test_a_second_column_for_a_field_is_kept_aside() -> None:
    header = find_header([["Mã", "Tên", "Website", "Cổng TTĐT"]])
    assert header is not None
    assert header.columns["website"].index == 2
    assert [str(c) for c in header.unused] == ["cột D “Cổng TTĐT”"]


def test_no_header_without_a_code_and_a_name() -> None:
    assert find_header([["Tên cơ quan", "Website"], ["Sở A", "a.vn"]]) is None
    assert find_header([]) is None


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_column_letters_as_excel_shows_them(index: int, letter: str) -> None:
    assert column_letter(index) == letter
