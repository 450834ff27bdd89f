# Twisted's constructors carry no annotations:
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

import pytest
from OpenSSL import SSL
from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from crawler.errors import PrivateAddressRefused
from crawler.middlewares.transient_retry import TransientRetry
from crawler.model import CrawlOptions
from crawler.settings import scrapy_settings


def tls_error() -> Exception:
    try:
        raise SSL.Error([("SSL routines", "", "wrong version number")])
    except SSL.Error:
        reason = Failure()
    error = DownloadFailedError("handshake")
    error.__cause__ = ResponseNeverReceived([reason])
    return error


@pytest.mark.parametrize(
    "exception",
    [
        tls_error(),
        CannotResolveHostError("no such host"),
        DownloadConnectionRefusedError("refused"),
        PrivateAddressRefused("a.localhost", "127.0.0.1 (loopback)"),
    ],
)
def test_permanent_failures_are_not_retried(exception: Exception) -> None:
    middleware = TransientRetry(scrapy_settings(CrawlOptions()))
    assert middleware.process_exception(Request("http://a.vn/"), exception) is None


def test_scrapy_retry_is_replaced() -> None:
    middlewares = scrapy_settings(CrawlOptions()).getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert "crawler.middlewares.transient_retry.TransientRetry" in middlewares
