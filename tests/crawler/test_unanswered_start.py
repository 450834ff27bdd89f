"""An agency whose start page did not answer at all (refused, timeout, dns, connection) is
tried once more at the end of the run, then crawled normally if it answers.

One agency at a time (`--max-open-agencies 1`), in the order given, so the order of events
is known: LATER's port refuses connections until the agency after it is opened; SILENT's
robots.txt times out (once: a timed-out robots.txt is not retried at once) until the end
of the run; DEAD refuses for ever.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, VirtualHosts, closed_port, page, serve, serve_later

PDF = Reply(body=b"%PDF-1.4\n% HTQLCL\n%%EOF\n", headers={"Content-Type": "application/pdf"})
HOME = page(
    '<a href="/iso">Hệ thống quản lý chất lượng</a><a href="/rieng">Tài liệu ISO nội bộ</a>'
)
ISO = page('<a href="/files/qd-cong-bo.pdf">Quyết định công bố HTQLCL</a>')
ROBOTS = Reply(body=b"User-agent: *\nDisallow: /rieng\n")


def silent_at_first(times: int, then: Reply) -> Callable[[str], Reply]:
    """A route that holds its first `times` requests past the timeout, then answers."""
    hits = itertools.count(1)
    lock = threading.Lock()

    def route(path: str) -> Reply:
        with lock:
            n = next(hits)
        return Reply(delay=3.0) if n <= times else then

    return route


def agency_site() -> dict[str, Reply | Callable[[str], Reply]]:
    return {"/robots.txt": ROBOTS, "/": HOME, "/iso": ISO, "/files/qd-cong-bo.pdf": PDF}


@pytest.fixture(scope="module")
def later() -> VirtualHosts:
    return VirtualHosts(sites={"later.localhost": agency_site()})


@pytest.fixture(scope="module")
def hosts() -> VirtualHosts:
    silent = {**agency_site(), "/robots.txt": silent_at_first(1, then=ROBOTS)}
    return VirtualHosts(sites={"silent.localhost": silent, "other.localhost": {}})


@pytest.fixture(scope="module")
def crawl(later: VirtualHosts, hosts: VirtualHosts) -> Iterator[CrawlRun]:
    with serve_later(later) as (later_port, open_later), serve(hosts) as port:

        def other_home(path: str) -> Reply:
            open_later()  # LATER was tried, refused and parked before OTHER was opened
            return HOME if path == "/" else page("<p>Trang</p>")

        hosts.sites["other.localhost"] = {"*": other_home}
        yield run_crawler(
            "--allow-private",
            *("--timeout", "1", "--retries", "1", "--max-open-agencies", "1"),
            f"LATER=http://later.localhost:{later_port}/",
            f"DEAD=http://dead.localhost:{closed_port()}/",
            f"SILENT=http://silent.localhost:{port}/",
            f"OTHER=http://other.localhost:{port}/",
        )


def test_a_site_that_refused_at_first_is_crawled_at_the_end(crawl: CrawlRun) -> None:
    outcome = crawl.sites["LATER"]
    assert (outcome["reachable"], outcome["failure"], outcome["retried"]) == (True, None, True)
    first, late = [f for f in crawl.of("LATER") if f["start"]]
    assert (first["failure"], first["retry"]) == ("refused", False)
    assert (late["failure"], late["retry"], late["status"]) == (None, True, 200)
    assert outcome["documents"] == 1
    assert crawl.fetch("LATER", "/files/qd-cong-bo.pdf")["failure"] is None


def test_its_robots_txt_is_read_once_it_answers(crawl: CrawlRun, later: VirtualHosts) -> None:
    assert later.hits[("later.localhost", "/robots.txt")] == 1
    assert later.hits[("later.localhost", "/rieng")] == 0
    (forbidden,) = [f for f in crawl.of("LATER") if f["url"].endswith("/rieng")]
    assert forbidden["failure"] == "robots"


def test_only_start_urls_are_marked_start(crawl: CrawlRun) -> None:
    starts = {f["url"].split("/", 3)[3] for f in crawl.fetches if f["start"]}
    assert starts == {""}
    assert len([f for f in crawl.of("LATER") if not f["start"]]) == 3  # ISO page, PDF, /rieng


def test_the_retry_waits_for_every_other_agency(crawl: CrawlRun) -> None:
    order = [(e["event"], e["agency_code"], e.get("retry")) for e in crawl.events[:-1]]
    other_done = order.index(("site", "OTHER", None))
    first_late_try = next(i for i, (event, _, retry) in enumerate(order) if retry)
    assert first_late_try > other_done
    assert [code for event, code, _ in order if event == "site"] == [
        "OTHER",
        "LATER",
        "DEAD",
        "SILENT",
    ]


def test_a_dead_site_ends_retried_with_its_failure(crawl: CrawlRun) -> None:
    outcome = crawl.sites["DEAD"]
    assert (outcome["reachable"], outcome["failure"]) == (False, "refused")
    assert outcome["retried"] is True
    tries = [(f["failure"], f["start"], f["retry"]) for f in crawl.of("DEAD")]
    assert tries == [("refused", True, False), ("refused", True, True)]


def test_a_host_silent_at_first_is_asked_again_at_the_end(
    crawl: CrawlRun, hosts: VirtualHosts
) -> None:
    # robots.txt timed out once, not retried at once: the start page was not asked for then.
    first = crawl.of("SILENT")[0]
    assert (first["failure"], first["retry"]) == ("timeout", False)
    assert "robots.txt did not answer" in first["failure_detail"]
    assert hosts.hits[("silent.localhost", "/robots.txt")] == 2
    assert hosts.hits[("silent.localhost", "/")] == 1
    outcome = crawl.sites["SILENT"]
    assert (outcome["reachable"], outcome["retried"], outcome["documents"]) == (True, True, 1)
    assert hosts.hits[("silent.localhost", "/rieng")] == 0
