"""Downloader middleware refusing requests to private, loopback and reserved addresses.

Every request (the start page, links, documents, redirect targets, robots.txt) passes here
before it is downloaded: its host is resolved through the reactor's resolver (so
`*.localhost` is loopback too) and refused with `PrivateAddressRefused` unless the address
is globally routable. Switched off when the crawl allows private targets. A crawl asked to
stop (`crawler.stopping.crawl_stopping`) abandons the resolutions in progress.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from scrapy.exceptions import CannotResolveHostError, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.errors import CrawlStopped, PrivateAddressRefused
from crawler.stopping import StoppableWaits

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

__all__ = ["PrivateAddressGuard", "refusal_reason"]


def refusal_reason(address: str) -> str | None:
    """Why an IP address may not be crawled (`loopback`, `private`, ...), or None if public."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not global", not ip.is_global),
    )
    return next((name for name, applies in checks if applies), None)


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


class PrivateAddressGuard:
    """Refuses requests whose host resolves to a non-public address."""

    def __init__(self, *, allow_private: bool) -> None:
        if allow_private:
            # Without a message: Scrapy logs a WARNING for a NotConfigured that carries one,
            # and allowing private targets (demo, tests) is a choice, not a problem.
            raise NotConfigured
        self.resolving = StoppableWaits()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        guard = cls(allow_private=crawler.settings.getbool("QMSAUDIT_ALLOW_PRIVATE"))
        guard.resolving.end_on_stop(crawler)
        return guard

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        address = _ip_literal(host) or await self._resolve(host)
        reason = refusal_reason(address)
        if reason is not None:
            raise PrivateAddressRefused(host, f"{address} ({reason})")

    async def _resolve(self, host: str) -> str:
        from twisted.internet import reactor  # the running reactor, installed by Scrapy

        # zope interfaces declare methods without `self`, which confuses mypy here
        resolving: Deferred[str] = reactor.resolve(host)  # type: ignore[arg-type]
        try:
            address: str = await self.resolving.until(resolving, host)
        except CrawlStopped:
            raise
        except Exception as exc:  # any resolver failure is a DNS failure of this request
            raise CannotResolveHostError(f"{host}: {exc}") from exc
        return address
