"""robots.txt Crawl-delay: a site that asks for a pause between requests gets it."""

from __future__ import annotations

from itertools import pairwise

import pytest

from crawler.throttle import crawl_delay
from tests.crawler.conftest import run_crawler
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve

AGENT = "qmsaudit/0.1 (+https://github.com/qmsaudit/qmsaudit)"


@pytest.mark.parametrize(
    ("robots", "expected"),
    [
        (b"User-agent: *\nCrawl-delay: 2\n", 2.0),
        (b"User-agent: *\nCrawl-delay: 0.5\nDisallow: /admin\n", 0.5),
        (b"User-agent: Googlebot\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 1\n", 1.0),
        (b"User-agent: qmsaudit\nCrawl-delay: 3\n\nUser-agent: *\nCrawl-delay: 1\n", 3.0),
        (b"User-agent: *\nDisallow:\n", None),
        (b"User-agent: *\nCrawl-delay: soon\n", None),
        (b"", None),
    ],
)
def test_crawl_delay_asked_of_our_agent(robots: bytes, expected: float | None) -> None:
    assert crawl_delay(robots, AGENT) == expected


def _site(robots: bytes) -> dict[str, Route]:
    links = "".join(f'<a href="/trang-{n}">Trang {n}</a>' for n in range(4))
    routes: dict[str, Route] = {
        "/robots.txt": Reply(body=robots, headers={"Content-Type": "text/plain"})
    }
    routes["/"] = page(links)
    routes.update({f"/trang-{n}": page(f"<p>Trang {n}</p>") for n in range(4)})
    return routes


def _gaps(robots: bytes) -> list[float]:
    """Seconds between the requests for pages (robots.txt excluded) of a crawl of the site."""
    hosts = VirtualHosts(sites={"cham.localhost": _site(robots)})
    with serve(hosts) as port:
        run = run_crawler(
            "--allow-private", "--timeout", "5", f"CHAM=http://cham.localhost:{port}/"
        )
    assert run.sites["CHAM"]["pages"] == 5
    times = [at for at, _, path in hosts.arrivals if path != "/robots.txt"]
    return [later - earlier for earlier, later in pairwise(times)]


def test_pages_are_spaced_by_the_crawl_delay() -> None:
    gaps = _gaps(b"User-agent: *\nCrawl-delay: 0.6\n")
    assert len(gaps) == 4 and min(gaps) >= 0.55


def test_without_a_crawl_delay_pages_go_out_together() -> None:
    gaps = _gaps(b"User-agent: *\nDisallow:\n")
    assert len(gaps) == 4 and min(gaps) < 0.3
