"""Classification of texts as real pages show them: where each new rule stops."""

from __future__ import annotations

from extractors import classify_text

PROCEDURE = """SỞ KẾ HOẠCH VÀ ĐẦU TƯ
QUY TRÌNH ĐĂNG KÝ THÀNH LẬP DOANH NGHIỆP
Biểu mẫu quy trình kèm theo. Mã hiệu: QT-05/SKHĐT
Lần ban hành: 01
1. MỤC ĐÍCH: quy định trình tự đăng ký doanh nghiệp. Liên hệ: Phòng Đăng ký kinh doanh,
email dkkd@skhdt.gov.vn, tư vấn miễn phí cho doanh nghiệp.
2. PHẠM VI: doanh nghiệp đăng ký thành lập trên địa bàn tỉnh.
5. NỘI DUNG QUY TRÌNH: tiếp nhận, thẩm định, cấp giấy chứng nhận đăng ký doanh nghiệp."""


def test_an_agency_procedure_with_forms_and_a_contact_line_is_no_template() -> None:
    found = classify_text(PROCEDURE)
    assert found.doc_type == "procedure", found.cues


def test_a_template_of_that_procedure_is_not_qms() -> None:
    template = "Mẫu quy trình đăng ký doanh nghiệp (tham khảo)\n" + PROCEDURE
    found = classify_text(template)
    assert found.doc_type == "not_qms"
    assert found.cues[0].startswith("explainer or template of a consultancy: 'mau quy trinh'")


def test_an_explainer_headline_alone_does_not_decide() -> None:
    """'là gì' in a headline needs a second sign (an example, a contact block)."""
    text = "Chính sách chất lượng là gì\nCHÍNH SÁCH CHẤT LƯỢNG\n" + (
        "Sở Nội vụ cam kết áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
        "phù hợp TCVN ISO 9001:2015."
    )
    assert classify_text(text).doc_type == "quality_policy"


REPORT = """BÁO CÁO
Tình hình công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015 năm 2025
Ngày đăng: 25/11/2025 | Lượt xem: 342
Trong thời gian qua, Sở Khoa học và Công nghệ đã tổ chức hướng dẫn các cơ quan sau sắp xếp.
Đến ngày 15/11/2025, 45/48 cơ quan đã công bố Hệ thống quản lý chất lượng."""


def test_a_report_on_declaring_is_a_report_even_posted_as_a_page() -> None:
    found = classify_text(REPORT)
    assert (found.doc_type, found.year) == ("report", 2025), found.cues


def test_news_about_the_same_report_is_still_news() -> None:
    news = (
        "Sở Khoa học và Công nghệ họp đánh giá tình hình công bố HTQLCL\n"
        "Ngày đăng: 25/11/2025\nVừa qua, Sở đã tổ chức hội nghị; tham dự có lãnh đạo các sở.\n"
        "Phát biểu tại hội nghị, Giám đốc Sở đề nghị các cơ quan hoàn thành công bố.\n"
        "Tin và ảnh: Minh Anh"
    )
    assert classify_text(news).doc_type == "not_qms"


def test_a_plan_to_redeclare_is_a_plan_not_a_declaration() -> None:
    plan = (
        "KẾ HOẠCH\nCông bố lại Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015 "
        "năm 2026\nI. MỤC ĐÍCH: hoàn thành công bố lại sau sắp xếp đơn vị hành chính."
    )
    assert classify_text(plan).doc_type == "plan"
