"""What a link's text or a file's name says a document is, before it is read."""

import pytest

from extractors.naming import doc_type_named


@pytest.mark.parametrize(
    ("name", "doc_type"),
    [
        ("Quyết định công bố HTQLCL", "declaration"),
        ("QĐ công bố lại Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015", "declaration"),
        ("qd-cong-bo-htqlcl-2024.pdf", "declaration"),
        ("Công bố HTQLCL (bản scan)", "declaration"),
        ("CHÍNH SÁCH CHẤT LƯỢNG", "quality_policy"),
        ("chinh_sach_chat_luong.docx", "quality_policy"),
        ("Mục tiêu chất lượng năm 2026", "quality_objectives"),
        ("Sổ tay chất lượng", "quality_manual"),
        ("Danh mục quy trình ISO", "process_list"),
        ("Kế hoạch đánh giá nội bộ HTQLCL 2025", "internal_audit"),
        ("Biên bản họp xem xét của lãnh đạo", "management_review"),
        ("QT 02/CX-HCTP", "procedure"),
        ("Quy trình ISO cấp giấy phép", "procedure"),
    ],
)
def test_a_name_that_says_what_it_is(name: str, doc_type: str) -> None:
    assert doc_type_named(name) == doc_type


@pytest.mark.parametrize(
    "name",
    [
        "Tải về",
        "Quyết định số 27/QĐ-SCT",  # a bare number says nothing of the content
        "Tin tức ISO 9001",
        "Hội nghị công bố kết quả chỉ số cải cách hành chính",
        "Sở công bố kết quả ISO năm",  # ISO alone is not a QMS term for a declaration
        "",
    ],
)
def test_a_name_that_says_nothing_of_the_qms(name: str) -> None:
    assert doc_type_named(name) is None
