"""DOC001 no-qms-documents and DOC002–DOC005 missing required items."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rules import Severity, Status, audit
from tests.rules.factories import (
    AS_OF,
    Case,
    agency,
    check_case,
    complete_documents,
    doc,
    unreadable_link,
    without,
)

CASES = [
    Case(
        rule="DOC006",
        passes=False,
        label="damaged-declaration",
        agency=agency(
            without(complete_documents(), "declaration"), unreadable=(unreadable_link(),)
        ),
    ),
    Case(rule="DOC006", passes=True, label="complete", agency=agency()),
    Case(
        rule="DOC001",
        passes=True,
        label="only-an-unreadable-declaration",
        agency=agency((), unreadable=(unreadable_link(),)),
    ),
    Case(rule="DOC001", passes=False, label="nothing", agency=agency(())),
    Case(
        rule="DOC001",
        passes=False,
        label="only-not-qms",
        agency=agency((doc("not_qms"),)),
    ),
    Case(rule="DOC001", passes=True, label="one-procedure", agency=agency((doc("procedure"),))),
    Case(
        rule="DOC002",
        passes=False,
        label="no-declaration",
        agency=agency(without(complete_documents(), "declaration")),
    ),
    Case(rule="DOC002", passes=True, label="complete", agency=agency()),
    Case(
        rule="DOC003",
        passes=False,
        label="no-policy",
        agency=agency(without(complete_documents(), "quality_policy")),
    ),
    Case(rule="DOC003", passes=True, label="complete", agency=agency()),
    Case(
        rule="DOC004",
        passes=False,
        label="no-objectives",
        agency=agency(without(complete_documents(), "quality_objectives")),
    ),
    Case(rule="DOC004", passes=True, label="complete", agency=agency()),
    Case(
        rule="DOC005",
        passes=False,
        label="no-list-no-procedure",
        agency=agency(without(complete_documents(), "process_list", "procedure")),
    ),
    Case(rule="DOC005", passes=True, label="complete", agency=agency()),
    Case(
        rule="DOC005",
        passes=True,
        label="procedure-only",
        agency=agency(without(complete_documents(), "process_list")),
    ),
    Case(
        rule="DOC005",
        passes=True,
        label="list-only",
        agency=agency(without(complete_documents(), "procedure")),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case) -> None:
    check_case(case)


def test_no_documents_is_the_only_finding() -> None:
    result = audit(agency(()), as_of=AS_OF)
    assert result.status is Status.NOT_PUBLISHED
    assert [finding.rule for finding in result.findings] == ["DOC001"]
    assert result.iso_version is None


def test_missing_declaration_is_a_legal_error() -> None:
    result = audit(agency(without(complete_documents(), "declaration")), as_of=AS_OF)
    (finding,) = result.findings
    assert finding.severity is Severity.ERROR
    assert "quyết định công bố" in finding.message
    assert "Quyết định 19/2014/QĐ-TTg" in finding.message
    assert result.status is Status.INCOMPLETE


@pytest.mark.parametrize(
    ("doc_type", "code", "item"),
    [
        ("quality_policy", "DOC003", "chính sách chất lượng"),
        ("quality_objectives", "DOC004", "mục tiêu chất lượng"),
    ],
)
def test_missing_good_practice_item_is_a_warning_that_says_so(
    doc_type: str, code: str, item: str
) -> None:
    result = audit(agency(without(complete_documents(), doc_type)), as_of=AS_OF)
    (finding,) = result.findings
    assert (finding.rule, finding.severity) == (code, Severity.WARNING)
    assert item in finding.message
    assert "không phải nghĩa vụ pháp lý" in finding.message
    assert result.status is Status.INCOMPLETE


def test_every_missing_item_is_listed() -> None:
    only_policy = (doc("quality_policy"),)
    codes = [finding.rule for finding in audit(agency(only_policy), as_of=AS_OF).findings]
    # the yearly records are not visible either: advisory, the status is still incomplete
    assert codes == ["DOC002", "DOC004", "DOC005", "FRESH005", "FRESH006"]


def test_an_unreadable_declaration_is_present_but_unverified() -> None:
    link = unreadable_link(reason="tải về thất bại: hết thời gian chờ")
    result = audit(agency((), unreadable=(link,)), as_of=AS_OF)
    rules = {finding.rule for finding in result.findings}
    assert "DOC001" not in rules and "DOC002" not in rules
    assert {"DOC003", "DOC004", "DOC005", "DOC006"} <= rules
    assert result.status is Status.INCOMPLETE
    (named,) = [finding for finding in result.findings if finding.rule == "DOC006"]
    assert named.evidence_url == link.url
    assert "hết thời gian chờ" in named.message
    assert link.label in named.message
    assert "quyết định công bố" in named.message


def test_an_unreadable_link_of_another_type_does_not_stand_for_the_declaration() -> None:
    policy = unreadable_link("quality_policy", label="Chính sách chất lượng")
    documents = without(complete_documents(), "declaration", "quality_policy")
    rules = {f.rule for f in audit(agency(documents, unreadable=(policy,)), as_of=AS_OF).findings}
    assert "DOC002" in rules and "DOC003" not in rules


def test_unreadable_links_are_told_apart_by_their_label_not_their_url() -> None:
    first = unreadable_link(label="Quyết định công bố HTQLCL năm 2024")
    moved = replace(first, url="https://skhcn.example.gov.vn/files/2024/qd-cong-bo.pdf")
    other = unreadable_link(label="Quyết định công bố lại HTQLCL")
    subjects = [
        {
            f.subject
            for f in audit(agency((), unreadable=(link,)), as_of=AS_OF).findings
            if f.rule == "DOC006"
        }
        for link in (first, moved, other)
    ]
    assert subjects[0] == subjects[1] != subjects[2]
