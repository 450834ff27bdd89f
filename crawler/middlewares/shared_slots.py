"""Downloader middleware: a request waits for one of its host's slots shared on Redis.

Enabled by `QMSAUDIT_HOST_SLOTS_URL` (distributed mode: every worker's crawl uses the same
Redis), so that `CONCURRENT_REQUESTS_PER_DOMAIN` holds for the whole run, not per process,
and so does the delay between a host's requests (`crawler.host_slots`): each take passes
the delay this process keeps for the host (AutoThrottle's, at least its Crawl-delay).
It sits just above the stop gate, nearest the download: the slot is held from there until
the answer or the failure comes back, retries and redirects take a new one. A crawl asked
to stop ends the waits at once (`CrawlStopped`).

If Redis cannot be reached, requests go on with each process's own limit (logged once):
politeness falls back to what one machine guarantees, and the run's results stay whole.
"""

from __future__ import annotations

import logging
import random
from time import monotonic  # Scrapy's downloader slots' clock
from typing import TYPE_CHECKING

import redis
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.task import LoopingCall

from crawler.host_slots import RENEW_EVERY, HostSlots
from crawler.stopping import StoppableWaits

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = ["SharedSlots"]

logger = logging.getLogger(__name__)

SLOT_META = "host_slot"  # (host, token) of the slot a request holds
POLL = (0.05, 0.25)  # seconds between tries for a slot, at random: waiters do not move in step


class SharedSlots:
    """Takes a host slot on Redis before each download and gives it back after."""

    def __init__(self, slots: HostSlots, crawler: Crawler) -> None:
        self.slots = slots
        self.crawler = crawler
        self.waits = StoppableWaits()
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
        middleware = cls(HostSlots.from_url(url, limit=limit, lease=lease), crawler)
        middleware.waits.end_on_stop(crawler)
        crawler.signals.connect(middleware.open, signal=signals.spider_opened)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def open(self) -> None:
        self.alive.start(RENEW_EVERY, now=False)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        while not self.unavailable:
            slot = self._downloader_slot(request)
            # This process's own delay first: taken after it, a slot's request leaves at
            # once, and the host's rest counts from when it really did.
            own_wait = slot.lastseen + slot.delay - monotonic() if slot is not None else 0.0
            if own_wait > 0:
                await self.waits.sleep(own_wait, request.url)
                continue
            try:
                turn = self.slots.take(host, rest=slot.delay if slot is not None else 0.0)
            except redis.RedisError as exc:
                self._fall_back(exc)
                return
            if turn.token is not None:
                request.meta[SLOT_META] = (host, turn.token)
                return
            await self.waits.sleep(turn.wait + random.uniform(*POLL), request.url)

    def process_response(self, request: Request, response: Response) -> Response:
        self._give_back(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._give_back(request)

    def _downloader_slot(self, request: Request) -> Slot | None:
        """This process's downloader slot of the request's site, whose `delay` AutoThrottle
        adapts (at least the Crawl-delay) and `lastseen` is when it last sent a request;
        none before the site's first request."""
        engine = self.crawler.engine
        if engine is None:
            return None
        return engine.downloader.slots.get(engine.downloader.get_slot_key(request))

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

    def close(self) -> None:
        if self.alive.running:
            self.alive.stop()
        try:
            self.slots.close()
        except redis.RedisError as exc:
            if not self.unavailable:  # else said already; the holder key expires by itself
                logger.warning("host slots on Redis not given up at the end: %s", exc)
