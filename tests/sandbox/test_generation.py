"""The generated province: deterministic, every status twice, consistent with as_of."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from sandbox import Province, TruthAgency, generate_province, required_objectives_year
from sandbox.files import truth_json
from sandbox.roster import Scenario, skeleton_roster
from sandbox.scenarios import plan_papers
from tests.sandbox.conftest import AS_OF

STATUSES = ("compliant", "stale", "incomplete", "outdated", "not_published", "unreachable")
REQUIRED = {"declaration", "quality_policy", "quality_objectives", "process_list"}


def _objective_years(agency: TruthAgency) -> list[int]:
    return [
        d.year
        for d in agency.documents
        if d.doc_type == "quality_objectives" and d.year is not None
    ]


def test_same_seed_gives_the_same_bytes(province: Province) -> None:
    again = generate_province(seed=1, as_of=AS_OF, port=8080, closed_port=9)
    assert again == province
    assert truth_json(again) == truth_json(province)


def test_another_seed_changes_the_documents_but_not_the_verdicts(province: Province) -> None:
    other = generate_province(seed=2, as_of=AS_OF, port=8080, closed_port=9)
    assert [a.status for a in other.truth] == [a.status for a in province.truth]
    bodies = {p: r.body for s in province.sites for p, r in s.resources.items()}
    other_bodies = {p: r.body for s in other.sites for p, r in s.resources.items()}
    assert bodies != other_bodies


def test_every_status_appears_at_least_twice(province: Province) -> None:
    counts = Counter(agency.status for agency in province.truth)
    assert set(counts) == set(STATUSES)
    assert min(counts.values()) >= 2
    assert len(province.truth) >= 14


def test_compliant_agencies_have_the_required_set_and_current_objectives(
    province: Province,
) -> None:
    year = required_objectives_year(AS_OF)
    for agency in province.truth:
        types = {d.doc_type for d in agency.documents}
        objective_years = _objective_years(agency)
        if agency.status == "compliant":
            assert types >= REQUIRED, agency.code
            assert max(objective_years) == year, agency.code
        if agency.status == "stale" and "stale_objectives" in agency.tags:
            assert types >= REQUIRED and max(objective_years) == year - 1, agency.code
        if agency.status == "incomplete":
            assert not types >= REQUIRED, agency.code


def test_formats_and_presentations_are_varied(province: Province) -> None:
    compliant_tags = {t for a in province.truth if a.status == "compliant" for t in a.tags}
    assert {"html", "pdf", "docx"} <= compliant_tags
    assert {"iso_menu", "van_ban", "news_post"} <= compliant_tags


def test_outdated_agencies_publish_only_2008_documents(province: Province) -> None:
    outdated = [a for a in province.truth if a.status == "outdated"]
    assert outdated
    for agency in outdated:
        assert agency.iso_version == "2008"
        assert {d.iso_version for d in agency.documents} == {"2008"}


def test_agencies_without_a_verdict_on_documents_list_none(province: Province) -> None:
    for agency in province.truth:
        if agency.status in ("not_published", "unreachable"):
            assert agency.documents == () and agency.iso_version is None, agency.code


def test_document_urls_are_unique_and_on_the_agencys_host(province: Province) -> None:
    urls = [d.url for a in province.truth for d in a.documents]
    assert len(urls) == len(set(urls))
    for agency in province.truth:
        origin = agency.website.split("/", 3)[:3]
        for document in agency.documents:
            assert document.url.split("/", 3)[:3] == origin


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(date(2026, 3, 31), 2025), (date(2026, 4, 1), 2026), (date(2026, 12, 31), 2026)],
)
def test_objectives_are_due_from_the_first_of_april(as_of: date, expected: int) -> None:
    assert required_objectives_year(as_of) == expected


@pytest.mark.parametrize("as_of", [date(2025, 10, 1), date(2026, 2, 15), date(2026, 4, 1), AS_OF])
def test_documents_are_dated_before_as_of_and_after_establishment(as_of: date) -> None:
    for spec in skeleton_roster():
        for planned in plan_papers(spec, as_of=as_of, rng=random.Random(spec.code)):
            assert planned.paper.issued < as_of, (spec.code, planned.stem)
            if spec.established and spec.scenario is not Scenario.STALE_MERGED:
                assert planned.paper.issued >= spec.established, (spec.code, planned.stem)


def test_the_merged_department_declared_before_it_was_established() -> None:
    merged = [s for s in skeleton_roster() if s.scenario is Scenario.STALE_MERGED]
    assert merged
    for spec in merged:
        papers = plan_papers(spec, as_of=AS_OF, rng=random.Random(1))
        declarations = [p for p in papers if p.doc_type == "declaration"]
        assert spec.established is not None
        assert [p.paper.issued < spec.established for p in declarations] == [True]


def test_early_stale_objectives_follow_the_april_rule() -> None:
    early = generate_province(seed=1, as_of=date(2026, 2, 15), port=8080)
    for agency in early.truth:
        years = _objective_years(agency)
        if agency.status == "compliant":
            assert max(years) == 2025, agency.code
        if "stale_objectives" in agency.tags:
            assert max(years) == 2024, agency.code


def test_as_of_before_the_reorganisation_is_refused() -> None:
    with pytest.raises(ValueError, match="as_of"):
        generate_province(seed=1, as_of=date(2024, 1, 1), port=8080)
