"""Downloader middlewares of the crawler, one per module."""

from crawler.middlewares.private_guard import PrivateAddressGuard, refusal_reason
from crawler.middlewares.retry_backoff import RetryBackoff, backoff_delay
from crawler.middlewares.transient_retry import TRANSIENT, TransientRetry

__all__ = [
    "TRANSIENT",
    "PrivateAddressGuard",
    "RetryBackoff",
    "TransientRetry",
    "backoff_delay",
    "refusal_reason",
]
