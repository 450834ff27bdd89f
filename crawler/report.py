"""What a crawl reports: results passed on to the caller's callbacks, and counted.

The caller's callbacks run inside Scrapy's callbacks; an exception there must not vanish
into Scrapy's log, nor break the spider's bookkeeping, so it is kept and raised again by
`run_crawl` once the crawl is over.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from crawler.model import FetchResult, SiteOutcome

__all__ = ["CrawlReport", "CrawlStats"]

logger = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True, kw_only=True)
class CrawlStats:
    """Totals of one crawl.

    requests: fetch results reported (pages, documents and failures; Scrapy's immediate
        retries not counted, late tries are: they have results of their own).
    failures: failed fetches by `FailureKind` value.
    http_requests: requests sent on the wire: retries, redirect hops and robots.txt too.
    finished: the codes of the agencies whose `SiteOutcome` was reported, in that order.
    stopped: the crawl ended because `CrawlControl.stop()` was called (or `admit` raised)
        before every agency was finished; the others got no outcome.
    """

    agencies: int
    reachable: int
    requests: int
    pages: int
    documents: int
    failures: dict[str, int]
    started_at: datetime
    finished_at: datetime
    http_requests: int = 0
    finished: tuple[str, ...] = ()
    stopped: bool = False

    @property
    def duration(self) -> float:
        """Seconds from start to finish."""
        return (self.finished_at - self.started_at).total_seconds()


@dataclass
class CrawlReport:
    """Forwards fetch results and site outcomes to the callbacks and counts them."""

    on_fetch: Callable[[FetchResult], None]
    on_site: Callable[[SiteOutcome], None]
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    callback_errors: list[BaseException] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    _counts: Counter[str] = field(default_factory=Counter)
    _failures: Counter[str] = field(default_factory=Counter)

    def fetch(self, result: FetchResult) -> None:
        self._counts["requests"] += 1
        if result.failure is not None:
            self._failures[result.failure.value] += 1
        elif result.is_document:
            self._counts["documents"] += 1
        else:
            self._counts["pages"] += 1
        self._deliver(self.on_fetch, result)

    def site(self, outcome: SiteOutcome) -> None:
        self.finished.append(outcome.agency_code)
        self._counts["agencies"] += 1
        self._counts["reachable"] += int(outcome.reachable)
        self._deliver(self.on_site, outcome)

    def _deliver(self, callback: Callable[[_T], None], value: _T) -> None:
        try:
            callback(value)
        except Exception as exc:
            self.callback_failed(callback, exc)

    def callback_failed(self, callback: Callable[..., object], exc: Exception) -> None:
        """Keep an exception raised by one of the caller's functions, to raise it later."""
        logger.error("crawl callback %r failed", callback, exc_info=exc)
        self.callback_errors.append(exc)

    def raise_callback_error(self) -> None:
        """Raise the first exception a callback raised, if any."""
        if self.callback_errors:
            raise self.callback_errors[0]

    def stats(self, *, http_requests: int = 0, stopped: bool = False) -> CrawlStats:
        return CrawlStats(
            http_requests=http_requests,
            finished=tuple(self.finished),
            stopped=stopped,
            agencies=self._counts["agencies"],
            reachable=self._counts["reachable"],
            requests=self._counts["requests"],
            pages=self._counts["pages"],
            documents=self._counts["documents"],
            failures=dict(self._failures),
            started_at=self.started_at,
            finished_at=datetime.now(UTC),
        )
