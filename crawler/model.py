"""Plain values passed into and out of the crawler: targets, options, fetch results.

The crawler knows nothing of the store: whoever runs it receives `FetchResult`s and
`SiteOutcome`s through callbacks and decides what to keep.
"""

from __future__ import annotations

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

    pages: at most this many requests (pages and documents) per agency.
    depth: links followed at most this many hops from the start URL.
    max_bytes: a response larger than this is abandoned (recorded as too_large).
    timeout: seconds for one download.
    """

    pages: int = 60
    depth: int = 5
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 15.0


@dataclass(frozen=True, kw_only=True)
class AgencyTarget:
    """One agency to crawl: its code and website (a host, or a path prefix on a shared portal)."""

    code: str
    website: str


@dataclass(frozen=True, kw_only=True)
class CrawlOptions:
    budget: CrawlBudget = field(default_factory=CrawlBudget)
    allow_private: bool = False
    user_agent: str = "qmsaudit/0.1 (+https://github.com/qmsaudit/qmsaudit)"
    concurrency: int = 32
    per_site_concurrency: int = 4
    download_delay: float = 0.0
    retries: int = 2
    obey_robots: bool = True
    log_level: str = "WARNING"


@dataclass(frozen=True, kw_only=True)
class FetchResult:
    """One request's outcome for one agency: a response (any status) or a failure."""

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


@dataclass(frozen=True, kw_only=True)
class SiteOutcome:
    """How one agency's site answered, reported once its crawl is over."""

    agency_code: str
    reachable: bool  # the start page answered 2xx
    robots_forbidden: bool
    failure: FailureKind | None  # why the start page failed, when it did
    failure_detail: str | None
    pages: int
    documents: int
