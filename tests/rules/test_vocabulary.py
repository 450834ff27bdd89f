"""VER003 converted-on-paper-only and VER004 upcoming-edition."""

from __future__ import annotations

import pytest

from rules import AgencyFacts, Severity, Status, audit, load_profile, parse_profile
from tests.rules.factories import (
    AS_OF,
    Case,
    agency,
    check_case,
    complete_documents,
    doc,
    with_version,
)

OLD_WORDS = (("2008", "hành động phòng ngừa"), ("2008", "đại diện lãnh đạo"))


def with_procedure(iso_version: str | None, *vocabulary: tuple[str, str]) -> AgencyFacts:
    procedure = doc(
        "procedure", iso_version=iso_version, number="QT-07/SKHCN", vocabulary=vocabulary
    )
    return agency((*complete_documents(), procedure))


def all_on(version: str) -> AgencyFacts:
    return agency(tuple(with_version(document, version) for document in complete_documents()))


CASES = [
    Case(
        rule="VER003",
        passes=False,
        label="2015-title-2008-words",
        agency=with_procedure("2015", *OLD_WORDS),
    ),
    Case(
        rule="VER003",
        passes=True,
        label="2015-words",
        agency=with_procedure("2015", ("2015", "rủi ro và cơ hội")),
    ),
    Case(
        rule="VER003",
        passes=True,
        label="2008-throughout",
        agency=with_procedure("2008", *OLD_WORDS),
    ),
    Case(
        rule="VER003",
        passes=True,
        label="a-report-telling-history",
        agency=agency((*complete_documents(), doc("report", vocabulary=OLD_WORDS))),
    ),
    Case(rule="VER004", passes=False, label="all-on-2026", agency=all_on("2026")),
    Case(rule="VER004", passes=True, label="all-on-2015", agency=agency()),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_paper_only_conversion_quotes_the_old_phrases() -> None:
    facts = with_procedure("2015", *OLD_WORDS)
    (finding,) = audit(facts, as_of=AS_OF).findings
    assert (finding.rule, finding.severity) == ("VER003", Severity.WARNING)
    assert "“hành động phòng ngừa”, “đại diện lãnh đạo”" in finding.message
    assert "TCVN ISO 9001:2015" in finding.message and "TCVN ISO 9001:2008" in finding.message
    assert "số QT-07/SKHCN" in finding.message
    assert audit(facts, as_of=AS_OF).status is Status.COMPLIANT
    assert audit(facts, as_of=AS_OF, profile=load_profile("strict")).status is Status.STALE


def test_an_agency_on_2026_is_not_outdated_and_reads_2026() -> None:
    result = audit(all_on("2026"), as_of=AS_OF)
    assert (result.status, result.iso_version) == (Status.COMPLIANT, "2026")
    assert {f.rule for f in result.findings} == {"VER004"}
    assert all(f.severity is Severity.INFO for f in result.findings)
    assert result.findings[0].message.startswith(
        "Quyết định công bố HTQLCL số 87/QĐ-SKHCN ngày 15/09/2025 áp dụng ISO 9001:2026"
    )
    assert "phiên bản hiện hành: TCVN ISO 9001:2015" in result.findings[0].message


def test_once_2026_is_current_it_is_no_longer_upcoming() -> None:
    adopted = load_profile(None)
    text = (
        '[editions.2008]\nstatus = "withdrawn"\n[editions.2015]\nstatus = "current"\n'
        '[editions.2026]\nstatus = "current"\n[defaults]\n'
        'required = ["declaration"]\nobjectives_grace = "04-01"\n[levels]\n'
    )
    profile = parse_profile(text)
    assert profile.editions.upcoming == () and adopted.editions.upcoming == ("2026",)
    assert audit(all_on("2026"), as_of=AS_OF, profile=profile).findings == ()
