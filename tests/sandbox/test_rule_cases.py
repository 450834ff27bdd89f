"""The agencies made for the rules beyond presence: their documents, read as the inspection
reads them, give exactly the findings and the status their truth states."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from extractors import read_document
from inspection.document_facts import document_facts
from rules import AgencyFacts, SiteFacts, audit
from sandbox import Province, TruthAgency, generate_province
from sandbox.files import truth_json
from sandbox.generated_roster import COVERING, generated_roster
from sandbox.rule_cases import CASES, RuleCase, with_rule_cases
from store import Document
from tests.sandbox.conftest import AS_OF


def _case_agencies(province: Province) -> list[TruthAgency]:
    codes = {case.code for case in CASES}
    return [agency for agency in province.truth if agency.code in codes]


def _read(province: Province, agency: TruthAgency) -> AgencyFacts:
    """The agency's truth documents, served by the sandbox, read and mapped like stored ones."""
    documents = []
    for evidence_id, truth in enumerate(agency.documents, 1):
        url = urlsplit(truth.url)
        site = province.site_for(url.hostname or "")
        assert site is not None, truth.url
        resource = site.resources[url.path]
        reading = read_document(
            resource.body,
            content_type=resource.content_type,
            filename=resource.filename,
            url=truth.url,
        )
        found = reading.classification
        stored = Document(
            agency_id=1,
            fetch_id=evidence_id,
            run_id=1,
            url=truth.url,
            sha256=str(evidence_id),
            doc_type=found.doc_type,
            iso_version=found.iso_version,
            year=found.year,
            number=found.number,
            issued=found.issued,
            title=reading.title,
            details=reading.as_dict(),
        )
        documents.append(document_facts(stored))
    row = next(row for row in province.registry if row.code == agency.code)
    return AgencyFacts(
        code=agency.code,
        name=agency.name,
        level=agency.level,
        website=agency.website,
        established=row.established,
        site=SiteFacts(reachable=True, start_url=agency.website),
        documents=tuple(documents),
    )


def test_the_default_province_has_every_case(province60: Province) -> None:
    cases = _case_agencies(province60)
    assert [agency.code for agency in cases] == [case.code for case in CASES]
    assert {case.tag for case in CASES} <= {tag for agency in cases for tag in agency.tags}
    assert all(agency.findings for agency in cases)
    assert not [a.code for a in province60.truth if a.findings and a not in cases]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.code)
def test_the_documents_give_the_findings_and_status_of_the_truth(
    generated: Province, case: RuleCase
) -> None:
    (agency,) = [a for a in generated.truth if a.code == case.code]
    documents = {(d.doc_type, d.iso_version) for d in agency.documents}
    facts = _read(generated, agency)
    assert {(d.doc_type, d.iso_version) for d in facts.documents} == documents
    result = audit(facts, as_of=generated.as_of)
    assert sorted({finding.rule for finding in result.findings}) == list(agency.findings)
    assert (result.status.value, result.iso_version) == (agency.status, agency.iso_version)


def test_the_cases_replace_only_the_last_agencies_drawn_at_random() -> None:
    drawn = generated_roster(seed=1, agencies=60)
    with_cases = with_rule_cases(drawn)
    assert with_cases[: 60 - len(CASES)] == drawn[: 60 - len(CASES)]
    assert [a.code for a in with_cases[60 - len(CASES) :]] == [case.code for case in CASES]
    small = generated_roster(seed=1, agencies=len(COVERING) + len(CASES) - 1)
    assert with_rule_cases(small) == small


def test_the_truth_file_states_the_findings() -> None:
    province = generate_province(
        seed=1, as_of=AS_OF, port=8080, closed_port=9, preset="province", agencies=45
    )
    agencies = json.loads(truth_json(province))["agencies"]
    by_code = {agency["code"]: agency["findings"] for agency in agencies}
    assert by_code["BQL-KCN"] == ["FRESH007"]
    assert by_code["UBND-TINH"] == []
