"""ISO 9001 editions as data, and which edition a document adopts.

A document adopts the edition its title names; else the edition its body names (leaving out
its "Căn cứ" lines, the title of QĐ 19/2014 which names 2008, and the "from" side of a
conversion "chuyển đổi từ … 2008 sang … 2015"); else the edition its vocabulary points to
(domain.md §5.1). A 2015 title over 2008 vocabulary is reported as a cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EDITIONS", "Edition", "VersionDecision", "adopted_version", "versions_mentioned"]


@dataclass(frozen=True)
class Edition:
    """An edition of ISO 9001 and folded phrases typical of its vocabulary: strong markers
    count 2, weak ones (also met in documents of other editions) count 1."""

    year: str
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


EDITIONS: tuple[Edition, ...] = (
    Edition("2000"),
    Edition(
        "2008",
        strong=(
            "hanh dong phong ngua",
            "dai dien lanh dao",
            "san pham khong phu hop",
            "tao san pham",
            "yeu cau ve he thong tai lieu",
            "muc 4.2.3",
            "8.5.3",
        ),
        weak=("trach nhiem cua lanh dao", "kiem soat tai lieu", "kiem soat ho so", "8.2.2"),
    ),
    Edition(
        "2015",
        strong=(
            "thong tin dang van ban",
            "rui ro va co hoi",
            "boi canh cua to chuc",
            "cac ben quan tam",
            "dau ra khong phu hop",
            "ben ngoai cung cap",
        ),
        weak=("101/qd-bkhcn",),
    ),
    Edition("2026"),  # ISO 9001:2026: add its vocabulary when TCVN adopts it
)
_YEARS = tuple(edition.year for edition in EDITIONS)
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
    adopted: str | None
    mentioned: tuple[str, ...]
    cues: tuple[str, ...]


def versions_mentioned(folded: str) -> tuple[str, ...]:
    """Editions named anywhere in the folded text ("TCVN ISO 9001:2015"), oldest first."""
    found = {match.group(1) for match in _MENTION.finditer(folded)}
    return tuple(year for year in _YEARS if year in found)


def _adoptable_mentions(folded: str) -> list[str]:
    body = _WHITESPACE.sub(" ", _BASIS_CLAUSE.sub(" ", folded))
    body = _QD19_TITLE.sub(" ", body)
    converted_from = {match.group(1) for match in _CONVERSION.finditer(body)}
    targets = [match.group(2) for match in _CONVERSION.finditer(body)]
    body = _CONVERSION.sub(" ", body)
    mentions = [m.group(1) for m in _MENTION.finditer(body) if m.group(1) in _YEARS]
    return targets + [year for year in mentions if year not in converted_from]


def _markers(folded: str) -> dict[str, list[str]]:
    return {
        edition.year: [m for m in (*edition.strong, *edition.weak) if m in folded]
        for edition in EDITIONS
    }


def _weight(year: str, found: list[str]) -> int:
    edition = next(edition for edition in EDITIONS if edition.year == year)
    return sum(2 if marker in edition.strong else 1 for marker in found)


def _newest(years: list[str]) -> str:
    return max(years, key=_YEARS.index)


def _by_vocabulary(markers: dict[str, list[str]]) -> tuple[str | None, str | None]:
    weights = {year: _weight(year, found) for year, found in markers.items()}
    best = max(weights, key=lambda year: weights[year])
    others = max(weight for year, weight in weights.items() if year != best)
    if weights[best] < _STRONG_MARKERS or weights[best] <= others:
        return None, None
    return best, f"version: {best} vocabulary ({', '.join(markers[best])})"


def _older_vocabulary(adopted: str, markers: dict[str, list[str]]) -> str | None:
    """A cue when a document adopting `adopted` speaks an older edition's language."""
    older = _YEARS[: _YEARS.index(adopted)]
    if sum(_weight(year, markers[year]) for year in older) < _STRONG_MARKERS:
        return None
    found = ", ".join(marker for year in older for marker in markers[year])
    return f"version: {adopted} document with older vocabulary ({found})"


def adopted_version(folded_title: str, folded_text: str) -> VersionDecision:
    """Decide the edition a document adopts from its folded title region and folded text."""
    mentioned = versions_mentioned(folded_title + "\n" + folded_text)
    markers = _markers(_WHITESPACE.sub(" ", _BASIS_CLAUSE.sub(" ", folded_text)))
    title_years = _adoptable_mentions(folded_title)
    body_years = _adoptable_mentions(folded_text)
    adopted: str | None
    if title_years:
        adopted = _newest(title_years)
        cue = f"version: title names ISO 9001:{adopted}"
    elif body_years:
        adopted = max(set(body_years), key=lambda year: (body_years.count(year), year))
        cue = f"version: text names ISO 9001:{adopted} ({body_years.count(adopted)}x)"
    else:
        adopted, cue_or_none = _by_vocabulary(markers)
        cue = cue_or_none or ""
    cues = [cue] if cue else []
    older = _older_vocabulary(adopted, markers) if adopted else None
    if older:
        cues.append(older)
    return VersionDecision(adopted, mentioned, tuple(cues))
