"""Scrapy settings: the static project settings, and `scrapy_settings` deriving the rest.

The upper-case names are the project settings Scrapy reads (`scrapy.cfg` points here).
`scrapy_settings(options)` is the one place where `CrawlOptions` become Scrapy settings.
"""

from __future__ import annotations

import sys

from scrapy.settings import Settings

from crawler.failures import TRANSIENT_STATUSES
from crawler.model import CrawlOptions

__all__ = ["scrapy_settings"]

BOT_NAME = "qmsaudit"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

TELNETCONSOLE_ENABLED = False
# Scrapy's remote control: an HTTP server executing code sent to it, and a job file in the
# user's state directory, for every crawl. Not wanted in a library run by a server.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "WARNING"

# Spread requests over sites fairly: one queue per download slot (per host).
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
DEPTH_LIMIT = 0  # the spider keeps its own per-agency depth and budget

# `*.localhost` is loopback (RFC 6761); the sandbox serves virtual hosts under it.
TWISTED_DNS_RESOLVER = "crawler.resolver.LocalhostResolver"

DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "vi,en;q=0.8",
}

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.private_guard.PrivateAddressGuard": 40,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots_again.RobotsAgain": 100,  # Scrapy's, asking again when late
    "crawler.middlewares.silent_hosts.SilentHosts": 530,  # below the retries: sees the last
    "crawler.middlewares.retry_backoff.RetryBackoff": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.transient_retry.TransientRetry": 550,
    "crawler.middlewares.shared_slots.SharedSlots": 980,  # with QMSAUDIT_HOST_SLOTS_URL only
    "crawler.middlewares.stop_gate.StopGate": 990,  # the last before the downloader
}
# Scrapy's HTTP/1.1 handler, whose downloads a requested stop abandons (crawler.stopping).
DOWNLOAD_HANDLERS = {
    "http": "crawler.stopping.AbandoningDownloads",
    "https": "crawler.stopping.AbandoningDownloads",
}

# Every response reaches the spider: a 404 or a 500 is a result to record, not noise.
HTTPERROR_ALLOW_ALL = True
REDIRECT_MAX_TIMES = 10
DOWNLOAD_WARNSIZE = 0

# Retry transient failures only: timeouts, dropped connections, 5xx and 429 (see
# crawler.middlewares.transient_retry, which also leaves TLS failures alone).
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.TimeoutError",
    "twisted.internet.error.TCPTimedOutError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectionLost",
]
RETRY_HTTP_CODES = sorted(TRANSIENT_STATUSES)
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a dead site is a result, recorded as such, not an error
QMSAUDIT_RETRY_BACKOFF = 0.5
QMSAUDIT_RETRY_BACKOFF_MAX = 8.0

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_MAX_DELAY = 10.0
# AutoThrottle, and the Crawl-delay robots.txt asks for (crawler.throttle), up to this.
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.throttle.PoliteThrottle": 0,
    "crawler.page_size.PageSizeLimit": 0,
}
QMSAUDIT_MAX_CRAWL_DELAY = 30.0

QMSAUDIT_ALLOW_PRIVATE = False
# An answer declared as HTML is cut at this size (crawler.page_size); documents at DOWNLOAD_MAXSIZE.
QMSAUDIT_MAX_PAGE_BYTES = 5 * 1024 * 1024


def scrapy_settings(options: CrawlOptions) -> Settings:
    """The Scrapy settings of a crawl run with `options`."""
    settings = Settings()
    settings.setmodule(sys.modules[__name__], priority="project")
    budget = options.budget
    settings.setdict(
        {
            "USER_AGENT": options.user_agent,
            "CONCURRENT_REQUESTS": options.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": options.per_site_concurrency,
            "DOWNLOAD_DELAY": options.download_delay,
            "AUTOTHROTTLE_START_DELAY": options.download_delay,
            "AUTOTHROTTLE_TARGET_CONCURRENCY": float(options.per_site_concurrency),
            "RETRY_ENABLED": options.retries > 0,
            "RETRY_TIMES": options.retries,
            "ROBOTSTXT_OBEY": options.obey_robots,
            "DOWNLOAD_TIMEOUT": budget.timeout,
            "QMSAUDIT_LATE_TIMEOUT": budget.late_timeout,
            "DNS_TIMEOUT": budget.timeout,
            "DOWNLOAD_MAXSIZE": budget.max_bytes,
            "QMSAUDIT_MAX_PAGE_BYTES": budget.max_page_bytes,
            "LOG_LEVEL": options.log_level,
            "QMSAUDIT_ALLOW_PRIVATE": options.allow_private,
            "QMSAUDIT_HOST_SLOTS_URL": options.host_slots_url,
        },
        priority="cmdline",
    )
    return settings
