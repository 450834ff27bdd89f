"""Plain values passed into and out of the crawler: targets, options, fetch results.

The crawler knows nothing of the store: whoever runs it receives `FetchResult`s and
`SiteOutcome`s through callbacks and decides what to keep.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class FailureKind(StrEnum):
    """Why a fetch produced no usable response. Stable values: they are stored."""

    DNS = "dns"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    TLS = "tls"
    HTTP = "http"  # a 4xx/5xx answer
    ROBOTS = "robots"  # forbidden by robots.txt
    PRIVATE = "private"  # a private/loopback address, not allowed
    TOO_LARGE = "too_large"
    REDIRECT_LOOP = "redirect_loop"
    CONNECTION = "connection"  # reset, dropped, partial response
    OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class CrawlBudget:
    """Per-agency limits.

    pages: at most this many requests (pages and documents) per agency; retries do not
        count (Scrapy's immediate ones, and the one late try of a link that failed
        transiently, see `SiteOutcome.gaps`).
    depth: links followed at most this many hops from the start URL.
    max_bytes: a response larger than this is abandoned (recorded as too_large).
    max_page_bytes: the same for an answer whose Content-Type is HTML: a page that large
        is a dump, and parsing it would hold up every other site's downloads.
    timeout: seconds for one download; a late try (see `SiteOutcome`) waits twice as long.
    explore: at most this many requests per agency for links that look irrelevant (best-first
        only; a menu's "Giới thiệu" may lead to the QMS pages); then only relevant links.
    links_per_page: at most this many links of one page are read, in document order; those
        past it are not seen (a link farm of tens of thousands costs bounded work).
    """

    pages: int = 60
    depth: int = 5
    max_bytes: int = 20 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024
    timeout: float = 15.0
    explore: int = 8
    links_per_page: int = 5000

    @property
    def late_timeout(self) -> float:
        """Seconds a late try waits: as patient as two tries, since it gets no retries."""
        return 2 * self.timeout


class CrawlStrategy(StrEnum):
    """The order in which an agency's links are followed."""

    BEST_FIRST = "best_first"  # the most promising links first (the focused crawler)
    BREADTH_FIRST = "breadth_first"  # discovery order, hop by hop (the benchmark's baseline)


@dataclass(frozen=True, kw_only=True)
class Validators:
    """What an earlier crawl learnt of one document URL, for an incremental recrawl.

    etag / last_modified: the response headers, sent back as If-None-Match /
    If-Modified-Since. sha256: the hex digest of the bytes stored then; a 304 answer, or
    the same bytes again, is reported with `FetchResult.unchanged_sha256` set to it.
    """

    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, kw_only=True)
class AgencyTarget:
    """One agency to crawl: its code and website (a host, or a path prefix on a shared portal).

    known: validators of the documents the previous crawl fetched for this agency, by URL
    (the URL requested, `FetchResult.url`).
    settled: pages that earlier crawls found to lead nowhere (no QMS document on them or
    below them) and fetched recently enough that they need not be asked again yet: an
    exploration link to one (an irrelevant-looking link, such as "Liên hệ") is not
    requested, and counts against `CrawlBudget.explore` as if it had been. Which pages and
    for how long is the caller's revisit policy; links that look relevant, lists, documents
    and the start page are always requested.
    """

    code: str
    website: str
    known: Mapping[str, Validators] = field(default_factory=dict, hash=False)
    settled: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class CrawlOptions:
    """How a crawl runs: per-agency budget, politeness, and the order links are followed in.

    max_open_agencies: at most this many agencies are crawled at a time, the next opened
    when one finishes (0: all at once). An agency whose site did not answer, waiting for
    its retry at the end of the run, does not count.
    host_slots_url: a Redis URL on which every crawl process of a run shares each host's
    `per_site_concurrency` slots (distributed mode, `crawler.host_slots`); None: each
    process keeps its own.
    """

    budget: CrawlBudget = field(default_factory=CrawlBudget)
    allow_private: bool = False
    user_agent: str = "qmsaudit/0.1 (+https://github.com/qmsaudit/qmsaudit)"
    concurrency: int = 32
    per_site_concurrency: int = 4
    download_delay: float = 0.0
    retries: int = 2
    obey_robots: bool = True
    log_level: str = "WARNING"
    strategy: CrawlStrategy = CrawlStrategy.BEST_FIRST
    max_open_agencies: int = 0
    host_slots_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class FetchResult:
    """One request's outcome for one agency: a response (any status) or a failure.

    start: the request was for the agency's start URL. retry: it was the late try of a URL
    whose first request failed (reported then, with `retry` False), near the end of the
    agency's crawl, or, for a start URL, at the end of the run.
    """

    agency_code: str
    url: str
    final_url: str | None
    status: int | None
    failure: FailureKind | None
    failure_detail: str | None
    content_type: str | None
    filename: str | None  # from Content-Disposition, when given
    body: bytes | None  # None on failure; kept for pages and documents
    is_document: bool  # a downloadable file rather than an HTML page
    depth: int
    referer: str | None
    link_text: str | None  # anchor text (and nearby title) of the link that led here
    fetched_at: datetime
    etag: str | None = None  # the ETag response header
    last_modified: str | None = None  # the Last-Modified response header
    # The sha256 of `AgencyTarget.known[url]` when the bytes are known not to have changed:
    # a 304 answer (then `body` is None) or the same bytes again (then `body` is kept).
    unchanged_sha256: str | None = None
    start: bool = False
    retry: bool = False


@dataclass(frozen=True, kw_only=True)
class CoverageGap:
    """A candidate link that stayed out of reach: a document, a list's next page or a link
    that looked relevant, whose request failed transiently (timeout, dropped connection,
    5xx), and failed again when it was tried once more near the end of its agency's crawl.

    failure / detail: how the last try failed.
    """

    url: str
    link_text: str | None
    failure: FailureKind
    detail: str | None


@dataclass(frozen=True, kw_only=True)
class SiteOutcome:
    """How one agency's site answered, reported once its crawl is over, after every one of
    its `FetchResult`s.

    gaps: the candidate links that stayed out of reach, each tried twice (once, if the crawl
    ended by itself before the second try): never dropped silently, since what the audit
    did not see it must not count as unpublished without a word.
    retried: the start page did not answer at all (dns, refused, timeout, connection) and
    was tried once more at the end of the run; `reachable` and `failure` tell how that went.
    """

    agency_code: str
    reachable: bool  # the start page answered 2xx
    robots_forbidden: bool
    failure: FailureKind | None  # why the start page failed, when it did
    failure_detail: str | None
    pages: int
    documents: int
    gaps: tuple[CoverageGap, ...] = ()
    retried: bool = False
    deferred: int = 0  # exploration links not requested: pages settled (`AgencyTarget.settled`)
