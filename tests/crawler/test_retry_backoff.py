from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured

from crawler.middlewares.retry_backoff import RetryBackoff, backoff_delay


def test_delay_doubles_up_to_the_cap() -> None:
    delays = [backoff_delay(n, base=0.5, cap=3.0) for n in range(6)]
    assert delays == [0.0, 0.5, 1.0, 2.0, 3.0, 3.0]


def test_no_backoff_configured() -> None:
    with pytest.raises(NotConfigured):
        RetryBackoff(base=0, cap=8)


def test_first_attempt_is_not_delayed() -> None:
    # No retry yet: returns at once, without needing a running reactor.
    assert asyncio.run(RetryBackoff(base=5, cap=8).process_request(Request("http://a/"))) is None
