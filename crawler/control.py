"""`CrawlControl`: stop a running crawl, and pace how many agencies it opens, from outside.

The crawl runs in the Twisted reactor, in the thread that called `run_crawl`; the control
is read there every `POLL_SECONDS` (and whenever an agency's crawl ends), so it may be
used from any thread, or from a signal handler, without blocking or waking the reactor.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["POLL_SECONDS", "CrawlControl"]

POLL_SECONDS = 0.25


class CrawlControl:
    """Stops and paces one crawl. Thread-safe; `stop()` is safe in a signal handler.

    stop(): ask the crawl to stop. `run_crawl` returns soon after (within a second or so,
        whatever was downloading: those downloads are abandoned). Agencies whose crawl was
        not over get no `SiteOutcome`; `CrawlStats.finished` lists those that did.
    admit: called, in the reactor thread, before another agency is opened; while it returns
        False, none is (the readers downstream are behind, say), and it is asked again
        every `POLL_SECONDS`. It must answer at once. An exception it raises stops the
        crawl, and `run_crawl` raises it again.
    """

    def __init__(self, *, admit: Callable[[], bool] | None = None) -> None:
        self.admit = admit
        self._stop_requested = False

    def stop(self) -> None:
        """Ask the crawl to stop; idempotent."""
        # One assignment: atomic, and takes no lock a signal handler could deadlock on.
        self._stop_requested = True

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested
