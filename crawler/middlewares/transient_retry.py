"""Downloader middleware: Scrapy's retry, for transient failures only.

Scrapy decides by exception class, and a TLS handshake failure arrives as the same
`DownloadFailedError` as a dropped connection; retrying it only wastes the site's time.
Here a failure is retried when `classify_exception` calls it a timeout or a connection
failure (and Scrapy's own `RETRY_EXCEPTIONS` agree). Statuses (5xx, 429) are Scrapy's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware

from crawler.failures import classify_exception
from crawler.model import FailureKind

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

__all__ = ["TRANSIENT", "TransientRetry"]

TRANSIENT = frozenset({FailureKind.TIMEOUT, FailureKind.CONNECTION})


class TransientRetry(RetryMiddleware):
    """Retries timeouts and dropped connections; not TLS, DNS or refused connections."""

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if classify_exception(exception)[0] not in TRANSIENT:
            return None
        return super().process_exception(request, exception)
