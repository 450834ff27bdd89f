"""Downloader middleware that waits before a retried request: 0.5 s, 1 s, 2 s, ... (at most 8 s).

Scrapy's RetryMiddleware re-schedules transient failures at once; a struggling government
server deserves a pause first. The wait is read from the request's `retry_times` meta. A
crawl asked to stop (`crawler.stopping.crawl_stopping`) ends the waits: those requests
fail with `CrawlStopped`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import CancelledError
from twisted.internet.task import deferLater

from crawler.errors import CrawlStopped
from crawler.stopping import crawl_stopping

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

__all__ = ["RetryBackoff", "backoff_delay"]


def backoff_delay(retry: int, *, base: float, cap: float) -> float:
    """Seconds to wait before the `retry`-th retry (1-based): base, 2·base, 4·base, ... ≤ cap."""
    if retry <= 0:
        return 0.0
    return float(min(cap, base * 2 ** (retry - 1)))


class RetryBackoff:
    """Delays retried requests exponentially."""

    def __init__(self, *, base: float, cap: float) -> None:
        if base <= 0:
            raise NotConfigured("no retry backoff")
        self.base = base
        self.cap = cap
        self.waits: set[Deferred[None]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        backoff = cls(
            base=crawler.settings.getfloat("QMSAUDIT_RETRY_BACKOFF"),
            cap=crawler.settings.getfloat("QMSAUDIT_RETRY_BACKOFF_MAX"),
        )
        crawler.signals.connect(backoff.end_waits, signal=crawl_stopping)
        return backoff

    async def process_request(self, request: Request) -> None:
        delay = backoff_delay(int(request.meta.get("retry_times", 0)), base=self.base, cap=self.cap)
        if delay <= 0:
            return
        from twisted.internet import reactor  # the running reactor, installed by Scrapy

        wait: Deferred[None] = deferLater(reactor, delay)
        self.waits.add(wait)
        try:
            await maybe_deferred_to_future(wait)
        except CancelledError as exc:  # only `end_waits` cancels a wait
            raise CrawlStopped(request.url) from exc
        finally:
            self.waits.discard(wait)

    def end_waits(self) -> None:
        """The crawl is stopping: every retry waiting here fails now."""
        for wait in list(self.waits):
            wait.cancel()
