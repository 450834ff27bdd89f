"""Audit profiles: what each agency level must publish, which editions are current, and when
objectives go stale. Loaded from TOML; `rules/profiles/default.toml` is the default."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

# The required items the completeness rules know how to check.
REQUIRABLE_ITEMS = frozenset(
    {"declaration", "quality_policy", "quality_objectives", "process_list"}
)


class ProfileError(ValueError):
    """A profile file that cannot be used: bad TOML, an unknown key or value."""


@dataclass(frozen=True, kw_only=True)
class Editions:
    """TCVN ISO 9001 editions by year: `current` ones in force, `withdrawn` ones cancelled."""

    current: tuple[str, ...]
    withdrawn: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class LevelRequirements:
    """What one agency level must publish, and from which day (month, day) of a year the
    previous year's quality objectives no longer count as current."""

    required: frozenset[str]
    objectives_grace: tuple[int, int]

    def objectives_due_year(self, as_of: date) -> int:
        """The oldest year whose objectives are still current on `as_of`."""
        month, day = self.objectives_grace
        return as_of.year if (as_of.month, as_of.day) >= (month, day) else as_of.year - 1


@dataclass(frozen=True, kw_only=True)
class Profile:
    """Thresholds the rules read; agencies of a level not listed use `defaults`."""

    name: str
    editions: Editions
    defaults: LevelRequirements
    levels: Mapping[str, LevelRequirements]
    # A site that fails keeps its last known results this many days before it is judged
    # unreachable: one night's outage of a server does not unpublish an agency's documents.
    unreachable_after_days: int = 3

    def for_level(self, level: str) -> LevelRequirements:
        return self.levels.get(level, self.defaults)


def load_profile(path: Path | str | None = None) -> Profile:
    """Read a profile from `path`, or the packaged default profile when `path` is None.

    Raises ProfileError when the file is not a valid profile.
    """
    if path is None:
        return _default_profile()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ProfileError(f"cannot read profile {path}: {error}") from error
    return parse_profile(text, source=str(path))


@cache
def _default_profile() -> Profile:
    text = resources.files("rules.profiles").joinpath("default.toml").read_text(encoding="utf-8")
    return parse_profile(text, source="rules/profiles/default.toml")


def parse_profile(text: str, *, source: str = "<profile>") -> Profile:
    """Build a Profile from TOML text; `source` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{source}: invalid TOML: {error}") from error
    _reject_unknown(data, {"name", "editions", "defaults", "levels", "site"}, source)
    defaults = _level(_table(data, "defaults", source), None, f"{source} [defaults]")
    levels: dict[str, LevelRequirements] = {}
    for level, table in _table(data, "levels", source).items():
        where = f"{source} [levels.{level}]"
        levels[level] = _level(_as_table(table, where), defaults, where)
    return Profile(
        name=str(data.get("name", Path(source).stem)),
        editions=_editions(_table(data, "editions", source), f"{source} [editions]"),
        defaults=defaults,
        levels=MappingProxyType(levels),
        unreachable_after_days=_site(_as_table(data.get("site", {}), f"{source} [site]")),
    )


def _site(table: dict[str, Any]) -> int:
    _reject_unknown(table, {"unreachable_after_days"}, "[site]")
    days = table.get("unreachable_after_days", 3)
    if not isinstance(days, int) or days < 0:
        raise ProfileError(f"[site] unreachable_after_days: expected a whole number, got {days!r}")
    return days


def _editions(table: dict[str, Any], where: str) -> Editions:
    _reject_unknown(table, {"current", "withdrawn"}, where)
    current = _strings(table.get("current", []), f"{where} current")
    withdrawn = _strings(table.get("withdrawn", []), f"{where} withdrawn")
    if not current:
        raise ProfileError(f"{where}: at least one current edition is needed")
    if set(current) & set(withdrawn):
        raise ProfileError(f"{where}: an edition cannot be both current and withdrawn")
    return Editions(current=current, withdrawn=withdrawn)


def _level(table: dict[str, Any], base: LevelRequirements | None, where: str) -> LevelRequirements:
    _reject_unknown(table, {"required", "objectives_grace"}, where)
    required = _required(table["required"], where) if "required" in table else None
    grace = (
        _month_day(table["objectives_grace"], f"{where} objectives_grace")
        if "objectives_grace" in table
        else None
    )
    if base is not None:
        required = base.required if required is None else required
        grace = base.objectives_grace if grace is None else grace
    if required is None or grace is None:
        raise ProfileError(f"{where}: needs both 'required' and 'objectives_grace'")
    return LevelRequirements(required=required, objectives_grace=grace)


def _required(value: object, where: str) -> frozenset[str]:
    required = frozenset(_strings(value, f"{where} required"))
    unknown = required - REQUIRABLE_ITEMS
    if unknown:
        known = sorted(REQUIRABLE_ITEMS)
        raise ProfileError(f"{where}: cannot require {sorted(unknown)}; known: {known}")
    return required


def _month_day(value: object, where: str) -> tuple[int, int]:
    """Parse "MM-DD" into (month, day); 29 February is refused as it is not in every year."""
    try:
        month_text, day_text = str(value).split("-")
        parsed = date(2001, int(month_text), int(day_text))
    except ValueError as error:
        raise ProfileError(f"{where}: expected a month-day like '04-01', got {value!r}") from error
    return parsed.month, parsed.day


def _table(data: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    if key not in data:
        raise ProfileError(f"{source}: missing table [{key}]")
    return _as_table(data[key], f"{source} [{key}]")


def _as_table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: expected a table")
    return value


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProfileError(f"{where}: expected a list of strings")
    return tuple(value)


def _reject_unknown(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = table.keys() - known
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
