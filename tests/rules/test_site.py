"""SITE001 site-unreachable and SITE002 crawl-forbidden-by-robots."""

from __future__ import annotations

import pytest

from rules import SiteFacts, Status, audit
from tests.rules.factories import AS_OF, Case, agency, check_case, unreachable

CASES = [
    Case(rule="SITE001", passes=False, label="timeout", agency=agency(site=unreachable("timeout"))),
    Case(rule="SITE001", passes=True, label="reachable", agency=agency()),
    Case(
        rule="SITE001",
        passes=True,
        label="robots-is-site002",
        agency=agency(site=SiteFacts(reachable=False, robots_forbidden=True, failure="robots")),
    ),
    Case(
        rule="SITE002",
        passes=False,
        label="robots",
        agency=agency(site=SiteFacts(reachable=False, robots_forbidden=True, failure="robots")),
    ),
    Case(rule="SITE002", passes=True, label="reachable", agency=agency()),
    Case(rule="SITE002", passes=True, label="dns", agency=agency(site=unreachable("dns"))),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


@pytest.mark.parametrize(
    ("failure", "detail", "words"),
    [
        ("timeout", None, "hết thời gian chờ"),
        ("refused", "Connection refused", "không kết nối được"),
        ("connection", "Connection lost", "không kết nối được"),
        ("dns", "no address", "DNS"),
        ("tls", None, "TLS"),
        ("http", "HTTP 500 Internal Server Error", "lỗi máy chủ HTTP 500"),
        ("http", "404", "lỗi HTTP 404"),
        ("http", None, "lỗi HTTP"),
        (None, None, "không kết nối được"),
        ("something_new", None, "lỗi không xác định"),
    ],
)
def test_unreachable_message_names_the_failure(
    failure: str | None, detail: str | None, words: str
) -> None:
    result = audit(agency(site=unreachable(failure, detail)), as_of=AS_OF)
    (finding,) = result.findings
    assert finding.rule == "SITE001"
    assert words in finding.message
    assert finding.snippet == detail


def test_http_404_is_not_called_a_server_error() -> None:
    result = audit(agency(site=unreachable("http", "HTTP 404")), as_of=AS_OF)
    assert "máy chủ" not in result.findings[0].message


def test_site_finding_points_at_the_start_page() -> None:
    site = SiteFacts(
        reachable=False, failure="timeout", start_url="https://a.gov.vn/", evidence_id=7
    )
    (finding,) = audit(agency(site=site), as_of=AS_OF).findings
    assert (finding.evidence_url, finding.evidence_id) == ("https://a.gov.vn/", 7)


def test_robots_finding_says_robots_and_unreachable() -> None:
    result = audit(agency(site=SiteFacts(reachable=True, robots_forbidden=True)), as_of=AS_OF)
    assert result.status is Status.UNREACHABLE
    assert [finding.rule for finding in result.findings] == ["SITE002"]
    assert "robots.txt" in result.findings[0].message
