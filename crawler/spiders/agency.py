"""The spider that audits many agencies in one run, each within its own website and budget.

Each agency has its own scope and frontier (`AgencyCrawl`). Requests are released from an
agency's frontier only while it has room in flight, so its budget goes to the best links
known. Every request outcome is reported as a `FetchResult`; when an agency's frontier is
exhausted its `SiteOutcome` is reported, exactly once, after all of its `FetchResult`s.

Agencies are opened as `crawler.opening` allows (a limit on those open at once, and the
caller's `CrawlControl.admit`, polled). A candidate link that failed transiently is tried
once more near the end of its agency's crawl, with twice the timeout and no immediate
retries; what fails again is a coverage gap of the outcome. An agency whose start page did
not answer at all is parked until the rest of the run is over, then its start page is tried
once more the same way. `CrawlControl.stop()` stops the crawl at once: what is in flight is
abandoned (`crawler.stopping`), and agencies not finished get no outcome.

A response is read according to its link: a page for its anchors, inline scripts and
same-site script files, and what the adapter of its platform (`crawler.platforms`) reads
there (listing data, next pages that only a POST gets, the platform's search); a sitemap
for its URLs; a script file for the JSON endpoints it requests; an endpoint for the URLs
its JSON holds (and, for a page method paged by a JSON field, its next page). A document
the previous crawl fetched is requested conditionally (If-None-Match / If-Modified-Since).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from scrapy.robotstxt import ProtegoRobotParser, RobotParser
from scrapy.utils.asyncio import AsyncioLoopingCall, create_looping_call
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.response import get_base_url
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from crawler.anchors import Anchor, absolute_url, page_anchors
from crawler.candidates import (
    endpoint_link,
    listing_link,
    page_link,
    script_link,
    search_link,
    sitemap_entry_link,
    sitemap_link,
    start_link,
)
from crawler.control import POLL_SECONDS, CrawlControl
from crawler.endpoints import (
    endpoint_anchors,
    inline_scripts,
    page_script_sources,
    script_endpoints,
)
from crawler.failures import NO_ANSWER, is_transient
from crawler.frontier import AgencyFrontier, Link, url_key
from crawler.links import score_link
from crawler.model import (
    AgencyTarget,
    CoverageGap,
    CrawlBudget,
    CrawlStrategy,
    FetchResult,
    Validators,
)
from crawler.opening import AgencyOpening
from crawler.platforms import PageListing, PlatformAdapter, detect
from crawler.report import CrawlReport
from crawler.results import (
    coverage_gap,
    result_from_failure,
    result_from_response,
    site_outcome,
    unrequested_result,
)
from crawler.scope import AgencyScope, SiteArea, normalise_start_url, platform_area
from crawler.search import SEARCH_QUERIES, page_search_forms, search_request, search_url
from crawler.sitemaps import read_sitemap
from crawler.stopping import crawl_stopping

__all__ = ["AgencyCrawl", "AgencySpider"]

logger = logging.getLogger(__name__)

MAX_SITEMAPS = 3  # sitemaps read from one robots.txt
MAX_AREAS = 4  # the site, and the pages on shared platforms or new domains it adds


@dataclass
class AgencyCrawl:
    """The state of one agency's crawl.

    retrying: the first failure of each link handed back for a late try, by URL, until
    that try has its result. parked: the start page did not answer; waiting for the end
    of the run. retried: the start page was tried again at the end of the run.
    """

    code: str
    start_url: str
    scope: AgencyScope
    frontier: AgencyFrontier
    start: FetchResult | None = None
    known: Mapping[str, Validators] = field(default_factory=dict)
    pages: int = 0
    documents: int = 0
    retrying: dict[str, FetchResult] = field(default_factory=dict)
    gaps: list[CoverageGap] = field(default_factory=list)
    parked: bool = False
    retried: bool = False
    closed: bool = False


def _forget(state: AgencyCrawl) -> None:
    """Let go of what a closed agency's crawl held (its start page's bytes, its frontier's
    links and seen URLs): a run of thousands of agencies keeps only a small record of each."""
    if state.start is not None:
        state.start = replace(state.start, body=None)
    state.frontier = AgencyFrontier(pages=0, depth=0)
    state.known = {}
    state.retrying = {}
    state.gaps = []


class AgencySpider(Spider):
    """Crawls every target's website; results go to a `CrawlReport`."""

    name = "agency"

    def __init__(
        self,
        *,
        targets: Sequence[AgencyTarget],
        budget: CrawlBudget,
        capacity: int,
        report: CrawlReport,
        strategy: CrawlStrategy = CrawlStrategy.BEST_FIRST,
        control: CrawlControl | None = None,
        max_open: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.targets = {target.code: target for target in targets}
        self.budget = budget
        self.best_first = strategy is CrawlStrategy.BEST_FIRST
        # Hosts of the agencies' own websites: never a shared platform of another agency's pages.
        self.agency_hosts = {SiteArea.of(normalise_start_url(t.website)).host for t in targets}
        self.capacity = max(1, capacity)
        self.report = report
        self.control = control if control is not None else CrawlControl()
        self.opening = AgencyOpening.of(self.targets, max_open=max_open)
        self.agencies: dict[str, AgencyCrawl] = {}
        self.stopping = False  # a stop was requested: nothing more is reported
        self._poll: AsyncioLoopingCall | LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        self._poll = create_looping_call(self._poll_control)
        self._poll.start(POLL_SECONDS, now=False)
        while (code := self._next_to_open()) is not None:
            for request in self._open(code):
                yield request

    # -- opening, stopping -----------------------------------------------------------------

    def _poll_control(self) -> None:
        """The caller's control, read in the reactor: stop, or open what `admit` now allows."""
        if self.stopping:
            return
        if self.control.stop_requested:
            self._stop()
            return
        for request in self._open_more():
            self.crawler.engine.crawl(request)

    def _stop(self) -> None:
        """Stop now: abandon what is in flight; agencies not finished get no outcome."""
        if self.stopping:
            return
        self.stopping = True
        self.crawler.signals.send_catch_log(signal=crawl_stopping)
        stopped = deferred_from_coro(self.crawler.stop_async())
        stopped.addErrback(lambda failure: logger.error("stopping the crawl failed: %s", failure))

    def _admitted(self) -> bool:
        admit = self.control.admit
        if admit is None:
            return True
        try:
            return bool(admit())
        except Exception as exc:  # the caller's bug: kept for run_crawl, and the crawl stops
            self.report.callback_failed(admit, exc)
            self._stop()
            return False

    def _next_to_open(self) -> str | None:
        return None if self.stopping else self.opening.next(self._admitted)

    def _open_more(self) -> list[Request]:
        """The first requests of every agency that may be opened now."""
        requests: list[Request] = []
        while (code := self._next_to_open()) is not None:
            requests.extend(self._open(code))
        return requests

    def _open(self, code: str) -> list[Request]:
        parked = self.agencies.get(code)
        if parked is not None:
            return self._retry_start(parked)
        target = self.targets[code]
        start_url = normalise_start_url(target.website)
        frontier = AgencyFrontier(
            pages=self.budget.pages,
            depth=self.budget.depth,
            best_first=self.best_first,
            explore=self.budget.explore,
            settled=frozenset(map(url_key, target.settled)),
        )
        scope = AgencyScope.of(start_url)
        state = AgencyCrawl(target.code, start_url, scope, frontier, known=target.known)
        self.agencies[target.code] = state
        if not state.scope.areas[0].host or self.budget.pages < 1:
            detail = "no page budget" if state.scope.areas[0].host else "invalid website URL"
            self._unrequested(state, start_link(start_url), detail)
            self._close(state)
            return []
        frontier.offer(start_link(start_url))
        return self._release(state)

    def _retry_start(self, state: AgencyCrawl) -> list[Request]:
        """The end of the run: the start page that did not answer is tried once more."""
        state.parked = False
        state.retried = True
        state.frontier.retry_later(start_link(state.start_url))
        return self._release(state)

    def _release(self, state: AgencyCrawl) -> list[Request]:
        requests = [self._request(state, link) for link in state.frontier.take(self.capacity)]
        if state.frontier.exhausted:
            self._finish(state)
        return [request for request in requests if request is not None]

    def _finish(self, state: AgencyCrawl) -> None:
        """The frontier is exhausted: close the agency, or park it if its site never answered."""
        start = state.start
        if not state.retried and start is not None and start.failure in NO_ANSWER:
            state.parked = True
            self.opening.park(state.code)
            return
        self._close(state)

    def _request(self, state: AgencyCrawl, link: Link) -> Request | None:
        meta: dict[str, Any] = {"agency": state.code, "link": link, "cookiejar": state.code}
        if link.late:  # one more try, as patient as two: no immediate retries
            meta.update(
                late=True,
                dont_retry=True,
                download_timeout=self.budget.late_timeout,
            )
        try:
            headers = self._conditional_headers(state, link)
            method, body = "GET", b""
            if link.request is not None:
                method, body = link.request.method, link.request.body
                if link.request.content_type:
                    headers["Content-Type"] = link.request.content_type
            return Request(
                link.url,
                method=method,
                body=body,
                callback=self.on_response,
                errback=self.on_failure,
                priority=link.priority,
                headers=headers,
                dont_filter=True,  # the frontier deduplicates, per agency
                meta=meta,
            )
        except ValueError as exc:  # a malformed URL on a page: recorded, not requested
            state.frontier.settle(link)
            self._unrequested(state, link, str(exc))
            return None

    def _unrequested(self, state: AgencyCrawl, link: Link, detail: str) -> None:
        result = unrequested_result(state.code, link.url, detail, start=link.start)
        self._record(state, link, result)

    @staticmethod
    def _conditional_headers(state: AgencyCrawl, link: Link) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a document the previous crawl fetched."""
        known = state.known.get(link.url)
        if known is None or not link.document_hint:
            return {}
        headers = {"If-None-Match": known.etag} if known.etag else {}
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    def on_response(self, response: Response) -> list[Request]:
        settled = self._settle(response.request)
        if settled is None:
            return []
        state, link = settled
        state.frontier.mark_seen(response.url)
        result = result_from_response(state.code, link, response, state.known.get(link.url))
        self._record(state, link, result)
        if link.start and result.failure is None:
            self._extend_scope(state, response.url)
        if result.body is not None and not result.is_document and self._may_follow(state, link):
            self._read(state, link, response)
        return self._release(state) + self._open_more()

    def _read(self, state: AgencyCrawl, link: Link, response: Response) -> None:
        if link.sitemap:
            self._follow_sitemap(state, link, response)
        elif link.script:
            text = response.body.decode("utf-8", "replace")
            base = link.referer or response.url  # a script's URLs are relative to its page
            for url in script_endpoints(text, base):
                self._offer(state, endpoint_link(state.scope, link, url, response.url))
        elif link.endpoint:
            self._follow_endpoint(state, link, response)
        else:
            self._follow(state, link, response)

    def _offer(self, state: AgencyCrawl, link: Link | None) -> None:
        if link is not None:
            state.frontier.offer(link)

    def on_failure(self, failure: Failure) -> list[Request]:
        settled = self._settle(failure.request)  # type: ignore[attr-defined]
        if settled is None:
            return []
        state, link = settled
        self._record(state, link, result_from_failure(state.code, link, failure))
        return self._release(state) + self._open_more()

    def _settle(self, request: Request | None) -> tuple[AgencyCrawl, Link] | None:
        """The agency and link a request's outcome belongs to, now settled in its frontier;
        None once the crawl is stopping (its agency is unfinished: nothing is reported)."""
        if self.stopping or request is None:
            return None
        state = self.agencies[request.meta["agency"]]
        link: Link = request.meta["link"]
        if state.closed:  # a bug: its outcome is out; reporting this would break the order
            logger.warning("%s: result after the outcome, dropped: %s", state.code, link.url)
            return None
        state.frontier.settle(link)
        return state, link

    def _record(self, state: AgencyCrawl, link: Link, result: FetchResult) -> None:
        if result.start:
            state.start = result
        if result.failure is not None:
            self.crawler.stats.inc_value(f"qmsaudit/failure_count/{result.failure.value}")
        elif result.is_document:
            state.documents += 1
        else:
            state.pages += 1
        self.report.fetch(result)
        self._retry_or_gap(state, link, result)

    def _retry_or_gap(self, state: AgencyCrawl, link: Link, result: FetchResult) -> None:
        """A candidate that failed transiently is handed back for a late try; a late try
        that failed (again) is a coverage gap. A start page is the spider's to retry."""
        if link.start:
            return
        if link.late:
            state.retrying.pop(link.url, None)
            if result.failure is not None:
                state.gaps.append(coverage_gap(result))
        elif is_transient(result.failure, result.status) and state.frontier.retry_later(link):
            state.retrying[link.url] = result

    def _extend_scope(self, state: AgencyCrawl, final_url: str) -> None:
        if all(area.host != SiteArea.of(final_url).host for area in state.scope.areas):
            state.scope.extend_to(final_url)

    def _may_follow(self, state: AgencyCrawl, link: Link) -> bool:
        return link.follow and link.depth < self.budget.depth

    def _follow(self, state: AgencyCrawl, parent: Link, response: Response) -> None:
        if not isinstance(response, TextResponse) or not state.scope.contains(response.url):
            return
        if b"<" not in response.body[:2048]:
            return
        if len(response.body) > self.budget.max_page_bytes:  # HTML that did not say it was
            return
        base_url = get_base_url(response)
        anchors = page_anchors(response.selector, base_url, max_links=self.budget.links_per_page)
        for anchor in anchors:
            link = page_link(state.scope, parent, anchor, response.url)
            if link is None and self._reaches_platform(state, anchor):
                link = page_link(state.scope, parent, anchor, response.url)
            self._offer(state, link)
        for script in inline_scripts(response.selector):
            for url in script_endpoints(script, base_url):
                self._offer(state, endpoint_link(state.scope, parent, url, response.url))
        for url in page_script_sources(response.selector, base_url):
            self._offer(state, script_link(parent, url, response.url))
        adapter = detect(response.selector, response.url)
        listing = adapter.listing(response.selector, base_url)
        self._read_listing(state, parent, response.url, base_url, listing)
        if self.best_first:  # a plain crawl follows links; it does not fill in forms
            self._ask_search(state, parent, response, base_url, adapter)

    def _read_listing(
        self, state: AgencyCrawl, parent: Link, page_url: str, base_url: str, listing: PageListing
    ) -> None:
        """The entries and next pages the platform's adapter read on a page."""
        for listed in listing.links:
            url = absolute_url(base_url, listed.href)
            if url is not None:
                anchor = Anchor(url=url, text=listed.text)
                self._offer(state, page_link(state.scope, parent, anchor, page_url))
        for request in listing.next_pages:
            self._offer(state, listing_link(state.scope, parent, request, page_url))

    def _ask_search(
        self,
        state: AgencyCrawl,
        parent: Link,
        response: TextResponse,
        base_url: str,
        adapter: PlatformAdapter,
    ) -> None:
        """Ask the site's search about the QMS (the frontier asks each URL once): its
        search forms, and the platform's own ways (a `data-url` button, a postback)."""
        for form in page_search_forms(response.selector, base_url):
            for query in SEARCH_QUERIES:
                url, request = search_url(form, query), search_request(form, query)
                link = search_link(state.scope, parent, url, query, response.url, request=request)
                self._offer(state, link)
        for request in adapter.searches(response.selector, base_url, SEARCH_QUERIES):
            link = search_link(
                state.scope, parent, request.url, request.text, response.url, request=request
            )
            self._offer(state, link)

    def _reaches_platform(self, state: AgencyCrawl, anchor: Anchor) -> bool:
        """A promising link to the agency's page on a shared platform: its area joins the scope."""
        if len(state.scope.areas) >= MAX_AREAS:
            return False
        if score_link(anchor.url, anchor.text) < state.frontier.promising_score:
            return False
        if SiteArea.of(anchor.url).host in self.agency_hosts:
            return False
        area = platform_area(state.scope, anchor.url)
        if area is not None:
            state.scope.add(area)
        return area is not None

    def _follow_endpoint(self, state: AgencyCrawl, parent: Link, response: Response) -> None:
        if response.body.lstrip()[:1] not in (b"{", b"["):  # an HTML fragment, say
            self._follow(state, parent, response)
            return
        anchors, next_pages = endpoint_anchors(response.body, response.url)
        for anchor in anchors:
            self._offer(state, page_link(state.scope, parent, anchor, response.url))
        for url in next_pages:
            link = endpoint_link(state.scope, parent, url, response.url, next_page=True)
            self._offer(state, link)
        following = parent.request.next_page() if parent.request is not None else None
        if anchors and following is not None:  # a page method's next page, while it lists
            referer = parent.referer or response.url
            self._offer(state, listing_link(state.scope, parent, following, referer))

    def on_robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Queue the sitemaps a site's robots.txt declares, for the agency that asked."""
        state = self.agencies.get(request.meta.get("agency", ""))
        if state is None or state.closed or self.stopping:
            return
        if not isinstance(robotparser, ProtegoRobotParser):
            return
        declared = [url for url in robotparser.rp.sitemaps if state.scope.contains(url)]
        for url in declared[:MAX_SITEMAPS]:
            state.frontier.offer(sitemap_link(url, referer=None))

    def _follow_sitemap(self, state: AgencyCrawl, parent: Link, response: Response) -> None:
        entries = read_sitemap(response.body)
        for url in entries.urls:
            if entries.nested:
                link = (
                    sitemap_link(url, referer=response.url) if state.scope.contains(url) else None
                )
            else:
                link = sitemap_entry_link(state.scope, parent, url, response.url)
            if link is not None:
                state.frontier.offer(link)

    def _close(self, state: AgencyCrawl, *, reason: str = "not crawled") -> None:
        if state.closed:
            return
        state.closed = True
        state.parked = False
        self.opening.close(state.code)
        if state.start is None:
            self._unrequested(state, start_link(state.start_url), reason)
        assert state.start is not None
        # Links still waiting for their late try (the crawl ended first) are gaps as well.
        gaps = [*state.gaps, *map(coverage_gap, state.retrying.values())]
        outcome = site_outcome(
            state.code,
            state.start,
            pages=state.pages,
            documents=state.documents,
            gaps=tuple(gaps),
            retried=state.retried,
            deferred=state.frontier.deferred,
        )
        self.report.site(outcome)
        _forget(state)

    def on_idle(self) -> None:
        """Nothing is in progress: release what is left, open more agencies, or let it close."""
        if self.stopping:
            return
        pending: list[Request] = []
        for state in self._open_agencies():
            lost = state.frontier.forget_in_flight()
            if lost:  # a bug: some request ended without its callback or errback
                logger.warning("%s: %d requests lost in flight", state.code, lost)
            pending.extend(self._release(state))
        pending.extend(self._open_more())
        if not pending:
            for state in self._open_agencies():  # a bug: it would keep the crawl up forever
                logger.warning("%s: nothing in flight, nothing to request: closed", state.code)
                self._close(state, reason="crawl stalled")
        for request in pending:
            self.crawler.engine.crawl(request)
        if pending or not self.opening.done:  # `admit` holds the rest back: polled
            raise DontCloseSpider("agencies are still open or waiting")

    def _open_agencies(self) -> list[AgencyCrawl]:
        return [s for s in self.agencies.values() if not (s.closed or s.parked)]

    def on_closed(self, reason: str) -> None:
        """Every target gets its outcome when the crawl ends by itself, even early; none
        that was not finished does when a stop was requested."""
        if self._poll is not None and self._poll.running:
            self._poll.stop()
        if self.stopping:
            return
        for code, target in self.targets.items():
            state = self.agencies.get(code)
            if state is None:
                state = AgencyCrawl(
                    code,
                    normalise_start_url(target.website),
                    AgencyScope.of(target.website),
                    AgencyFrontier(pages=0, depth=0),
                )
                self.agencies[code] = state
            self._close(state, reason=f"crawl stopped ({reason})")
