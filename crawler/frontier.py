"""One agency's crawl frontier: the links waiting, best first, within a strict budget.

The spider offers every candidate link here and takes requests out only while the agency
has room for more downloads in flight; each request taken counts against the page budget,
so a tight budget goes to the best-scored links found so far, and an endless calendar trap
stops at the budget. Equal priorities come out in discovery order (breadth-first).

Links fall in three tiers by their own score: promising, somewhat relevant, irrelevant. A
link waits while a request of a higher tier is in flight: that answer may hold the
documents the budget should be spent on. Links that are not promising are explored only up
to `explore` requests per agency (a menu's "Giới thiệu" may lead to the QMS pages, the
fortieth news item will not); after that they are dropped, and the agency's crawl ends early.
Exploration goes through the site's navigation, not its content: an irrelevant link whose
anchor reads like a headline ("Ra quân hưởng ứng Tháng hành động vì môi trường") leads to
one post, and a post about the QMS says so in its title; such links are dropped unexplored.
The next pages of a list ("Văn bản" or "Tin tức", page 2, 3, …) do not count, up to
`list_pages` per list: the QMS rows or the post announcing the QMS are often on a later page.
Beyond that, a list's pages are explored like any other link.

On a recrawl, an irrelevant link to a page the caller says is settled (earlier crawls found
that it leads nowhere, `AgencyTarget.settled`) is not requested: it counts against
`explore` as if it had been, so exploration goes exactly where it went before, minus the
requests whose answers are known.

A breadth-first frontier (the benchmark's baseline) ignores scores and tiers: links come out
hop by hop, in discovery order.

A candidate link (a document, a list's next page, a relevant link) whose request failed
transiently is handed back (`retry_later`) and comes out once more, marked `late`, near the
end of the agency's crawl: when nothing else is waiting within the budget and nothing else
is in flight. A server that was slow or overloaded a minute ago often answers by then.
Late tries do not count against the page budget; each link has at most one.
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field, replace
from itertools import count
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from crawler.links import PROMISING_SCORE, RELEVANT_SCORE, is_headline, list_key
from crawler.platforms import PlatformRequest

__all__ = ["MAX_URL_LENGTH", "AgencyFrontier", "Link", "link_key", "url_key"]

# Scrapy's URLLENGTH_LIMIT (and old browsers'): a longer URL would be dropped on its way
# out, without an answer, and the agency's crawl would wait for it until the spider idles.
MAX_URL_LENGTH = 2083


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
    script: a same-site script file, read for the JSON endpoints it requests.
    endpoint: a JSON endpoint a page's script loads, read for the URLs it returns.
    late: the one more try of a link whose request failed transiently (`retry_later`).
    navigation: found in the site's navigation (a menu label, however long, is no headline).
    request: how to ask for it when a plain GET of `url` does not do (a postback, a POSTed
        search or page method); its identity tells such links to one URL apart.
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
    script: bool = False
    endpoint: bool = False
    late: bool = False
    navigation: bool = False
    request: PlatformRequest | None = None


def url_key(url: str) -> str:
    """The key under which a URL counts as already seen (canonical, no fragment)."""
    return canonicalize_url(url)


def link_key(link: Link) -> str:
    """The key under which a link counts as already seen: its URL's; for a request with an
    identity, that identity on the URL's host (a search posted back from any page of a site
    is one search); for another request that is not a plain GET, its URL and body."""
    request = link.request
    if request is None or (request.method == "GET" and request.identity is None):
        return url_key(link.url)
    if request.identity is not None:
        return f"{urlsplit(link.url).netloc.lower()} {request.method} {request.identity}"
    return f"{url_key(link.url)} {request.method} {hashlib.sha256(request.body).hexdigest()}"


@dataclass
class AgencyFrontier:
    """Links waiting for one agency; counts requests issued and still in flight."""

    pages: int
    depth: int
    best_first: bool = True
    explore: int | None = None
    promising_score: int = PROMISING_SCORE
    relevant_score: int = RELEVANT_SCORE
    list_pages: int = 12
    max_waiting: int = 5000
    settled: frozenset[str] = frozenset()  # url keys of pages known to lead nowhere
    issued: int = 0
    explored: int = 0
    deferred: int = 0  # exploration links not requested: their pages are settled
    in_flight: int = 0
    _tiers_in_flight: list[int] = field(default_factory=lambda: [0, 0, 0])
    _list_pages_taken: dict[str, int] = field(default_factory=dict)  # by `list_key`
    _seen: set[str] = field(default_factory=set)
    _dropped: set[str] = field(default_factory=set)  # seen, never requested: exploration ended
    _waiting: dict[str, Link] = field(default_factory=dict)  # by key; the heap may hold stale ones
    _heap: list[tuple[int, int, str, Link]] = field(default_factory=list)
    _order: count[int] = field(default_factory=count)
    _late: list[Link] = field(default_factory=list)  # failed transiently: tried again at the end
    _late_in_flight: int = 0

    def offer(self, link: Link) -> bool:
        """Queue a link unless it was seen, is too deep or too long, or the queue is full.

        Past `max_waiting` links, only promising ones are queued. A link still waiting is
        replaced by a better one to the same URL (a list's page 2 first found in the
        sitemap, then as the list's own pagination); one dropped when exploration ended
        comes back as a list's next page or as a promising link (a post the sitemap names
        by its URL alone, whose title on a list page says "HTQLCL").
        """
        if len(link.url) > MAX_URL_LENGTH or link.depth > self.depth or self._full(link):
            return False
        key = link_key(link)
        revived = key in self._dropped and (link.pagination > 0 or self.tier(link) == 2)
        if key in self._seen and not revived and not self._improves(key, link):
            return False
        self._dropped.discard(key)
        self._seen.add(key)
        if not self.best_first:
            link = replace(link, priority=link.priority if link.start else -link.depth)
        self._waiting[key] = link
        heapq.heappush(self._heap, (-link.priority, next(self._order), key, link))
        return True

    def _full(self, link: Link) -> bool:
        """No room for `link`: a link farm fills the queue with irrelevant links, not the
        promising one after them, which may wait beyond `max_waiting` (up to twice that)."""
        waiting = len(self._waiting)
        limit = 2 * self.max_waiting if self.tier(link) == 2 else self.max_waiting
        return waiting >= limit

    def _improves(self, key: str, link: Link) -> bool:
        waiting = self._waiting.get(key)
        if waiting is None or not self.best_first:
            return False
        return (self.tier(link), link.priority) > (self.tier(waiting), waiting.priority)

    def mark_seen(self, url: str) -> None:
        """Remember a URL reached another way (the target of a redirect)."""
        self._seen.add(url_key(url))

    def tier(self, link: Link) -> int:
        """2: promising (or the start page), 1: somewhat relevant, 0: irrelevant."""
        if not self.best_first:
            return 0
        if link.start or link.score >= self.promising_score:
            return 2
        return 1 if link.score >= self.relevant_score else 0

    def _continues_list(self, link: Link) -> bool:
        """`link` is a next page of a list that has free pages left; taking it uses one."""
        if link.pagination == 0 or not self.best_first:
            return False
        key = list_key(link.url)
        taken = self._list_pages_taken.get(key, 0)
        if taken >= self.list_pages:
            return False
        self._list_pages_taken[key] = taken + 1
        return True

    def _explores(self, link: Link) -> bool:
        """Whether taking `link` counts against the exploration budget (called once, on take)."""
        if not self.best_first or self.tier(link) == 2:
            return False
        return not self._continues_list(link)

    def _unexplored(self, link: Link) -> bool:
        """`link`, which would be explored, is not: a headline, or exploration is over."""
        if self.explore is not None and self.explored >= self.explore:
            return True
        if link.navigation or link.text is None:
            return False
        return self.tier(link) == 0 and is_headline(link.text)

    def _settled(self, link: Link, key: str) -> bool:
        """`link`, an exploration, goes to a page known to lead nowhere: not asked again."""
        return self.tier(link) == 0 and link.request is None and key in self.settled

    def _outranked(self, link: Link) -> bool:
        return any(self._tiers_in_flight[self.tier(link) + 1 :])

    def _page_room(self, link: Link, capacity: int) -> int:
        if link.document_hint or not self.best_first:
            return capacity
        return min(capacity, max(1, (self.pages - self.issued) // 2))

    def take(self, capacity: int) -> list[Link]:
        """The best waiting links, while fewer than `capacity` are in flight and budget lasts.

        A link is not taken while a request of a higher tier is in flight. When the budget
        runs low, pages go out fewer at a time, keeping requests for the documents they link.
        """
        taken: list[Link] = []
        while self._heap and self.in_flight < capacity and self.issued < self.pages:
            _, _, key, best = self._heap[0]
            if self._waiting.get(key) is not best:  # replaced by a better link since
                heapq.heappop(self._heap)
                continue
            if self._outranked(best) or self.in_flight >= self._page_room(best, capacity):
                break
            heapq.heappop(self._heap)
            del self._waiting[key]
            if self._explores(best):
                if self._unexplored(best):
                    self._dropped.add(key)  # a headline, or exploration is over: dropped
                    continue
                self.explored += 1
                if self._settled(best, key):
                    self.deferred += 1
                    self._dropped.add(key)  # back if it turns up looking promising
                    continue
            taken.append(best)
            self.issued += 1
            self._fly(best)
        if self._main_done():
            while self._late and self.in_flight < capacity:
                late = self._late.pop(0)
                taken.append(late)
                self._late_in_flight += 1
                self._fly(late)
        return taken

    def _fly(self, link: Link) -> None:
        self.in_flight += 1
        self._tiers_in_flight[self.tier(link)] += 1

    def _main_done(self) -> bool:
        """Nothing but late tries is left: no link waits within the budget, none is in flight."""
        budget_left = self.issued < self.pages and bool(self._waiting)
        return not budget_left and self.in_flight == self._late_in_flight

    def is_candidate(self, link: Link) -> bool:
        """A link worth a second try: a document, a list's next page, or a link that looks
        relevant (a promising one, or one like "Văn bản" whose list may hold the documents);
        not an irrelevant one the crawl only explores ("Tin tức", "Liên hệ")."""
        return link.document_hint or link.pagination > 0 or link.score >= self.relevant_score

    def retry_later(self, link: Link) -> bool:
        """Hand back `link`, whose request (taken and settled) failed transiently; it comes
        out once more near the end of the crawl, if it is a candidate not tried twice yet.
        An agency's start link always qualifies (its retry is the caller's to time)."""
        if link.late or not (link.start or self.is_candidate(link)):
            return False
        self._late.append(replace(link, late=True))
        return True

    def settle(self, link: Link) -> None:
        """The request for `link`, taken earlier, has its outcome."""
        if self.in_flight <= 0:
            raise RuntimeError("settle() without a request in flight")
        self.in_flight -= 1
        self._tiers_in_flight[self.tier(link)] -= 1
        if link.late:
            self._late_in_flight -= 1

    def forget_in_flight(self) -> int:
        """Reset the in-flight counts (nothing is in progress); how many were lost."""
        lost, self.in_flight, self._tiers_in_flight = self.in_flight, 0, [0, 0, 0]
        self._late_in_flight = 0
        return lost

    @property
    def exhausted(self) -> bool:
        """Nothing in flight and nothing more will be requested, not even a late try."""
        return self._main_done() and self.in_flight == 0 and not self._late
