"""docs/rules.md is generated from the registry and kept up to date."""

from __future__ import annotations

from pathlib import Path

from rules import RULES
from rules.docs import DOCS_PATH, main, render


def test_committed_reference_is_up_to_date() -> None:
    assert DOCS_PATH.read_text(encoding="utf-8") == render(), "run: python -m rules.docs"


def test_reference_has_a_section_per_rule_with_its_legal_basis() -> None:
    text = render()
    for rule in RULES.values():
        assert f"## {rule.code} {rule.name}\n" in text
        assert rule.legal_basis in text
        assert "### Failing example" in text


def test_check_mode_fails_on_a_stale_file_and_write_mode_fixes_it(tmp_path: Path) -> None:
    path = tmp_path / "rules.md"
    path.write_text("# old\n", encoding="utf-8")
    assert main(["--check", "-o", str(path)]) == 1
    assert main(["-o", str(path)]) == 0
    assert main(["--check", "-o", str(path)]) == 0
