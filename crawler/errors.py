"""Exceptions raised by the crawler's own components.

Each is a Scrapy `IgnoreRequest`, so Scrapy hands it to the request's errback, where
`crawler.failures.classify_failure` turns it into a `FailureKind`:

    IgnoreRequest
    ├── PrivateAddressRefused   the host resolves to a private/loopback/reserved address
    └── CrawlStopped            the crawl was asked to stop: the request was abandoned
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

__all__ = ["CrawlStopped", "PrivateAddressRefused"]


class PrivateAddressRefused(IgnoreRequest):
    """The request's host resolves to an address the crawl may not visit."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to non-public address {address}")
        self.host = host
        self.address = address


class CrawlStopped(IgnoreRequest):
    """The crawl was asked to stop while this request waited or downloaded; it was abandoned."""

    def __init__(self, url: str) -> None:
        super().__init__(f"crawl stopped: {url} abandoned")
        self.url = url
