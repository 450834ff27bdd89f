"""Downloader middleware that waits before a retried request: 0.5 s, 1 s, 2 s, ... (at most 8 s).

Scrapy's RetryMiddleware re-schedules transient failures at once; a struggling government
server deserves a pause first. The wait is read from the request's `retry_times` meta.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            base=crawler.settings.getfloat("QMSAUDIT_RETRY_BACKOFF"),
            cap=crawler.settings.getfloat("QMSAUDIT_RETRY_BACKOFF_MAX"),
        )

    async def process_request(self, request: Request) -> None:
        delay = backoff_delay(int(request.meta.get("retry_times", 0)), base=self.base, cap=self.cap)
        if delay > 0:
            from twisted.internet import reactor  # the running reactor, installed by Scrapy

            await maybe_deferred_to_future(deferLater(reactor, delay))
