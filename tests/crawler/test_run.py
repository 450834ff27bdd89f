"""`run_crawl` in a process of its own: callbacks, errors raised by them, caller bugs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crawler import AgencyTarget, CrawlControl, CrawlOptions, run_crawl
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


ADMIT_FAILS = """
import sys
from crawler import AgencyTarget, CrawlControl, CrawlOptions, run_crawl

sites = []

def admit():
    if sites:
        raise RuntimeError("the readers are gone")
    return True

control = CrawlControl(admit=admit)
targets = [AgencyTarget(code=c, website=sys.argv[1]) for c in ("A", "B")]
options = CrawlOptions(allow_private=True, max_open_agencies=1)
try:
    run_crawl(targets, options, on_fetch=lambda r: None, on_site=sites.append, control=control)
except RuntimeError as exc:
    print("raised:", exc, [s.agency_code for s in sites])
"""


def test_an_error_in_admit_stops_the_crawl_and_is_raised(province: Province) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", ADMIT_FAILS, province.url("portal.localhost", "/xa-an-phu/")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout.strip() == "raised: the readers are gone ['A']"


def test_a_crawl_stopped_before_it_starts_does_nothing() -> None:
    control = CrawlControl()
    control.stop()
    targets = [AgencyTarget(code="A", website="http://a.vn")]
    stats = run_crawl(targets, CrawlOptions(), on_fetch=print, on_site=print, control=control)
    assert (stats.stopped, stats.finished, stats.requests) == (True, (), 0)


def test_duplicate_codes_are_a_caller_bug() -> None:
    targets = [AgencyTarget(code="A", website="http://a.vn"), AgencyTarget(code="A", website="x")]
    with pytest.raises(ValueError, match="duplicate agency codes: A"):
        run_crawl(targets, CrawlOptions(), on_fetch=print, on_site=print)


def test_nothing_to_crawl() -> None:
    stats = run_crawl([], CrawlOptions(), on_fetch=print, on_site=print)
    assert (stats.agencies, stats.requests) == (0, 0)
