"""Downloader middlewares of the crawler, one per module."""

from crawler.middlewares.private_guard import PrivateAddressGuard, refusal_reason
from crawler.middlewares.retry_backoff import RetryBackoff, backoff_delay
from crawler.middlewares.silent_hosts import SilentHosts, is_robots_txt
from crawler.middlewares.transient_retry import TRANSIENT, TransientRetry

__all__ = [
    "TRANSIENT",
    "PrivateAddressGuard",
    "RetryBackoff",
    "SilentHosts",
    "TransientRetry",
    "backoff_delay",
    "is_robots_txt",
    "refusal_reason",
]
