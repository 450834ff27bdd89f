"""ISO 9001 editions as data (`extractors/editions.toml`), and which edition a document adopts.

A document adopts the edition its title names; else the edition its body names (leaving out
its "Căn cứ" lines, the title of QĐ 19/2014 which names 2008, and the "from" side of a
conversion "chuyển đổi từ … 2008 sang … 2015"); else the edition its vocabulary points to
(domain.md §5.1). An amendment ("ISO 9001:2015/Amd 1:2024") is its edition. The phrases
typical of one edition found in the body are reported as the document's vocabulary, so that
a 2015 title over 2008 wording can be told ("converted on paper only").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extractors.vietnamese import fold

__all__ = [
    "Edition",
    "VersionDecision",
    "adopted_version",
    "editions",
    "parse_editions",
    "versions_mentioned",
]

EDITIONS_FILE = "editions.toml"


@dataclass(frozen=True)
class Edition:
    """An edition of ISO 9001 and phrases typical of its vocabulary, as documents write them:
    strong markers count 2, weak ones (also met in documents of other editions) count 1."""

    year: str
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


def parse_editions(text: str) -> tuple[Edition, ...]:
    """The editions of a TOML table like `extractors/editions.toml`, oldest first.

    Raises ValueError naming what is wrong: the file is packaged data, so a bad one is a bug.
    """
    data = tomllib.loads(text)
    if set(data) != {"edition"} or not isinstance(data["edition"], list):
        raise ValueError("editions: expected only [[edition]] tables")
    found = tuple(_edition(row) for row in data["edition"])
    years = [edition.year for edition in found]
    if years != sorted(set(years)):
        raise ValueError(f"editions: years must be distinct and oldest first, got {years}")
    return found


def _edition(row: object) -> Edition:
    if not isinstance(row, dict) or not set(row) <= {"year", "strong", "weak"}:
        raise ValueError(f"edition: expected year, strong, weak; got {row!r}")
    year = row.get("year")
    if not isinstance(year, str) or not re.fullmatch(r"\d{4}", year):
        raise ValueError(f"edition: year must be four digits in quotes, got {year!r}")
    return Edition(year, _phrases(row.get("strong", []), year), _phrases(row.get("weak", []), year))


def _phrases(value: object, year: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ValueError(f"edition {year}: phrases must be a list of non-empty strings")
    return tuple(value)


@cache
def editions() -> tuple[Edition, ...]:
    """The packaged editions table."""
    text = resources.files("extractors").joinpath(EDITIONS_FILE).read_text(encoding="utf-8")
    return parse_editions(text)


_MENTION = re.compile(r"9001\s*[:\-/.]\s*(\d{4})(?!\d)")
_QD19_TITLE = re.compile(
    r"19/2014/qd-ttg.{0,200}?9001\s*[:\-/.]\s*2008"
    r"|9001\s*[:\-/.]\s*2008 vao hoat dong cua cac co quan, to chuc thuoc he thong hanh chinh"
)
_CONVERSION = re.compile(
    r"chuyen doi.{0,60}?9001\s*[:\-/.]\s*(\d{4}).{0,60}?sang.{0,60}?9001\s*[:\-/.]\s*(\d{4})"
)
# A "Căn cứ" clause citing another text runs to its semicolon, to a full stop at a line end,
# or to the next clause. ("Căn cứ Chính sách chất lượng …" cites the agency's own QMS: kept.)
_BASIS_CLAUSE = re.compile(
    r"can cu\s+(?:luat|nghi dinh|quyet dinh|thong tu|nghi quyet|cong van|chi thi|van ban)\b"
    r"[\s\S]{0,500}?(?:;|\.\s*$|(?=\n\s*(?:can cu|xet de nghi|theo de nghi|quyet dinh)))",
    re.MULTILINE,
)
_WHITESPACE = re.compile(r"\s+")
_STRONG_MARKERS = 2  # marker weight needed to adopt an edition by vocabulary alone


@dataclass(frozen=True)
class VersionDecision:
    """adopted: the edition the document adopts, or None. mentioned: every edition it names.
    vocabulary: (edition, phrase) for each strong marker of an edition found in its body.
    cues: in words, what decided."""

    adopted: str | None
    mentioned: tuple[str, ...]
    cues: tuple[str, ...]
    vocabulary: tuple[tuple[str, str], ...] = ()


def _years(table: Sequence[Edition]) -> tuple[str, ...]:
    return tuple(edition.year for edition in table)


def versions_mentioned(folded: str, table: Sequence[Edition] | None = None) -> tuple[str, ...]:
    """Editions named anywhere in the folded text ("TCVN ISO 9001:2015"), oldest first."""
    found = {match.group(1) for match in _MENTION.finditer(folded)}
    return tuple(year for year in _years(table or editions()) if year in found)


def _adoptable_mentions(folded: str, years: tuple[str, ...]) -> list[str]:
    body = _WHITESPACE.sub(" ", _BASIS_CLAUSE.sub(" ", folded))
    body = _QD19_TITLE.sub(" ", body)
    converted_from = {match.group(1) for match in _CONVERSION.finditer(body)}
    targets = [match.group(2) for match in _CONVERSION.finditer(body) if match.group(2) in years]
    body = _CONVERSION.sub(" ", body)
    mentions = [m.group(1) for m in _MENTION.finditer(body) if m.group(1) in years]
    return targets + [year for year in mentions if year not in converted_from]


def _found(phrases: tuple[str, ...], folded_body: str) -> list[str]:
    """The phrases that occur in the folded body, as written in the table."""
    return [phrase for phrase in phrases if fold(phrase) in folded_body]


@dataclass(frozen=True)
class _Markers:
    """Per edition year, the strong and the weak phrases found."""

    strong: dict[str, list[str]]
    weak: dict[str, list[str]]

    def weight(self, year: str) -> int:
        return 2 * len(self.strong[year]) + len(self.weak[year])

    def phrases(self, year: str) -> list[str]:
        return [fold(phrase) for phrase in (*self.strong[year], *self.weak[year])]


def _markers(folded_body: str, table: Sequence[Edition]) -> _Markers:
    return _Markers(
        strong={edition.year: _found(edition.strong, folded_body) for edition in table},
        weak={edition.year: _found(edition.weak, folded_body) for edition in table},
    )


def _by_vocabulary(markers: _Markers, years: tuple[str, ...]) -> tuple[str | None, str | None]:
    weights = {year: markers.weight(year) for year in years}
    best = max(weights, key=lambda year: weights[year])
    others = max((weight for year, weight in weights.items() if year != best), default=0)
    if weights[best] < _STRONG_MARKERS or weights[best] <= others:
        return None, None
    return best, f"version: {best} vocabulary ({', '.join(markers.phrases(best))})"


def _older_vocabulary(adopted: str, markers: _Markers, years: tuple[str, ...]) -> str | None:
    """A cue when a document adopting `adopted` speaks an older edition's language."""
    older = years[: years.index(adopted)]
    if sum(markers.weight(year) for year in older) < _STRONG_MARKERS:
        return None
    found = ", ".join(phrase for year in older for phrase in markers.phrases(year))
    return f"version: {adopted} document with older vocabulary ({found})"


def adopted_version(
    folded_title: str, folded_text: str, *, table: Sequence[Edition] | None = None
) -> VersionDecision:
    """Decide the edition a document adopts from its folded title region and folded text,
    with the packaged editions table unless `table` is given."""
    table = table or editions()
    years = _years(table)
    mentioned = versions_mentioned(folded_title + "\n" + folded_text, table)
    markers = _markers(_WHITESPACE.sub(" ", _BASIS_CLAUSE.sub(" ", folded_text)), table)
    title_years = _adoptable_mentions(folded_title, years)
    body_years = _adoptable_mentions(folded_text, years)
    adopted: str | None
    if title_years:
        adopted = max(title_years, key=years.index)
        cue = f"version: title names ISO 9001:{adopted}"
    elif body_years:
        adopted = max(set(body_years), key=lambda year: (body_years.count(year), year))
        cue = f"version: text names ISO 9001:{adopted} ({body_years.count(adopted)}x)"
    else:
        adopted, cue_or_none = _by_vocabulary(markers, years)
        cue = cue_or_none or ""
    cues = [cue] if cue else []
    older = _older_vocabulary(adopted, markers, years) if adopted else None
    if older:
        cues.append(older)
    vocabulary = tuple((year, phrase) for year in years for phrase in markers.strong[year])
    return VersionDecision(adopted, mentioned, tuple(cues), vocabulary)
