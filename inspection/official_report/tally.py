"""The numbers every part of the report shows: agencies per level and status, and shares.

The workbook's "Tổng hợp" sheet, the report's tables and its chart are drawn from one
`Tally`, so they cannot disagree. "Published" counts as `publishing_line` does: agencies
whose status is outdated, incomplete, stale or compliant, out of those audited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from inspection.official_report.labels import LEVEL_LABELS, STATUS_ORDER

__all__ = ["NOT_PUBLISHING", "Tally", "percent", "percent_text"]

NOT_PUBLISHING: tuple[str | None, ...] = ("unreachable", "not_published", None)


@dataclass(frozen=True)
class Tally:
    """Agencies counted per (level, status); levels and statuses in their usual order,
    only those that occur."""

    counts: Counter[tuple[str, str | None]]
    levels: tuple[str, ...]
    statuses: tuple[str | None, ...]

    @classmethod
    def of(cls, rows: Sequence[dict[str, Any]]) -> Tally:
        counts = Counter((row["level"], row["status"]) for row in rows)
        known = list(LEVEL_LABELS)
        levels = sorted({level for level, _ in counts}, key=lambda x: _rank(known, x))
        statuses = tuple(s for s in STATUS_ORDER if any(status == s for _, status in counts))
        return cls(counts=counts, levels=tuple(levels), statuses=statuses)

    def cell(self, level: str, status: str | None) -> int:
        return self.counts[(level, status)]

    def by_status(self, status: str | None) -> int:
        return sum(self.counts[(level, status)] for level in self.levels)

    def total(self, level: str | None = None) -> int:
        return sum(n for (lvl, _), n in self.counts.items() if level is None or lvl == level)

    def audited(self, level: str | None = None) -> int:
        return self.total(level) - self._with(None, level)

    def publishing(self, level: str | None = None) -> int:
        return self.audited(level) - sum(self._with(s, level) for s in NOT_PUBLISHING if s)

    def _with(self, status: str | None, level: str | None) -> int:
        return self.by_status(status) if level is None else self.cell(level, status)


def percent(part: int, whole: int) -> float:
    """`part` as a share of `whole` (0.0 when there is no whole), as a fraction."""
    return part / whole if whole else 0.0


def percent_text(part: int, whole: int) -> str:
    """A share as Vietnamese text writes it: "41,2%"."""
    return f"{percent(part, whole) * 100:.1f}%".replace(".", ",")


def _rank(known: list[str], level: str) -> tuple[int, str]:
    return (known.index(level), level) if level in known else (len(known), level)
