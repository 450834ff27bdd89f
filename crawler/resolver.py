"""A Scrapy DNS resolver that maps `localhost` and `*.localhost` to 127.0.0.1 (RFC 6761).

Names under `.invalid` fail at once, as RFC 6761 asks, without a query on the network.

The sandbox serves many agency sites as virtual hosts (`http://so-khcn.demo.localhost:8470/`)
on one loopback port; the system resolver here cannot resolve them. Every other name goes to
Scrapy's caching threaded resolver. The answers are still loopback addresses, which the
private-address guard refuses unless the crawl allows private targets.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

__all__ = ["LOOPBACK", "LocalhostResolver", "is_invalid_name", "is_localhost_name"]

LOOPBACK = "127.0.0.1"


def is_localhost_name(name: str) -> bool:
    """`localhost` or a name under `.localhost`, which always mean the loopback address."""
    name = name.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


def is_invalid_name(name: str) -> bool:
    """`invalid` or a name under `.invalid`, which never resolve."""
    name = name.lower().rstrip(".")
    return name == "invalid" or name.endswith(".invalid")


class LocalhostResolver(CachingThreadedResolver):
    """Resolves `*.localhost` and `*.invalid` locally, the rest like Scrapy's default resolver."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if is_localhost_name(name):
            return defer.succeed(LOOPBACK)
        if is_invalid_name(name):
            return defer.fail(DNSLookupError(f"{name} is under .invalid (RFC 6761)"))
        return super().getHostByName(name, timeout)
