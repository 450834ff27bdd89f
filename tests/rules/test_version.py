"""VER001 iso-2008-only and VER002 mixed-iso-versions."""

from __future__ import annotations

from datetime import date

import pytest

from rules import DocumentFacts, Severity, Status, audit, parse_profile
from tests.rules.factories import (
    AS_OF,
    Case,
    agency,
    check_case,
    complete_documents,
    declaration,
    doc,
    replacing,
    with_version,
)


def all_2008() -> tuple[DocumentFacts, ...]:
    return tuple(with_version(document, "2008") for document in complete_documents())


CASES = [
    Case(rule="VER001", passes=False, label="all-2008", agency=agency(all_2008())),
    Case(
        rule="VER001",
        passes=False,
        label="2008-and-unstated",
        agency=agency(
            (
                declaration(iso_version="2008"),
                doc("quality_policy", iso_version=None),
                doc("procedure", iso_version=None),
            )
        ),
    ),
    Case(rule="VER001", passes=True, label="all-2015", agency=agency()),
    Case(
        rule="VER001",
        passes=True,
        label="none-stated",
        agency=agency(tuple(with_version(document, None) for document in complete_documents())),
    ),
    Case(
        rule="VER001",
        passes=True,
        label="2015-declaration-2008-procedures",
        agency=agency((*complete_documents(), doc("procedure", iso_version="2008"))),
    ),
    Case(
        rule="VER002",
        passes=False,
        label="2008-procedure-left",
        agency=agency((*complete_documents(), doc("procedure", iso_version="2008"))),
    ),
    Case(rule="VER002", passes=True, label="all-2015", agency=agency()),
    Case(rule="VER002", passes=True, label="all-2008", agency=agency(all_2008())),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_2008_only_is_outdated_and_names_the_edition() -> None:
    result = audit(agency(all_2008()), as_of=AS_OF)
    assert result.status is Status.OUTDATED
    assert result.iso_version == "2008"
    (finding,) = [finding for finding in result.findings if finding.rule == "VER001"]
    assert finding.severity is Severity.ERROR
    assert "TCVN ISO 9001:2008" in finding.message
    assert "TCVN ISO 9001:2015" in finding.message
    assert "Cả 6 tài liệu" in finding.message
    assert "(hạn chuyển đổi trước 30/06/2021)" in finding.message  # the profile's date


def test_the_conversion_deadline_comes_from_the_profile() -> None:
    text = (
        '[editions.2008]\nstatus = "withdrawn"\nconvert_by = 2022-12-31\n'
        '[editions.2015]\nstatus = "current"\n'
        '[defaults]\nrequired = ["declaration"]\nobjectives_grace = "04-01"\n[levels]\n'
    )
    result = audit(agency(all_2008()), as_of=AS_OF, profile=parse_profile(text))
    (finding,) = [f for f in result.findings if f.rule == "VER001"]
    assert "(hạn chuyển đổi trước 31/12/2022)" in finding.message
    undated = text.replace("convert_by = 2022-12-31\n", "")
    result = audit(agency(all_2008()), as_of=AS_OF, profile=parse_profile(undated))
    (finding,) = [f for f in result.findings if f.rule == "VER001"]
    assert "hạn chuyển đổi" not in finding.message


def test_2008_only_cites_the_newest_declaration() -> None:
    old = declaration(date(2012, 1, 5), iso_version="2008", number="3/QĐ-SKHCN")
    newer = declaration(date(2016, 4, 2), iso_version="2008", number="41/QĐ-SKHCN")
    documents = replacing(all_2008(), "declaration", old, newer)
    (finding,) = [f for f in audit(agency(documents), as_of=AS_OF).findings if f.rule == "VER001"]
    assert (finding.evidence_url, finding.evidence_id) == (newer.url, newer.evidence_id)


def test_mixed_versions_warn_per_old_document_without_changing_the_verdict() -> None:
    old = [doc("procedure", iso_version="2008", number=f"QT 0{n}/SKHCN") for n in (1, 2)]
    result = audit(agency((*complete_documents(), *old)), as_of=AS_OF)
    findings = [finding for finding in result.findings if finding.rule == "VER002"]
    assert [finding.evidence_url for finding in findings] == [document.url for document in old]
    assert "số QT 01/SKHCN" in findings[0].message
    assert "TCVN ISO 9001:2008" in findings[0].message
    assert result.status is Status.COMPLIANT
    assert result.iso_version == "mixed"
