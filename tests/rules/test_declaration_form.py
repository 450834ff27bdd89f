"""DOC007 declaration-form-incomplete and DOC008 declaration-issued-by-another-body."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rules import AgencyFacts, DocumentFacts, Severity, Status, audit, load_profile
from rules.completeness.heads import decision_symbol, head_of, own_symbol, signs_as_head
from tests.rules.factories import (
    AS_OF,
    Case,
    agency,
    check_case,
    complete_documents,
    declaration,
    replacing,
)


def declaring(*documents: DocumentFacts, name: str | None = None) -> AgencyFacts:
    facts = agency(replacing(complete_documents(), "declaration", *documents))
    return facts if name is None else replace(facts, name=name)


OFFICE_CHIEF = {"signer": "Đỗ Hữu Nghĩa", "signer_title": "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG"}
NO_SCOPE = {
    "scope": "Công bố Hệ thống quản lý chất lượng của Sở phù hợp TCVN ISO 9001:2015.",
    "scope_list": False,
}

CASES = [
    Case(rule="DOC007", passes=True, label="due-form", agency=agency()),
    Case(
        rule="DOC007",
        passes=False,
        label="signed-by-the-office-chief",
        agency=declaring(declaration(**OFFICE_CHIEF)),
    ),
    Case(rule="DOC007", passes=False, label="no-scope", agency=declaring(declaration(**NO_SCOPE))),
    Case(
        rule="DOC007",
        passes=False,
        label="no-number-no-signer",
        agency=declaring(declaration(number=None, signer=None, signer_title=None)),
    ),
    Case(
        rule="DOC007",
        passes=True,
        label="old-one-superseded-by-a-due-one",
        agency=declaring(declaration(date(2016, 3, 1), **NO_SCOPE), declaration()),
    ),
    Case(
        rule="DOC007",
        passes=True,
        label="signer-title-not-read",
        agency=declaring(declaration(signer_title=None)),
    ),
    Case(
        rule="DOC008",
        passes=False,
        label="ubnd-number-on-a-department",
        agency=declaring(declaration(number="391/QĐ-UBND")),
    ),
    Case(
        rule="DOC008",
        passes=False,
        label="the-former-body",
        agency=declaring(declaration(number="45/QĐ-SNNPTNT"), name="Sở Nông nghiệp và Môi trường"),
    ),
    Case(rule="DOC008", passes=True, label="own-symbol", agency=agency()),
    Case(
        rule="DOC008",
        passes=True,
        label="a-commune-numbers-as-ubnd",
        agency=declaring(declaration(number="42/QĐ-UBND"), name="Ủy ban nhân dân xã An Phú"),
    ),
    Case(
        rule="DOC008",
        passes=True,
        label="not-a-decision-number",
        agency=declaring(declaration(number="QT-01/UBND")),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_the_finding_names_every_missing_part() -> None:
    bare = declaration(None, number=None, **OFFICE_CHIEF, **NO_SCOPE)
    result = audit(declaring(bare), as_of=AS_OF)
    (finding,) = [f for f in result.findings if f.rule == "DOC007"]
    assert finding.severity is Severity.WARNING
    assert finding.evidence_url == bare.url
    for part in (
        "không ghi số, ký hiệu",
        "không ghi ngày ban hành",
        "Đỗ Hữu Nghĩa",
        "“TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG”",
        "không phải Giám đốc hoặc cấp phó",
        "không nêu phạm vi áp dụng",
    ):
        assert part in finding.message
    assert result.status is Status.COMPLIANT  # advisory in the default profile


def test_an_agency_of_unknown_kind_accepts_any_head() -> None:
    signed = declaration(signer_title="TRƯỞNG BAN")
    assert not [
        f
        for f in audit(declaring(signed, name="Ban Dân tộc tỉnh"), as_of=AS_OF).findings
        if f.rule == "DOC007"
    ]
    odd = declaring(declaration(signer_title="TỔ TRƯỞNG"), name="Đơn vị sự nghiệp X")
    assert [f.rule for f in audit(odd, as_of=AS_OF).findings] == ["DOC007"]


def test_another_bodys_number_is_named_and_counts_only_in_strict() -> None:
    facts = declaring(declaration(number="391/QĐ-UBND"))
    default = audit(facts, as_of=AS_OF)
    (finding,) = default.findings
    assert finding.rule == "DOC008"
    assert "“UBND”" in finding.message and "Sở Khoa học và Công nghệ" in finding.message
    assert default.status is Status.COMPLIANT
    assert audit(facts, as_of=AS_OF, profile=load_profile("strict")).status is Status.INCOMPLETE


@pytest.mark.parametrize(
    ("title", "agency_name", "heads"),
    [
        ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Sở Tư pháp", True),
        ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "Ủy ban nhân dân xã An Phú", True),
        ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "UBND tỉnh Demo", True),
        ("CHI CỤC TRƯỞNG", "Chi cục Thủy lợi", True),
        ("CHÁNH THANH TRA", "Thanh tra tỉnh", True),
        ("TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG", "Sở Tư pháp", False),
        ("GIÁM ĐỐC", "Ủy ban nhân dân tỉnh Demo", False),
        ("CHỦ TỊCH", "Chi cục Kiểm lâm", False),
    ],
)
def test_signs_as_head(title: str, agency_name: str, heads: bool) -> None:
    assert signs_as_head(title, agency_name) is heads


def test_head_of_an_agency_by_its_name() -> None:
    assert head_of("Chi cục Tiêu chuẩn Đo lường Chất lượng") == "Chi cục trưởng"
    assert head_of("Cục Thống kê") == "Cục trưởng"
    assert head_of("Văn phòng Ủy ban nhân dân tỉnh") == "Chánh Văn phòng"
    assert head_of("Hội Nông dân") is None


@pytest.mark.parametrize(
    ("symbol", "agency_name", "code", "own"),
    [
        ("SKHCN", "Sở Khoa học và Công nghệ", "SO-KHCN", True),
        ("SNgV", "Sở Ngoại vụ", "NGV", True),
        ("SGDĐT", "Sở Giáo dục và Đào tạo", "GD", True),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "X", True),
        ("TTr", "Thanh tra tỉnh", "X", True),
        ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "X", True),
        ("UBND", "Ủy ban nhân dân xã An Phú", "X", True),
        ("ANPHU", "Ủy ban nhân dân xã An Phú", "XA-ANPHU", True),
        ("UBND", "Sở Khoa học và Công nghệ", "SO-KHCN", False),
        ("SXD", "Ủy ban nhân dân tỉnh Demo", "UBND-TINH", False),
        ("STP", "Sở Y tế", "SO-YT", False),
        ("BCĐISO", "Sở Tư pháp", "SO-TP", False),
    ],
)
def test_own_symbol(symbol: str, agency_name: str, code: str, own: bool) -> None:
    assert own_symbol(symbol, agency_name, code) is own


@pytest.mark.parametrize(
    ("number", "symbol"),
    [
        ("12/QĐ-SKHCN", "SKHCN"),
        ("05/2024/QĐ-UBND", "UBND"),
        ("56/QD-STP", "STP"),
        ("385/KH-UBND", None),
        ("QT-02/STP", None),
    ],
)
def test_decision_symbol(number: str, symbol: str | None) -> None:
    assert decision_symbol(number) == symbol
