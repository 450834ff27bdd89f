"""Sites that are odd or hostile in ways real portals are: the crawl survives and records.

A home page that only redirects by <meta refresh> or by script (common on portals whose
root forwards to /portal/), a gzip bomb, binary garbage served as HTML, a page with tens
of thousands of links, and hrefs no browser could follow.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from crawler.model import CrawlBudget
from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve

PDF = Reply(body=b"%PDF-1.4\n% HTQLCL\n%%EOF\n", headers={"Content-Type": "application/pdf"})
ISO_PAGE = page('<a href="/files/qd-cong-bo.pdf">Quyết định công bố HTQLCL</a>')
HTML = {"Content-Type": "text/html; charset=utf-8"}
LINKS_PER_PAGE = CrawlBudget().links_per_page


def _portal(home: Reply) -> dict[str, Route]:
    return {
        "/": home,
        "/portal/": page('<a href="/portal/iso">Hệ thống quản lý chất lượng</a>'),
        "/portal/iso": ISO_PAGE,
        "/files/qd-cong-bo.pdf": PDF,
    }


def _bomb() -> Reply:
    body = gzip.compress(b"<p>" + b" " * 5_000_000 + b"</p>", compresslevel=9)
    return Reply(body=body, headers={**HTML, "Content-Encoding": "gzip"})


def _many_links() -> Reply:
    """30,000 links in one paragraph: the last link read (the cap's) is the promising one."""
    farm = [f'<a href="/muc/{n}">Mục {n}</a>' for n in range(30_000)]
    farm[LINKS_PER_PAGE - 1] = '<a href="/iso">ISO</a>'
    return page("<p>" + " | ".join(farm) + '<a href="/iso-sau">Hệ thống ISO</a></p>')


def _odd_hrefs() -> Reply:
    hrefs = [
        "javascript:void(0)",
        "mailto:vanthu@tinh.gov.vn",
        "tel:02003800000",
        "http://[::1",
        "http://",
        "//",
        "#",
        "data:text/html,<p>x</p>",
        "/" + "a" * 5000,
        "/tải về/quyết định.pdf",
        "/iso",
    ]
    return page("".join(f'<a href="{href}">Liên kết</a>' for href in hrefs))


SITES: dict[str, dict[str, Route]] = {
    "meta.localhost": _portal(
        Reply(
            body=b'<html><head><meta http-equiv="refresh" content="0; url=/portal/">'
            b"</head><body></body></html>",
            headers=HTML,
        )
    ),
    "script.localhost": _portal(
        Reply(
            body=b"<html><head><script>window.location.href = '/portal/';</script>"
            b"</head><body></body></html>",
            headers=HTML,
        )
    ),
    "bomb.localhost": {
        "/": page('<a href="/tin-tuc">Tin tức</a><a href="/iso">ISO</a>'),
        "/tin-tuc": _bomb(),
        "/iso": ISO_PAGE,
        "/files/qd-cong-bo.pdf": PDF,
    },
    "garbage.localhost": {"/": Reply(body=bytes(range(256)) * 400, headers=HTML)},
    "farm.localhost": {"/": _many_links(), "/iso": ISO_PAGE, "/files/qd-cong-bo.pdf": PDF},
    "odd.localhost": {"/": _odd_hrefs(), "/iso": ISO_PAGE, "/files/qd-cong-bo.pdf": PDF},
}


@pytest.fixture(scope="module")
def hosts() -> VirtualHosts:
    return VirtualHosts(sites=SITES)


@pytest.fixture(scope="module")
def crawl(hosts: VirtualHosts) -> Iterator[CrawlRun]:
    with serve(hosts) as port:
        yield run_crawler(
            "--allow-private",
            *("--timeout", "5", "--max-bytes", "2000000"),
            *(f"{host.split('.')[0].upper()}=http://{host}:{port}/" for host in SITES),
        )


def _declaration_found(crawl: CrawlRun, code: str) -> bool:
    return any(
        f["url"].endswith("/files/qd-cong-bo.pdf") and f["failure"] is None for f in crawl.of(code)
    )


@pytest.mark.parametrize("code", ["META", "SCRIPT"])
def test_a_home_page_that_only_forwards_is_followed(crawl: CrawlRun, code: str) -> None:
    assert _declaration_found(crawl, code), crawl.urls(code)


def test_a_gzip_bomb_is_cut_at_the_size_limit_and_the_crawl_goes_on(crawl: CrawlRun) -> None:
    (news,) = [f for f in crawl.of("BOMB") if f["url"].endswith("/tin-tuc")]
    assert news["failure"] == "too_large"
    assert _declaration_found(crawl, "BOMB")
    assert "DOWNLOAD_MAXSIZE" not in crawl.stderr  # recorded as data, not logged as well


def test_binary_garbage_served_as_html_is_a_page_with_no_links(crawl: CrawlRun) -> None:
    (home,) = crawl.of("GARBAGE")
    assert home["status"] == 200
    assert crawl.sites["GARBAGE"]["reachable"] is True


def test_a_link_farm_ends_within_the_budget(crawl: CrawlRun) -> None:
    assert len(crawl.of("FARM")) <= 60
    assert _declaration_found(crawl, "FARM")  # the promising link, the cap's last, is kept


def test_links_past_the_cap_are_not_read(crawl: CrawlRun, hosts: VirtualHosts) -> None:
    assert not [url for url in crawl.urls("FARM") if url.endswith("/iso-sau")]
    assert hosts.hits[("farm.localhost", "/iso-sau")] == 0


def test_hrefs_no_browser_could_follow_are_skipped(crawl: CrawlRun) -> None:
    assert _declaration_found(crawl, "ODD")
    requested = crawl.urls("ODD")
    assert not [url for url in requested if not url.startswith("http://odd.localhost:")]
    assert "lost in flight" not in crawl.stderr  # the over-long URL was never requested
