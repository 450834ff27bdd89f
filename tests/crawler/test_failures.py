# Twisted's constructors carry no annotations:
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

import pytest
from OpenSSL import SSL
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from crawler.errors import PrivateAddressRefused
from crawler.failures import classify_exception, classify_failure
from crawler.model import FailureKind


def tls_failure() -> BaseException:
    try:
        raise SSL.Error([("SSL routines", "", "wrong version number")])
    except SSL.Error:
        reason = Failure()
    wrapped = DownloadFailedError("never received")
    wrapped.__cause__ = ResponseNeverReceived([reason])
    return wrapped


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (PrivateAddressRefused("a.localhost", "127.0.0.1 (loopback)"), FailureKind.PRIVATE),
        (IgnoreRequest("Forbidden by robots.txt"), FailureKind.ROBOTS),
        (IgnoreRequest("max redirections reached"), FailureKind.REDIRECT_LOOP),
        (IgnoreRequest("something else"), FailureKind.OTHER),
        (IgnoreRequest("body exceeded DOWNLOAD_MAXSIZE (9 B) during"), FailureKind.TOO_LARGE),
        (HttpError(Response("http://a/", status=503), "ignored"), FailureKind.HTTP),
        (CannotResolveHostError("no such host"), FailureKind.DNS),
        (tx_error.DNSLookupError("x"), FailureKind.DNS),
        (DownloadConnectionRefusedError("refused"), FailureKind.REFUSED),
        (tx_error.ConnectionRefusedError(), FailureKind.REFUSED),
        (DownloadTimeoutError("took longer"), FailureKind.TIMEOUT),
        (tx_error.TCPTimedOutError(), FailureKind.TIMEOUT),
        (DownloadCancelledError("larger than download max size"), FailureKind.TOO_LARGE),
        (ResponseDataLossError(), FailureKind.CONNECTION),
        (tx_error.ConnectionLost(), FailureKind.CONNECTION),
        (DownloadFailedError("reset"), FailureKind.CONNECTION),
        (tls_failure(), FailureKind.TLS),
        (tx_error.SSLError(), FailureKind.TLS),
        (ValueError("odd"), FailureKind.OTHER),
    ],
)
def test_exception_kinds(exc: BaseException, kind: FailureKind) -> None:
    assert classify_exception(exc)[0] is kind


def test_detail_names_the_exception() -> None:
    kind, detail = classify_exception(DownloadTimeoutError("Getting x took longer than 1 s"))
    assert kind is FailureKind.TIMEOUT
    assert detail == "DownloadTimeoutError: Getting x took longer than 1 s"
    assert classify_exception(ResponseDataLossError())[1] == "ResponseDataLossError"


def test_failure_is_unwrapped() -> None:
    assert classify_failure(Failure(CannotResolveHostError("x"))) == (
        FailureKind.DNS,
        "CannotResolveHostError: x",
    )
