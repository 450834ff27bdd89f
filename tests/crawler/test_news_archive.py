"""A portal's paged news archive: the post announcing the QMS is on a later page of the list.

The best-first crawl pages through the news list (not charged to its exploration) and
fetches the promising post and its attachment, but not the ordinary posts around it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve

HOST = "tin.localhost"
PER_PAGE = 15
LIST_PAGES = 6
ISO_POST = 50  # on page 4
PDF = Reply(body=b"%PDF-1.4\n% HTQLCL\n%%EOF\n", headers={"Content-Type": "application/pdf"})
MENU = "".join(
    f'<a href="/{slug}.aspx">{title}</a>'
    for slug, title in [
        ("tin-tuc", "Tin tức"),
        ("gioi-thieu", "Giới thiệu"),
        ("co-cau", "Cơ cấu tổ chức"),
        ("lien-he", "Liên hệ"),
        ("hoi-dap", "Hỏi đáp"),
    ]
)


def _post_url(n: int) -> str:
    return f"/tin-tuc/bai-viet-{n}.aspx"


def _post_title(n: int) -> str:
    if n == ISO_POST:
        return "Công bố Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015"
    return f"Hội nghị tổng kết công tác số {n}"


def _list_page(number: int) -> Route:
    first = (number - 1) * PER_PAGE + 1
    posts = "".join(
        f'<li><a href="{_post_url(n)}">{_post_title(n)}</a></li>'
        for n in range(first, first + PER_PAGE)
    )
    pager = " ".join(
        f'<a href="/tin-tuc.aspx?p={n}">{n}</a>' for n in range(2, LIST_PAGES + 1) if n != number
    )
    if number < LIST_PAGES:
        pager += f' <a href="/tin-tuc.aspx?p={number + 1}">Trang sau ›</a>'
    return page(f'{MENU}<ul class="list">{posts}</ul><div class="pager">{pager}</div>')


def _news_site() -> dict[str, Route]:
    routes: dict[str, Route] = {"/": page(MENU), "/tin-tuc.aspx": _list_page(1)}
    for number in range(2, LIST_PAGES + 1):
        routes[f"/tin-tuc.aspx?p={number}"] = _list_page(number)
    for n in range(1, LIST_PAGES * PER_PAGE + 1):
        routes[_post_url(n)] = page(f"<h1>{_post_title(n)}</h1>")
    routes[_post_url(ISO_POST)] = page(
        f'<h1>{_post_title(ISO_POST)}</h1><a href="/upload/qd-cong-bo.pdf">Tải về</a>'
    )
    routes["/upload/qd-cong-bo.pdf"] = PDF
    for slug in ("gioi-thieu", "co-cau", "lien-he", "hoi-dap"):
        routes[f"/{slug}.aspx"] = page(MENU)
    return routes


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    hosts = VirtualHosts(sites={HOST: _news_site()})
    with serve(hosts) as served:
        yield served


def _crawl(port: int, strategy: str) -> CrawlRun:
    return run_crawler(
        "--allow-private",
        *("--pages", "60", "--depth", "4", "--timeout", "3", "--explore", "3"),
        *("--strategy", strategy),
        f"TIN=http://{HOST}:{port}/",
    )


@pytest.fixture(scope="module")
def crawl(port: int) -> CrawlRun:
    return _crawl(port, "best_first")


def test_the_announcement_on_page_4_and_its_attachment_are_fetched(crawl: CrawlRun) -> None:
    urls = crawl.urls("TIN")
    assert any(url.endswith(_post_url(ISO_POST)) for url in urls)
    assert any(url.endswith("/upload/qd-cong-bo.pdf") for url in urls)
    assert crawl.sites["TIN"]["documents"] == 1


def test_the_list_pages_are_followed_and_ordinary_posts_barely_explored(crawl: CrawlRun) -> None:
    urls = crawl.urls("TIN")
    list_pages = {url for url in urls if "/tin-tuc.aspx?p=" in url}
    assert len(list_pages) >= 3  # pages 2, 3 and 4 at least
    ordinary = [
        url for url in urls if "/bai-viet-" in url and not url.endswith(f"-{ISO_POST}.aspx")
    ]
    assert len(ordinary) <= 2  # the exploration cap (3), shared with the news list itself
    assert len(urls) <= 20


def test_breadth_first_pays_for_the_whole_archive(crawl: CrawlRun, port: int) -> None:
    breadth = _crawl(port, "breadth_first")
    assert len(breadth.urls("TIN")) > 2 * len(crawl.urls("TIN"))
