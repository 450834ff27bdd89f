"""Downloader middleware: a request waits for one of its host's slots shared on Redis.

Enabled by `QMSAUDIT_HOST_SLOTS_URL` (distributed mode: every worker's crawl uses the same
Redis), so that `CONCURRENT_REQUESTS_PER_DOMAIN` holds for the whole run, not per process
(`crawler.host_slots`). It sits just above the stop gate, nearest the download: the slot
is held from there until the answer or the failure comes back, retries and redirects take
a new one. A crawl asked to stop ends the waits at once (`CrawlStopped`).

If Redis cannot be reached, requests go on with each process's own limit (logged once):
politeness falls back to what one machine guarantees, and the run's results stay whole.
"""

from __future__ import annotations

import logging
import random
from typing import TYPE_CHECKING

import redis
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import CancelledError
from twisted.internet.task import LoopingCall, deferLater

from crawler.errors import CrawlStopped
from crawler.host_slots import RENEW_EVERY, HostSlots
from crawler.stopping import crawl_stopping

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.internet.defer import Deferred

__all__ = ["SharedSlots"]

logger = logging.getLogger(__name__)

SLOT_META = "host_slot"  # (host, token) of the slot a request holds
POLL = (0.05, 0.25)  # seconds between tries for a slot, at random: waiters do not move in step


class SharedSlots:
    """Takes a host slot on Redis before each download and gives it back after."""

    def __init__(self, slots: HostSlots) -> None:
        self.slots = slots
        self.waits: set[Deferred[None]] = set()
        self.unavailable = False
        self.alive = LoopingCall(self._renew)  # while a download holds a slot for long

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        url = settings.get("QMSAUDIT_HOST_SLOTS_URL")
        if not url:
            raise NotConfigured  # no message: Scrapy would warn of it on every local crawl
        late_timeout = settings.getfloat("QMSAUDIT_LATE_TIMEOUT")
        # Longer than a request may hold a slot: a site's delay, then a late try's download.
        lease = 2 * (settings.getfloat("QMSAUDIT_MAX_CRAWL_DELAY") + late_timeout)
        limit = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        middleware = cls(HostSlots.from_url(url, limit=limit, lease=lease))
        crawler.signals.connect(middleware.end_waits, signal=crawl_stopping)
        crawler.signals.connect(middleware.open, signal=signals.spider_opened)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def open(self) -> None:
        self.alive.start(RENEW_EVERY, now=False)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        while not self.unavailable:
            try:
                token = self.slots.take(host)
            except redis.RedisError as exc:
                self._fall_back(exc)
                return
            if token is not None:
                request.meta[SLOT_META] = (host, token)
                return
            await self._wait(request)

    def process_response(self, request: Request, response: Response) -> Response:
        self._give_back(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._give_back(request)

    async def _wait(self, request: Request) -> None:
        from twisted.internet import reactor  # the running reactor, installed by Scrapy

        wait: Deferred[None] = deferLater(reactor, random.uniform(*POLL))
        self.waits.add(wait)
        try:
            await maybe_deferred_to_future(wait)
        except CancelledError as exc:  # only `end_waits` cancels a wait
            raise CrawlStopped(request.url) from exc
        finally:
            self.waits.discard(wait)

    def _give_back(self, request: Request) -> None:
        held = request.meta.pop(SLOT_META, None)
        if held is None or self.unavailable:
            return
        try:
            self.slots.give_back(*held)
        except redis.RedisError as exc:  # the lease ends by itself
            self._fall_back(exc)

    def _renew(self) -> None:
        if self.unavailable:
            return
        try:
            self.slots.renew()
        except redis.RedisError as exc:
            self._fall_back(exc)

    def _fall_back(self, exc: redis.RedisError) -> None:
        if not self.unavailable:
            logger.warning("host slots on Redis unavailable, each crawl keeps its own: %s", exc)
        self.unavailable = True

    def end_waits(self) -> None:
        """The crawl is stopping: every request waiting for a slot fails now."""
        for wait in list(self.waits):
            wait.cancel()

    def close(self) -> None:
        if self.alive.running:
            self.alive.stop()
        try:
            self.slots.close()
        except redis.RedisError as exc:
            if not self.unavailable:  # else said already; the holder key expires by itself
                logger.warning("host slots on Redis not given up at the end: %s", exc)
