"""Downloader middleware: Scrapy's retry, for transient failures only.

Scrapy decides by exception class, and a TLS handshake failure arrives as the same
`DownloadFailedError` as a dropped connection; retrying it only wastes the site's time.
Here a failure is retried when `classify_exception` calls it a timeout or a connection
failure (and Scrapy's own `RETRY_EXCEPTIONS` agree). Statuses (5xx, 429) are Scrapy's.

A robots.txt that timed out is not retried at once: a server that held the first request
for the whole timeout seldom answers the next second, and the host is then silent for the
crawl (`crawler.middlewares.silent_hosts`) until its agency's late try at the end of the
run, which asks for robots.txt again with a longer timeout. Retrying it at once only made
every run with a hung site 30 s longer. Search engines likewise put off a site whose
robots.txt is unreachable rather than insist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware

from crawler.failures import classify_exception
from crawler.middlewares.silent_hosts import is_robots_txt
from crawler.model import FailureKind

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

__all__ = ["TRANSIENT", "TransientRetry"]

TRANSIENT = frozenset({FailureKind.TIMEOUT, FailureKind.CONNECTION})


class TransientRetry(RetryMiddleware):
    """Retries timeouts and dropped connections; not TLS, DNS or refused connections, nor
    a robots.txt that timed out."""

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        kind = classify_exception(exception)[0]
        if kind not in TRANSIENT or (kind is FailureKind.TIMEOUT and is_robots_txt(request)):
            return None
        return super().process_exception(request, exception)
