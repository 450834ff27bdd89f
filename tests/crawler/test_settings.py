from __future__ import annotations

from crawler.model import CrawlBudget, CrawlOptions
from crawler.settings import scrapy_settings


def test_options_become_scrapy_settings() -> None:
    options = CrawlOptions(
        budget=CrawlBudget(pages=5, depth=2, max_bytes=1000, timeout=3.5),
        allow_private=True,
        user_agent="qmsaudit-test",
        concurrency=7,
        per_site_concurrency=3,
        download_delay=0.25,
        retries=4,
        obey_robots=False,
        log_level="ERROR",
    )
    settings = scrapy_settings(options)
    assert settings["USER_AGENT"] == "qmsaudit-test"
    assert settings.getint("CONCURRENT_REQUESTS") == 7
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 3
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.25
    assert settings.getint("RETRY_TIMES") == 4
    assert settings.getbool("ROBOTSTXT_OBEY") is False
    assert settings.getfloat("DOWNLOAD_TIMEOUT") == 3.5
    assert settings.getint("DOWNLOAD_MAXSIZE") == 1000
    assert settings.getbool("QMSAUDIT_ALLOW_PRIVATE") is True
    assert settings["LOG_LEVEL"] == "ERROR"


def test_static_project_settings_are_included() -> None:
    settings = scrapy_settings(CrawlOptions())
    assert settings["TWISTED_DNS_RESOLVER"] == "crawler.resolver.LocalhostResolver"
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert "crawler.middlewares.private_guard.PrivateAddressGuard" in middlewares
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert settings.getbool("QMSAUDIT_ALLOW_PRIVATE") is False
    assert settings.getbool("HTTPERROR_ALLOW_ALL") is True
    assert "scrapy.exceptions.CannotResolveHostError" not in settings.getlist("RETRY_EXCEPTIONS")


def test_no_retries_switches_retrying_off() -> None:
    assert scrapy_settings(CrawlOptions(retries=0)).getbool("RETRY_ENABLED") is False
