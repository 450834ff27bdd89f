"""The crawler: a Scrapy project auditing many agencies' websites in one process.

`run_crawl(targets, options, on_fetch=..., on_site=..., control=...)` is the whole public
surface; the values going in and out are in `crawler.model`, and `CrawlControl` stops and
paces a running crawl from another thread or a signal handler. Scrapy is imported only when
a crawl runs, so that `crawler.model` stays cheap to import for the rest of qmsaudit.

The crawl is focused (`CrawlStrategy.BEST_FIRST`): links are scored and the promising ones
followed first, the others only explored a little (`CrawlBudget.explore`); breadth-first is
there as the benchmark's baseline. Recrawls are incremental: give each target the
`Validators` of the documents fetched before (`AgencyTarget.known`), and a document that did
not change comes back as a 304 with `FetchResult.unchanged_sha256`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crawler.control import CrawlControl
from crawler.model import (
    AgencyTarget,
    CoverageGap,
    CrawlBudget,
    CrawlOptions,
    CrawlStrategy,
    FailureKind,
    FetchResult,
    SiteOutcome,
    Validators,
)
from crawler.report import CrawlStats

__all__ = [
    "AgencyTarget",
    "CoverageGap",
    "CrawlBudget",
    "CrawlControl",
    "CrawlOptions",
    "CrawlStats",
    "CrawlStrategy",
    "FailureKind",
    "FetchResult",
    "SiteOutcome",
    "Validators",
    "run_crawl",
]


def run_crawl(
    targets: Sequence[AgencyTarget],
    options: CrawlOptions,
    *,
    on_fetch: Callable[[FetchResult], None],
    on_site: Callable[[SiteOutcome], None],
    control: CrawlControl | None = None,
) -> CrawlStats:
    """Crawl every target's website and block until done; see `crawler.run.run_crawl`."""
    from crawler.run import run_crawl as run  # Scrapy and Twisted load here, not on import

    return run(targets, options, on_fetch=on_fetch, on_site=on_site, control=control)
