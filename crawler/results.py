"""Turn Scrapy responses and failures into `FetchResult`s, a start page into a `SiteOutcome`,
and a late try that failed into a `CoverageGap`.

A `304 Not Modified` answer to a conditional request, and a document whose bytes hash as
before, are reported with `unchanged_sha256` so that the caller reuses what it read then.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.documents import filename_from_disposition, is_document
from crawler.failures import classify_failure
from crawler.frontier import Link
from crawler.model import CoverageGap, FailureKind, FetchResult, SiteOutcome, Validators

__all__ = [
    "coverage_gap",
    "result_from_failure",
    "result_from_response",
    "site_outcome",
    "unrequested_result",
]


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _unchanged(response: Response, ok: bool, known: Validators | None) -> str | None:
    if known is None or known.sha256 is None:
        return None
    if response.status == 304:
        return known.sha256
    if ok and hashlib.sha256(response.body).hexdigest() == known.sha256:
        return known.sha256
    return None


def result_from_response(
    code: str, link: Link, response: Response, known: Validators | None = None
) -> FetchResult:
    """A response of any status: 2xx is a page or document, anything else an `http` failure.

    `known` is what the previous crawl fetched at this URL: with it, a 304 is no failure but
    a document that did not change (`body` None, `unchanged_sha256` set).
    """
    content_type = _header(response, "Content-Type")
    filename = filename_from_disposition(response.headers.get("Content-Disposition"))
    not_modified = response.status == 304 and known is not None
    ok = 200 <= response.status < 300
    document = is_document(response.body, content_type, filename) if ok else link.document_hint
    return FetchResult(
        agency_code=code,
        url=link.url,
        final_url=response.url,
        status=response.status,
        failure=None if ok or not_modified else FailureKind.HTTP,
        failure_detail=None if ok or not_modified else f"HTTP {response.status}",
        content_type=content_type,
        filename=filename,
        body=response.body if ok else None,
        is_document=document or not_modified,
        depth=link.depth,
        referer=link.referer,
        link_text=link.text,
        fetched_at=datetime.now(UTC),
        etag=_header(response, "ETag"),
        last_modified=_header(response, "Last-Modified"),
        unchanged_sha256=_unchanged(response, ok, known),
        start=link.start,
        retry=link.late,
    )


def result_from_failure(code: str, link: Link, failure: Failure) -> FetchResult:
    """A request that produced no usable response (or an `HttpError` one)."""
    kind, detail = classify_failure(failure)
    response = failure.value.response if isinstance(failure.value, HttpError) else None
    request = getattr(failure, "request", None)
    final_url = response.url if response is not None else getattr(request, "url", None)
    return FetchResult(
        agency_code=code,
        url=link.url,
        final_url=final_url if final_url != link.url else None,
        status=response.status if response is not None else None,
        failure=kind,
        failure_detail=detail,
        content_type=_header(response, "Content-Type") if response is not None else None,
        filename=None,
        body=None,
        is_document=link.document_hint,
        depth=link.depth,
        referer=link.referer,
        link_text=link.text,
        fetched_at=datetime.now(UTC),
        start=link.start,
        retry=link.late,
    )


def unrequested_result(code: str, url: str, detail: str, *, start: bool = False) -> FetchResult:
    """A start URL that could not even be requested (malformed, not crawled at all)."""
    return FetchResult(
        agency_code=code,
        url=url,
        final_url=None,
        status=None,
        failure=FailureKind.OTHER,
        failure_detail=detail,
        content_type=None,
        filename=None,
        body=None,
        is_document=False,
        depth=0,
        referer=None,
        link_text=None,
        fetched_at=datetime.now(UTC),
        start=start,
    )


def coverage_gap(result: FetchResult) -> CoverageGap:
    """The candidate `result` was the last try of, out of reach."""
    assert result.failure is not None, "a gap is a failed fetch"
    return CoverageGap(
        url=result.url,
        link_text=result.link_text,
        failure=result.failure,
        detail=result.failure_detail,
    )


def site_outcome(
    code: str,
    start: FetchResult,
    *,
    pages: int,
    documents: int,
    gaps: tuple[CoverageGap, ...] = (),
    retried: bool = False,
    deferred: int = 0,
) -> SiteOutcome:
    """How an agency's site answered, judged by its start page's (last) result."""
    return SiteOutcome(
        agency_code=code,
        reachable=start.failure is None,
        robots_forbidden=start.failure is FailureKind.ROBOTS,
        failure=start.failure,
        failure_detail=start.failure_detail,
        pages=pages,
        documents=documents,
        gaps=gaps,
        retried=retried,
        deferred=deferred,
    )
