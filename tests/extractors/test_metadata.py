from datetime import date

import pytest

from extractors.metadata import (
    find_issued,
    find_issuer,
    find_number,
    find_procedure_code,
    find_scope,
    find_scope_list,
    find_signer,
    find_signer_title,
    find_year,
    join_broken_numbers,
    parse_date,
    title_region,
)
from extractors.vietnamese import fold

HEADER = """UBND TỈNH ĐỒNG THÁP
SỞ KHOA HỌC VÀ
CÔNG NGHỆ
Số: 87/QĐ-SKHCN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đồng Tháp, ngày 5 tháng 02 năm 2024
QUYẾT ĐỊNH
Về việc công bố Hệ thống quản lý chất lượng
phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015
GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ
Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015 đối với
các hoạt động giải quyết thủ tục hành chính của Sở.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)
Trương Thị Minh Thư
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số: 12/QĐ-SKHCN", "12/QĐ-SKHCN"),
        ("SỐ: 391/QĐ-UBND\nCỘNG HÒA", "391/QĐ-UBND"),
        ("Số:  04/QĐ-BCĐISO", "04/QĐ-BCĐISO"),
        ("So: 56/QD-STP", "56/QD-STP"),
        ("Số 385/KH-UBND", "385/KH-UBND"),
        ("Số: 87/QĐ-\nSKHCN\nĐồng Tháp", "87/QĐ-SKHCN"),
        ("Số: 87/QĐ-  \n  SKHCN", "87/QĐ-SKHCN"),
        ("Số: 05/2024/QĐ-UBND", "05/2024/QĐ-UBND"),
        ("Số: 12 /QĐ-UBND", "12/QĐ-UBND"),
        ("Số: 12 / 2019 / QĐ-UBND", "12/2019/QĐ-UBND"),
        ("Số:      /QĐ-UBND (dự thảo)", None),
        ("Căn cứ Quyết định số 19/2014/QĐ-TTg", None),  # cited, not the document's own
    ],
)
def test_find_number(text: str, expected: str | None) -> None:
    assert find_number(text) == expected


def test_find_number_falls_back_to_the_title() -> None:
    title = "Quyết định số 145/QĐ-SKHCN về việc công bố HTQLCL"
    assert find_number("no number here", title=title) == "145/QĐ-SKHCN"


def test_join_broken_numbers() -> None:
    assert join_broken_numbers("Số: 87/QĐ-\nSKHCN") == "Số: 87/QĐ-SKHCN"
    assert join_broken_numbers("đầu -\nTiếp") == "đầu -\nTiếp"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 05 tháng 3 năm 2024", date(2024, 3, 5)),
        ("ngày 5 tháng 03 năm 2024", date(2024, 3, 5)),
        ("ngày 05 tháng 02 năm 2023", date(2023, 2, 5)),
        ("ngay 14 thang 02 nam 2024", date(2024, 2, 14)),
        ("ngày 20/01/2018", date(2018, 1, 20)),
        ("07/7/2025", date(2025, 7, 7)),
        ("5-3-2024", date(2024, 3, 5)),
        ("05.03.2024", date(2024, 3, 5)),
        ("ngày 31 tháng 02 năm 2024", None),
        ("19/2014/QĐ-TTg", None),
        ("ngày    tháng    năm 2024", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_find_issued_takes_the_place_and_date_line() -> None:
    assert find_issued(HEADER) == date(2024, 2, 5)


def test_find_issued_of_a_procedure_uses_its_label() -> None:
    assert find_issued("QUY TRÌNH\nMã hiệu: QT-01\nNgày ban hành: 07/7/2025") == date(2025, 7, 7)


def test_find_issuer_joins_a_name_broken_over_lines() -> None:
    assert find_issuer(HEADER) == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"


def test_find_issuer_of_a_commune() -> None:
    text = "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 42/QĐ-UBND\nQUYẾT ĐỊNH"
    assert find_issuer(text) == "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"


def test_find_signer_under_the_last_signature_title() -> None:
    assert find_signer(HEADER) == "Trương Thị Minh Thư"


def test_find_signer_is_none_without_a_signature() -> None:
    assert find_signer("CHÍNH SÁCH CHẤT LƯỢNG\nSở cam kết phục vụ.") is None
    assert find_signer_title("CHÍNH SÁCH CHẤT LƯỢNG\nSở cam kết phục vụ.") is None


@pytest.mark.parametrize(
    ("block", "title"),
    [
        ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nTrương Thị Minh Thư", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Bình", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"),
        ("TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\nĐỗ Hữu Nghĩa", "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG"),
        ("CHI CỤC TRƯỞNG\nNgô Thị Phương Thảo", "CHI CỤC TRƯỞNG"),
        ("Nơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn An", "GIÁM ĐỐC"),
    ],
)
def test_find_signer_title_is_the_title_block_over_the_name(block: str, title: str) -> None:
    text = "Điều 3. Thi hành./.\n" + block
    assert find_signer_title(text) == title
    assert find_signer(text) == block.splitlines()[-1]


def test_title_region_stops_at_the_authority_line() -> None:
    assert title_region(HEADER) == (
        "QUYẾT ĐỊNH Về việc công bố Hệ thống quản lý chất lượng "
        "phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015"
    )


def test_title_region_of_a_bare_kind_line_takes_its_subject() -> None:
    text = "KẾ HOẠCH\nĐánh giá nội bộ HTQLCL năm 2026\n1. Mục đích: kiểm tra."
    assert title_region(text) == "KẾ HOẠCH Đánh giá nội bộ HTQLCL năm 2026"


def test_title_region_ignores_a_sentence_in_the_body() -> None:
    text = "Sở đã họp.\nNội dung khác.\nMột dòng nữa.\nQuyết định này có hiệu lực từ ngày ký."
    assert title_region(text) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("MỤC TIÊU CHẤT LƯỢNG NĂM 2026", 2026),
        ("Mục tiêu chất lượng 2025", 2025),
        ("KẾ HOẠCH duy trì HTQLCL theo TCVN ISO 9001:2015 năm 2026", 2026),
        ("Kế hoạch duy trì HTQLCL theo TCVN ISO 9001 : 2015", None),
        ("Báo cáo số 12/BC-UBND ngày 05/12/2024", None),
    ],
)
def test_find_year(title: str, expected: int | None) -> None:
    assert find_year(fold(title)) == expected


def test_find_scope_of_a_declaration_is_its_article_1() -> None:
    scope = find_scope(HEADER)
    assert scope is not None
    assert scope.startswith("Công bố Hệ thống quản lý chất lượng")
    assert scope.endswith("thủ tục hành chính của Sở.")


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("Điều 1. … thuộc phạm vi áp dụng tại Danh mục kèm theo.", True),
        ("Điều 1. … đối với 215 thủ tục hành chính (có danh mục kèm theo).", True),
        ("DANH MỤC LĨNH VỰC THUỘC PHẠM VI ÁP DỤNG\nSTT | Lĩnh vực", True),
        ("PHỤ LỤC\nDanh mục thủ tục hành chính áp dụng HTQLCL", True),
        ("DANH MUC THU TUC HANH CHINH", True),
        ("Điều 1. Công bố Hệ thống quản lý chất lượng của Sở phù hợp TCVN ISO 9001:2015.", False),
        ("Danh mục tài liệu tham khảo", False),
    ],
)
def test_find_scope_list(text: str, listed: bool) -> None:
    assert find_scope_list(text) is listed


def test_find_scope_after_a_heading() -> None:
    text = "2. Phạm vi áp dụng\nToàn bộ thủ tục hành chính của Sở.\n3. Tài liệu viện dẫn"
    assert find_scope(text) == "Toàn bộ thủ tục hành chính của Sở."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mã hiệu: QT-07/SKHCN", "QT-07/SKHCN"),
        ("QT 02/CX-HCTP\nQUY TRÌNH", "QT 02/CX-HCTP"),
        ("QT.05", "QT.05"),
        ("Không có mã", None),
    ],
)
def test_find_procedure_code(text: str, expected: str | None) -> None:
    assert find_procedure_code(text) == expected


def test_find_issuer_when_the_two_header_columns_share_lines() -> None:
    text = (
        "UBND TỈNH ĐỒNG THÁP     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ     Độc lập - Tự do - Hạnh phúc\n"
        "Số: 87/QĐ-SKHCN     Đồng Tháp, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH"
    )
    assert find_issuer(text) == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert find_number(text) == "87/QĐ-SKHCN"
    assert find_issued(text) == date(2024, 3, 5)
