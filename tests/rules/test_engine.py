"""The engine: verdict order, stages, iso_version, the 1 April boundary, as_of."""

from __future__ import annotations

from datetime import date

import pytest

from rules import Audit, SiteFacts, Status, audit
from tests.rules.factories import (
    AS_OF,
    agency,
    complete_documents,
    declaration,
    doc,
    objectives,
    replacing,
    unreachable,
    with_version,
    without,
)


def codes(result: Audit) -> list[str]:
    return [finding.rule for finding in result.findings]


def test_complete_agency_is_compliant_without_findings() -> None:
    result = audit(agency(), as_of=AS_OF)
    assert (result.status, result.findings, result.iso_version) == (Status.COMPLIANT, (), "2015")


def test_status_members_are_in_verdict_order() -> None:
    assert list(Status) == [
        Status.UNREACHABLE,
        Status.NOT_PUBLISHED,
        Status.OUTDATED,
        Status.INCOMPLETE,
        Status.STALE,
        Status.COMPLIANT,
    ]
    assert Status.first_of([Status.STALE, Status.OUTDATED, Status.INCOMPLETE]) is Status.OUTDATED
    assert Status.first_of([]) is Status.COMPLIANT


def test_outdated_wins_over_incomplete_and_stale() -> None:
    documents = (
        declaration(date(2019, 1, 2), iso_version="2008"),
        doc("quality_objectives", year=2020, iso_version=None),
    )
    result = audit(agency(documents), as_of=AS_OF)
    assert {"VER001", "DOC003", "DOC005", "FRESH001", "FRESH002"} <= set(codes(result))
    assert result.status is Status.OUTDATED


def test_incomplete_wins_over_stale() -> None:
    documents = replacing(without(complete_documents(), "quality_policy"), "quality_objectives")
    result = audit(agency((*documents, objectives(2024))), as_of=AS_OF)
    assert codes(result) == ["DOC003", "FRESH001"]
    assert result.status is Status.INCOMPLETE


def test_unreachable_site_stops_every_other_rule() -> None:
    result = audit(agency((), site=unreachable("timeout")), as_of=AS_OF)
    assert (codes(result), result.status) == (["SITE001"], Status.UNREACHABLE)


def test_unreachable_site_with_stored_documents_still_only_site_finding() -> None:
    documents = (declaration(date(2019, 1, 2), iso_version="2008"),)
    result = audit(agency(documents, site=unreachable("dns")), as_of=AS_OF)
    assert (codes(result), result.status) == (["SITE001"], Status.UNREACHABLE)
    assert result.iso_version == "2008"


def test_robots_and_unreachable_give_one_finding() -> None:
    site = SiteFacts(reachable=False, robots_forbidden=True, failure="robots")
    assert codes(audit(agency(site=site), as_of=AS_OF)) == ["SITE002"]


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        ((None, None), None),
        (("2015", None), "2015"),
        (("2008", "2008"), "2008"),
        (("2015", "2008"), "mixed"),
        (("2026", "2015"), "mixed"),
    ],
)
def test_iso_version_aggregates_documents_that_state_one(
    versions: tuple[str | None, ...], expected: str | None
) -> None:
    documents = tuple(with_version(doc("procedure"), version) for version in versions)
    assert audit(agency(documents), as_of=AS_OF).iso_version == expected


def test_not_qms_documents_do_not_count() -> None:
    result = audit(agency((doc("not_qms", iso_version="2008"),)), as_of=AS_OF)
    assert (result.status, result.iso_version) == (Status.NOT_PUBLISHED, None)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2026, 3, 31), Status.COMPLIANT),
        (date(2026, 4, 1), Status.STALE),
        (date(2025, 12, 31), Status.COMPLIANT),
        (date(2027, 3, 31), Status.STALE),
    ],
)
def test_last_years_objectives_count_until_31_march(as_of: date, status: Status) -> None:
    documents = replacing(complete_documents(), "quality_objectives", objectives(2025))
    assert audit(agency(documents), as_of=as_of).status is status


def test_declaration_is_compared_with_the_agency_establishment_date() -> None:
    documents = replacing(complete_documents(), "declaration", declaration(date(2025, 9, 15)))
    later = agency(documents, established=date(2026, 1, 1))
    assert audit(later, as_of=AS_OF).status is Status.STALE
    assert audit(agency(documents), as_of=AS_OF).status is Status.COMPLIANT


def test_as_of_is_the_date_judged_against() -> None:
    documents = replacing(complete_documents(), "quality_objectives", objectives(2026))
    assert audit(agency(documents), as_of=date(2026, 12, 31)).status is Status.COMPLIANT
    later = audit(agency(documents), as_of=date(2027, 4, 1))
    assert later.status is Status.STALE
    assert "01/04/2027" in later.findings[0].message
    assert "năm 2027" in later.findings[0].message


def test_findings_follow_registry_order() -> None:
    result = audit(agency((doc("quality_objectives", year=2020, iso_version="2008"),)), as_of=AS_OF)
    assert codes(result) == [
        "DOC002",
        "DOC003",
        "DOC005",
        "VER001",
        "FRESH001",
        "FRESH005",
        "FRESH006",
    ]


def test_a_document_finding_is_keyed_by_the_documents_number_not_its_url() -> None:
    from dataclasses import replace

    from rules.documents import document_subject

    first = doc("procedure", number="QT 02/CX-HCTP")
    moved = replace(first, url="https://skhcn.example.gov.vn/vi/van-ban/qt-02.pdf")
    other = doc("procedure", number="QT 03/CX-HCTP")
    assert document_subject(first) == document_subject(moved) != document_subject(other)
    assert document_subject(doc("quality_objectives", year=2026)) == "quality_objectives:2026"
