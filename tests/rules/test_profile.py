"""Profiles: the packaged default, custom files, per-level requirements, bad files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from rules import RULES, ProfileError, Status, audit, load_profile, parse_profile
from rules.profile import packaged_profiles
from tests.rules.factories import (
    AS_OF,
    agency,
    complete_documents,
    declaration,
    doc,
    objectives,
    records,
    replacing,
    without,
)

LEVELS = ("province", "department", "branch", "district", "commune")
CUSTOM = """
name = "lenient-communes"

[editions.2008]
status = "withdrawn"

[editions.2015]
status = "current"

[editions.2026]
status = "current"

[defaults]
required = ["declaration", "quality_policy", "quality_objectives", "process_list"]
objectives_grace = "04-01"

[levels.commune]
required = ["declaration"]
objectives_grace = "07-01"
"""


LIST_EDITIONS = re.sub(
    r"\[editions\.2008\].*?(?=\[defaults\])",
    '[editions]\ncurrent = ["2015"]\nwithdrawn = ["2008"]\n\n',
    CUSTOM,
    flags=re.DOTALL,
)


def test_default_profile_requires_the_four_items_of_every_level() -> None:
    profile = load_profile(None)
    expected = {"declaration", "quality_policy", "quality_objectives", "process_list"}
    for level in (*LEVELS, "unknown-level"):
        requirements = profile.for_level(level)
        assert requirements.required == expected
        assert requirements.objectives_grace == (4, 1)
    assert profile.editions.current == ("2015",)
    assert "2008" in profile.editions.withdrawn
    assert (profile.counted, profile.records_years_back) == (frozenset(), 1)


def test_editions_have_a_status_and_their_transition_dates() -> None:
    editions = load_profile(None).editions
    assert [(e.year, e.status) for e in editions.entries] == [
        ("2000", "withdrawn"),
        ("2008", "withdrawn"),
        ("2015", "current"),
        ("2026", "upcoming"),
    ]
    v2008 = editions.of("2008")
    assert v2008 is not None
    assert (v2008.withdrawn, v2008.convert_by) == (date(2015, 12, 31), date(2021, 6, 30))
    assert v2008.basis is not None and "419/BKHCN-TĐC" in v2008.basis
    assert editions.upcoming == ("2026",)
    assert editions.of("2029") is None


def test_profiles_load_by_packaged_name_or_by_path(tmp_path: Path) -> None:
    assert packaged_profiles() == ("default", "strict")
    assert load_profile("default") is load_profile(None)
    assert load_profile("strict").name == "strict"
    path = tmp_path / "strict"
    path.write_text(CUSTOM, encoding="utf-8")
    assert load_profile(path).name == "lenient-communes"  # a Path is always a path
    assert load_profile(str(path)).name == "lenient-communes"
    with pytest.raises(ProfileError, match=r"unknown profile 'lenient'.*default, strict"):
        load_profile("lenient")


def test_the_strict_profile_counts_every_advisory_check() -> None:
    strict = load_profile("strict")
    advisory = {code for code, rule in RULES.items() if rule.advisory}
    assert strict.counted == advisory
    assert advisory == {
        "DOC007",
        "DOC008",
        "FRESH005",
        "FRESH006",
        "FRESH007",
        "FRESH008",
        "VER003",
    }
    assert strict.editions == load_profile(None).editions
    assert strict.levels == load_profile(None).levels


def test_advisory_checks_change_the_status_only_in_the_strict_profile() -> None:
    unsigned = replacing(
        complete_documents(),
        "declaration",
        declaration(signer_title="TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG", signer="Đỗ Hữu Nghĩa"),
    )
    no_records = without(complete_documents(), "report")
    for documents, strict_status in ((unsigned, Status.INCOMPLETE), (no_records, Status.STALE)):
        default = audit(agency(documents), as_of=AS_OF)
        strict = audit(agency(documents), as_of=AS_OF, profile=load_profile("strict"))
        assert default.status is Status.COMPLIANT
        same = [(f.rule, f.subject, f.message) for f in default.findings]
        assert same and same == [(f.rule, f.subject, f.message) for f in strict.findings]
        assert {f.implies for f in default.findings} == {None}  # advisory: counted nowhere
        assert strict.status is strict_status


def test_records_years_back_is_a_threshold() -> None:
    documents = replacing(complete_documents(), "report", records(2024))
    assert {f.rule for f in audit(agency(documents), as_of=AS_OF).findings} == {
        "FRESH005",
        "FRESH006",
    }
    lenient = parse_profile(CUSTOM + "\n[records]\nyears_back = 2\n")
    assert audit(agency(documents), as_of=AS_OF, profile=lenient).findings == ()


def test_a_profile_may_name_its_own_table_of_superseded_texts(tmp_path: Path) -> None:
    (tmp_path / "texts.toml").write_text(
        '[[text]]\nnumber = "118/2025/NĐ-CP"\nname = "Nghị định 118/2025/NĐ-CP"\n'
        'ceased = 2026-01-01\nreplaced_by = "Nghị định 999/2026/NĐ-CP"\n',
        encoding="utf-8",
    )
    (tmp_path / "mine.toml").write_text('superseded = "texts.toml"\n' + CUSTOM, encoding="utf-8")
    profile = load_profile(tmp_path / "mine.toml")
    assert profile.superseded.grace_months == 3
    assert [text.number for text in profile.superseded.texts] == ["118/2025/NĐ-CP"]
    findings = audit(agency(), as_of=AS_OF, profile=profile).findings
    assert [(f.rule, "Nghị định 999/2026/NĐ-CP" in f.message) for f in findings] == [
        ("FRESH007", True)
    ]


def test_custom_profile_file_changes_requirements_and_grace(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    profile = load_profile(path)
    assert profile.name == "lenient-communes"
    commune = agency((doc("declaration"), objectives(2025)), level="commune")
    assert audit(commune, as_of=date(2026, 6, 1), profile=profile).status is Status.COMPLIANT
    assert audit(commune, as_of=date(2026, 7, 1), profile=profile).status is Status.STALE
    assert audit(commune, as_of=date(2026, 6, 1)).status is Status.INCOMPLETE


def test_level_table_inherits_missing_keys_from_defaults() -> None:
    profile = parse_profile(CUSTOM + '\n[levels.branch]\nrequired = ["declaration"]\n')
    assert profile.for_level("branch").objectives_grace == (4, 1)
    assert profile.for_level("branch").required == {"declaration"}


def test_editions_are_data_not_code() -> None:
    profile = parse_profile(CUSTOM)
    documents = (*complete_documents(), doc("procedure", iso_version="2026"))
    result = audit(agency(documents), as_of=AS_OF, profile=profile)
    assert (result.status, result.iso_version) == (Status.COMPLIANT, "mixed")
    withdrawn_2015 = CUSTOM.replace(
        '[editions.2015]\nstatus = "current"', '[editions.2015]\nstatus = "withdrawn"'
    )
    outdated = audit(agency(), as_of=AS_OF, profile=parse_profile(withdrawn_2015))
    assert outdated.status is Status.OUTDATED
    assert "TCVN ISO 9001:2026" in outdated.findings[0].message


def test_objectives_grace_applies_only_to_its_level() -> None:
    profile = parse_profile(CUSTOM)
    documents = replacing(complete_documents(), "quality_objectives", objectives(2025))
    department = audit(agency(documents), as_of=date(2026, 6, 1), profile=profile)
    assert department.status is Status.STALE


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name = ", "invalid TOML"),
        (CUSTOM.replace("[editions.2008]", "[editionz.2008]"), "unknown keys"),
        (CUSTOM.replace('"04-01"', '"02-30"'), "month-day"),
        (CUSTOM.replace('"04-01"', '"April"'), "month-day"),
        (CUSTOM.replace('"07-01"', '"02-29"'), "month-day"),
        (CUSTOM.replace('required = ["declaration"]', 'required = ["quality_manual"]'), "cannot"),
        (CUSTOM.replace('status = "current"', 'status = "in force"', 1), "expected one of"),
        (CUSTOM.replace('status = "current"', 'status = "upcoming"'), "current edition"),
        (LIST_EDITIONS, "per edition"),  # the form before editions had a status
        (
            CUSTOM.replace('status = "withdrawn"', 'status = "withdrawn"\nended = 2015-12-31'),
            "keys",
        ),
        (
            CUSTOM.replace('status = "withdrawn"', 'status = "withdrawn"\nwithdrawn = "2015"'),
            "date",
        ),
        (CUSTOM + '\n[status]\ncount = ["DOC002"]\n', "not advisory"),
        (CUSTOM + '\n[status]\ncount = ["DOC999"]\n', "not advisory"),
        (CUSTOM + '\n[status]\ncounted = ["DOC007"]\n', "unknown keys"),
        (CUSTOM + "\n[records]\nyears_back = -1\n", "whole number"),
        (CUSTOM + "\n[records]\nmonths = 15\n", "unknown keys"),
        ("superseded = 12\n" + CUSTOM, "path of a TOML file"),
        ('superseded = "absent.toml"\n' + CUSTOM, "superseded"),
        (CUSTOM.replace('required = ["declaration"]', "required = 'declaration'"), "list"),
        (CUSTOM.replace('objectives_grace = "04-01"\n', "", 1), "needs both"),
        (CUSTOM.split("[levels.commune]")[0].replace("[defaults]", "[nodefaults]"), "unknown"),
    ],
)
def test_bad_profiles_are_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(ProfileError, match=words):
        parse_profile(text)


def test_missing_profile_file_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "absent.toml")
