"""Which agency's crawl to open next, and when.

Agencies open in the order given, at most `max_open` at a time (0: no limit), and only
while the caller admits more (`CrawlControl.admit`). An agency whose start page did not
answer at all is parked: it stops counting as open, and once nothing else is open or
waiting it is opened again, for one more try of its start page at the end of the run.
That try is not admitted again: the agency was admitted when it first opened, and its
outcome is still to come, so it adds nothing to what the caller is waiting to process
(asking would make the late try wait for the caller's backlog to drain).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = ["AgencyOpening"]


@dataclass
class AgencyOpening:
    """The agencies not opened yet, open, and parked; by code."""

    waiting: deque[str]
    max_open: int = 0
    open: set[str] = field(default_factory=set)
    parked: list[str] = field(default_factory=list)
    returning: set[str] = field(default_factory=set)  # parked ones back in `waiting`

    @classmethod
    def of(cls, codes: Iterable[str], *, max_open: int = 0) -> AgencyOpening:
        return cls(waiting=deque(codes), max_open=max(0, max_open))

    def next(self, admitted: Callable[[], bool]) -> str | None:
        """The agency to open now, if there is room and `admitted()` says yes (asked only
        then, and not for a parked agency's return: it comes back once nothing else is
        open or waiting)."""
        if not self.waiting and not self.open and self.parked:
            self.waiting.extend(self.parked)
            self.returning.update(self.parked)
            self.parked.clear()
        if not self.waiting or (self.max_open and len(self.open) >= self.max_open):
            return None
        if self.waiting[0] not in self.returning and not admitted():
            return None
        code = self.waiting.popleft()
        self.returning.discard(code)
        self.open.add(code)
        return code

    def close(self, code: str) -> None:
        """The agency's crawl is over."""
        self.open.discard(code)

    def park(self, code: str) -> None:
        """The agency waits for the end of the run, not counting as open."""
        self.open.discard(code)
        self.parked.append(code)

    @property
    def done(self) -> bool:
        """Every agency was opened and closed."""
        return not (self.waiting or self.open or self.parked)
