"""FRESH007 superseded-legal-basis and FRESH008 declaration-by-abolished-body, and the
data file they read."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rules import AgencyFacts, DocumentFacts, Status, audit, load_profile
from rules.superseded import add_months, packaged_superseded, parse_superseded
from tests.rules.factories import (
    AS_OF,
    Case,
    agency,
    check_case,
    complete_documents,
    declaration,
    doc,
    replacing,
)

ND61 = "61/2018/NĐ-CP"
HUYEN = "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH"
CHAIR = "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"


def citing(*numbers: str, doc_type: str = "procedure") -> AgencyFacts:
    procedure = doc(doc_type, number="QT-02/SKHCN", cited=numbers)
    return agency((*complete_documents(), procedure))


def declaring(*documents: DocumentFacts, established: date | None = None) -> AgencyFacts:
    """A commune whose declarations are `documents`."""
    documents = replacing(complete_documents(), "declaration", *documents)
    facts = agency(documents, established=established, level="commune")
    return replace(facts, code="XA-ANPHU", name="Ủy ban nhân dân xã An Phú")


def by_huyen(issued: date | None = date(2015, 12, 9)) -> DocumentFacts:
    return declaration(issued, number="2310/QĐ-UBND", issuer=HUYEN, signer_title=CHAIR)


CASES = [
    Case(rule="FRESH007", passes=False, label="nd61-in-2026", agency=citing(ND61)),
    Case(
        rule="FRESH007",
        passes=False,
        label="nd110-in-a-manual",
        agency=citing("110/2004/NĐ-CP", doc_type="quality_manual"),
    ),
    Case(
        rule="FRESH007",
        passes=False,
        label="spelt-without-diacritics",
        agency=citing("61/2018/ND-CP", doc_type="process_list"),
    ),
    Case(rule="FRESH007", passes=True, label="nd118", agency=citing("118/2025/NĐ-CP")),
    Case(
        rule="FRESH007",
        passes=True,
        label="within-the-grace",
        agency=citing(ND61),
        as_of=date(2025, 9, 30),
    ),
    Case(
        rule="FRESH007",
        passes=True,
        label="a-report-may-tell-history",
        agency=citing(ND61, doc_type="report"),
    ),
    Case(rule="FRESH008", passes=False, label="district-declaration", agency=declaring(by_huyen())),
    Case(
        rule="FRESH008",
        passes=False,
        label="dated-after-the-abolition",
        agency=declaring(by_huyen(date(2025, 8, 1))),
    ),
    Case(
        rule="FRESH008",
        passes=True,
        label="redeclared-by-the-commune",
        agency=declaring(
            by_huyen(),
            declaration(
                issuer="ỦY BAN NHÂN DÂN XÃ AN PHÚ", number="42/QĐ-UBND", signer_title=CHAIR
            ),
        ),
    ),
    Case(
        rule="FRESH008",
        passes=True,
        label="before-the-abolition",
        agency=declaring(by_huyen()),
        as_of=date(2025, 6, 30),
    ),
    Case(rule="FRESH008", passes=True, label="a-department", agency=agency()),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_the_finding_names_the_text_its_replacement_and_the_document() -> None:
    facts = citing(ND61, "144/2006/QĐ-TTg", ND61)
    (finding,) = audit(facts, as_of=AS_OF).findings
    assert finding.rule == "FRESH007"
    assert finding.message.startswith("Quy trình số QT-02/SKHCN vẫn viện dẫn")
    assert "Nghị định 61/2018/NĐ-CP" in finding.message
    assert "Nghị định 118/2025/NĐ-CP" in finding.message
    assert "01/07/2025" in finding.message and "01/10/2025" in finding.message
    assert "Quyết định 144/2006/QĐ-TTg" in finding.message
    assert finding.message.count("61/2018") == 1
    assert audit(facts, as_of=AS_OF).status is Status.COMPLIANT
    assert audit(facts, as_of=AS_OF, profile=load_profile("strict")).status is Status.STALE


def test_the_grace_ends_three_months_after_the_text_ceased() -> None:
    facts = citing(ND61)
    assert not audit(facts, as_of=date(2025, 9, 30)).findings
    assert [f.rule for f in audit(facts, as_of=date(2025, 10, 1)).findings] == ["FRESH007"]


def test_a_district_declaration_keeps_fresh002_deciding_the_status() -> None:
    facts = declaring(by_huyen(), established=date(2025, 7, 1))
    result = audit(facts, as_of=AS_OF)
    assert [f.rule for f in result.findings] == ["FRESH002", "FRESH008"]
    assert result.status is Status.STALE
    message = result.findings[1].message
    assert HUYEN in message and "01/07/2025" in message and "công bố lại" in message


def test_packaged_data_is_valid_and_seeded_from_the_domain() -> None:
    table = packaged_superseded()
    assert table.grace_months == 3
    numbers = {text.number for text in table.texts}
    assert numbers >= {
        "144/2006/QĐ-TTg",
        "118/2009/QĐ-TTg",
        "110/2004/NĐ-CP",
        "09/2010/NĐ-CP",
        "61/2018/NĐ-CP",
    }
    nd61 = table.text_cited("61/2018/nd-cp")
    assert nd61 is not None and "118/2025" in nd61.replaced_by
    assert table.body_of("UBND huyện An Lão") is not None
    assert table.body_of("ỦY BAN NHÂN DÂN THỊ XÃ KIẾN TƯỜNG") is not None
    assert table.body_of("ỦY BAN NHÂN DÂN XÃ AN PHÚ") is None
    assert table.body_of("SỞ TƯ PHÁP") is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("grace_months = -1\n", "whole number"),
        ("[[text]]\nnumber = '1/2020/NĐ-CP'\n", "'name'"),
        (
            "[[text]]\nnumber = '1/2020/NĐ-CP'\nname = 'x'\nceased = '2020'\nreplaced_by = 'y'\n",
            "YYYY-MM-DD",
        ),
        (
            "[[text]]\nnumber = 'x'\nname = 'x'\nceased = 2020-01-01\nreplaced_by = 'y'\nz = 1\n",
            "z",
        ),
        ("[[body]]\nnames = []\nceased = 2025-07-01\nreplaced_by = 'x'\n", "non-empty"),
        ("laws = []\n", "unknown keys"),
        ("[[text]\n", "invalid TOML"),
    ],
)
def test_a_bad_table_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_superseded(text)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 7, 1), 3, date(2025, 10, 1)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2023, 11, 29), 3, date(2024, 2, 29)),
        (date(2025, 1, 31), 0, date(2025, 1, 31)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
