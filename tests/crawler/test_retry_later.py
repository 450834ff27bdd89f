"""A candidate link that failed transiently is tried once more near the end of its agency's
crawl, twice as patiently; what fails again is a coverage gap of the agency's outcome."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, VirtualHosts, page, serve

TIMEOUT = 1.0  # the late try waits 2 s
PDF = Reply(body=b"%PDF-1.4\n% HTQLCL\n%%EOF\n", headers={"Content-Type": "application/pdf"})
BUSY = page("<p>Máy chủ đang bận</p>", status=503)


def failing(times: int, then: Reply) -> Callable[[str], Reply]:
    """A route that answers 503 to its first `times` requests, then `then`."""
    hits = itertools.count(1)
    lock = threading.Lock()

    def route(path: str) -> Reply:
        with lock:
            n = next(hits)
        return BUSY if n <= times else then

    return route


def slow(delay: float) -> Reply:
    return Reply(body=PDF.body, headers=PDF.headers, delay=delay)


SITE = {
    "/": page('<a href="/iso">Hệ thống quản lý chất lượng</a><a href="/tin-tuc">Tin tức</a>'),
    "/iso": page(
        '<a href="/files/qd-cong-bo.pdf">Quyết định công bố HTQLCL</a>'
        '<a href="/files/chinh-sach.pdf">Chính sách chất lượng</a>'
        '<a href="/files/muc-tieu.pdf">Mục tiêu chất lượng</a>'
        '<a href="/files/quy-trinh.pdf">Danh mục quy trình</a>'
    ),
    # Busy twice (the first try and Scrapy's immediate retry), then answers.
    "/files/qd-cong-bo.pdf": failing(2, then=PDF),
    "/files/chinh-sach.pdf": BUSY,  # never answers but 503
    "/files/muc-tieu.pdf": slow(1.4 * TIMEOUT),  # in time only for the late, longer wait
    "/files/quy-trinh.pdf": slow(3.0 * TIMEOUT),  # never in time
    "/tin-tuc": BUSY,  # not a candidate: no late try
}


@pytest.fixture(scope="module")
def hosts() -> VirtualHosts:
    return VirtualHosts(sites={"flaky.localhost": SITE})


@pytest.fixture(scope="module")
def crawl(hosts: VirtualHosts) -> Iterator[CrawlRun]:
    with serve(hosts) as port:
        yield run_crawler(
            "--allow-private",
            *("--timeout", str(TIMEOUT), "--retries", "1"),
            f"FLAKY=http://flaky.localhost:{port}/",
        )


def tries(crawl: CrawlRun, path: str) -> list[tuple[str | None, bool]]:
    return [(f["failure"], f["retry"]) for f in crawl.of("FLAKY") if f["url"].endswith(path)]


def test_a_document_that_fails_then_answers_is_fetched_late(
    crawl: CrawlRun, hosts: VirtualHosts
) -> None:
    assert tries(crawl, "/files/qd-cong-bo.pdf") == [("http", False), (None, True)]
    assert hosts.hits[("flaky.localhost", "/files/qd-cong-bo.pdf")] == 3
    late = crawl.fetch_late("FLAKY", "/files/qd-cong-bo.pdf")
    assert (late["status"], late["is_document"], late["body_size"]) == (200, True, len(PDF.body))


def test_the_late_try_waits_twice_as_long(crawl: CrawlRun) -> None:
    assert tries(crawl, "/files/muc-tieu.pdf") == [("timeout", False), (None, True)]


def test_what_never_answers_is_a_coverage_gap(crawl: CrawlRun, hosts: VirtualHosts) -> None:
    assert tries(crawl, "/files/chinh-sach.pdf") == [("http", False), ("http", True)]
    assert hosts.hits[("flaky.localhost", "/files/chinh-sach.pdf")] == 2 + 1  # no more
    gaps = {gap["url"].rsplit("/", 1)[1]: gap for gap in crawl.sites["FLAKY"]["gaps"]}
    assert sorted(gaps) == ["chinh-sach.pdf", "quy-trinh.pdf"]
    policy, procedures = gaps["chinh-sach.pdf"], gaps["quy-trinh.pdf"]
    assert (policy["failure"], policy["detail"]) == ("http", "HTTP 503")
    assert policy["link_text"] == "Chính sách chất lượng"
    assert procedures["failure"] == "timeout"
    assert "2.0 seconds" in procedures["detail"]  # the late try's own timeout


def test_a_link_that_is_not_a_candidate_is_not_tried_late(
    crawl: CrawlRun, hosts: VirtualHosts
) -> None:
    assert tries(crawl, "/tin-tuc") == [("http", False)]
    assert hosts.hits[("flaky.localhost", "/tin-tuc")] == 2  # the first try, the retry


def test_late_tries_come_after_every_first_try(crawl: CrawlRun) -> None:
    fetches = crawl.of("FLAKY")
    first_late = next(i for i, f in enumerate(fetches) if f["retry"])
    assert all(f["retry"] for f in fetches[first_late:])
    assert crawl.sites["FLAKY"]["documents"] == 2  # the declaration and the objectives
