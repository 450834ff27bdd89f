"""One registry cell's value as staff write it: levels, websites, codes, dates."""

from datetime import date

import pytest

from inspection.registry.values import (
    level_from_name,
    parse_code,
    parse_date,
    parse_level,
    parse_website,
)


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("Sở", "department"),
        ("SỞ", "department"),
        ("so", "department"),
        ("Ban", "department"),
        ("Sở, ban, ngành", "department"),
        ("Văn phòng UBND tỉnh", "department"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "department"),
        ("Thanh tra tỉnh", "department"),
        ("Chi cục", "branch"),
        ("chi cuc", "branch"),
        ("UBND tỉnh", "province"),
        ("Ủy ban nhân dân tỉnh", "province"),
        ("Uỷ ban nhân dân tỉnh", "province"),  # the other tone placement
        ("Cấp tỉnh", "province"),
        ("UBND huyện", "district"),
        ("UBND quận", "district"),
        ("UBND thị xã", "district"),
        ("ubnd thi xa", "district"),
        ("UBND xã", "commune"),
        ("UBND phường", "commune"),
        ("UBND thị trấn", "commune"),
        ("Đặc khu", "commune"),
        ("UBND đặc khu", "commune"),
        ("Xã", "commune"),
        ("Xã/Phường", "commune"),
        ("Khối xã, phường", "commune"),
        ("xã, phường và thị trấn", "commune"),
        ("department", "department"),
        ("commune", "commune"),
    ],
)
def test_levels_in_the_words_staff_write(written: str, level: str) -> None:
    assert parse_level(written) == level


def test_a_city_is_a_province_when_it_is_centrally_run_and_a_district_otherwise() -> None:
    assert parse_level("UBND thành phố", name="UBND thành phố Hải Phòng") == "province"
    assert parse_level("UBND thành phố", name="Ủy ban nhân dân Thành phố Hồ Chí Minh") == "province"
    assert parse_level("UBND thành phố", name="UBND thành phố Thái Nguyên") == "district"
    # "thuê" folds to a word containing "hue", but is not Huế
    assert parse_level("Thành phố", name="UBND thành phố cho thuê") == "district"


def test_an_unknown_level_lists_the_accepted_values_in_vietnamese() -> None:
    with pytest.raises(ValueError) as raised:
        parse_level("Galaxy")
    message = str(raised.value)
    assert message.startswith("cấp “Galaxy” không hợp lệ")
    for accepted in ("Sở", "Chi cục", "UBND tỉnh", "UBND huyện", "UBND xã", "đặc khu"):
        assert accepted in message
    assert "department" not in message and "commune" not in message


def test_mixed_levels_in_one_cell_are_not_a_level() -> None:
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_level("Sở/Xã")


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Sở Tư pháp", "department"),
        ("Ban Quản lý các khu công nghiệp", "department"),
        ("Văn phòng UBND tỉnh", "department"),
        ("Chi cục Thủy lợi", "branch"),
        ("UBND tỉnh Demo", "province"),
        ("UBND huyện Yên Bình", "district"),
        ("UBND xã An Bình", "commune"),
        ("Ủy ban nhân dân phường Hòa Bình", "commune"),
        ("Xã Tân Lập", "commune"),
        ("Đặc khu Côn Đảo", "commune"),
        ("UBND thành phố Cần Thơ", "province"),
        ("Trung tâm Phục vụ hành chính công", None),
        ("Sởi", None),  # a word that begins like "Sở" is not "Sở"
    ],
)
def test_the_level_an_agency_name_begins_with(name: str, level: str | None) -> None:
    assert level_from_name(name) == level


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("https://skhcn.tinh.gov.vn/", "https://skhcn.tinh.gov.vn/"),
        ("skhcn.tinh.gov.vn", "http://skhcn.tinh.gov.vn/"),
        ("www.skhcn.tinh.gov.vn/", "http://www.skhcn.tinh.gov.vn/"),
        ("  https://stp.tinh.gov.vn \u00a0", "https://stp.tinh.gov.vn/"),
        ("HTTPS://STP.Tinh.Gov.VN/ISO", "https://stp.tinh.gov.vn/ISO"),
        ("host:8080/iso", "http://host:8080/iso"),
        ("portal.tinh.gov.vn:8080/so-khcn/", "http://portal.tinh.gov.vn:8080/so-khcn/"),
        ("https://a.vn:443/", "https://a.vn/"),
        ("http://a.vn:80", "http://a.vn/"),
        ("10.0.0.5:8080", "http://10.0.0.5:8080/"),
        ("http:/a.vn/iso", "http://a.vn/iso"),
        ("https//a.vn", "https://a.vn/"),
        ("a.vn/index.php?cat=3#top", "http://a.vn/index.php?cat=3"),
        ("//a.vn/x", "http://a.vn/x"),
        ("skhcn.localhost:8123/", "http://skhcn.localhost:8123/"),
    ],
)
def test_websites_are_normalised_to_absolute_http_urls(written: str, url: str) -> None:
    assert parse_website(written) == url


def test_an_empty_website_is_none() -> None:
    assert parse_website("") is None
    assert parse_website(" \u00a0\u200b") is None


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("ftp://c.vn/", "không phải địa chỉ http hoặc https"),
        ("mailto:vanthu@tinh.gov.vn", "không phải địa chỉ http hoặc https"),
        ("vanthu@tinh.gov.vn", "thư điện tử"),
        ("không-phải-url", "tên miền không hợp lệ"),
        ("chưa có", "khoảng trắng"),
        ("a.vn b.vn", "khoảng trắng"),
        ("a.vn:99999", "cổng sai"),
        ("http://a..vn", "tên miền không hợp lệ"),
        ("http://-a.vn", "tên miền không hợp lệ"),
        ("a.v1", "tên miền không hợp lệ"),
    ],
)
def test_an_invalid_website_says_why(written: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_website(written)


def test_codes_are_text_and_a_scientific_number_is_refused() -> None:
    assert parse_code(" 000.00.07.H99 ") == "000.00.07.H99"
    assert parse_code("'00123") == "00123"
    assert parse_code("") == ""
    with pytest.raises(ValueError, match="lũy thừa"):
        parse_code("1,23E+11")
    with pytest.raises(ValueError, match="dài quá"):
        parse_code("X" * 65)


def test_dates_in_vietnamese_and_iso_forms() -> None:
    assert parse_date("01/07/2025") == date(2025, 7, 1)
    assert parse_date("1-7-2025") == date(2025, 7, 1)
    assert parse_date("01.07.2025") == date(2025, 7, 1)
    assert parse_date("2025-07-01") == date(2025, 7, 1)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="DD/MM/YYYY"):
        parse_date("31/02/2025")
