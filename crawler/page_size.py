"""Extension: an HTML page has a size limit of its own, smaller than a document's.

Scrapy's `DOWNLOAD_MAXSIZE` is one limit for every answer. A document may rightly be
20 MiB (a scanned decision), but an HTML page that large is a dump nobody reads, and
parsing it holds the reactor for seconds while every other site's downloads wait. Once an
answer's headers say it is HTML, its request's `download_maxsize` becomes the page limit
(`QMSAUDIT_MAX_PAGE_BYTES`): Scrapy reads that meta key after `headers_received` for all
its size checks (the declared length, the bytes received, the decompressed size), so an
oversized page is cut as an oversized document is, and recorded as `too_large`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Headers

__all__ = ["PageSizeLimit", "is_html"]

_HTML_TYPES = (b"text/html", b"application/xhtml+xml")


def is_html(content_type: bytes | None) -> bool:
    """The Content-Type header value declares an HTML page."""
    media_type = (content_type or b"").split(b";", 1)[0].strip().lower()
    return media_type in _HTML_TYPES


class PageSizeLimit:
    """Sets each answer's size limit from its Content-Type: pages, or documents."""

    def __init__(self, *, page_bytes: int, document_bytes: int) -> None:
        if page_bytes <= 0:
            raise NotConfigured("no page size limit")
        self.document_bytes = document_bytes
        # Never more than a document may be (0: Scrapy's "no limit").
        self.page_bytes = min(page_bytes, document_bytes) if document_bytes else page_bytes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        limit = cls(
            page_bytes=crawler.settings.getint("QMSAUDIT_MAX_PAGE_BYTES"),
            document_bytes=crawler.settings.getint("DOWNLOAD_MAXSIZE"),
        )
        crawler.signals.connect(limit.on_headers, signal=signals.headers_received)
        return limit

    def on_headers(self, headers: Headers, request: Request) -> None:
        # Set either way: a retried request carries the meta of the answer before it.
        html = is_html(headers.get(b"Content-Type"))
        request.meta["download_maxsize"] = self.page_bytes if html else self.document_bytes
