"""The CMS tiers' truth and registry: every habit tagged, statuses by the rules, one owner each."""

from __future__ import annotations

from collections import Counter

import pytest

from sandbox import Province, generate_province
from sandbox.files import registry_csv, truth_json
from sandbox.platforms.habits import TAGS, Habit, Platform
from sandbox.platforms.roster import COVERING
from tests.sandbox.conftest import AS_OF, tier_agencies
from tests.sandbox.truth_rules import check_statuses

STATUSES = {"compliant", "stale", "incomplete", "outdated", "not_published"}
# Tags the tiers share with the rest of the province (documented with it).
PROVINCE_TAGS = {
    "compliant",
    "stale_objectives",
    "stale_merged",
    "no_policy",
    "no_declaration",
    "iso_2008",
    "hard_negatives",
    "news_only",
    "level_department",
    "level_branch",
    "level_commune",
    "pdf",
    "docx",
    "doc_rtf",
    "html",
    "declaration_2015",
    "declaration_2008",
    "objectives_several_years",
    "shared_portal",
    "sibling_trap",
    "subpath",
    "merged_2025",
    "neg_cong_bo_hop_quy",
    "doc_declaration",
    "doc_quality_policy",
    "doc_quality_objectives",
    "doc_quality_manual",
    "doc_process_list",
    "doc_procedure",
    "doc_plan",
    "doc_internal_audit",
}


def test_the_default_province_is_unchanged_and_the_tiers_follow_it(
    province60: Province, province_platforms: Province
) -> None:
    assert province_platforms.truth[:60] == province60.truth
    assert province_platforms.registry[:60] == province60.registry
    assert tier_agencies(province60) == []
    tiers = tier_agencies(province_platforms)
    assert len(tiers) == 4 * len(Platform) == len(province_platforms.truth) - 60


def test_every_platform_and_habit_is_on_some_agency(province_platforms: Province) -> None:
    tiers = tier_agencies(province_platforms)
    counts = Counter(tag for agency in tiers for tag in agency.tags)
    assert {p.value for p in Platform} | {h.value for h in Habit} <= set(counts)
    for agency in tiers:
        platforms = [t for t in agency.tags if t.startswith("platform_")]
        assert len(platforms) == 1, agency.code


def test_every_tag_of_the_tiers_is_documented(province_platforms: Province) -> None:
    used = {tag for agency in tier_agencies(province_platforms) for tag in agency.tags}
    assert used - set(TAGS) - PROVINCE_TAGS == set()
    assert all(len(TAGS[tag]) > 20 for tag in used & set(TAGS))


def test_each_tier_covers_the_statuses_a_platform_shows(province_platforms: Province) -> None:
    tiers = tier_agencies(province_platforms)
    assert {a.status for a in tiers} == STATUSES
    for platform in Platform:
        statuses = {a.status for a in tiers if platform.value in a.tags}
        assert len(statuses) >= 2, platform
        assert "compliant" in statuses or "stale" in statuses, platform


def test_statuses_follow_from_the_documents(province_platforms: Province) -> None:
    check_statuses(tier_agencies(province_platforms), province_platforms.as_of)


def test_each_document_has_one_owner_and_each_agency_one_row(
    province_platforms: Province,
) -> None:
    urls = [d.url for a in province_platforms.truth for d in a.documents]
    assert len(urls) == len(set(urls))
    codes = [a.code for a in province_platforms.truth]
    assert len(codes) == len(set(codes))
    rows = {row.code: row for row in province_platforms.registry}
    for agency in province_platforms.truth:
        row = rows[agency.code]
        assert (row.name, row.level, row.website) == (agency.name, agency.level, agency.website)
    websites = [a.website for a in province_platforms.truth]
    assert len(websites) == len(set(websites))


def test_the_registry_file_lists_the_tiers_like_every_agency(
    province_platforms: Province,
) -> None:
    text = registry_csv(province_platforms.registry, staff=True).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + len(province_platforms.registry)
    for agency in tier_agencies(province_platforms):
        line = next(line for line in lines if f",{agency.code}," in line)
        assert agency.website in line


def test_same_seed_same_tiers_another_seed_other_drawn_agencies(
    province_platforms: Province,
) -> None:
    again = generate_province(
        seed=1, as_of=AS_OF, port=8080, closed_port=9, preset="province", agencies=60, platforms=4
    )
    assert truth_json(again) == truth_json(province_platforms)
    other = generate_province(
        seed=2, as_of=AS_OF, port=8080, closed_port=9, preset="province", agencies=60, platforms=4
    )
    covering = {len(rows) for rows in COVERING.values()}
    assert covering <= {3, 4}
    first = [a for a in tier_agencies(province_platforms) if a.level != "commune"]
    assert [a.code for a in first] == [a.code for a in tier_agencies(other) if a.level != "commune"]
    drawn = {a.name for a in tier_agencies(province_platforms) if a.level == "commune"}
    assert drawn != {a.name for a in tier_agencies(other) if a.level == "commune"}


def test_more_agencies_per_tier_are_drawn_and_keep_to_the_rules() -> None:
    province = generate_province(
        seed=5, as_of=AS_OF, port=8080, preset="province", agencies=5, platforms=7
    )
    tiers = tier_agencies(province)
    assert len(tiers) == 7 * len(Platform)
    check_statuses(tiers, province.as_of)
    urls = [d.url for a in province.truth for d in a.documents]
    assert len(urls) == len(set(urls))


def test_the_tiers_need_the_generated_province() -> None:
    with pytest.raises(ValueError, match="province"):
        generate_province(seed=1, as_of=AS_OF, port=8080, preset="skeleton", platforms=2)
    with pytest.raises(ValueError, match="platforms"):
        generate_province(seed=1, as_of=AS_OF, port=8080, preset="province", platforms=-1)
