from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.model import FailureKind, FetchResult, SiteOutcome
from crawler.report import CrawlReport


def result(failure: FailureKind | None = None, *, document: bool = False) -> FetchResult:
    return FetchResult(
        agency_code="A",
        url="http://a/",
        final_url=None,
        status=None,
        failure=failure,
        failure_detail=None,
        content_type=None,
        filename=None,
        body=None,
        is_document=document,
        depth=0,
        referer=None,
        link_text=None,
        fetched_at=datetime.now(UTC),
    )


def outcome(reachable: bool) -> SiteOutcome:
    return SiteOutcome(
        agency_code="A",
        reachable=reachable,
        robots_forbidden=False,
        failure=None,
        failure_detail=None,
        pages=0,
        documents=0,
    )


def test_counts_and_forwards() -> None:
    fetched: list[FetchResult] = []
    sites: list[SiteOutcome] = []
    report = CrawlReport(on_fetch=fetched.append, on_site=sites.append)
    for item in (result(), result(document=True), result(FailureKind.DNS), result(FailureKind.DNS)):
        report.fetch(item)
    report.site(outcome(True))
    report.site(outcome(False))
    stats = report.stats()
    assert (stats.requests, stats.pages, stats.documents) == (4, 1, 1)
    assert stats.failures == {"dns": 2}
    assert (stats.agencies, stats.reachable) == (2, 1)
    assert len(fetched) == 4 and len(sites) == 2
    assert stats.duration >= 0


def test_callback_errors_are_kept_and_raised_later(caplog: pytest.LogCaptureFixture) -> None:
    def broken(_: FetchResult) -> None:
        raise KeyError("store is down")

    report = CrawlReport(on_fetch=broken, on_site=lambda _: None)
    report.fetch(result())
    report.fetch(result())
    assert report.stats().requests == 2
    assert "crawl callback" in caplog.text
    with pytest.raises(KeyError, match="store is down"):
        report.raise_callback_error()
