"""The main text of CMS pages: the CMS's own markup, side columns and blocks left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import Reading, read_document
from extractors.html import read_html

CORPUS = Path(__file__).parent / "corpus"

# (corpus page, CMS, how the main element is found, words kept, words of the chrome)
PAGES = [
    (
        "html_nukeviet_news_sidebar_policy.html",
        "nukeviet",
        "nukeviet: [itemtype$='NewsArticle']",
        ["báo cáo viên đã giới thiệu Luật Hộ tịch", "Minh Châu - Văn phòng Sở"],
        ["CHÍNH SÁCH CHẤT LƯỢNG", "Tổng lượt truy cập", "Tin liên quan", "Bản quyền"],
    ),
    (
        "html_nukeviet_policy_page.html",
        "nukeviet",
        "nukeviet: .bodytext",
        ["CHÍNH SÁCH CHẤT LƯỢNG", "Rơ Mah Tuấn"],
        ["Văn bản mới", "15/KH-STP", "Chức năng, nhiệm vụ"],
    ),
    (
        "html_dnn_policy.html",
        "dotnetnuke",
        "dotnetnuke: #dnn_ContentPane",
        ["Sở Y tế tỉnh Đắk Lắk cam kết", "Nguyễn Đình Tuấn"],
        ["Đường dây nóng", "Lượt truy cập", "Thủ tục hành chính", "Tìm kiếm"],
    ),
    (
        "html_sharepoint_objectives.html",
        "sharepoint",
        "sharepoint: .ms-rtestate-field",
        ["Tỷ lệ hài lòng của tổ chức, cá nhân đạt trên 96%"],
        ["Thi đua khen thưởng", "Tổ chức bộ máy", "Cơ quan chủ quản"],
    ),
    (
        "html_liferay_procedure_view.html",
        "liferay",
        "liferay: .journal-content-article",
        ["Mã hiệu: QT-XD-03", "Tổng thời gian giải quyết: 20 ngày"],
        ["Văn bản chỉ đạo", "Quy trình ISO", "Bản quyền thuộc"],
    ),
    (
        "html_wordpress_widget_policy.html",
        "wordpress",
        "wordpress: article.post .entry-content",
        ["phân loại rác thải tại nguồn"],
        ["CHÍNH SÁCH CHẤT LƯỢNG", "Bài viết mới", "Bài trước", "Vận hành bởi WordPress"],
    ),
    (
        "html_bootstrap_sidebar_news.html",
        None,
        "measure",
        ["tỷ lệ đúng hạn đạt 99,2%"],
        ["CHÍNH SÁCH CHẤT LƯỢNG", "Cổng dịch vụ công quốc gia", "Đại lộ Lê Lợi"],
    ),
]


@pytest.mark.parametrize(
    ("name", "platform", "found_by", "kept", "dropped"), PAGES, ids=[p[0] for p in PAGES]
)
def test_the_main_text_of_a_cms_page_leaves_its_chrome_out(
    name: str, platform: str | None, found_by: str, kept: list[str], dropped: list[str]
) -> None:
    page = read_html((CORPUS / name).read_bytes())
    assert (page.platform, page.main_by) == (platform, found_by)
    assert all(words in page.text for words in kept), page.text
    assert [words for words in dropped if words in page.text] == []


def test_a_page_of_an_aspnet_form_is_read_and_its_search_box_is_not() -> None:
    page = read_html((CORPUS / "html_dnn_policy.html").read_bytes())
    assert page.title == "Hệ thống quản lý chất lượng"  # the module's heading; no h1
    assert page.text.count("CHÍNH SÁCH CHẤT LƯỢNG") == 1
    search = (
        '<html><body><form action="/tim-kiem"><input name="q"><p>Nhập từ khóa</p></form>'
        "<article><h1>Thông báo</h1><p>" + "Lịch tiếp công dân tháng 6. " * 10 + "</p></article>"
        "</body></html>"
    )
    assert "Nhập từ khóa" not in read_html(search.encode()).text


def test_the_post_heading_is_the_title_not_the_module_frame() -> None:
    frame = (
        '<html><head><meta name="generator" content="DotNetNuke"></head><body><form>'
        '<div id="dnn_ContentPane"><h2 class="c_title">Tin tức</h2><div class="tin-detail">'
        "<h1>Công bố Hệ thống quản lý chất lượng năm 2026</h1><p>"
        + "Sở Nội vụ công bố hệ thống. " * 8
        + "</p></div></div></form></body></html>"
    )
    assert read_html(frame.encode()).title == "Công bố Hệ thống quản lý chất lượng năm 2026"


def test_label_columns_of_a_document_page_are_not_side_columns() -> None:
    rows = "".join(
        f'<div class="row"><div class="col-md-3">{label}</div><div class="col-md-9">{value}</div>'
        "</div>"
        for label, value in (
            ("Số ký hiệu:", "QT-05/STP"),
            ("Ngày ban hành:", "20/05/2025"),
            ("Trích yếu:", "Quy trình cấp Phiếu lý lịch tư pháp"),
        )
    )
    html = f"<html><body><div class='vanban'>{rows}<p>{'Nội dung quy trình. ' * 10}</p></div>"
    page = read_html(f"{html}</body></html>".encode())
    assert "Số ký hiệu:" in page.text and "Trích yếu:" in page.text


def test_a_narrow_column_of_blocks_beside_the_content_is_left_out() -> None:
    html = (
        '<html><body><div class="row"><div class="col-lg-8"><h1>Tin hoạt động</h1><p>'
        + "UBND xã tổ chức ra quân làm sạch môi trường. " * 6
        + '</p></div><div class="col-lg-4"><div class="widget"><h3>Chính sách chất lượng</h3>'
        "<p>CHÍNH SÁCH CHẤT LƯỢNG: cam kết áp dụng TCVN ISO 9001:2015.</p></div></div></div>"
        "</body></html>"
    )
    page = read_html(html.encode())
    assert "ra quân" in page.text and "CHÍNH SÁCH" not in page.text


def test_an_empty_cms_frame_falls_back_to_the_measure() -> None:
    html = (
        '<html><head><meta name="generator" content="Joomla! - Open Source"></head><body>'
        '<div class="item-page"><p>Đang cập nhật</p></div>'
        '<div class="noidung"><h1>Kế hoạch năm 2026</h1><p>'
        + "Kế hoạch duy trì hệ thống quản lý chất lượng. " * 5
        + "</p></div></body></html>"
    )
    page = read_html(html.encode())
    assert page.platform == "joomla" and page.main_by == "measure"
    assert "Kế hoạch duy trì" in page.text


def _portal_page(*, visitors: int, today: str, said: str) -> bytes:
    return f"""<html><head><title>Chính sách chất lượng</title></head><body>
<div id="header">{today}</div><input type="hidden" name="__VIEWSTATE" value="{visitors:x}">
<div class="row"><div class="col-md-9"><div class="news-detail"><h1>Chính sách chất lượng</h1>
<p>{said}</p></div></div><div class="col-md-3"><div class="block"><h3>Thống kê</h3>
<p>Lượt truy cập: {visitors}</p></div></div></div></body></html>""".encode()


def test_a_pages_fingerprint_is_what_it_says_not_its_counters() -> None:
    said = "Ủy ban nhân dân xã cam kết xây dựng, áp dụng và duy trì hệ thống quản lý chất lượng."
    html = "text/html; charset=utf-8"
    monday = read_document(
        _portal_page(visitors=101, today="Thứ Hai, 06/07/2026", said=said), content_type=html
    )
    tuesday = read_document(
        _portal_page(visitors=188, today="Thứ Ba, 07/07/2026", said=said), content_type=html
    )
    edited = read_document(
        _portal_page(visitors=188, today="Thứ Ba, 07/07/2026", said=said + " Năm 2026."),
        content_type=html,
    )
    assert monday.fingerprint is not None
    assert monday.fingerprint == tuesday.fingerprint != edited.fingerprint
    assert read_document(b"%PDF-1.4 broken", content_type="application/pdf").fingerprint is None


@pytest.mark.parametrize(
    "stamp",
    ["Thứ Tư, 02/12/2026 11:19:58", "02/12/2026 - 08:05", "10:15 AM", "Lượt truy cập: 1.234.567",
     "Đang online: 12", "Hôm nay: 340", "Thứ Năm, ngày 03/12/2026"],
)  # fmt: skip
def test_a_clock_or_counter_is_no_part_of_what_a_page_says(stamp: str) -> None:
    said = "Chính sách chất lượng\nCam kết duy trì hệ thống quản lý chất lượng."
    plain = Reading(format="html", title="Chính sách", text=f"Tìm kiếm\n{said}")
    own_line = Reading(format="html", title="Chính sách", text=f"{stamp}\nTìm kiếm\n{said}")
    run_in = Reading(format="html", title="Chính sách", text=f"{stamp}Tìm kiếm\n{said}")
    assert plain.fingerprint == own_line.fingerprint == run_in.fingerprint


@pytest.mark.parametrize(
    "line",
    ["Lần ban hành: 03", "Ngày ban hành: 15/01/2026", "Mục tiêu chất lượng năm 2026",
     "Áp dụng TCVN ISO 9001:2015"],
)  # fmt: skip
def test_a_line_that_says_something_with_numbers_is_part_of_it(line: str) -> None:
    said = "Quy trình kiểm soát tài liệu\nMã hiệu: QT-01"
    plain = Reading(format="html", title="Quy trình", text=said)
    changed = Reading(format="html", title="Quy trình", text=f"{said}\n{line}")
    assert plain.fingerprint != changed.fingerprint


def test_an_edition_is_no_clock() -> None:
    def said(edition: str) -> Reading:
        return Reading(format="html", title="Công bố", text=f"Áp dụng TCVN ISO {edition}")

    assert said("9001:2008").fingerprint != said("9001:2015").fingerprint
