"""FRESH001–FRESH004: objectives for the current year, declaration after establishment."""

from __future__ import annotations

from datetime import date

import pytest

from rules import AgencyFacts, DocumentFacts, Severity, Status, audit
from tests.rules.factories import (
    AS_OF,
    ESTABLISHED,
    Case,
    agency,
    check_case,
    complete_documents,
    declaration,
    objectives,
    replacing,
)


def with_objectives(*documents: DocumentFacts) -> AgencyFacts:
    return agency(replacing(complete_documents(), "quality_objectives", *documents))


def with_declarations(
    *documents: DocumentFacts, established: date | None = ESTABLISHED
) -> AgencyFacts:
    return agency(
        replacing(complete_documents(), "declaration", *documents), established=established
    )


CASES = [
    Case(
        rule="FRESH001",
        passes=False,
        label="2025-in-june-2026",
        agency=with_objectives(objectives(2025)),
    ),
    Case(
        rule="FRESH001",
        passes=False,
        label="issue-year-used",
        agency=with_objectives(objectives(None, issued=date(2024, 12, 20))),
    ),
    Case(rule="FRESH001", passes=True, label="2026", agency=with_objectives(objectives(2026))),
    Case(
        rule="FRESH001",
        passes=True,
        label="year-unknown",
        agency=with_objectives(objectives(None)),
    ),
    Case(
        rule="FRESH001",
        passes=True,
        label="2025-on-31-march",
        agency=with_objectives(objectives(2025)),
        as_of=date(2026, 3, 31),
    ),
    Case(
        rule="FRESH003",
        passes=False,
        label="year-unknown",
        agency=with_objectives(objectives(None)),
    ),
    Case(rule="FRESH003", passes=True, label="2026", agency=with_objectives(objectives(2026))),
    Case(
        rule="FRESH003",
        passes=True,
        label="unknown-beside-current",
        agency=with_objectives(objectives(2026), objectives(None)),
    ),
    Case(
        rule="FRESH002",
        passes=False,
        label="2020-declaration",
        agency=with_declarations(declaration(date(2020, 3, 5))),
    ),
    Case(
        rule="FRESH002",
        passes=True,
        label="redeclared",
        agency=with_declarations(declaration(date(2020, 3, 5)), declaration(date(2025, 9, 15))),
    ),
    Case(
        rule="FRESH002",
        passes=True,
        label="on-the-day",
        agency=with_declarations(declaration(date(2025, 7, 1))),
    ),
    Case(
        rule="FRESH002",
        passes=True,
        label="no-established-date",
        agency=with_declarations(declaration(date(2020, 3, 5)), established=None),
    ),
    Case(
        rule="FRESH002",
        passes=True,
        label="undated-declaration",
        agency=with_declarations(declaration(None)),
    ),
    Case(
        rule="FRESH004",
        passes=False,
        label="undated-declaration",
        agency=with_declarations(declaration(date(2020, 3, 5)), declaration(None)),
    ),
    Case(rule="FRESH004", passes=True, label="dated", agency=with_declarations(declaration())),
    Case(
        rule="FRESH004",
        passes=True,
        label="undated-beside-redeclared",
        agency=with_declarations(declaration(None), declaration(date(2025, 9, 15))),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_out_of_date_objectives_make_the_agency_stale_and_name_the_years() -> None:
    old = objectives(2024, title="Mục tiêu chất lượng năm 2024")
    result = audit(with_objectives(objectives(2023), old), as_of=AS_OF)
    assert result.status is Status.STALE
    (finding,) = result.findings
    assert (finding.rule, finding.severity) == ("FRESH001", Severity.WARNING)
    assert "năm 2024" in finding.message
    assert "năm 2026" in finding.message
    assert "01/06/2026" in finding.message
    assert finding.evidence_url == old.url
    assert finding.snippet == "Mục tiêu chất lượng năm 2024"


def test_unknown_year_is_info_and_leaves_the_agency_compliant() -> None:
    result = audit(with_objectives(objectives(None)), as_of=AS_OF)
    assert [(f.rule, f.severity) for f in result.findings] == [("FRESH003", Severity.INFO)]
    assert result.status is Status.COMPLIANT


def test_unknown_year_beside_an_old_one_is_not_judged_stale() -> None:
    result = audit(with_objectives(objectives(2024), objectives(None)), as_of=AS_OF)
    assert [finding.rule for finding in result.findings] == ["FRESH003"]


def test_declaration_before_establishment_is_a_stale_error_with_dates() -> None:
    old = declaration(date(2020, 3, 5), number="12/QĐ-SKHCN")
    result = audit(with_declarations(old), as_of=AS_OF)
    assert result.status is Status.STALE
    (finding,) = result.findings
    assert (finding.rule, finding.severity) == ("FRESH002", Severity.ERROR)
    assert "số 12/QĐ-SKHCN ngày 05/03/2020" in finding.message
    assert "01/07/2025" in finding.message
    assert finding.evidence_id == old.evidence_id


def test_undated_declaration_is_info_not_stale() -> None:
    result = audit(with_declarations(declaration(None)), as_of=AS_OF)
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("DOC007", Severity.WARNING),  # advisory: no issue date on the declaration
        ("FRESH004", Severity.INFO),
    ]
    assert "không ghi ngày ban hành" in result.findings[0].message
    assert result.status is Status.COMPLIANT
