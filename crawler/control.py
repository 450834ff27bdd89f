"""`CrawlControl`: a thread-safe handle on a running crawl (no Scrapy import here)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CrawlControl"]


class CrawlControl:
    """`stop()` ends the crawl soon, from any thread or a signal handler; agencies not
    finished by then are simply unfinished. `admit`, when set, is asked before another
    agency is opened (the readers downstream may be behind)."""

    def __init__(self, admit: Callable[[], bool] | None = None) -> None:
        self._stop: Callable[[], None] | None = None
        self.stopped = False
        self.admit = admit

    def stop(self) -> None:
        self.stopped = True
        if self._stop is not None:
            self._stop()

    def _attach(self, stop: Callable[[], None]) -> None:
        self._stop = stop
        if self.stopped:
            stop()
