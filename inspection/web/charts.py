"""The overview's charts as geometry the templates draw in SVG (no script, no CDN): a bar
per status, and a bar per level split by status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from inspection.labels import LEVEL_LABELS, STATUS_LABELS
from inspection.official_report.labels import STATUS_ORDER

__all__ = ["STATUS_COLORS", "Bar", "Segment", "StackedBar", "level_bars", "status_bars"]

# Worst in warm colours, best in green; the same in the CSS badges (static/app.css).
STATUS_COLORS: dict[str | None, str] = {
    "unreachable": "#5f6368",
    "not_published": "#b3261e",
    "outdated": "#8e3b8e",
    "incomplete": "#d9730d",
    "stale": "#b08800",
    "compliant": "#1e7b34",
    None: "#a0a4a8",
}
LEVELS = ("province", "department", "branch", "district", "commune")


@dataclass(frozen=True)
class Bar:
    key: str  # the status code, "none" for not checked (the list's filter value)
    label: str
    count: int
    width: float  # share of the longest bar, 0-100
    color: str


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    x: float  # where it starts along the bar, 0-100
    width: float
    color: str


@dataclass(frozen=True)
class StackedBar:
    key: str  # the level
    label: str
    total: int
    segments: list[Segment]


def status_bars(counts: Mapping[str | None, int]) -> list[Bar]:
    """One bar per status (none left out, so the chart always reads the same way)."""
    longest = max(counts.values(), default=0) or 1
    return [
        Bar(
            key=status or "none",
            label=STATUS_LABELS[status],
            count=counts.get(status, 0),
            width=round(100 * counts.get(status, 0) / longest, 2),
            color=STATUS_COLORS[status],
        )
        for status in STATUS_ORDER
    ]


def level_bars(by_level: Mapping[str, Counter[str | None]]) -> list[StackedBar]:
    """One bar per level that has agencies, each split by status, as shares of the level."""
    bars = []
    for level in [*LEVELS, *sorted(set(by_level) - set(LEVELS))]:
        counts = by_level.get(level)
        if not counts:
            continue
        total = sum(counts.values())
        x = 0.0
        segments = []
        for status in STATUS_ORDER:
            count = counts.get(status, 0)
            if not count:
                continue
            width = 100 * count / total
            segments.append(
                Segment(
                    key=status or "none",
                    label=STATUS_LABELS[status],
                    count=count,
                    x=round(x, 2),
                    width=round(width, 2),
                    color=STATUS_COLORS[status],
                )
            )
            x += width
        bars.append(
            StackedBar(
                key=level, label=LEVEL_LABELS.get(level, level), total=total, segments=segments
            )
        )
    return bars
