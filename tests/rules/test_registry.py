"""Meta-tests over the registry: every rule is documented, cites a legal basis in
Vietnamese, writes Vietnamese messages, and has a passing and a failing case."""

from __future__ import annotations

import inspect
import re

import pytest

from rules import RETIRED_CODES, RULES, Rule, Severity, Status, audit
from rules.docs import HEADINGS
from tests.rules import (
    test_completeness,
    test_declaration_form,
    test_freshness,
    test_records,
    test_site,
    test_superseded,
    test_version,
    test_vocabulary,
)
from tests.rules.factories import Case

ALL_CASES: list[Case] = [
    *test_site.CASES,
    *test_completeness.CASES,
    *test_declaration_form.CASES,
    *test_version.CASES,
    *test_vocabulary.CASES,
    *test_freshness.CASES,
    *test_records.CASES,
    *test_superseded.CASES,
]
FAMILIES = {"SITE": "site", "DOC": "completeness", "VER": "version", "FRESH": "freshness"}
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
RULE_CLASSES = list(RULES.values())


def rule_id(rule: type[Rule]) -> str:
    return rule.code


def test_codes_are_unique_well_formed_and_keyed_by_themselves() -> None:
    assert all(code == rule.code for code, rule in RULES.items())
    assert all(re.fullmatch(r"[A-Z]+\d{3}", code) for code in RULES)
    assert len({rule.name for rule in RULE_CLASSES}) == len(RULES)
    assert not set(RULES) & RETIRED_CODES


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=rule_id)
def test_rule_anatomy(rule: type[Rule]) -> None:
    assert issubclass(rule, Rule) and not inspect.isabstract(rule)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.verdict is None or isinstance(rule.verdict, Status)
    assert rule.severity is not Severity.INFO or rule.verdict is None
    prefix = re.sub(r"\d+", "", rule.code)
    assert rule.__module__ == f"rules.{FAMILIES[prefix]}.{rule.name.replace('-', '_')}"


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=rule_id)
def test_rule_docstring_has_every_heading_with_text(rule: type[Rule]) -> None:
    docstring = inspect.getdoc(rule) or ""
    sections = re.split(r"^## (.+)$", docstring, flags=re.MULTILINE)
    summary, titles, bodies = sections[0], sections[1::2], sections[2::2]
    assert summary.strip()
    assert titles == list(HEADINGS)
    assert all(body.strip() for body in bodies)


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=rule_id)
def test_rule_cites_a_vietnamese_legal_basis(rule: type[Rule]) -> None:
    assert rule.legal_basis.strip()
    assert VIETNAMESE.search(rule.legal_basis.lower())


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=rule_id)
def test_rule_has_a_passing_and_a_failing_case(rule: type[Rule]) -> None:
    outcomes = {case.passes for case in ALL_CASES if case.rule == rule.code}
    assert outcomes == {True, False}


@pytest.mark.parametrize(
    "case", [case for case in ALL_CASES if not case.passes], ids=lambda case: case.id
)
def test_failing_case_messages_are_vietnamese_and_carry_evidence(case: Case) -> None:
    findings = [f for f in audit(case.agency, as_of=case.as_of).findings if f.rule == case.rule]
    assert findings
    for finding in findings:
        rule = RULES[finding.rule]
        assert (finding.name, finding.severity) == (rule.name, rule.severity)
        assert VIETNAMESE.search(finding.message.lower())
        assert finding.evidence_url


def test_cases_name_only_registered_rules() -> None:
    assert {case.rule for case in ALL_CASES} <= set(RULES)


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=rule_id)
def test_an_advisory_rule_has_a_verdict_to_count(rule: type[Rule]) -> None:
    assert not rule.advisory or rule.verdict is not None
