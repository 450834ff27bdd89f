"""Platform adapters: detection, download handlers, the site of a start URL with a path, the
platforms' own searches and the listing data that is not in a page's anchors."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from parsel import Selector

from crawler.platforms import (
    ADAPTERS,
    GENERIC,
    Listed,
    PlatformAdapter,
    PlatformRequest,
    detect,
    is_download_handler,
    site_prefix,
)
from crawler.platforms.aspnet import page_method_calls, postback_pages, postback_searches

QUERIES = ("ISO 9001", "hệ thống quản lý chất lượng")


def _adapter(name: str) -> PlatformAdapter:
    return next(adapter for adapter in ADAPTERS if adapter.name == name)


def _page(html: str) -> Selector:
    return Selector(text=f"<html><head></head><body>{html}</body></html>")


# -- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("generator", "platform"),
    [
        ("NukeViet v4.5", "nukeviet"),
        ("DotNetNuke ", "dotnetnuke"),
        ("Microsoft SharePoint", "sharepoint"),
        ("Joomla! - Open Source Content Management", "joomla"),
        ("WordPress 6.4.2", "wordpress"),
    ],
)
def test_the_generator_meta_names_the_platform(generator: str, platform: str) -> None:
    html = f'<html><head><meta name="GENERATOR" content="{generator}"></head><body></body></html>'
    assert detect(Selector(text=html), "http://x.localhost/").name == platform


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("http://x.localhost/tabid/39/Default.aspx", "dotnetnuke"),
        ("http://x.localhost/index.php?language=vi&nv=laws&op=detail/qt-01", "nukeviet"),
        ("http://x.localhost/btdkt/Pages/tin-tuc.aspx", "sharepoint"),
        ("http://x.localhost/web/xa-binh-thanh/trang-chu", "liferay"),
        ("http://x.localhost/index.php?option=com_content&view=article&id=3", "joomla"),
        ("http://x.localhost/Portal/DonVi.aspx?DonViID=13", "iso_query"),
        ("http://x.localhost/gioi-thieu.html", "generic"),
    ],
)
def test_without_a_generator_the_url_scheme_names_the_platform(url: str, platform: str) -> None:
    assert detect(_page("<p>Trang</p>"), url).name == platform


def test_a_page_method_script_marks_the_iso_platform_anywhere() -> None:
    html = _page(f"<script>{_PAGE_METHOD_SCRIPT}</script>")
    assert detect(html, "http://qlcl.localhost/Portal/ChiTiet.aspx").name == "iso_query"


# -- download handlers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://a.localhost/vi/news/thong-bao/quyet-dinh-so-31-101.html?download=1&id=0",
        "http://a.localhost/index.php?language=vi&nv=laws&op=detail/qt-01-25&download=1&id=0",
        "http://a.localhost/LinkClick.aspx?fileticket=88v6ONypr6w%3d&tabid=39&mid=452",
        "http://a.localhost/download/quy-trinh/?wpdmdl=107&refresh=5cdeac",
        "http://a.localhost/index.php?option=com_phocadownload&view=category&download=5:qd&id=3",
        "http://a.localhost/documents/20182/0/so-tay.pdf/4f1a-9b",
        "http://a.localhost/c/document_library/get_file?uuid=1&groupId=2",
    ],
)
def test_download_handlers_in_the_query_are_known(url: str) -> None:
    assert is_download_handler(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://a.localhost/vi/news/thong-bao/quyet-dinh-so-31-101.html",
        "http://a.localhost/index.php?option=com_content&view=article&id=3",
        "http://a.localhost/tabid/39/Default.aspx",
        "http://a.localhost/?p=107",
    ],
)
def test_pages_are_not_download_handlers(url: str) -> None:
    assert not is_download_handler(url)


# -- the site of a start URL with a path --------------------------------------------------


@pytest.mark.parametrize(
    ("path", "prefix"),
    [
        ("/Pages/default.aspx", "/"),
        ("/btdkt/Pages/default.aspx", "/btdkt/"),
        ("/VanBan/Forms/AllItems.aspx", "/"),
        ("/tabid/36/default.aspx", "/"),
        ("/xa-an/tabid/120/Default.aspx", "/xa-an/"),
        ("/vi/", "/"),
        ("/xa-an-binh/vi/trang-chu", "/xa-an-binh/"),
        ("/en/trang-chu.html", "/"),
        ("/vi/xa-an-binh/", None),  # a member's folder in a shared portal's language folder
        ("/web/xa-binh-thanh", "/web/xa-binh-thanh/"),
        ("/web/xa-binh-thanh/trang-chu", "/web/xa-binh-thanh/"),
        ("/xa-an-binh/", None),
        ("/gioi-thieu.html", None),
    ],
)
def test_the_platform_url_scheme_says_where_the_site_starts(path: str, prefix: str | None) -> None:
    assert site_prefix(path) == prefix


# -- searches -----------------------------------------------------------------------------


def test_nukeviet_search_button_data_url_is_completed_with_the_query() -> None:
    html = _page(
        '<input type="text" class="form-control"><button type="button" '
        'data-url="/vi/seek/?q=" data-minlength="3"><em class="fa fa-search"></em></button>'
    )
    requests = _adapter("nukeviet").searches(html, "http://a.localhost/vi/news/", QUERIES)
    assert [r.url for r in requests] == [
        "http://a.localhost/vi/seek/?q=ISO+9001",
        "http://a.localhost/vi/seek/?q=h%E1%BB%87+th%E1%BB%91ng+qu%E1%BA%A3n+l%C3%BD+ch%E1%BA%A5t+l%C6%B0%E1%BB%A3ng",
    ]
    assert all(r.method == "GET" for r in requests)


_DNN_FORM = (
    '<form method="post" action="/tabid/36/default.aspx" id="Form">'
    '<input type="hidden" name="__EVENTTARGET" value=""><input type="hidden" '
    'name="__EVENTARGUMENT" value=""><input type="hidden" name="__VIEWSTATE" value="VS1">'
    "{inner}"
    '<input type="hidden" name="__EVENTVALIDATION" value="EV1"></form>'
)


def test_dotnetnuke_search_posts_the_form_back_with_the_query() -> None:
    inner = (
        '<input name="dnn$dnnSearch$txtSearch" type="text"><a id="dnn_dnnSearch_cmdSearch" '
        "href=\"javascript:__doPostBack('dnn$dnnSearch$cmdSearch','')\">Tìm kiếm</a>"
    )
    html = _page(_DNN_FORM.format(inner=inner))
    requests = _adapter("dotnetnuke").searches(html, "http://a.localhost/tabid/36/x.aspx", QUERIES)
    assert len(requests) == 2
    first = requests[0]
    assert (first.url, first.method, first.text) == (
        "http://a.localhost/tabid/36/default.aspx",
        "POST",
        "ISO 9001",
    )
    fields = parse_qs(first.body.decode())
    assert fields["__EVENTTARGET"] == ["dnn$dnnSearch$cmdSearch"]
    assert fields["dnn$dnnSearch$txtSearch"] == ["ISO 9001"]
    assert (fields["__VIEWSTATE"], fields["__EVENTVALIDATION"]) == (["VS1"], ["EV1"])


def test_a_page_without_a_search_button_posts_no_search() -> None:
    html = _page(_DNN_FORM.format(inner='<input name="dnn$txtSearch" type="text">'))
    assert postback_searches(html, "http://a.localhost/", QUERIES) == []


# -- listing data -------------------------------------------------------------------------


def test_a_grid_pages_by_postbacks_carrying_the_page_state() -> None:
    pager = "".join(
        f"<a href=\"javascript:__doPostBack('dnn$ctr452$grdVanBan','Page${n}')\">{n}</a>"
        for n in (2, 3)
    )
    other = "<a href=\"javascript:__doPostBack('dnn$ctr452$grdVanBan','Sort$Ngay')\">Ngày</a>"
    html = _page(_DNN_FORM.format(inner=f"<table><tr><td>{other}{pager}</td></tr></table>"))
    requests = postback_pages(html, "http://a.localhost/tabid/39/Default.aspx")
    assert [parse_qs(r.body.decode())["__EVENTARGUMENT"] for r in requests] == [
        ["Page$2"],
        ["Page$3"],
    ]
    assert requests[0].identity == "postback:/tabid/36/default.aspx:dnn$ctr452$grdVanBan:Page$2"
    assert parse_qs(requests[0].body.decode())["__VIEWSTATE"] == ["VS1"]


def test_postback_identity_does_not_change_with_the_view_state() -> None:
    pager = "<a href=\"javascript:__doPostBack('grid','Page$2')\">2</a>"
    first = postback_pages(_page(_DNN_FORM.format(inner=pager)), "http://a.localhost/t.aspx")
    again = _DNN_FORM.replace("VS1", "VS2").format(inner=pager)
    second = postback_pages(_page(again), "http://a.localhost/t.aspx")
    assert first[0].body != second[0].body
    assert first[0].identity == second[0].identity


_LIST_SCRIPT = (
    "ctx = new ContextInfo();\n"
    'var WPQ2ListData = { "Row" : [{"ID": "9", "FSObjType": "0", "FileLeafRef": '
    '"muc-tieu-chat-luong-nam-2026.pdf", "FileRef": "\\u002fbtdkt\\u002fVanBan\\u002f'
    'muc-tieu-chat-luong-nam-2026.pdf", "Title": "Mục tiêu chất lượng năm 2026"}, '
    '{"ID": "10", "FileLeafRef": "qd.docx", "FileRef": "\\u002fbtdkt\\u002fVanBan\\u002fqd.docx",'
    ' "Title": null}],"FirstRow" : 1,"NextHref" : "?Paged=TRUE\\u0026p_ID=10\\u0026'
    'PageFirstRow=11" };\nctx.ListData = WPQ2ListData;'
)


def test_sharepoint_list_data_gives_each_file_with_its_title_and_the_next_page() -> None:
    html = _page(f"<script>{_LIST_SCRIPT}</script>")
    base = "http://c.localhost/btdkt/VanBan/Forms/AllItems.aspx"
    listing = _adapter("sharepoint").listing(html, base)
    assert listing.links == (
        Listed("/btdkt/VanBan/muc-tieu-chat-luong-nam-2026.pdf", "Mục tiêu chất lượng năm 2026"),
        Listed("/btdkt/VanBan/qd.docx", "qd.docx"),
    )
    assert listing.next_pages == (
        PlatformRequest(url=f"{base}?Paged=TRUE&p_ID=10&PageFirstRow=11"),
    )


def test_a_broken_list_data_script_gives_nothing() -> None:
    html = _page('<script>var WPQ2ListData = { "Row" : [ {"FileRef": </script>')
    assert _adapter("sharepoint").listing(html, "http://c.localhost/").links == ()


_PAGE_METHOD_SCRIPT = """
function taiDanhSach(trang) {
  $.ajax({ type: "POST", url: "DonVi.aspx/LayDanhSachTaiLieu",
    data: JSON.stringify({ donViId: 13, pageIndex: trang, pageSize: 5 }),
    contentType: "application/json; charset=utf-8", dataType: "json" });
}
$(function () { taiDanhSach(1); });
"""


def test_a_page_method_is_posted_its_json_and_paged_by_its_page_field() -> None:
    (call,) = page_method_calls([_PAGE_METHOD_SCRIPT], "http://q.localhost/Portal/DonVi.aspx?x=1")
    assert (call.url, call.method) == (
        "http://q.localhost/Portal/DonVi.aspx/LayDanhSachTaiLieu",
        "POST",
    )
    assert call.content_type is not None and call.content_type.startswith("application/json")
    assert json.loads(call.body) == {"donViId": 13, "pageIndex": 1, "pageSize": 5}
    following = call.next_page()
    assert following is not None
    assert json.loads(following.body) == {"donViId": 13, "pageIndex": 2, "pageSize": 5}
    assert following.identity != call.identity


def test_a_page_method_whose_fields_the_user_types_is_not_called() -> None:
    script = 'url: "TraCuu.aspx/Tim", data: JSON.stringify({ tuKhoa: $("#q").val, page: 1 })'
    assert page_method_calls([script], "http://q.localhost/") == []


def test_the_generic_adapter_adds_nothing() -> None:
    html = _page(f"<script>{_LIST_SCRIPT}</script>")
    assert GENERIC.listing(html, "http://x.localhost/").links == ()
    assert GENERIC.searches(html, "http://x.localhost/", QUERIES) == []
