"""Which QMS activities a text says were held."""

import pytest

from extractors.activities import find_held


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (
            "2. Kết quả duy trì: Đã thực hiện đánh giá nội bộ, họp xem xét của lãnh đạo.",
            ("internal_audit", "management_review"),
        ),
        ("Đơn vị đã tổ chức họp xem xét của lãnh đạo vào tháng 12.", ("management_review",)),
        ("Nội dung: xem xét kết quả đánh giá nội bộ, mức độ hài lòng.", ("internal_audit",)),
        ("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO NĂM 2025", ("management_review",)),
        ("Don vi da tien hanh danh gia noi bo HTQLCL.", ("internal_audit",)),
        ("2 | Đánh giá nội bộ | Quý III", ()),
        ("4 | Hoàn thành đánh giá nội bộ và họp xem xét của lãnh đạo | 01 lần", ()),
        ("Năm 2025 đơn vị chưa tổ chức đánh giá nội bộ.", ()),
        ("Sẽ tổ chức đánh giá nội bộ trong quý III.", ()),
        ("Đã ban hành kế hoạch đánh giá nội bộ năm 2026.", ()),
        ("Quyết định công bố hệ thống quản lý chất lượng.", ()),
    ],
)
def test_find_held(text: str, held: tuple[str, ...]) -> None:
    assert find_held(text) == held
