"""`run_crawl` in a process of its own: callbacks, errors raised by them, caller bugs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crawler import AgencyTarget, CrawlOptions, run_crawl
from tests.crawler.conftest import REPO, Province

IN_PROCESS = """
import sys
from crawler import AgencyTarget, CrawlBudget, CrawlOptions, run_crawl

fetched, sites = [], []

def on_fetch(result):
    fetched.append(result)
    if result.depth == 0 and result.agency_code == "XAB":
        raise RuntimeError("the store is full")

options = CrawlOptions(allow_private=True, budget=CrawlBudget(pages=3, timeout=2))
targets = [AgencyTarget(code="XAB", website=sys.argv[1]), AgencyTarget(code="NO", website="")]
try:
    run_crawl(targets, options, on_fetch=on_fetch, on_site=sites.append)
except RuntimeError as exc:
    print("raised:", exc, len(fetched), sorted(s.agency_code for s in sites))
"""


def test_callback_errors_surface_after_the_crawl(province: Province) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, province.url("portal.localhost", "/xa-an-binh/")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout.strip() == "raised: the store is full 4 ['NO', 'XAB']"


def test_duplicate_codes_are_a_caller_bug() -> None:
    targets = [AgencyTarget(code="A", website="http://a.vn"), AgencyTarget(code="A", website="x")]
    with pytest.raises(ValueError, match="duplicate agency codes: A"):
        run_crawl(targets, CrawlOptions(), on_fetch=print, on_site=print)


def test_nothing_to_crawl() -> None:
    stats = run_crawl([], CrawlOptions(), on_fetch=print, on_site=print)
    assert (stats.agencies, stats.requests) == (0, 0)
