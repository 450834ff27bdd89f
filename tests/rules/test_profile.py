"""Profiles: the packaged default, custom files, per-level requirements, bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rules import ProfileError, Status, audit, load_profile, parse_profile
from tests.rules.factories import AS_OF, agency, complete_documents, doc, objectives, replacing

LEVELS = ("province", "department", "branch", "district", "commune")
CUSTOM = """
name = "lenient-communes"

[editions]
current = ["2015", "2026"]
withdrawn = ["2008"]

[defaults]
required = ["declaration", "quality_policy", "quality_objectives", "process_list"]
objectives_grace = "04-01"

[levels.commune]
required = ["declaration"]
objectives_grace = "07-01"
"""


def test_default_profile_requires_the_four_items_of_every_level() -> None:
    profile = load_profile(None)
    expected = {"declaration", "quality_policy", "quality_objectives", "process_list"}
    for level in (*LEVELS, "unknown-level"):
        requirements = profile.for_level(level)
        assert requirements.required == expected
        assert requirements.objectives_grace == (4, 1)
    assert profile.editions.current == ("2015",)
    assert "2008" in profile.editions.withdrawn


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
    withdrawn_2015 = CUSTOM.replace('current = ["2015", "2026"]', 'current = ["2026"]').replace(
        'withdrawn = ["2008"]', 'withdrawn = ["2015", "2008"]'
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
        (CUSTOM.replace("[editions]", "[editionz]"), "unknown keys"),
        (CUSTOM.replace('"04-01"', '"02-30"'), "month-day"),
        (CUSTOM.replace('"04-01"', '"April"'), "month-day"),
        (CUSTOM.replace('"07-01"', '"02-29"'), "month-day"),
        (CUSTOM.replace('required = ["declaration"]', 'required = ["quality_manual"]'), "cannot"),
        (CUSTOM.replace('withdrawn = ["2008"]', 'withdrawn = ["2015"]'), "both current"),
        (CUSTOM.replace('current = ["2015", "2026"]', "current = []"), "current edition"),
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
