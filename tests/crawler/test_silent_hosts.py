"""A host whose robots.txt times out is not asked for anything else until its late try."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, VirtualHosts, page, serve

SITES = {
    "dead.localhost": {"*": Reply(body=b"late", delay=3.0)},  # robots.txt included
    "slowpage.localhost": {"/robots.txt": Reply(status=404), "/": Reply(body=b"late", delay=3.0)},
    "broken.localhost": {"/robots.txt": Reply(status=500), "/": page("<p>Trang chủ</p>")},
    # Slower than the timeout (1 s), within the late try's (2 s).
    "slowrobots.localhost": {
        "/robots.txt": Reply(body=b"User-agent: *\nAllow: /\n", delay=1.5),
        "/": page("<p>Trang chủ</p>"),
    },
}


@pytest.fixture(scope="module")
def run() -> Iterator[tuple[CrawlRun, VirtualHosts]]:
    hosts = VirtualHosts(sites=SITES)
    with serve(hosts) as port:
        crawl = run_crawler(
            "--allow-private",
            *("--timeout", "1", "--retries", "1"),
            *(f"{host.split('.')[0].upper()}=http://{host}:{port}/" for host in SITES),
        )
        yield crawl, hosts


def test_the_start_page_of_a_silent_host_fails_without_a_request(
    run: tuple[CrawlRun, VirtualHosts],
) -> None:
    crawl, hosts = run
    # Tried once, not retried at once (`--retries 1` is for pages); asked once more, without
    # retries, at the end of the run.
    assert hosts.hits[("dead.localhost", "/robots.txt")] == 1 + 1
    assert hosts.hits[("dead.localhost", "/")] == 0
    first, late = crawl.of("DEAD")
    for start in (first, late):
        assert start["failure"] == "timeout"
        assert "robots.txt did not answer" in start["failure_detail"]
    assert (first["retry"], late["retry"]) == (False, True)
    outcome = crawl.sites["DEAD"]
    assert (outcome["reachable"], outcome["failure"]) == (False, "timeout")
    assert outcome["retried"] is True


def test_a_slow_start_page_behind_an_answering_robots_txt_is_still_tried(
    run: tuple[CrawlRun, VirtualHosts],
) -> None:
    crawl, hosts = run
    assert hosts.hits[("slowpage.localhost", "/")] == 2 + 1  # and once more at the end
    assert crawl.sites["SLOWPAGE"]["failure"] == "timeout"


def test_a_robots_txt_answering_500_does_not_silence_the_host(
    run: tuple[CrawlRun, VirtualHosts],
) -> None:
    crawl, _ = run
    assert crawl.sites["BROKEN"]["reachable"] is True


def test_a_robots_txt_slower_than_the_timeout_answers_the_late_try(
    run: tuple[CrawlRun, VirtualHosts],
) -> None:
    crawl, hosts = run
    assert hosts.hits[("slowrobots.localhost", "/robots.txt")] == 1 + 1
    outcome = crawl.sites["SLOWROBOTS"]
    assert (outcome["reachable"], outcome["retried"]) == (True, True)
    first, late = crawl.of("SLOWROBOTS")
    assert (first["failure"], first["retry"]) == ("timeout", False)
    assert (late["failure"], late["retry"], late["status"]) == (None, True, 200)
