from __future__ import annotations

from dataclasses import replace

from crawler.anchors import Anchor
from crawler.candidates import (
    MAX_PAGINATION,
    endpoint_link,
    listing_link,
    page_link,
    script_link,
    sitemap_entry_link,
    sitemap_link,
    start_link,
)
from crawler.frontier import Link
from crawler.platforms import PlatformRequest
from crawler.scope import AgencyScope

SCOPE = AgencyScope.of("http://portal.x/xa-an-binh/")
HOME = "http://portal.x/xa-an-binh/"
START = start_link(HOME)


def found(url: str, text: str = "", parent: Link = START, page: str = HOME) -> Link | None:
    return page_link(SCOPE, parent, Anchor(url=url, text=text), page)


def test_in_scope_page_is_followed_one_hop_deeper() -> None:
    link = found(HOME + "iso.html", "Hệ thống quản lý chất lượng")
    assert link is not None
    assert (link.depth, link.follow, link.document_hint, link.referer) == (1, True, False, HOME)
    assert link.text == "Hệ thống quản lý chất lượng"


def test_sibling_page_is_dropped() -> None:
    assert found("http://portal.x/xa-an-phu/iso.html", "ISO") is None
    assert found("http://other.vn/", "ISO") is None


def test_documents_elsewhere_are_fetched_but_not_followed() -> None:
    for url in ("http://portal.x/upload/xab/qd.pdf", "http://files.vn/DownloadFile.aspx?id=3"):
        link = found(url, "Tải về")
        assert link is not None
        assert (link.follow, link.document_hint) == (False, True)


def test_images_are_never_fetched() -> None:
    assert found(HOME + "anh/logo.png", "ISO") is None


def test_qms_page_lends_its_relevance_to_its_documents() -> None:
    qms_page = found(HOME + "iso.html", "Hệ thống quản lý chất lượng ISO 9001")
    news_page = found(HOME + "tin-tuc.html", "Tin tức")
    assert qms_page is not None and news_page is not None
    from_qms = found(HOME + "f.pdf", "Tải về", parent=qms_page, page=qms_page.url)
    from_news = found(HOME + "f.pdf", "Tải về", parent=news_page, page=news_page.url)
    assert from_qms is not None and from_news is not None
    assert from_qms.priority > from_news.priority


def test_breadth_first_for_equal_scores() -> None:
    shallow = found(HOME + "a.html", "Giới thiệu")
    assert shallow is not None
    deeper = found(HOME + "b.html", "Giới thiệu", parent=shallow, page=shallow.url)
    assert deeper is not None
    assert shallow.priority > deeper.priority


def test_pagination_keeps_depth_and_score_up_to_a_limit() -> None:
    list_page = found(HOME + "van-ban", "Văn bản quy trình ISO")
    assert list_page is not None
    second = found(HOME + "van-ban?page=2", "2", parent=list_page, page=list_page.url)
    assert second is not None
    assert (second.depth, second.pagination, second.score) == (1, 1, list_page.score)
    worn_out = replace(second, pagination=MAX_PAGINATION)
    assert found(HOME + "van-ban?page=3", "3", parent=worn_out, page=second.url) is None


def test_a_news_list_continues_after_promising_links_before_exploration() -> None:
    news = found(HOME + "tin-tuc.aspx", "Tin tức")
    assert news is not None
    page_2 = found(HOME + "tin-tuc.aspx?p=2", "Trang sau ›", parent=news, page=news.url)
    post = found(HOME + "tin-tuc/hoi-nghi-1.aspx", "Hội nghị tổng kết", parent=news, page=news.url)
    iso = found(HOME + "tin-tuc/iso-2.aspx", "Công bố HTQLCL", parent=news, page=news.url)
    menu = found(HOME + "gioi-thieu.aspx", "Giới thiệu")
    assert page_2 is not None and post is not None and iso is not None and menu is not None
    assert (page_2.depth, page_2.pagination) == (news.depth, 1)
    assert iso.priority > page_2.priority > max(menu.priority, post.priority)


def test_sitemaps_and_their_entries() -> None:
    sitemap = sitemap_link(HOME + "sitemap.xml", referer=None)
    assert sitemap.sitemap and sitemap.depth == 1
    entry = sitemap_entry_link(SCOPE, sitemap, HOME + "iso/quy-trinh.html", sitemap.url)
    assert entry is not None
    assert (entry.depth, entry.text, entry.sitemap) == (1, None, False)
    assert sitemap_entry_link(SCOPE, sitemap, "http://portal.x/xa-an-phu/", sitemap.url) is None


def test_the_row_around_a_link_raises_its_score() -> None:
    url = HOME + "van-ban/12"
    bare = found(url, "12/QĐ-UBND")
    context = "công bố HTQLCL theo TCVN ISO 9001"
    in_row = page_link(SCOPE, START, Anchor(url=url, text="12/QĐ-UBND", context=context), HOME)
    assert bare is not None and in_row is not None
    assert in_row.score >= bare.score + 40


def test_endpoint_of_a_shared_portal_page_is_read_with_the_page_relevance() -> None:
    iso_page = found(HOME + "iso.html", "Hệ thống quản lý chất lượng")
    assert iso_page is not None
    endpoint = endpoint_link(SCOPE, iso_page, "http://portal.x/api/van-ban?xa=1", iso_page.url)
    assert endpoint is not None
    assert (endpoint.endpoint, endpoint.depth, endpoint.score) == (True, 1, iso_page.score)
    assert endpoint_link(SCOPE, iso_page, "http://api.other.x/v", iso_page.url) is None


def test_script_halves_the_page_relevance_and_its_endpoint_restores_it() -> None:
    iso_page = found(HOME + "iso.html", "Hệ thống quản lý chất lượng")
    assert iso_page is not None
    script = script_link(iso_page, "http://portal.x/js/ds.js", iso_page.url)
    assert (script.script, script.depth, script.score) == (True, 1, iso_page.score // 2)
    endpoint = endpoint_link(SCOPE, script, "http://portal.x/api/ds", script.url)
    assert endpoint is not None and endpoint.score >= iso_page.score - 1


def test_next_pages_of_an_endpoint_are_bounded() -> None:
    listing = replace(START, pagination=MAX_PAGINATION, endpoint=True)
    url = "http://portal.x/xa-an-binh/api?page=31"
    assert endpoint_link(SCOPE, listing, url, HOME, next_page=True) is None
    assert endpoint_link(SCOPE, listing, url, HOME) is not None


def test_download_handlers_in_the_query_are_fetched_on_another_host_but_not_followed() -> None:
    for url in (
        "http://iso.other.vn/download/qt-02/?wpdmdl=107&refresh=5cd",
        "http://cms.other.vn/LinkClick.aspx?fileticket=88v6ONypr6w%3d&tabid=39",
        "http://xa.other.vn/index.php?option=com_phocadownload&view=category&download=5:qd",
    ):
        link = found(url, "Tải về")
        assert link is not None, url
        assert (link.follow, link.document_hint) == (False, True)


def test_a_link_of_the_navigation_stays_marked_in_the_frontier() -> None:
    anchor = Anchor(url=HOME + "gioi-thieu.html", text="Giới thiệu chung", navigation=True)
    link = page_link(SCOPE, START, anchor, HOME)
    assert link is not None and link.navigation


def test_a_postback_next_page_continues_the_list_and_keeps_its_request() -> None:
    request = PlatformRequest(
        url=HOME + "van-ban.aspx",
        method="POST",
        body=b"__EVENTARGUMENT=Page%242",
        content_type="application/x-www-form-urlencoded",
        identity="postback:/xa-an-binh/van-ban.aspx:grid:Page$2",
    )
    parent = replace(START, depth=1, score=6, pagination=0)
    link = listing_link(SCOPE, parent, request, HOME + "van-ban.aspx")
    assert link is not None
    assert (link.depth, link.pagination, link.request, link.endpoint) == (1, 1, request, False)
    assert listing_link(SCOPE, replace(parent, pagination=MAX_PAGINATION), request, HOME) is None


def test_a_page_method_on_the_platform_host_is_read_as_an_endpoint() -> None:
    scope = AgencyScope.of("http://qlcl.x/Portal/DonVi.aspx?DonViID=13")
    page = "http://qlcl.x/Portal/DonVi.aspx?DonViID=13"
    request = PlatformRequest(
        url="http://qlcl.x/Portal/DonVi.aspx/LayDanhSach",
        method="POST",
        body=b'{"donViId": 13, "pageIndex": 1}',
        content_type="application/json; charset=utf-8",
        page_field="pageIndex",
    )
    link = listing_link(scope, start_link(page), request, page)
    assert link is not None and link.endpoint and link.request == request
    elsewhere = replace(request, url="http://other.x/api")
    assert listing_link(scope, start_link(page), elsewhere, page) is None
