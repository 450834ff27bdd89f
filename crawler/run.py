"""`run_crawl`: crawl many agencies in one blocking Scrapy run, reporting through callbacks."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence

from scrapy.crawler import CrawlerProcess

from crawler.control import CrawlControl
from crawler.model import AgencyTarget, CrawlOptions, FetchResult, SiteOutcome
from crawler.report import CrawlReport, CrawlStats
from crawler.settings import scrapy_settings
from crawler.spiders.agency import AgencySpider

__all__ = ["run_crawl"]


def _quiet_recorded_failures(log_level: str) -> None:
    """Keep Scrapy from logging, unless debugging, failures that are recorded as data.

    It logs a traceback when a site's robots.txt cannot be downloaded (expected on a dead
    site; the page request's own failure is recorded) and a WARNING for each response over
    the size limit, as sent or once decompressed (recorded as too_large).
    """
    if log_level.upper() != "DEBUG":
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
        for name in ("core.downloader.handlers.http11", "downloadermiddlewares.httpcompression"):
            logging.getLogger(f"scrapy.{name}").setLevel(logging.ERROR)


def run_crawl(
    targets: Sequence[AgencyTarget],
    options: CrawlOptions,
    *,
    on_fetch: Callable[[FetchResult], None],
    on_site: Callable[[SiteOutcome], None],
    control: CrawlControl | None = None,
) -> CrawlStats:
    """Crawl every target's website; block until done, or until `control.stop()`.

    `on_fetch` receives each request's outcome (page, document or failure) and `on_site`
    each agency's `SiteOutcome` once its crawl is over; both run in the reactor thread.
    An agency's `FetchResult`s all come before its `SiteOutcome`, and each agency gets one
    `SiteOutcome`, exactly once, except those not finished when `control.stop()` was
    called: they get none (`CrawlStats.finished` lists the agencies that did). `control`
    also paces the opening of agencies (`CrawlControl.admit`; `options.max_open_agencies`).

    No signal handler is installed: SIGINT and SIGTERM are the caller's (call
    `control.stop()` from its handler). The Twisted reactor cannot restart, so call this
    once per process. An exception raised by a callback, or by `admit`, is raised again
    here, after the crawl. Agency codes must be unique.
    """
    duplicates = [code for code, n in Counter(t.code for t in targets).items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate agency codes: {', '.join(sorted(duplicates))}")
    control = control if control is not None else CrawlControl()
    report = CrawlReport(on_fetch=on_fetch, on_site=on_site)
    http_requests, stopped = 0, bool(targets) and control.stop_requested
    if targets and not stopped:
        process = CrawlerProcess(scrapy_settings(options))
        _quiet_recorded_failures(options.log_level)
        crawler = process.create_crawler(AgencySpider)
        process.crawl(
            crawler,
            targets=list(targets),
            budget=options.budget,
            capacity=2 * options.per_site_concurrency,
            report=report,
            strategy=options.strategy,
            control=control,
            max_open=options.max_open_agencies,
        )
        process.start(install_signal_handlers=False)
        assert crawler.stats is not None and isinstance(crawler.spider, AgencySpider)
        http_requests = int(crawler.stats.get_value("downloader/request_count", 0))
        stopped = crawler.spider.stopping and len(report.finished) < len(targets)
    report.raise_callback_error()
    return report.stats(http_requests=http_requests, stopped=stopped)
