"""Audit profiles: what each agency level must publish, which editions are current, when
objectives and yearly records go stale, and which advisory checks count toward a status.

Loaded from TOML: a packaged profile by name (`rules/profiles/<name>.toml`, "default" and
"strict") or any profile file by path. `rules/profiles/default.toml` documents every key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rules.superseded import Superseded, packaged_superseded, parse_superseded

# The required items the completeness rules know how to check.
REQUIRABLE_ITEMS = frozenset(
    {"declaration", "quality_policy", "quality_objectives", "process_list"}
)
EDITION_STATUSES = ("current", "withdrawn", "upcoming")
DEFAULT_PROFILE = "default"
_PACKAGE = "rules.profiles"
_NAME = re.compile(r"[a-z][a-z0-9_-]*")  # a packaged profile's name; anything else is a path
_YEAR = re.compile(r"\d{4}")


class ProfileError(ValueError):
    """A profile that cannot be used: unknown name, bad TOML, an unknown key or value."""


@dataclass(frozen=True, kw_only=True)
class Edition:
    """One edition of TCVN ISO 9001 and where it stands.

    status: "current" (in force), "withdrawn" (cancelled: a QMS on it is out of date) or
    "upcoming" (published or expected, not yet adopted: a QMS on it is not out of date).
    adopted / withdrawn: when it was published as a TCVN / cancelled. convert_by: the day
    agencies had to have left it (2008: 30/06/2021). basis: the texts those dates come from.
    """

    year: str
    status: str
    adopted: date | None = None
    withdrawn: date | None = None
    convert_by: date | None = None
    basis: str | None = None


@dataclass(frozen=True, kw_only=True)
class Editions:
    """The editions a profile knows, oldest first."""

    entries: tuple[Edition, ...]

    def _with(self, status: str) -> tuple[str, ...]:
        return tuple(entry.year for entry in self.entries if entry.status == status)

    @property
    def current(self) -> tuple[str, ...]:
        return self._with("current")

    @property
    def withdrawn(self) -> tuple[str, ...]:
        return self._with("withdrawn")

    @property
    def upcoming(self) -> tuple[str, ...]:
        return self._with("upcoming")

    def of(self, year: str) -> Edition | None:
        return next((entry for entry in self.entries if entry.year == year), None)


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
    """Thresholds the rules read; agencies of a level not listed use `defaults`.

    counted: codes of advisory checks whose verdict counts toward the status (none in the
    default profile). records_years_back: an internal audit or management review of this
    many years before the as-of year still counts as recent (1: this year or last).
    superseded: the legal texts and bodies that no longer apply.
    """

    name: str
    editions: Editions
    defaults: LevelRequirements
    levels: Mapping[str, LevelRequirements]
    # A site that fails keeps its last known results this many days before it is judged
    # unreachable: one night's outage of a server does not unpublish an agency's documents.
    unreachable_after_days: int = 3
    description: str = ""
    records_years_back: int = 1
    counted: frozenset[str] = frozenset()
    superseded: Superseded = field(default_factory=packaged_superseded)

    def for_level(self, level: str) -> LevelRequirements:
        return self.levels.get(level, self.defaults)

    def counts(self, code: str) -> bool:
        """Whether the advisory check `code` counts toward the status in this profile."""
        return code in self.counted

    def records_due_year(self, as_of: date) -> int:
        """The oldest year whose internal audit or management review is still recent."""
        return as_of.year - self.records_years_back


def packaged_profiles() -> tuple[str, ...]:
    """The names of the packaged profiles: "default", "strict", …"""
    names = (
        entry.name.removesuffix(".toml")
        for entry in resources.files(_PACKAGE).iterdir()
        if entry.name.endswith(".toml")
    )
    return tuple(sorted(names))


def load_profile(name_or_path: Path | str | None = None) -> Profile:
    """The packaged profile named `name_or_path` ("default", "strict"), or the profile file
    at that path; the default profile when None. A string of lower-case letters, digits,
    "-" and "_" is a name; anything else, and any Path, is a path.

    Raises ProfileError for an unknown name or a file that is not a valid profile.
    """
    if name_or_path is None:
        return _packaged(DEFAULT_PROFILE)
    if isinstance(name_or_path, str) and _NAME.fullmatch(name_or_path):
        if name_or_path not in packaged_profiles():
            raise ProfileError(
                f"unknown profile {name_or_path!r}: packaged profiles are "
                f"{', '.join(packaged_profiles())}; or give the path of a .toml file"
            )
        return _packaged(name_or_path)
    path = Path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ProfileError(f"cannot read profile {path}: {error}") from error
    return parse_profile(text, source=str(path), base=path.parent)


@cache
def _packaged(name: str) -> Profile:
    text = resources.files(_PACKAGE).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return parse_profile(text, source=f"rules/profiles/{name}.toml")


_TOP_KEYS = {
    "name",
    "description",
    "editions",
    "defaults",
    "levels",
    "site",
    "records",
    "status",
    "superseded",
}


def parse_profile(text: str, *, source: str = "<profile>", base: Path | None = None) -> Profile:
    """Build a Profile from TOML text; `source` names it in error messages, `base` is the
    folder a relative `superseded` path is read from (the working folder when None)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{source}: invalid TOML: {error}") from error
    _reject_unknown(data, _TOP_KEYS, source)
    defaults = _level(_table(data, "defaults", source), None, f"{source} [defaults]")
    levels: dict[str, LevelRequirements] = {}
    for level, table in _table(data, "levels", source).items():
        where = f"{source} [levels.{level}]"
        levels[level] = _level(_as_table(table, where), defaults, where)
    return Profile(
        name=str(data.get("name", Path(source).stem)),
        description=str(data.get("description", "")),
        editions=_editions(_table(data, "editions", source), f"{source} [editions]"),
        defaults=defaults,
        levels=MappingProxyType(levels),
        unreachable_after_days=_whole(
            data.get("site", {}), "unreachable_after_days", 3, f"{source} [site]"
        ),
        records_years_back=_whole(data.get("records", {}), "years_back", 1, f"{source} [records]"),
        counted=_counted(_as_table(data.get("status", {}), f"{source} [status]"), source),
        superseded=_superseded(data.get("superseded"), source, base),
    )


def _whole(value: object, key: str, default: int, where: str) -> int:
    table = _as_table(value, where)
    _reject_unknown(table, {key}, where)
    number = table.get(key, default)
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise ProfileError(f"{where} {key}: expected a whole number, got {number!r}")
    return number


def _editions(table: dict[str, Any], where: str) -> Editions:
    entries = []
    for year, value in table.items():
        if not _YEAR.fullmatch(year):
            raise ProfileError(
                f"{where}: expected a table per edition, [editions.2015], got key {year!r}"
            )
        entry_where = f"{where.removesuffix(']')}.{year}]"  # "… [editions.2015]"
        entries.append(_edition(year, _as_table(value, entry_where), entry_where))
    if not any(entry.status == "current" for entry in entries):
        raise ProfileError(f"{where}: at least one current edition is needed")
    return Editions(entries=tuple(sorted(entries, key=lambda entry: entry.year)))


def _edition(year: str, table: dict[str, Any], where: str) -> Edition:
    _reject_unknown(table, {"status", "adopted", "withdrawn", "convert_by", "basis"}, where)
    status = table.get("status")
    if status not in EDITION_STATUSES:
        raise ProfileError(f"{where} status: expected one of {EDITION_STATUSES}, got {status!r}")
    basis = table.get("basis")
    if basis is not None and not isinstance(basis, str):
        raise ProfileError(f"{where} basis: expected a string")
    return Edition(
        year=year,
        status=status,
        adopted=_optional_date(table, "adopted", where),
        withdrawn=_optional_date(table, "withdrawn", where),
        convert_by=_optional_date(table, "convert_by", where),
        basis=basis,
    )


def _optional_date(table: dict[str, Any], key: str, where: str) -> date | None:
    value = table.get(key)
    if value is not None and not isinstance(value, date):
        raise ProfileError(f"{where} {key}: expected a date written YYYY-MM-DD, got {value!r}")
    return value


def _counted(table: dict[str, Any], source: str) -> frozenset[str]:
    """The advisory checks listed under [status] count; each must be a registered one."""
    from rules.registry import RULES  # here: the registry imports the rules, which import us

    where = f"{source} [status]"
    _reject_unknown(table, {"count"}, where)
    codes = frozenset(_strings(table.get("count", []), f"{where} count"))
    advisory = sorted(code for code, rule in RULES.items() if rule.advisory)
    wrong = sorted(code for code in codes if code not in advisory)
    if wrong:
        raise ProfileError(
            f"{where} count: {wrong} are not advisory checks (they always count, or do not "
            f"exist); advisory checks: {advisory}"
        )
    return codes


def _superseded(value: object, source: str, base: Path | None) -> Superseded:
    if value is None:
        return packaged_superseded()
    if not isinstance(value, str):
        raise ProfileError(f"{source} superseded: expected the path of a TOML file")
    path = (base or Path.cwd()) / value
    try:
        return parse_superseded(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ProfileError(f"{source} superseded {path}: {error}") from error


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
