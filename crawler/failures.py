"""The one place where Twisted and Scrapy exceptions become a `FailureKind` and a detail,
and where failures are told apart: transient (worth trying again later) or not.

Scrapy wraps Twisted's errors (`DownloadFailedError` from `ResponseFailed`, ...), and a TLS
handshake error hides inside a `ResponseNeverReceived`'s reasons, so the whole chain of
causes is searched for TLS errors before the outermost exception's class decides.
"""

from __future__ import annotations

from collections.abc import Iterator

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
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

from crawler.errors import PrivateAddressRefused
from crawler.model import FailureKind

__all__ = [
    "NO_ANSWER",
    "TRANSIENT_STATUSES",
    "classify_exception",
    "classify_failure",
    "is_transient",
]

# Answers of a server that is overloaded or restarting: Scrapy retries them at once, and a
# candidate link answered so is tried once more near the end of its agency's crawl.
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
# The site did not answer at all: an agency whose start page failed so is tried again at
# the end of the run (the network, or the server, may be back).
NO_ANSWER = frozenset(
    {FailureKind.DNS, FailureKind.REFUSED, FailureKind.TIMEOUT, FailureKind.CONNECTION}
)

ROBOTS_MESSAGE = "Forbidden by robots.txt"
REDIRECT_LOOP_MESSAGE = "max redirections reached"
DECOMPRESSED_TOO_LARGE_MESSAGE = "exceeded DOWNLOAD_MAXSIZE"  # HttpCompressionMiddleware

_BY_CLASS: tuple[tuple[tuple[type[BaseException], ...], FailureKind], ...] = (
    ((PrivateAddressRefused,), FailureKind.PRIVATE),
    ((HttpError,), FailureKind.HTTP),
    ((CannotResolveHostError, tx_error.DNSLookupError), FailureKind.DNS),
    ((DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), FailureKind.REFUSED),
    (
        (DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError),
        FailureKind.TIMEOUT,
    ),
    ((DownloadCancelledError,), FailureKind.TOO_LARGE),
    (
        (
            DownloadFailedError,
            ResponseDataLossError,
            ResponseFailed,
            tx_error.ConnectionLost,
            tx_error.ConnectionDone,
            tx_error.ConnectError,
        ),
        FailureKind.CONNECTION,
    ),
)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes and contexts, and the reasons Twisted wraps."""
    pending: list[BaseException] = [exc]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        reasons = getattr(current, "reasons", None) if isinstance(current, ResponseFailed) else None
        for reason in reasons or ():
            if isinstance(reason, Failure) and isinstance(reason.value, BaseException):
                pending.append(reason.value)


def _detail(exc: BaseException) -> str:
    text = str(exc).strip()
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def classify_exception(exc: BaseException) -> tuple[FailureKind, str]:
    """The failure kind of an exception and a one-line detail for people."""
    for cause in _causes(exc):
        if isinstance(cause, SSL.Error | tx_error.SSLError):
            return FailureKind.TLS, _detail(cause)
    if isinstance(exc, IgnoreRequest) and not isinstance(exc, PrivateAddressRefused | HttpError):
        message = str(exc)
        if ROBOTS_MESSAGE in message:
            return FailureKind.ROBOTS, message
        if REDIRECT_LOOP_MESSAGE in message:
            return FailureKind.REDIRECT_LOOP, message
        if DECOMPRESSED_TOO_LARGE_MESSAGE in message:
            return FailureKind.TOO_LARGE, message
        return FailureKind.OTHER, _detail(exc)
    for classes, kind in _BY_CLASS:
        if isinstance(exc, classes):
            detail = _detail(exc)
            if kind is FailureKind.TOO_LARGE and not str(exc).strip():
                detail += ": response larger than the download size limit"
            return kind, detail
    return FailureKind.OTHER, _detail(exc)


def classify_failure(failure: Failure) -> tuple[FailureKind, str]:
    """`classify_exception` for a Twisted `Failure`, as an errback receives it."""
    value = failure.value
    if not isinstance(value, BaseException):  # pragma: no cover - Failure always holds one
        return FailureKind.OTHER, repr(value)
    return classify_exception(value)


def is_transient(kind: FailureKind | None, status: int | None) -> bool:
    """A failure that may not happen on a later try: a timeout, a connection dropped or
    reset, an answer saying the server is overloaded (5xx, 408, 429)."""
    if kind in (FailureKind.TIMEOUT, FailureKind.CONNECTION):
        return True
    return kind is FailureKind.HTTP and status in TRANSIENT_STATUSES
