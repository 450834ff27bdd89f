"""An HTML page has its own, smaller size limit; documents keep theirs (a real server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, VirtualHosts, page, serve

PAGE_LIMIT = 100_000
DOCUMENT_LIMIT = 1_000_000
HTML = {"Content-Type": "text/html; charset=utf-8"}
FILLER = "<p>" + "Tin tức " * (PAGE_LIMIT // 8) + "</p>"  # a little over the page limit
PDF = Reply(body=b"%PDF-1.4\n" + b"0" * 300_000, headers={"Content-Type": "application/pdf"})


def _dump(*, sized: bool) -> Reply:
    body = page('<a href="/iso-trong-trang-lon">Hệ thống ISO</a>' + FILLER).body
    return Reply(body=body, headers=HTML, sized=sized)


SITE = {
    "/": page(
        '<a href="/lon.html">Văn bản</a><a href="/khong-do-dai.html">Tin tức</a>'
        '<a href="/iso">Hệ thống quản lý chất lượng</a>'
    ),
    "/lon.html": _dump(sized=True),
    "/khong-do-dai.html": _dump(sized=False),
    "/iso": page('<a href="/files/qd-cong-bo.pdf">Quyết định công bố HTQLCL</a>'),
    "/files/qd-cong-bo.pdf": PDF,
    "/iso-trong-trang-lon": page("<p>ISO</p>"),
}


@pytest.fixture(scope="module")
def hosts() -> VirtualHosts:
    return VirtualHosts(sites={"site.localhost": SITE})


@pytest.fixture(scope="module")
def crawl(hosts: VirtualHosts) -> Iterator[CrawlRun]:
    with serve(hosts) as port:
        yield run_crawler(
            "--allow-private",
            *("--max-page-bytes", str(PAGE_LIMIT), "--max-bytes", str(DOCUMENT_LIMIT)),
            f"SITE=http://site.localhost:{port}/",
        )


@pytest.mark.parametrize("path", ["/lon.html", "/khong-do-dai.html"])
def test_a_page_over_the_page_limit_is_too_large(crawl: CrawlRun, path: str) -> None:
    fetch = crawl.fetch("SITE", path)
    assert (fetch["failure"], fetch["body_size"]) == ("too_large", None)


def test_a_page_over_the_limit_is_not_read(crawl: CrawlRun, hosts: VirtualHosts) -> None:
    assert hosts.hits[("site.localhost", "/iso-trong-trang-lon")] == 0


def test_a_document_larger_than_a_page_is_downloaded(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("SITE", "/files/qd-cong-bo.pdf")
    assert fetch["failure"] is None
    assert fetch["body_size"] == len(PDF.body) > PAGE_LIMIT
    assert crawl.sites["SITE"]["documents"] == 1
