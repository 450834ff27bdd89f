"""Downloader middleware: once the crawl is asked to stop, no request reaches the downloader.

The last of the downloader middlewares. A request that was waiting in one above it when the
crawl was asked to stop (for its host's robots.txt, say) would otherwise join its site's
download queue and wait for the site's delay (AutoThrottle's, or a Crawl-delay of up to
30 s) before the download handler fails it; here it fails at once, with `CrawlStopped`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.errors import CrawlStopped
from crawler.stopping import crawl_stopping

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

__all__ = ["StopGate"]


class StopGate:
    """Fails every request that reaches it after `crawl_stopping` was sent."""

    def __init__(self) -> None:
        self.closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        gate = cls()
        crawler.signals.connect(gate.close, signal=crawl_stopping)
        return gate

    def close(self) -> None:
        self.closed = True

    def process_request(self, request: Request) -> None:
        if self.closed:
            raise CrawlStopped(request.url)
