"""FRESH005 no-recent-internal-audit and FRESH006 no-recent-management-review."""

from __future__ import annotations

from datetime import date

import pytest

from rules import AgencyFacts, DocumentFacts, Severity, Status, audit, load_profile
from tests.rules.factories import (
    AS_OF,
    WEBSITE,
    Case,
    agency,
    check_case,
    complete_documents,
    doc,
    records,
    replacing,
    without,
)


def with_records(*documents: DocumentFacts) -> AgencyFacts:
    return agency((*without(complete_documents(), "report"), *documents))


CASES = [
    Case(rule="FRESH005", passes=True, label="report-says-held-2025", agency=agency()),
    Case(
        rule="FRESH005",
        passes=True,
        label="audit-report-2026",
        agency=with_records(doc("internal_audit", year=2026)),
    ),
    Case(
        rule="FRESH005",
        passes=True,
        label="review-minutes-cite-the-audit",
        agency=with_records(doc("management_review", year=2025, held=("internal_audit",))),
    ),
    Case(rule="FRESH005", passes=False, label="nothing", agency=with_records()),
    Case(
        rule="FRESH005",
        passes=False,
        label="audit-report-2023",
        agency=with_records(doc("internal_audit", year=2023)),
    ),
    Case(
        rule="FRESH005",
        passes=False,
        label="objectives-do-not-count",
        agency=with_records(doc("quality_objectives", year=2026, held=("internal_audit",))),
    ),
    Case(rule="FRESH006", passes=True, label="report-says-held-2025", agency=agency()),
    Case(
        rule="FRESH006",
        passes=True,
        label="minutes-issued-2025",
        agency=with_records(doc("management_review", issued=date(2025, 12, 20))),
    ),
    Case(
        rule="FRESH006",
        passes=False,
        label="only-the-audit",
        agency=with_records(records(2025, "internal_audit")),
    ),
    Case(
        rule="FRESH006",
        passes=False,
        label="in-2027",
        agency=agency(),
        as_of=date(2027, 1, 2),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_nothing_published_is_not_visible_not_a_violation() -> None:
    result = audit(with_records(), as_of=AS_OF)
    audit_finding, review_finding = result.findings
    assert (audit_finding.rule, review_finding.rule) == ("FRESH005", "FRESH006")
    assert audit_finding.severity is Severity.WARNING
    assert audit_finding.evidence_url == WEBSITE + "/"
    assert "Không thấy công khai" in audit_finding.message
    assert "đánh giá nội bộ năm 2025 hoặc năm 2026" in audit_finding.message
    assert "họp xem xét của lãnh đạo năm 2025 hoặc năm 2026" in review_finding.message
    assert "không bắt buộc" in audit_finding.message
    assert result.status is Status.COMPLIANT
    strict = audit(with_records(), as_of=AS_OF, profile=load_profile("strict"))
    assert strict.status is Status.STALE


def test_old_evidence_is_named_with_its_year() -> None:
    old = doc("internal_audit", year=2023, number="45/BC-SKHCN")
    (finding, _) = audit(with_records(old), as_of=AS_OF).findings
    assert finding.rule == "FRESH005"
    assert finding.evidence_url == old.url
    assert "năm 2023" in finding.message and "số 45/BC-SKHCN" in finding.message


def test_undated_evidence_is_named_as_undated() -> None:
    undated = doc("management_review", title="Biên bản họp xem xét của lãnh đạo")
    findings = audit(with_records(records(2025, "internal_audit"), undated), as_of=AS_OF).findings
    (finding,) = findings
    assert (finding.rule, finding.evidence_url) == ("FRESH006", undated.url)
    assert "không xác định được năm" in finding.message


def test_a_plan_that_only_schedules_the_audit_is_no_evidence() -> None:
    plan = doc("plan", year=2026)  # the reading found no "đã tổ chức …"
    codes = [f.rule for f in audit(with_records(plan), as_of=AS_OF).findings]
    assert codes == ["FRESH005", "FRESH006"]


def test_last_years_report_counts_until_the_end_of_this_year() -> None:
    documents = replacing(complete_documents(), "report", records(2025))
    assert audit(agency(documents), as_of=date(2026, 12, 31)).findings == ()
    late = audit(agency(documents), as_of=date(2027, 1, 1))
    assert [f.rule for f in late.findings] == ["FRESH005", "FRESH006"]
