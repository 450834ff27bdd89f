# Twisted's constructors carry no annotations:
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from twisted.python.failure import Failure

from crawler.candidates import start_link
from crawler.model import FailureKind
from crawler.results import result_from_failure, result_from_response, site_outcome

START = start_link("http://a.vn/")


def test_page_response() -> None:
    response = HtmlResponse(
        "http://a.vn/trang-chu", body=b"<html></html>", headers={"Content-Type": "text/html"}
    )
    result = result_from_response("A", START, response)
    assert (result.status, result.failure, result.is_document) == (200, None, False)
    assert (result.url, result.final_url, result.body) == (
        START.url,
        response.url,
        b"<html></html>",
    )
    assert result.content_type == "text/html"


def test_document_response_with_its_name() -> None:
    response = Response(
        "http://a.vn/DownloadFile.aspx?id=3",
        body=b"%PDF-1.4",
        headers={"Content-Disposition": 'attachment; filename="qd.pdf"'},
    )
    result = result_from_response("A", START, response)
    assert result.is_document and result.filename == "qd.pdf"


def test_error_status_is_an_http_failure_without_body() -> None:
    result = result_from_response("A", START, Response("http://a.vn/", status=503, body=b"x"))
    assert (result.status, result.failure, result.failure_detail) == (
        503,
        FailureKind.HTTP,
        "HTTP 503",
    )
    assert result.body is None


def test_failure_keeps_the_last_url_tried() -> None:
    failure = Failure(IgnoreRequest("max redirections reached"))
    failure.request = Request("http://a.vn/b")  # type: ignore[attr-defined]
    result = result_from_failure("A", START, failure)
    assert (result.failure, result.final_url, result.status) == (
        FailureKind.REDIRECT_LOOP,
        "http://a.vn/b",
        None,
    )


def test_site_outcome_follows_the_start_page() -> None:
    failure = Failure(IgnoreRequest("Forbidden by robots.txt"))
    failure.request = Request(START.url)  # type: ignore[attr-defined]
    outcome = site_outcome("A", result_from_failure("A", START, failure), pages=0, documents=0)
    assert (outcome.reachable, outcome.robots_forbidden, outcome.failure) == (
        False,
        True,
        FailureKind.ROBOTS,
    )
