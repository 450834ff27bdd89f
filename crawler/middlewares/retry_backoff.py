"""Downloader middleware that waits before a retried request: 0.5 s, 1 s, 2 s, ... (at most 8 s).

Scrapy's RetryMiddleware re-schedules transient failures at once; a struggling government
server deserves a pause first. The wait is read from the request's `retry_times` meta. A
crawl asked to stop (`crawler.stopping.crawl_stopping`) ends the waits: those requests
fail with `CrawlStopped`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from crawler.stopping import StoppableWaits

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

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
        self.waits = StoppableWaits()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        backoff = cls(
            base=crawler.settings.getfloat("QMSAUDIT_RETRY_BACKOFF"),
            cap=crawler.settings.getfloat("QMSAUDIT_RETRY_BACKOFF_MAX"),
        )
        backoff.waits.end_on_stop(crawler)
        return backoff

    async def process_request(self, request: Request) -> None:
        delay = backoff_delay(int(request.meta.get("retry_times", 0)), base=self.base, cap=self.cap)
        if delay > 0:
            await self.waits.sleep(delay, request.url)
