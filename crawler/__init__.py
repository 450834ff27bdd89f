"""The crawler: a Scrapy project auditing many agencies' websites in one process.

`run_crawl(targets, options, on_fetch=..., on_site=...)` is the whole public surface; the
values going in and out are in `crawler.model`. Scrapy is imported only when a crawl runs,
so that `crawler.model` stays cheap to import for the rest of qmsaudit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crawler.model import (
    AgencyTarget,
    CrawlBudget,
    CrawlOptions,
    FailureKind,
    FetchResult,
    SiteOutcome,
)
from crawler.report import CrawlStats

__all__ = [
    "AgencyTarget",
    "CrawlBudget",
    "CrawlOptions",
    "CrawlStats",
    "FailureKind",
    "FetchResult",
    "SiteOutcome",
    "run_crawl",
]


def run_crawl(
    targets: Sequence[AgencyTarget],
    options: CrawlOptions,
    *,
    on_fetch: Callable[[FetchResult], None],
    on_site: Callable[[SiteOutcome], None],
) -> CrawlStats:
    """Crawl every target's website and block until done; see `crawler.run.run_crawl`."""
    from crawler.run import run_crawl as run  # Scrapy and Twisted load here, not on import

    return run(targets, options, on_fetch=on_fetch, on_site=on_site)
