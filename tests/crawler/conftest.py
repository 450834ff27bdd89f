"""Fixtures: the test province served on loopback, and crawls run in a subprocess.

The Twisted reactor cannot restart, so every crawl runs `python -m crawler` in its own
process and the tests read the JSON lines it prints.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.province import province_sites
from tests.crawler.servers import VirtualHosts, closed_port, serve

REPO = Path(__file__).resolve().parents[2]


@dataclass
class CrawlRun:
    """What `python -m crawler` printed: fetch results, site outcomes, totals."""

    fetches: list[dict[str, Any]]
    sites: dict[str, dict[str, Any]]
    stats: dict[str, Any]
    stderr: str
    events: list[dict[str, Any]] = field(default_factory=list)  # every line, in order

    def of(self, code: str) -> list[dict[str, Any]]:
        return [fetch for fetch in self.fetches if fetch["agency_code"] == code]

    def urls(self, code: str) -> list[str]:
        return [fetch["url"] for fetch in self.of(code)]

    def fetch(self, code: str, url_end: str) -> dict[str, Any]:
        """The one result for the URL ending so (its first try, if it was tried late too)."""
        matches = [f for f in self.of(code) if f["url"].endswith(url_end) and not f["retry"]]
        assert len(matches) == 1, (url_end, self.urls(code))
        return matches[0]

    def fetch_late(self, code: str, url_end: str) -> dict[str, Any]:
        """The result of the late try of the URL ending so."""
        matches = [f for f in self.of(code) if f["url"].endswith(url_end) and f["retry"]]
        assert len(matches) == 1, (url_end, self.urls(code))
        return matches[0]


def run_crawler(*args: str, timeout: float = 60) -> CrawlRun:
    completed = subprocess.run(
        [sys.executable, "-m", "crawler", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return crawl_run(completed.stdout, completed.stderr)


def crawl_run(stdout: str, stderr: str) -> CrawlRun:
    """What a `python -m crawler` that ended well printed."""
    events = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return CrawlRun(
        fetches=[e for e in events if e["event"] == "fetch"],
        sites={e["agency_code"]: e for e in events if e["event"] == "site"},
        stats=next(e for e in events if e["event"] == "stats"),
        stderr=stderr,
        events=events,
    )


@dataclass
class Province:
    hosts: VirtualHosts
    port: int
    dead_port: int

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture(scope="module")
def province() -> Iterator[Province]:
    hosts = VirtualHosts(sites={})
    with serve(hosts) as port:
        hosts.sites = province_sites(port)
        yield Province(hosts=hosts, port=port, dead_port=closed_port())
