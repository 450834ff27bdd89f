"""Site search: forms found on a page, the URLs a browser would request, and a crawl that
finds a post on page 30 of a news list through the site's search box."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from parsel import Selector

from crawler.links import fold
from crawler.search import SearchForm, page_search_forms, search_request, search_url
from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve

BASE = "http://so-khcn.tinh.localhost/tin-tuc/bai-1.html"


def _forms(html: str) -> list[SearchForm]:
    return page_search_forms(Selector(text=html), BASE)


def test_a_get_form_with_a_text_field_is_a_search_form() -> None:
    html = '<form action="/tim-kiem" class="search"><input type="text" name="q"></form>'
    assert _forms(html) == [SearchForm(action="http://so-khcn.tinh.localhost/tim-kiem", field="q")]


def test_hidden_fields_go_along_and_the_search_field_is_picked_by_name() -> None:
    html = (
        '<form action="/tim-kiem.aspx?tabid=9" method="GET"><input type="hidden" name="tabid" '
        'value="1"><input name="lang" value="vi"><input type="search" name="keyword"></form>'
    )
    (form,) = _forms(html)
    assert (form.field, form.hidden) == ("keyword", (("tabid", "1"),))
    url = search_url(form, "hệ thống quản lý chất lượng")
    parts = urlsplit(url)
    assert parts.path == "/tim-kiem.aspx"  # a GET form replaces the action's own query
    assert parse_qs(parts.query) == {"tabid": ["1"], "keyword": ["hệ thống quản lý chất lượng"]}


@pytest.mark.parametrize(
    "html",
    [
        '<form method="post" action="/a.aspx"><input type="hidden" name="__VIEWSTATE" value="x">'
        '<input name="dnn$txtSearch"></form>',
        '<form action="/dang-nhap"><input name="user"><input type="password" name="pw"></form>',
        '<form action="/binh-chon"><input type="radio" name="y" value="1"></form>',
        '<form action="javascript:void(0)"><input name="q"></form>',
    ],
)
def test_other_forms_are_not_search_forms(html: str) -> None:
    assert _forms(html) == []


def test_a_post_form_is_asked_by_posting_its_fields() -> None:
    html = (
        '<form action="/vi/tim-kiem" method="post"><input type="search" name="searchword">'
        '<input type="hidden" name="option" value="com_search"></form>'
    )
    (form,) = _forms(html)
    assert search_url(form, "ISO 9001") == "http://so-khcn.tinh.localhost/vi/tim-kiem"
    request = search_request(form, "ISO 9001")
    assert request is not None and request.method == "POST"
    assert request.content_type == "application/x-www-form-urlencoded"
    assert parse_qs(request.body.decode()) == {"option": ["com_search"], "searchword": ["ISO 9001"]}


def test_a_get_form_needs_no_request_beyond_its_url() -> None:
    (form,) = _forms('<form action="/tim-kiem"><input name="q"></form>')
    assert search_request(form, "ISO 9001") is None


def test_an_empty_action_searches_the_page_itself() -> None:
    (form,) = _forms('<form><input name="s"></form>')
    assert search_url(form, "ISO 9001") == f"{BASE}?s=ISO+9001"


# -- a crawl: the declaration post is on page 30 of the news list --------------------------

HOST = "timkiem.localhost"
POSTS = 600  # 40 list pages of 15
ISO_POST = 450  # on page 30
PDF = Reply(body=b"%PDF-1.4\n% HTQLCL\n%%EOF\n", headers={"Content-Type": "application/pdf"})
FORM = '<form action="/tim-kiem" method="get"><input type="text" name="q"></form>'


def _title(n: int) -> str:
    if n == ISO_POST:
        return "Công bố Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015"
    return f"Hội nghị giao ban tháng số {n}"


def _list_page(number: int, *, search: bool) -> Reply:
    first = (number - 1) * 15 + 1
    posts = "".join(
        f'<li><a href="/bai/{n}">{_title(n)}</a></li>' for n in range(first, first + 15)
    )
    pager = f'<a href="/tin-tuc?page={number + 1}">Trang sau</a>' if number < 40 else ""
    return page((FORM if search else "") + f'<a href="/tin-tuc">Tin tức</a><ul>{posts}</ul>{pager}')


def _search(path: str) -> Reply | None:
    parts = urlsplit(path)
    if parts.path != "/tim-kiem":
        return None
    words = fold(parse_qs(parts.query).get("q", [""])[0]).split()
    hits = [n for n in range(1, POSTS + 1) if words and set(words) <= set(fold(_title(n)).split())]
    return page(FORM + "".join(f'<a href="/bai/{n}">{_title(n)}</a>' for n in hits))


def _site(*, search: bool) -> dict[str, Route]:
    routes: dict[str, Route] = {"/": _list_page(1, search=search), "*": _search}
    routes["/tin-tuc"] = _list_page(1, search=search)
    for number in range(2, 41):
        routes[f"/tin-tuc?page={number}"] = _list_page(number, search=search)
    for n in range(1, POSTS + 1):
        routes[f"/bai/{n}"] = page(f"<h1>{_title(n)}</h1>")
    routes[f"/bai/{ISO_POST}"] = page(f'<h1>{_title(ISO_POST)}</h1><a href="/qd.pdf">Tải về</a>')
    routes["/qd.pdf"] = PDF
    return routes


@pytest.fixture(scope="module")
def crawl() -> Iterator[CrawlRun]:
    sites = {HOST: _site(search=True), f"khong.{HOST}": _site(search=False)}
    with serve(VirtualHosts(sites=sites)) as port:
        yield run_crawler(
            "--allow-private",
            "--timeout",
            "3",
            f"SEARCH=http://{HOST}:{port}/",
            f"NOSEARCH=http://khong.{HOST}:{port}/",
        )


def test_the_search_box_finds_the_post_on_page_30(crawl: CrawlRun) -> None:
    assert any(url.endswith("/qd.pdf") for url in crawl.urls("SEARCH"))
    assert any("/tim-kiem?q=ISO+9001" in url for url in crawl.urls("SEARCH"))
    assert len(crawl.urls("SEARCH")) <= 25


def test_without_a_search_box_the_list_is_walked_only_so_far(crawl: CrawlRun) -> None:
    urls = crawl.urls("NOSEARCH")
    assert not any(url.endswith("/qd.pdf") for url in urls)  # page 30 is out of reach
    assert not any("/tim-kiem" in url for url in urls)
