"""Legal texts and issuing bodies that no longer apply, and what replaced them: data read
from TOML (`rules/data/superseded.toml` by default) for FRESH007 and FRESH008."""

from __future__ import annotations

import tomllib
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from rules.documents import fold, subject_key

SUPERSEDED_FILE = "superseded.toml"


@dataclass(frozen=True, kw_only=True)
class SupersededText:
    """A legal text a QMS document may cite that ceased to apply on `ceased`."""

    number: str  # "61/2018/NĐ-CP"
    name: str  # how findings name it
    ceased: date
    replaced_by: str

    @property
    def key(self) -> str:
        return subject_key(self.number)


@dataclass(frozen=True, kw_only=True)
class AbolishedBody:
    """A kind of issuing body that no longer exists from `ceased` ("Ủy ban nhân dân huyện")."""

    names: tuple[str, ...]
    ceased: date
    replaced_by: str


@dataclass(frozen=True, kw_only=True)
class Superseded:
    """The texts and bodies, and the months of grace after a text ceases to apply."""

    grace_months: int
    texts: tuple[SupersededText, ...]
    bodies: tuple[AbolishedBody, ...]

    def text_cited(self, number: str) -> SupersededText | None:
        """The superseded text `number` names, if it is one."""
        key = subject_key(number)
        return next((text for text in self.texts if text.key == key), None)

    def body_of(self, issuer: str) -> AbolishedBody | None:
        """The abolished kind of body `issuer` ("ỦY BAN NHÂN DÂN HUYỆN X") is, if any."""
        folded = fold(issuer)
        return next(
            (body for body in self.bodies if any(folded.startswith(fold(n)) for n in body.names)),
            None,
        )

    def grace_end(self, text: SupersededText) -> date:
        """The first day a document still citing `text` is out of date."""
        return add_months(text.ceased, self.grace_months)


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def parse_superseded(text: str) -> Superseded:
    """Read the TOML data; raises ValueError naming what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"invalid TOML: {error}") from error
    _only(data, {"grace_months", "text", "body"}, "the file")
    grace = data.get("grace_months", 3)
    if not isinstance(grace, int) or isinstance(grace, bool) or grace < 0:
        raise ValueError(f"grace_months: expected a whole number of months, got {grace!r}")
    return Superseded(
        grace_months=grace,
        texts=tuple(_text(row) for row in _rows(data, "text")),
        bodies=tuple(_body(row) for row in _rows(data, "body")),
    )


def _rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = data.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValueError(f"[[{key}]]: expected tables")
    return rows


def _text(row: dict[str, Any]) -> SupersededText:
    where = f"[[text]] {row.get('number')!r}"
    _only(row, {"number", "name", "ceased", "replaced_by", "source"}, where)
    return SupersededText(
        number=_string(row, "number", where),
        name=_string(row, "name", where),
        ceased=_date(row, where),
        replaced_by=_string(row, "replaced_by", where),
    )


def _body(row: dict[str, Any]) -> AbolishedBody:
    where = f"[[body]] {row.get('names')!r}"
    _only(row, {"names", "ceased", "replaced_by", "source"}, where)
    names = row.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{where}: names must be a non-empty list of strings")
    return AbolishedBody(
        names=tuple(names), ceased=_date(row, where), replaced_by=_string(row, "replaced_by", where)
    )


def _string(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: '{key}' must be a non-empty string")
    return value


def _date(row: dict[str, Any], where: str) -> date:
    value = row.get("ceased")
    if not isinstance(value, date):
        raise ValueError(f"{where}: 'ceased' must be a date written YYYY-MM-DD, got {value!r}")
    return value


def _only(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = table.keys() - known
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")


@cache
def packaged_superseded() -> Superseded:
    """The packaged data (`rules/data/superseded.toml`)."""
    text = resources.files("rules.data").joinpath(SUPERSEDED_FILE).read_text(encoding="utf-8")
    return parse_superseded(text)
