"""Downloader middleware: Scrapy's robots.txt rules, read again when they could not be read.

Scrapy asks each host for its robots.txt once per crawl; when that fails (the host or the
network was down), it allows everything on that host for the rest of the crawl. A request
tried once more late in the crawl (`late` meta: an agency's start page retried at the end
of the run, a candidate retried at the end of an agency's crawl) is made because the host
may answer now, and then its rules must be known: its robots.txt is asked for once more
(once per host), and the request waits for the answer as Scrapy's first one did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

__all__ = ["RobotsAgain"]


class RobotsAgain(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that asks again, for a late request, a robots.txt that failed."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.asked_again: set[str] = set()

    async def process_request(self, request: Request) -> None:  # type: ignore[override]
        netloc = urlparse_cached(request).netloc
        # Scrapy keeps None for a host whose robots.txt failed (`_parsers`, Scrapy 2.19).
        failed = netloc in self._parsers and self._parsers[netloc] is None
        if request.meta.get("late") and failed and netloc not in self.asked_again:
            self.asked_again.add(netloc)
            del self._parsers[netloc]
        await super().process_request(request)
