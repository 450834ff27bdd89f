"""Stopping a crawl at once: what is downloading, or waiting to, is abandoned.

Scrapy's own stop is graceful: it waits for every download in progress, each up to its
timeout (15 s, and more for a retry held back by its backoff), and for the requests its
downloader holds back for politeness (AutoThrottle's delay, a robots.txt Crawl-delay of up
to 30 s). When the caller asks the crawl to stop (`CrawlControl.stop`), the spider sends
`crawl_stopping` before it closes; then:

- `AbandoningDownloads`, the download handler of http and https, cancels the downloads in
  progress (closing their connections), fails the requests the downloader still holds
  back, and fails at once any request that reaches it later;
- `RetryBackoff`, `PrivateAddressGuard` and `SharedSlots` give up the waits they are in
  (each through its `StoppableWaits`);
- `StopGate`, the last downloader middleware, fails the requests that were in a middleware
  above it (waiting for their host's robots.txt, say), before they join a site's queue.

Each abandoned request fails with `CrawlStopped`, so Scrapy's close finds nothing left in
progress and the crawl ends within a fraction of a second.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import CancelledError
from twisted.internet.task import deferLater

from crawler.errors import CrawlStopped

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.internet.defer import Deferred

__all__ = ["AbandoningDownloads", "StoppableWaits", "crawl_stopping"]

crawl_stopping = object()  # a Scrapy signal, sent without arguments

T = TypeVar("T")


class StoppableWaits:
    """A middleware's waits (a backoff, a DNS answer, a free slot) that a stop ends at once.

    Each wait is a Deferred awaited through `until`; `end` (connected to `crawl_stopping`
    by `end_on_stop`) cancels those in progress, and any wait begun afterwards fails at
    once: either way the request fails with `CrawlStopped`.
    """

    def __init__(self) -> None:
        self._waits: set[Deferred[Any]] = set()
        self.ended = False

    def end_on_stop(self, crawler: Crawler) -> None:
        crawler.signals.connect(self.end, signal=crawl_stopping)

    async def until(self, waiting: Deferred[T], url: str) -> T:
        """The result of `waiting`, unless the crawl stops first."""
        if self.ended:
            waiting.cancel()
            raise CrawlStopped(url)
        self._waits.add(waiting)
        try:
            return await maybe_deferred_to_future(waiting)
        except CancelledError as exc:  # only `end` cancels a wait
            raise CrawlStopped(url) from exc
        finally:
            self._waits.discard(waiting)

    async def sleep(self, seconds: float, url: str) -> None:
        from twisted.internet import reactor  # the running reactor, installed by Scrapy

        await self.until(deferLater(reactor, seconds), url)

    def end(self) -> None:
        """The crawl is stopping: every wait fails now, and every later one at once."""
        self.ended = True
        for waiting in list(self._waits):
            waiting.cancel()


class AbandoningDownloads(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler, whose downloads end at once when the crawl stops."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._crawler = crawler
        self._downloads: set[Deferred[Response]] = set()
        self.stopping = False
        crawler.signals.connect(self.abandon, signal=crawl_stopping)

    async def download_request(self, request: Request) -> Response:
        if self.stopping:
            raise CrawlStopped(request.url)
        download = deferred_from_coro(super().download_request(request))
        self._downloads.add(download)
        try:
            return await maybe_deferred_to_future(download)
        # Cancelling the download cancels the task it runs in: with the asyncio reactor, that
        # ends in asyncio's CancelledError, which is no Exception and which Scrapy's
        # downloader would let through without failing the request.
        except (Exception, asyncio.CancelledError) as exc:
            if self.stopping:  # cancelled by `abandon`, or failed as it was being cancelled
                raise CrawlStopped(request.url) from exc
            raise
        finally:
            self._downloads.discard(download)

    def abandon(self) -> None:
        """Cancel every download in progress; fail the requests waiting for a download slot."""
        if self.stopping:
            return
        self.stopping = True
        for download in list(self._downloads):
            download.cancel()
        engine = self._crawler.engine
        # The downloader's per-site queues (Scrapy's `Slot.queue`: request, and the Deferred
        # its download is awaited on): a request there waits for the site's delay to pass.
        for slot in engine.downloader.slots.values() if engine is not None else ():
            while slot.queue:
                request, waiting = slot.queue.popleft()
                waiting.errback(CrawlStopped(request.url))
