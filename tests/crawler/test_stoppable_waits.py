"""`StoppableWaits`: a middleware's wait ends with `CrawlStopped` when the crawl stops."""

from __future__ import annotations

import asyncio

import pytest
from twisted.internet.defer import Deferred

from crawler.errors import CrawlStopped
from crawler.stopping import StoppableWaits


def test_a_wait_gives_what_it_waited_for() -> None:
    async def wait() -> str:
        waits, answer = StoppableWaits(), Deferred[str]()
        waiting = asyncio.create_task(waits.until(answer, "http://a/"))
        await asyncio.sleep(0)
        answer.callback("203.0.113.7")
        return await waiting

    assert asyncio.run(wait()) == "203.0.113.7"


def test_a_wait_in_progress_fails_when_the_crawl_stops() -> None:
    async def wait() -> None:
        waits, never = StoppableWaits(), Deferred[None]()
        waiting = asyncio.create_task(waits.until(never, "http://a/slow"))
        await asyncio.sleep(0)
        waits.end()
        await waiting

    with pytest.raises(CrawlStopped, match="http://a/slow"):
        asyncio.run(wait())


def test_a_wait_begun_after_the_stop_fails_at_once_and_is_cancelled() -> None:
    never = Deferred[None]()
    cancelled: list[bool] = []
    never.addErrback(lambda failure: cancelled.append(True))
    waits = StoppableWaits()
    waits.end()
    with pytest.raises(CrawlStopped):
        asyncio.run(waits.until(never, "http://a/late"))
    assert cancelled == [True]
