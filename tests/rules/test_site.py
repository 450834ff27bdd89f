"""SITE001 site-unreachable, SITE002 crawl-forbidden-by-robots, SITE003 site-down, SITE004
no-website-registered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rules import SiteFacts, Status, audit
from tests.rules.factories import AS_OF, Case, agency, check_case, unreachable

YESTERDAY = AS_OF - timedelta(days=1)
DOWN_TODAY = unreachable("refused", last_reached=YESTERDAY, down_since=AS_OF)
DOWN_FOR_THREE_DAYS = unreachable(
    "refused", last_reached=AS_OF - timedelta(days=4), down_since=AS_OF - timedelta(days=3)
)
NO_WEBSITE = SiteFacts(reachable=False, registered=False)

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
    Case(rule="SITE001", passes=True, label="down-one-day", agency=agency(site=DOWN_TODAY)),
    Case(
        rule="SITE001",
        passes=False,
        label="down-three-days",
        agency=agency(site=DOWN_FOR_THREE_DAYS),
    ),
    Case(rule="SITE003", passes=False, label="down-one-day", agency=agency(site=DOWN_TODAY)),
    Case(rule="SITE003", passes=True, label="reachable", agency=agency()),
    Case(
        rule="SITE003",
        passes=True,
        label="never-reached-is-site001",
        agency=agency(site=unreachable("refused")),
    ),
    Case(
        rule="SITE003",
        passes=True,
        label="down-three-days-is-site001",
        agency=agency(site=DOWN_FOR_THREE_DAYS),
    ),
    Case(rule="SITE004", passes=False, label="no-website", agency=agency(site=NO_WEBSITE)),
    Case(rule="SITE004", passes=True, label="website", agency=agency()),
    Case(
        rule="SITE004",
        passes=True,
        label="unreachable-is-site001",
        agency=agency(site=unreachable("dns")),
    ),
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


def test_a_site_down_for_a_day_keeps_its_status_and_says_since_when() -> None:
    result = audit(agency(site=DOWN_TODAY), as_of=AS_OF)
    assert result.status is Status.COMPLIANT
    (finding,) = result.findings
    assert finding.rule == "SITE003"
    assert finding.severity.value == "warning"
    assert "01/06/2026" in finding.message  # down since
    assert "31/05/2026" in finding.message  # last reached
    assert "không kết nối được" in finding.message


def test_a_site_down_for_a_day_keeps_the_status_its_documents_give() -> None:
    result = audit(agency((), site=DOWN_TODAY), as_of=AS_OF)
    assert result.status is Status.NOT_PUBLISHED
    assert {finding.rule for finding in result.findings} == {"SITE003", "DOC001"}


@pytest.mark.parametrize(("days", "status"), [(2, Status.COMPLIANT), (3, Status.UNREACHABLE)])
def test_a_site_becomes_unreachable_after_the_profiles_days(days: int, status: Status) -> None:
    since = AS_OF - timedelta(days=days)
    site = unreachable("timeout", last_reached=since - timedelta(days=1), down_since=since)
    result = audit(agency(site=site), as_of=AS_OF)
    assert result.status is status
    if status is Status.UNREACHABLE:
        (finding,) = result.findings
        assert finding.rule == "SITE001"
        assert f"từ ngày {since:%d/%m/%Y}" in finding.message


def test_an_agency_without_a_website_is_unreachable_with_one_finding() -> None:
    result = audit(agency(site=NO_WEBSITE), as_of=AS_OF)
    assert result.status is Status.UNREACHABLE
    assert [finding.rule for finding in result.findings] == ["SITE004"]


def test_site_findings_are_about_the_agency_itself() -> None:
    for site in (DOWN_TODAY, NO_WEBSITE, unreachable("dns")):
        for finding in audit(agency(site=site), as_of=AS_OF).findings:
            assert finding.subject == ""


def test_robots_still_forbids_at_once_whatever_was_reached_before() -> None:
    site = SiteFacts(
        reachable=False,
        robots_forbidden=True,
        failure="robots",
        last_reached=date(2026, 5, 31),
        down_since=AS_OF,
    )
    assert audit(agency(site=site), as_of=AS_OF).status is Status.UNREACHABLE
