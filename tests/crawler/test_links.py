from __future__ import annotations

import pytest

from crawler.frontier import AgencyFrontier
from crawler.links import (
    DOCUMENT_BONUS,
    PROMISING_SCORE,
    fold,
    is_generic_anchor,
    is_headline,
    is_number_title,
    is_pagination_link,
    list_key,
    looks_like_document_url,
    looks_like_download_url,
    looks_like_skippable_url,
    says_pagination,
    score_link,
)

HOME = "http://so-khcn.demo.gov.vn"


def test_fold_strips_vietnamese_diacritics_and_punctuation() -> None:
    assert fold("Hệ thống Quản lý Chất lượng – ĐẠT") == "he thong quan ly chat luong dat"


def test_qms_link_outscores_news() -> None:
    qms = score_link(f"{HOME}/gioi-thieu", "Hệ thống quản lý chất lượng")
    news = score_link(f"{HOME}/tin-tuc", "Tin tức - Sự kiện")
    assert qms > news
    assert news == 0


def test_text_matches_with_and_without_diacritics() -> None:
    with_marks = score_link(f"{HOME}/a", "Công bố HTQLCL theo TCVN ISO 9001:2015")
    without = score_link(f"{HOME}/a", "Cong bo htqlcl theo tcvn iso 9001:2015")
    assert with_marks == without > 0


def test_url_slug_and_compact_slug_score() -> None:
    assert score_link(f"{HOME}/he-thong-quan-ly-chat-luong", "Xem") > 0
    assert score_link(f"{HOME}/hethongquanlychatluong.aspx", "Xem") > 0
    assert score_link(f"{HOME}/iso/", "") > 0


def test_iso_must_be_a_word() -> None:
    assert score_link(f"{HOME}/a", "Isolation ward") == 0


def test_documents_come_before_pages_of_the_same_relevance() -> None:
    assert score_link(f"{HOME}/files/qd.pdf", "Quyết định") >= DOCUMENT_BONUS
    text = "Quyết định công bố ISO 9001"
    assert score_link(f"{HOME}/files/a.pdf", text) > score_link(f"{HOME}/trang/a", text)
    assert score_link(f"{HOME}/files/a.pdf", "Tin tức") > score_link(f"{HOME}/a", "Tin tức")


def test_download_endpoints_score_above_plain_pages() -> None:
    assert score_link(f"{HOME}/DownloadFile.aspx?id=3", "Tải về") > score_link(f"{HOME}/a", "")


def test_traps_are_penalised() -> None:
    assert score_link(f"{HOME}/lich-cong-tac?d=3", "Lịch công tác") < 0
    assert score_link(f"{HOME}/dang-nhap", "Đăng nhập") < 0


@pytest.mark.parametrize(
    ("url", "document", "download"),
    [
        (f"{HOME}/upload/Quyết định.PDF", True, True),
        (f"{HOME}/a/b.docx?v=2", True, True),
        (f"{HOME}/DownloadFile.aspx?id=3", False, True),
        (f"{HOME}/tai-ve/123", False, True),
        (f"{HOME}/tin-tuc/bai-viet.html", False, False),
    ],
)
def test_document_and_download_urls(url: str, document: bool, download: bool) -> None:
    assert looks_like_document_url(url) is document
    assert looks_like_download_url(url) is download


def test_skippable_urls() -> None:
    assert looks_like_skippable_url(f"{HOME}/anh/logo.PNG")
    assert looks_like_skippable_url(f"{HOME}/js/app.js")
    assert not looks_like_skippable_url(f"{HOME}/van-ban.pdf")
    assert not looks_like_skippable_url(f"{HOME}/van-ban")


@pytest.mark.parametrize("text", ["Tải về", "DOWNLOAD", " Xem ", "", "Tải xuống", "Chi tiết"])
def test_generic_anchors(text: str) -> None:
    assert is_generic_anchor(text)


def test_descriptive_anchor_is_not_generic() -> None:
    assert not is_generic_anchor("Quyết định công bố")


@pytest.mark.parametrize(
    "text",
    [
        "Ra quân hưởng ứng Tháng hành động vì môi trường",
        "Chi bộ tổ chức sinh hoạt chuyên đề quý 4 năm 2026",
        "Tap huan ky nang chuyen doi so cho can bo, cong chuc",  # no diacritics
    ],
)
def test_post_titles_are_headlines(text: str) -> None:
    assert is_headline(text)


@pytest.mark.parametrize(
    "text",
    ["Giới thiệu", "Cơ cấu tổ chức", "Thủ tục hành chính", "Văn bản chỉ đạo điều hành", ""],
)
def test_menu_labels_are_not_headlines(text: str) -> None:
    assert not is_headline(text)


LIST = f"{HOME}/van-ban"


@pytest.mark.parametrize(
    ("url", "text"),
    [
        (f"{HOME}/van-ban?page=2", "x"),
        (f"{HOME}/van-ban/trang-3", "x"),
        (f"{HOME}/van-ban?trang=3&loai=qd", "x"),
        (f"{HOME}/van-ban?page=4", "2"),
        (f"{HOME}/van-ban?p=9", "»"),
        (f"{HOME}/van-ban?p=9", "Trang sau"),
    ],
)
def test_pagination_links(url: str, text: str) -> None:
    assert is_pagination_link(url, text, LIST)


NEWS = f"{HOME}/tin-tuc.aspx"


@pytest.mark.parametrize(
    ("url", "text", "page"),
    [
        (f"{HOME}/tin-tuc.aspx?p=2", "2", NEWS),
        (f"{HOME}/tin-tuc.aspx?p=2", "Trang sau ›", NEWS),
        (f"{HOME}/tin-tuc.aspx?p=7", "»", f"{HOME}/tin-tuc.aspx?p=6"),
        (f"{HOME}/tin-tuc/trang-3.html", "3", f"{HOME}/tin-tuc.html"),
        (f"{HOME}/tin-tuc/trang-3.html", "x", f"{HOME}/tin-tuc/trang-2.html"),
        (f"{HOME}/tin-tuc/page/4/", "Next", f"{HOME}/tin-tuc/"),
        (f"{HOME}/Default.aspx?tabid=12&PageIndex=3", "x", f"{HOME}/Default.aspx?tabid=12"),
        (f"{HOME}/tin-tuc?page=2", "Tiếp", f"{HOME}/tin-tuc"),
        (f"{HOME}/blog/?paged=5", "5", f"{HOME}/blog/"),
        (f"{HOME}/tin-tuc/2", "2", f"{HOME}/tin-tuc"),
    ],
)
def test_pagination_in_the_ways_portals_write_it(url: str, text: str, page: str) -> None:
    assert is_pagination_link(url, text, page)


@pytest.mark.parametrize(
    ("url", "text", "page"),
    [
        (f"{HOME}/tin-tuc/bai-viet-13.html", "Tin tiếp theo »", f"{HOME}/tin-tuc/bai-12.html"),
        (f"{HOME}/?p=123", "Công bố hệ thống quản lý chất lượng", f"{HOME}/"),
        (f"{HOME}/lich/2026-11-15", "15", f"{HOME}/lich/2026-11"),
        ("http://other.vn/tin-tuc.aspx?page=2", "2", NEWS),
        (f"{HOME}/van-ban.aspx?page=2", "2", NEWS),
    ],
)
def test_not_pagination(url: str, text: str, page: str) -> None:
    assert not is_pagination_link(url, text, page)


def test_the_pages_of_one_list_share_a_key() -> None:
    first = list_key(f"{HOME}/Default.aspx?tabid=12")
    assert list_key(f"{HOME}/Default.aspx?PageIndex=3&tabid=12") == first
    assert list_key(f"{HOME}/Default.aspx?tabid=13&PageIndex=3") != first
    assert list_key(f"{HOME}/tin-tuc/trang-4.html") == list_key(f"{HOME}/tin-tuc.html")
    assert list_key(f"{HOME}/tin-tuc.aspx?p=3") == list_key(NEWS)
    assert list_key(f"{HOME}/van-ban.aspx?p=3") != list_key(NEWS)


def test_ordinary_link_is_not_pagination() -> None:
    assert not is_pagination_link(f"{HOME}/van-ban/chi-tiet-12", "Quyết định số 12", LIST)


def test_a_list_linked_from_elsewhere_is_not_pagination() -> None:
    assert not is_pagination_link(f"{HOME}/van-ban?page=1", "Văn bản", f"{HOME}/")


def test_quality_in_a_news_title_is_not_promising_but_quality_objectives_are() -> None:
    promising = AgencyFrontier(pages=1, depth=1).promising_score
    assert score_link(f"{HOME}/tin/1", "Nâng cao chất lượng giáo dục") < promising
    assert score_link(f"{HOME}/tin/2", "Mục tiêu chất lượng năm 2026") >= promising
    assert score_link(f"{HOME}/tin/3", "Chính sách chất lượng") >= promising
    assert score_link(f"{HOME}/tin/4", "Quy trình nội bộ") >= promising


def test_a_penalty_word_does_not_cancel_a_promising_text() -> None:
    assert score_link(f"{HOME}/vb/3", "QUY TRÌNH Đăng ký khai sinh") >= PROMISING_SCORE
    assert score_link(f"{HOME}/dang-ky", "Đăng ký tài khoản") < 0


# -- issue 9: download handlers in the query, number-only titles ------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"{HOME}/vi/news/thong-bao/quyet-dinh-so-31-101.html?download=1&id=0",
        f"{HOME}/LinkClick.aspx?fileticket=88v6ONypr6w%3d&tabid=39&mid=452",
        f"{HOME}/?wpdmdl=107&refresh=5cdeac",
        f"{HOME}/index.php?option=com_phocadownload&view=category&download=5:qd&id=3:van-ban",
    ],
)
def test_download_handlers_in_the_query_are_downloads(url: str) -> None:
    assert looks_like_download_url(url) and not looks_like_document_url(url)
    page = url.split("?")[0]
    assert score_link(url, "Tải về") >= score_link(page, "Tải về") + DOCUMENT_BONUS // 2


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 27/QĐ-SCT ngày 20/11/2025 của Giám đốc Sở Công Thương",
        "Số 06/2024/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh Demo",
        "23/QĐ-SGDĐT",
    ],
)
def test_a_number_only_title_is_no_headline(text: str) -> None:
    assert is_number_title(text)
    assert not is_headline(text)


def test_a_headline_citing_a_decree_is_still_a_headline() -> None:
    text = "Triển khai Bộ phận Một cửa theo Nghị định 118/2025/NĐ-CP tại trụ sở"
    assert not is_number_title(text)
    assert is_headline(text)


def test_a_pager_text_is_pagination_text() -> None:
    assert says_pagination("Trang sau ›") and says_pagination("2")
    assert not says_pagination("Văn bản")
