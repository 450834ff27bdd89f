"""One agency's crawl frontier: the links waiting, best first, within a strict budget.

The spider offers every candidate link here and takes requests out only while the agency
has room for more downloads in flight; each request taken counts against the page budget,
so a tight budget goes to the best-scored links found so far, and an endless calendar trap
stops at the budget. Equal priorities come out in discovery order (breadth-first).

Links fall in three tiers by their own score: promising, somewhat relevant, irrelevant. A
link waits while a request of a higher tier is in flight: that answer may hold the
documents the budget should be spent on.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from itertools import count

from w3lib.url import canonicalize_url

__all__ = ["AgencyFrontier", "Link"]


@dataclass(frozen=True, kw_only=True)
class Link:
    """A URL to request for an agency, and why.

    score: the link's own score (`crawler.links.score_link`), passed on to its page's links.
    priority: the order in the frontier, higher first.
    follow: the response's links may be followed (the URL is inside the agency's scope).
    document_hint: the URL looks like a document or a download.
    pagination: how many list pages in a row led here (bounded separately).
    start: the agency's start URL.
    sitemap: a sitemap the site declared, read for its URLs rather than its links.
    """

    url: str
    text: str | None
    referer: str | None
    depth: int
    score: int
    priority: int
    follow: bool
    document_hint: bool
    pagination: int = 0
    start: bool = False
    sitemap: bool = False


def url_key(url: str) -> str:
    """The key under which a URL counts as already seen (canonical, no fragment)."""
    return canonicalize_url(url)


@dataclass
class AgencyFrontier:
    """Links waiting for one agency; counts requests issued and still in flight."""

    pages: int
    depth: int
    promising_score: int = 12
    max_waiting: int = 5000
    issued: int = 0
    in_flight: int = 0
    _tiers_in_flight: list[int] = field(default_factory=lambda: [0, 0, 0])
    _seen: set[str] = field(default_factory=set)
    _heap: list[tuple[int, int, Link]] = field(default_factory=list)
    _order: count[int] = field(default_factory=count)

    def offer(self, link: Link) -> bool:
        """Queue a link unless it was seen, is too deep, or the queue is full."""
        key = url_key(link.url)
        if key in self._seen or link.depth > self.depth or len(self._heap) >= self.max_waiting:
            return False
        self._seen.add(key)
        heapq.heappush(self._heap, (-link.priority, next(self._order), link))
        return True

    def mark_seen(self, url: str) -> None:
        """Remember a URL reached another way (the target of a redirect)."""
        self._seen.add(url_key(url))

    def tier(self, link: Link) -> int:
        """2: promising (or the start page), 1: somewhat relevant, 0: irrelevant."""
        if link.start or link.score >= self.promising_score:
            return 2
        return 1 if link.score > 0 else 0

    def _outranked(self, link: Link) -> bool:
        return any(self._tiers_in_flight[self.tier(link) + 1 :])

    def _page_room(self, link: Link, capacity: int) -> int:
        if link.document_hint:
            return capacity
        return min(capacity, max(1, (self.pages - self.issued) // 2))

    def take(self, capacity: int) -> list[Link]:
        """The best waiting links, while fewer than `capacity` are in flight and budget lasts.

        A link is not taken while a request of a higher tier is in flight. When the budget
        runs low, pages go out fewer at a time, keeping requests for the documents they link.
        """
        taken: list[Link] = []
        while self._heap and self.in_flight < capacity and self.issued < self.pages:
            best = self._heap[0][2]
            if self._outranked(best) or self.in_flight >= self._page_room(best, capacity):
                break
            heapq.heappop(self._heap)
            taken.append(best)
            self.issued += 1
            self.in_flight += 1
            self._tiers_in_flight[self.tier(best)] += 1
        return taken

    def settle(self, link: Link) -> None:
        """The request for `link`, taken earlier, has its outcome."""
        if self.in_flight <= 0:
            raise RuntimeError("settle() without a request in flight")
        self.in_flight -= 1
        self._tiers_in_flight[self.tier(link)] -= 1

    def forget_in_flight(self) -> int:
        """Reset the in-flight counts (nothing is in progress); how many were lost."""
        lost, self.in_flight, self._tiers_in_flight = self.in_flight, 0, [0, 0, 0]
        return lost

    @property
    def exhausted(self) -> bool:
        """Nothing in flight and nothing more will be requested."""
        return self.in_flight == 0 and (not self._heap or self.issued >= self.pages)
