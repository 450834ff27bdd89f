"""AutoThrottle that also keeps each site at least as slow as its robots.txt Crawl-delay.

Scrapy's AutoThrottle adapts a site's delay to how fast it answers, and its robots.txt
middleware obeys Disallow rules, but neither reads `Crawl-delay`. Agency servers are often
small machines; when one asks for a pause between requests, it gets it: the delay of its
download slot never falls below what it asked (capped at `QMSAUDIT_MAX_CRAWL_DELAY`, so a
site asking an hour a page still gets crawled in a nightly run), without random jitter.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from protego import Protego
from scrapy.extensions.throttle import AutoThrottle
from scrapy.robotstxt import decode_robotstxt

from crawler.middlewares.silent_hosts import is_robots_txt

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = ["PoliteThrottle", "crawl_delay"]

logger = logging.getLogger(__name__)


def crawl_delay(robots_txt: bytes, user_agent: str) -> float | None:
    """The Crawl-delay (seconds) a robots.txt asks of `user_agent`, if it asks one."""
    delay = Protego.parse(decode_robotstxt(robots_txt, spider=None)).crawl_delay(user_agent)
    return float(delay) if delay is not None and delay > 0 else None


class PoliteThrottle(AutoThrottle):
    """AutoThrottle with a floor per site: the Crawl-delay of its robots.txt."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.user_agent: str = crawler.settings.get("USER_AGENT") or ""
        self.max_crawl_delay = crawler.settings.getfloat("QMSAUDIT_MAX_CRAWL_DELAY")
        self.floors: dict[str, float] = {}  # by download slot

    # AutoThrottle's handler of `response_downloaded`, connected in its __init__: overridden
    # (Scrapy >= 2.19, pinned), because the floor must apply after its own adjustment.
    def _response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        key, slot = self._get_slot(request, spider)
        if key is not None and _answers_robots_txt(request, response):
            asked = crawl_delay(response.body, self.user_agent)
            if asked is not None:
                self.floors[key] = min(asked, self.max_crawl_delay)
                logger.info(
                    "%s asks a Crawl-delay of %g s; using %g s", key, asked, self.floors[key]
                )
        super()._response_downloaded(response, request, spider)
        floor = self.floors.get(key) if key is not None else None
        if slot is not None and floor is not None:
            slot.delay = max(slot.delay, floor)
            slot.jitter = 0.0  # jitter would halve the pause asked for, now and then


def _answers_robots_txt(request: Request, response: Response) -> bool:
    return is_robots_txt(request) and response.status == 200
