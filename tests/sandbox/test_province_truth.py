"""The generated "province" preset: every scenario of the issue covered, counted by tag."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from sandbox import Province, generate_province
from sandbox.build import DECIDING_TYPES
from sandbox.files import truth_json
from sandbox.generated_roster import COVERING
from tests.sandbox.conftest import AS_OF
from tests.sandbox.truth_rules import check_statuses

STATUSES = ("compliant", "stale", "incomplete", "outdated", "not_published", "unreachable")
SCENARIO_TAGS = {
    "portal styles": {"style_classic", "style_table", "style_portlet"},
    "ways of publishing": {
        "iso_menu",
        "doc_table",
        "later_page",
        "news_post",
        "deep_4_clicks",
        "extensionless_download",
        "tai_ve_link",
        "file_host",
        "js_listing",
        "iso_subsite",
        "shared_portal",
        "subpath",
        "sibling_trap",
        "iso_platform",
    },
    "formats": {
        "pdf",
        "image_pdf",
        "scanned_declaration",
        "docx",
        "doc_rtf",
        "html",
        "windows_1258",
        "tcvn3_pdf",
        "vni_pdf",
        "no_diacritics",
        "nfd",
    },
    "contents": {
        "declaration_2008",
        "declaration_2015",
        "converted_from_2008",
        "doc_quality_policy",
        "objectives_several_years",
        "doc_process_list",
        "doc_procedure",
        "doc_plan",
        "doc_report",
        "doc_internal_audit",
        "doc_management_review",
        "doc_quality_manual",
    },
    "hard negatives": {
        "neg_iso_conference",
        "neg_consultancy_advert",
        "neg_cong_bo_hop_quy",
        "neg_cong_bo_chat_luong_san_pham",
        "neg_iso_14001",
        "neg_iso_45001",
        "neg_enterprise_certificate",
    },
    "faults": {
        "closed_port",
        "error_500",
        "timeout",
        "robots_forbidden",
        "redirect_chain",
        "redirect_loop",
        "calendar_trap",
        "broken_link",
        "large_file",
        "malformed_pdf",
    },
    "levels": {
        "level_province",
        "level_department",
        "level_branch",
        "level_district",
        "level_commune",
        "merged_2025",
    },
}
NEEDS = {"ocr", "doc", "tcvn3", "vni", "windows-1258"}


@pytest.mark.parametrize("group", sorted(SCENARIO_TAGS))
def test_the_default_province_covers_every_scenario(province60: Province, group: str) -> None:
    counts = Counter(tag for agency in province60.truth for tag in agency.tags)
    missing = {tag for tag in SCENARIO_TAGS[group] if counts[tag] < 1}
    assert missing == set()


def test_every_status_appears_at_least_twice(province60: Province) -> None:
    counts = Counter(agency.status for agency in province60.truth)
    assert set(counts) == set(STATUSES)
    assert min(counts.values()) >= 2
    assert len(province60.truth) == 60


def test_each_reading_need_decides_some_agency(generated: Province) -> None:
    needed = Counter(need for agency in generated.truth for need in agency.needs)
    assert set(needed) == NEEDS
    for agency in generated.truth:
        deciding = {n for d in agency.documents if d.doc_type in DECIDING_TYPES for n in d.needs}
        assert set(agency.needs) == deciding, agency.code
        for document in agency.documents:
            assert document.format in {
                "pdf",
                "image_pdf",
                "docx",
                "doc_rtf",
                "tcvn3_pdf",
                "vni_pdf",
                "html",
            }


def test_statuses_follow_from_the_documents(generated: Province) -> None:
    check_statuses(generated.truth, generated.as_of)


def test_same_seed_same_truth_and_sites(province60: Province) -> None:
    again = generate_province(
        seed=1, as_of=AS_OF, port=8080, closed_port=9, preset="province", agencies=60
    )
    assert again == province60
    assert truth_json(again) == truth_json(province60)
    url = next(d.url for a in province60.truth for d in a.documents if d.format == "image_pdf")
    host, path = url.split("/")[2].split(":")[0], "/" + url.split("/", 3)[3]
    first, second = province60.site_for(host), again.site_for(host)
    assert first is not None and second is not None
    assert first.resources[path].body == second.resources[path].body


def test_another_seed_draws_other_agencies_but_covers_the_same() -> None:
    one = generate_province(seed=1, as_of=AS_OF, port=8080, preset="province", agencies=80)
    two = generate_province(seed=2, as_of=AS_OF, port=8080, preset="province", agencies=80)
    covering = len(COVERING)
    assert [a.tags[:3] for a in one.truth[:covering]] == [a.tags[:3] for a in two.truth[:covering]]
    assert [a.status for a in one.truth[:covering]] == [a.status for a in two.truth[:covering]]
    assert [a.name for a in one.truth[covering:]] != [a.name for a in two.truth[covering:]]
    assert truth_json(one) != truth_json(two)


def test_two_thousand_agencies_generate() -> None:
    big = generate_province(seed=3, as_of=AS_OF, port=8080, preset="province", agencies=2000)
    assert len(big.truth) == len(big.registry) == 2000
    assert len({a.code for a in big.truth}) == 2000
    assert len({a.website for a in big.truth}) == 2000
    levels = Counter(row.level for row in big.registry)
    assert levels["commune"] > 1900 and levels["district"] > 10


def test_small_provinces_are_allowed_and_zero_is_not() -> None:
    small = generate_province(seed=1, as_of=AS_OF, port=8080, preset="province", agencies=3)
    assert [a.code for a in small.truth] == ["UBND-TINH", "SO-KHCN", "SO-TP"]
    with pytest.raises(ValueError, match="at least one"):
        generate_province(seed=1, as_of=AS_OF, port=8080, preset="province", agencies=0)
    with pytest.raises(ValueError, match="preset"):
        generate_province(seed=1, as_of=AS_OF, port=8080, preset="huyen")
    with pytest.raises(ValueError, match="as_of"):
        generate_province(seed=1, as_of=date(2024, 1, 1), port=8080, preset="province")


def test_every_fault_is_stated_with_the_failure_the_crawl_must_record(
    province60: Province,
) -> None:
    faults = {
        (tag, fault.failure)
        for agency in province60.truth
        for fault in agency.faults
        for tag in agency.tags
        if tag in FAULT_FAILURES
    }
    assert {(tag, FAULT_FAILURES[tag]) for tag, _ in faults} <= faults
    assert {tag for tag, _ in faults} == set(FAULT_FAILURES)


FAULT_FAILURES = {
    "closed_port": "refused",
    "error_500": "http",
    "timeout": "timeout",
    "robots_forbidden": "robots",
    "redirect_loop": "redirect_loop",
    "broken_link": "http",
    "large_file": "too_large",
    "malformed_pdf": "unreadable",
}
