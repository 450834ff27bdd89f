"""The spider that audits many agencies in one run, each within its own website and budget.

Each agency has its own scope and frontier (`AgencyCrawl`). Requests are released from an
agency's frontier only while it has room in flight, so its budget goes to the best links
known. Every request outcome is reported as a `FetchResult`; when an agency's frontier is
exhausted its `SiteOutcome` is reported, exactly once, whatever happened.

A response is read according to its link: a page for its anchors, inline scripts and
same-site script files; a sitemap for its URLs; a script file for the JSON endpoints it
requests; an endpoint for the URLs its JSON holds. A document the previous crawl fetched
is requested conditionally (If-None-Match / If-Modified-Since).
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
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure

from crawler.anchors import Anchor, page_anchors
from crawler.candidates import (
    endpoint_link,
    page_link,
    script_link,
    search_link,
    sitemap_entry_link,
    sitemap_link,
    start_link,
)
from crawler.endpoints import (
    endpoint_anchors,
    inline_scripts,
    page_script_sources,
    script_endpoints,
)
from crawler.frontier import AgencyFrontier, Link
from crawler.links import score_link
from crawler.model import AgencyTarget, CrawlBudget, CrawlStrategy, FetchResult, Validators
from crawler.report import CrawlReport
from crawler.results import (
    result_from_failure,
    result_from_response,
    site_outcome,
    unrequested_result,
)
from crawler.scope import AgencyScope, SiteArea, normalise_start_url, platform_area
from crawler.search import SEARCH_QUERIES, page_search_forms, search_url
from crawler.sitemaps import read_sitemap

__all__ = ["AgencyCrawl", "AgencySpider"]

logger = logging.getLogger(__name__)

MAX_SITEMAPS = 3  # sitemaps read from one robots.txt
MAX_AREAS = 4  # the site, and the pages on shared platforms or new domains it adds


@dataclass
class AgencyCrawl:
    """The state of one agency's crawl."""

    code: str
    start_url: str
    scope: AgencyScope
    frontier: AgencyFrontier
    start: FetchResult | None = None
    known: Mapping[str, Validators] = field(default_factory=dict)
    pages: int = 0
    documents: int = 0
    closed: bool = False


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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.targets = list(targets)
        self.budget = budget
        self.best_first = strategy is CrawlStrategy.BEST_FIRST
        # Hosts of the agencies' own websites: never a shared platform of another agency's pages.
        self.agency_hosts = {SiteArea.of(normalise_start_url(t.website)).host for t in targets}
        self.capacity = max(1, capacity)
        self.report = report
        self.agencies: dict[str, AgencyCrawl] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for target in self.targets:
            for request in self._open(target):
                yield request

    def _open(self, target: AgencyTarget) -> list[Request]:
        start_url = normalise_start_url(target.website)
        frontier = AgencyFrontier(
            pages=self.budget.pages,
            depth=self.budget.depth,
            best_first=self.best_first,
            explore=self.budget.explore,
        )
        scope = AgencyScope.of(start_url)
        state = AgencyCrawl(target.code, start_url, scope, frontier, known=target.known)
        self.agencies[target.code] = state
        if not state.scope.areas[0].host or self.budget.pages < 1:
            detail = "no page budget" if state.scope.areas[0].host else "invalid website URL"
            self._record(state, unrequested_result(target.code, start_url, detail), start=True)
            self._close(state)
            return []
        frontier.offer(start_link(start_url))
        return self._release(state)

    def _release(self, state: AgencyCrawl) -> list[Request]:
        requests = [self._request(state, link) for link in state.frontier.take(self.capacity)]
        if state.frontier.exhausted:
            self._close(state)
        return [request for request in requests if request is not None]

    def _request(self, state: AgencyCrawl, link: Link) -> Request | None:
        try:
            return Request(
                link.url,
                callback=self.on_response,
                errback=self.on_failure,
                priority=link.priority,
                headers=self._conditional_headers(state, link),
                dont_filter=True,  # the frontier deduplicates, per agency
                meta={"agency": state.code, "link": link, "cookiejar": state.code},
            )
        except ValueError as exc:  # a malformed URL on a page: recorded, not requested
            state.frontier.settle(link)
            result = unrequested_result(state.code, link.url, str(exc))
            self._record(state, result, start=link.start)
            return None

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
        state = self.agencies[response.meta["agency"]]
        link: Link = response.meta["link"]
        state.frontier.settle(link)
        state.frontier.mark_seen(response.url)
        result = result_from_response(state.code, link, response, state.known.get(link.url))
        self._record(state, result, start=link.start)
        if link.start and result.failure is None:
            self._extend_scope(state, response.url)
        if result.body is not None and not result.is_document and self._may_follow(state, link):
            self._read(state, link, response)
        return self._release(state)

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
        request: Request = failure.request  # type: ignore[attr-defined]
        state = self.agencies[request.meta["agency"]]
        link: Link = request.meta["link"]
        state.frontier.settle(link)
        self._record(state, result_from_failure(state.code, link, failure), start=link.start)
        return self._release(state)

    def _record(self, state: AgencyCrawl, result: FetchResult, *, start: bool) -> None:
        if start:
            result = replace(result, start=True)
            state.start = result
        if result.failure is not None:
            self.crawler.stats.inc_value(f"qmsaudit/failure_count/{result.failure.value}")
        elif result.is_document:
            state.documents += 1
        else:
            state.pages += 1
        self.report.fetch(result)

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
        base_url = get_base_url(response)
        for anchor in page_anchors(response.selector, base_url):
            link = page_link(state.scope, parent, anchor, response.url)
            if link is None and self._reaches_platform(state, anchor):
                link = page_link(state.scope, parent, anchor, response.url)
            self._offer(state, link)
        for script in inline_scripts(response.selector):
            for url in script_endpoints(script, base_url):
                self._offer(state, endpoint_link(state.scope, parent, url, response.url))
        for url in page_script_sources(response.selector, base_url):
            self._offer(state, script_link(parent, url, response.url))
        if self.best_first:  # a plain crawl follows links; it does not fill in forms
            self._ask_search(state, parent, response, base_url)

    def _ask_search(
        self, state: AgencyCrawl, parent: Link, response: TextResponse, base_url: str
    ) -> None:
        """Ask the site's search about the QMS (the frontier asks each URL once)."""
        for form in page_search_forms(response.selector, base_url):
            for query in SEARCH_QUERIES:
                url = search_url(form, query)
                self._offer(state, search_link(state.scope, parent, url, query, response.url))

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

    def on_robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Queue the sitemaps a site's robots.txt declares, for the agency that asked."""
        state = self.agencies.get(request.meta.get("agency", ""))
        if state is None or state.closed or not isinstance(robotparser, ProtegoRobotParser):
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
        if state.start is None:
            result = unrequested_result(state.code, state.start_url, reason)
            self._record(state, result, start=True)
        assert state.start is not None
        outcome = site_outcome(
            state.code, state.start, pages=state.pages, documents=state.documents
        )
        self.report.site(outcome)

    def on_idle(self) -> None:
        """Nothing is in progress: release what is left, or close the agencies still open."""
        pending: list[Request] = []
        for state in self.agencies.values():
            if state.closed:
                continue
            lost = state.frontier.forget_in_flight()
            if lost:  # a bug: some request ended without its callback or errback
                logger.warning("%s: %d requests lost in flight", state.code, lost)
            pending.extend(self._release(state))
        for request in pending:
            self.crawler.engine.crawl(request)
        if pending:
            raise DontCloseSpider("agency frontiers still hold links")

    def on_closed(self, reason: str) -> None:
        """Every target gets its outcome, even when the crawl stopped early."""
        for target in self.targets:
            state = self.agencies.get(target.code)
            if state is None:
                state = AgencyCrawl(
                    target.code,
                    normalise_start_url(target.website),
                    AgencyScope.of(target.website),
                    AgencyFrontier(pages=0, depth=0),
                )
                self.agencies[target.code] = state
            self._close(state, reason=f"crawl stopped ({reason})")
