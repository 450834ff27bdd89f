"""Crawls of sites served the ways CMS platforms serve them (issue 9), on a real HTTP server:
a DotNetNuke portal registered by a tab's URL whose document grid pages by postback, a
SharePoint site whose library is drawn from inline list data, and a provincial ISO platform
whose units are queries and whose lists come from a JSON page method paged by `pageIndex`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import PostRoute, Reply, Route, VirtualHosts, page, serve

DNN = "dnn.localhost"
SP = "sharepoint.localhost"
ISO = "qlcl.localhost"
PDF = b"%PDF-1.4\n% HTQLCL\n%%EOF\n"
ASP_ERROR = page("<h1>Server Error in '/' Application.</h1>", status=500)


def _file(name: str) -> Reply:
    """A file behind a handler: octet-stream, its name only in Content-Disposition."""
    return Reply(
        body=PDF,
        headers={
            "Content-Type": "application/octet-stream",
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )


def _dnn_page(tab: int, state: str, content: str) -> Reply:
    return page(
        '<meta name="generator" content="DotNetNuke">'
        f'<form method="post" action="/tabid/{tab}/Default.aspx" id="Form">'
        '<input type="hidden" name="__EVENTTARGET" value="">'
        '<input type="hidden" name="__EVENTARGUMENT" value="">'
        f'<input type="hidden" name="__VIEWSTATE" value="{state}">'
        '<input name="dnn$dnnSearch$txtSearch" type="text">'
        "<a href=\"javascript:__doPostBack('dnn$dnnSearch$cmdSearch','')\">Tìm kiếm</a>"
        '<ul class="menu"><li><a href="/tabid/36/Default.aspx">Trang chủ</a></li>'
        '<li><a href="/tabid/37/Default.aspx">Giới thiệu chung về Văn phòng Đoàn đại biểu '
        "Quốc hội và Hội đồng nhân dân tỉnh</a></li>"
        '<li><a href="/tabid/39/Default.aspx">Văn bản chỉ đạo, điều hành</a></li></ul>'
        f"{content}</form>"
    )


def _grid(rows: list[tuple[str, str]], pages: int) -> str:
    cells = "".join(
        f'<tr><td>{title}</td><td><a href="{href}">Tải về</a></td></tr>' for title, href in rows
    )
    pager = "".join(
        f"<a href=\"javascript:__doPostBack('dnn$ctr452$grdVanBan','Page${n}')\">{n}</a>"
        for n in range(2, pages + 1)
    )
    return f"<table>{cells}<tr><td colspan=2>{pager}</td></tr></table>"


QD_TICKET = "/LinkClick.aspx?fileticket=Xwz45HA2pz0%3d&tabid=39&mid=452"


def _dnn_grid_postback(body: bytes) -> Reply:
    """ASP.NET's answer: only to the page's own view state and a known event."""
    fields = {name: values[0] for name, values in parse_qs(body.decode()).items()}
    if fields.get("__VIEWSTATE") != "tab=39":
        return ASP_ERROR
    if fields.get("__EVENTTARGET") == "dnn$dnnSearch$cmdSearch":
        return _dnn_page(39, "tab=39", "<p>Không tìm thấy kết quả</p>")
    if (fields.get("__EVENTTARGET"), fields.get("__EVENTARGUMENT")) != (
        "dnn$ctr452$grdVanBan",
        "Page$2",
    ):
        return ASP_ERROR
    rows = [("123/QĐ-VP Quyết định công bố Hệ thống quản lý chất lượng ISO 9001", QD_TICKET)]
    return _dnn_page(39, "tab=39", _grid(rows, 2))


def _dnn() -> tuple[dict[str, Route], dict[str, PostRoute]]:
    plain = [(f"Kế hoạch công tác số {n}", f"/Portals/0/ke-hoach-{n}.pdf") for n in range(5)]
    routes: dict[str, Route] = {
        "/tabid/36/default.aspx": _dnn_page(36, "tab=36", "<p>Tin mới</p>"),
        "/tabid/36/Default.aspx": _dnn_page(36, "tab=36", "<p>Tin mới</p>"),
        "/tabid/37/Default.aspx": _dnn_page(37, "tab=37", "<p>Giới thiệu</p>"),
        "/tabid/39/Default.aspx": _dnn_page(39, "tab=39", _grid(plain, 2)),
        QD_TICKET: _file("quyet-dinh-cong-bo.pdf"),
        **{href: _file(href.rsplit("/", 1)[1]) for _, href in plain},
    }
    posts: dict[str, PostRoute] = {
        "/tabid/39/Default.aspx": _dnn_grid_postback,
        "/tabid/36/Default.aspx": lambda body: _dnn_page(36, "tab=36", "<p>Không tìm thấy</p>"),
        "/tabid/37/Default.aspx": lambda body: _dnn_page(37, "tab=37", "<p>Không tìm thấy</p>"),
    }
    return routes, posts


def _list_view(rows: list[tuple[str, str]], next_href: str | None) -> Reply:
    data = {
        "Row": [{"FileRef": ref, "Title": title, "FSObjType": "0"} for title, ref in rows],
        "FirstRow": 1,
        **({"NextHref": next_href} if next_href else {}),
    }
    script = json.dumps(data, ensure_ascii=False).replace("/", "\\u002f")
    return page(
        '<meta name="GENERATOR" content="Microsoft SharePoint">'
        f"<script>ctx = new ContextInfo(); var WPQ2ListData = {script}; ctx.ListData = "
        "WPQ2ListData; RenderListView(ctx);</script>"
    )


def _sharepoint() -> dict[str, Route]:
    library = "/VanBan/Forms/AllItems.aspx"
    return {
        "/Pages/default.aspx": page(
            '<meta name="GENERATOR" content="Microsoft SharePoint">'
            f'<ul class="menu"><li><a href="{library}">Văn bản</a></li></ul>'
        ),
        library: _list_view(
            [("Kế hoạch cải cách hành chính năm 2026", "/VanBan/ke-hoach-cchc.pdf")],
            "?Paged=TRUE&p_ID=1&PageFirstRow=2",
        ),
        f"{library}?Paged=TRUE&p_ID=1&PageFirstRow=2": _list_view(
            [("Chính sách chất lượng", "/VanBan/chinh-sach-chat-luong.pdf")], None
        ),
        "/VanBan/ke-hoach-cchc.pdf": Reply(body=PDF, headers={"Content-Type": "application/pdf"}),
        "/VanBan/chinh-sach-chat-luong.pdf": Reply(
            body=PDF, headers={"Content-Type": "application/pdf"}
        ),
    }


METHOD = "/Portal/DonVi.aspx/LayDanhSachTaiLieu"


def _unit_page(unit: int) -> Reply:
    script = (
        'function taiDanhSach(trang) { $.ajax({ type: "POST", url: "DonVi.aspx/'
        f'LayDanhSachTaiLieu", data: JSON.stringify({{ donViId: {unit}, pageIndex: trang, '
        'pageSize: 1 }), contentType: "application/json; charset=utf-8" }); }'
    )
    return page(
        f"<h1>Đơn vị {unit}</h1><p>Tài liệu Hệ thống quản lý chất lượng TCVN ISO 9001</p>"
        f'<div id="dsTaiLieu"></div><script>{script}</script>'
        '<a href="/Portal/DonVi.aspx?DonViID=19">Hệ thống quản lý chất lượng - Đơn vị 19</a>'
        '<a href="/Portal/DanhSachDonVi.aspx">Danh sách đơn vị ISO 9001</a>'
    )


def _page_method(body: bytes) -> Reply:
    asked = json.loads(body)
    unit, index = asked["donViId"], asked["pageIndex"]
    names = ["quyet-dinh-cong-bo", "chinh-sach-chat-luong"]
    listed = [
        {"TenTaiLieu": name.replace("-", " "), "DuongDan": f"/Upload/TaiLieu/{unit}/{name}.pdf"}
        for name in names[index - 1 : index]
    ]
    answer = {"d": {"TongSo": len(names), "KichThuocTrang": 1, "DanhSach": listed}}
    return Reply(body=json.dumps(answer).encode(), headers={"Content-Type": "application/json"})


def _iso_platform() -> tuple[dict[str, Route], dict[str, PostRoute]]:
    routes: dict[str, Route] = {
        "/Portal/DonVi.aspx?DonViID=13": _unit_page(13),
        "/Portal/DonVi.aspx?DonViID=19": _unit_page(19),
        "/Portal/DanhSachDonVi.aspx": page('<a href="/Portal/DonVi.aspx?DonViID=19">19</a>'),
        METHOD: ASP_ERROR,  # a page method refuses GET
    }
    for unit in (13, 19):
        for name in ("quyet-dinh-cong-bo", "chinh-sach-chat-luong"):
            routes[f"/Upload/TaiLieu/{unit}/{name}.pdf"] = Reply(
                body=PDF, headers={"Content-Type": "application/pdf"}
            )
    return routes, {METHOD: _page_method}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[CrawlRun, VirtualHosts]]:
    dnn_routes, dnn_posts = _dnn()
    iso_routes, iso_posts = _iso_platform()
    hosts = VirtualHosts(
        sites={DNN: dnn_routes, SP: _sharepoint(), ISO: iso_routes},
        posts={DNN: dnn_posts, ISO: iso_posts},
    )
    with serve(hosts) as port:
        run = run_crawler(
            "--allow-private",
            "--timeout",
            "5",
            f"VP=http://{DNN}:{port}/tabid/36/default.aspx",
            f"BQL=http://{SP}:{port}/Pages/default.aspx",
            f"XA13=http://{ISO}:{port}/Portal/DonVi.aspx?DonViID=13",
        )
        yield run, hosts


def _fetched(run: CrawlRun, code: str) -> set[str]:
    return {f["url"].split(":", 2)[2].split("/", 1)[1] for f in run.of(code) if not f["failure"]}


def test_a_grid_that_pages_by_postback_gives_its_second_page(
    served: tuple[CrawlRun, VirtualHosts],
) -> None:
    run, hosts = served
    assert QD_TICKET.lstrip("/") in _fetched(run, "VP")
    posted = [parse_qs(body.decode()) for host, _, body in hosts.bodies if host == DNN]
    grid = [p for p in posted if p.get("__EVENTARGUMENT") == ["Page$2"]]
    assert len(grid) == 1 and grid[0]["__VIEWSTATE"] == ["tab=39"]


def test_the_tab_url_scopes_the_whole_portal_and_its_long_menu_label_is_explored(
    served: tuple[CrawlRun, VirtualHosts],
) -> None:
    fetched = _fetched(served[0], "VP")
    assert {"tabid/39/Default.aspx", "tabid/37/Default.aspx"} <= fetched


def test_the_postback_search_is_asked_once_per_query_for_the_whole_site(
    served: tuple[CrawlRun, VirtualHosts],
) -> None:
    posted = [parse_qs(body.decode()) for host, _, body in served[1].bodies if host == DNN]
    searched = [p["dnn$dnnSearch$txtSearch"][0] for p in posted if "dnn$dnnSearch$txtSearch" in p]
    assert sorted(searched) == ["ISO 9001", "hệ thống quản lý chất lượng"]


def test_sharepoint_list_data_and_its_next_page_give_the_library_files(
    served: tuple[CrawlRun, VirtualHosts],
) -> None:
    fetched = _fetched(served[0], "BQL")
    assert {"VanBan/ke-hoach-cchc.pdf", "VanBan/chinh-sach-chat-luong.pdf"} <= fetched


def test_a_page_method_is_posted_page_by_page_until_it_lists_nothing(
    served: tuple[CrawlRun, VirtualHosts],
) -> None:
    run, hosts = served
    fetched = _fetched(run, "XA13")
    assert {
        "Upload/TaiLieu/13/quyet-dinh-cong-bo.pdf",
        "Upload/TaiLieu/13/chinh-sach-chat-luong.pdf",
    } <= fetched
    asked = [json.loads(body) for host, path, body in hosts.bodies if path == METHOD]
    assert [(a["donViId"], a["pageIndex"]) for a in asked] == [(13, 1), (13, 2), (13, 3)]


def test_an_agency_addressed_by_a_query_keeps_to_its_own_unit(
    served: tuple[CrawlRun, VirtualHosts],
) -> None:
    fetched = _fetched(served[0], "XA13")
    assert not any("19" in url for url in fetched)
    assert "Portal/DanhSachDonVi.aspx" not in fetched
