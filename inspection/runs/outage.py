"""Telling "we could not look" from "the sites are down": outages end a run as failed.

A night without network at the inspecting end (uplink down, DNS failing) or a provincial
data centre in maintenance makes most sites fail the same way, at the network level. Such
a run must not publish: every agency keeps its last complete results. Two signs:
- early: the first `sample` sites of the run all failed at the network level (and, when
  probe URLs are configured, none of them answers either): the run stops at once;
- at the end: at least `fraction` of the run's sites failed at the network level.
A probe of well-known URLs (`QMSAUDIT_PROBE_URLS`) tells the two causes apart in the
message; it never reaches a private address unless those are allowed (tests).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

from crawler.middlewares.private_guard import refusal_reason
from crawler.model import FetchResult, SiteOutcome
from crawler.resolver import LOOPBACK, is_localhost_name

__all__ = [
    "NETWORK_FAILURES",
    "OutagePolicy",
    "OutageWatch",
    "early_outage",
    "end_outage",
    "network_failure",
    "probe",
]

NETWORK_FAILURES = frozenset({"dns", "refused", "timeout", "connection"})
NO_NETWORK = (
    "máy kiểm tra không kết nối được mạng (không truy cập được cả các địa chỉ kiểm tra "
    "kết nối); kết quả đang công bố được giữ nguyên, hãy chạy lại khi có mạng"
)


def mostly_down(failed: int, total: int) -> str:
    return (
        f"{failed}/{total} trang thông tin điện tử không kết nối được (lỗi mạng, DNS hoặc hết "
        "thời gian chờ): có thể mạng của máy kiểm tra hoặc trung tâm dữ liệu của tỉnh đang "
        "gián đoạn; kết quả đang công bố được giữ nguyên, hãy chạy lại sau"
    )


@dataclass(frozen=True, kw_only=True)
class OutagePolicy:
    """When a run counts as an outage.

    sample: the first this many sites all failing at the network level stop the run early.
    fraction: at the end, this share of the run's sites failing at the network level.
    min_sites: runs with fewer sites are never outages (their sites are judged one by one).
    probe_urls: well-known URLs that answer when the network works; () for none.
    """

    sample: int = 20
    fraction: float = 0.8
    min_sites: int = 10
    probe_urls: tuple[str, ...] = ()
    probe_timeout: float = 5.0
    allow_private: bool = False


def _address(host: str) -> str | None:
    if is_localhost_name(host):
        return LOOPBACK
    try:
        return str(socket.getaddrinfo(host, None)[0][4][0])
    except (OSError, IndexError):
        return None


def probe(urls: Sequence[str], *, timeout: float, allow_private: bool) -> bool:
    """Whether any of `urls` resolves and answers at all (any HTTP status counts).

    A URL whose host is private or loopback is skipped unless `allow_private`.
    """
    for url in urls:
        parts = urlsplit(url)
        address = _address(parts.hostname or "")
        if address is None:
            continue
        if refusal_reason(address) is not None and not allow_private:
            continue
        target = url
        if is_localhost_name(parts.hostname or ""):  # the system resolver does not know them
            netloc = f"{address}:{parts.port}" if parts.port else address
            target = urlunsplit(parts._replace(netloc=netloc))
        try:
            httpx.get(target, timeout=timeout, headers={"Host": parts.netloc})
        except httpx.HTTPError:
            continue
        return True
    return False


@dataclass
class OutageWatch:
    """Follows a run's start pages and outcomes; says when the run is an outage.

    `on_outage(reason)` is called at most once, from a thread of its own, when the early
    sign holds (and the probe, if any, fails).
    """

    policy: OutagePolicy
    sites: int  # how many sites the run crawls
    on_outage: Callable[[str], None]
    _first: dict[str, bool] = field(default_factory=dict)  # agency -> its start page failed
    _outcomes: dict[str, bool] = field(default_factory=dict)
    _raised: bool = False

    def start_page(self, result: FetchResult) -> None:
        """A start page's first answer (or failure); called in the crawl's thread."""
        if result.agency_code in self._first:
            return
        self._first[result.agency_code] = _network_failure(result.failure)
        sample = self.policy.sample
        if self._raised or self.sites < max(sample, self.policy.min_sites):
            return
        if len(self._first) == sample and all(self._first.values()):
            self._raised = True
            threading.Thread(target=self._confirm, name="outage-probe", daemon=True).start()

    def _confirm(self) -> None:
        reason = early_outage(self.policy)
        if reason is not None:
            self.on_outage(reason)

    def outcome(self, outcome: SiteOutcome) -> None:
        self._outcomes[outcome.agency_code] = _network_failure(
            outcome.failure.value if outcome.failure else None
        )

    def at_end(self) -> str | None:
        """The reason the finished run is an outage, or None."""
        return end_outage(self.policy, sum(self._outcomes.values()), len(self._outcomes))


def _probe(policy: OutagePolicy) -> bool:
    return probe(
        policy.probe_urls, timeout=policy.probe_timeout, allow_private=policy.allow_private
    )


def early_outage(policy: OutagePolicy) -> str | None:
    """Once the first `sample` sites all failed at the network level: the reason to stop the
    run, or None when a probe URL answers (then it is their sites, not our network)."""
    if not policy.probe_urls:
        return mostly_down(policy.sample, policy.sample)
    return None if _probe(policy) else NO_NETWORK


def end_outage(policy: OutagePolicy, failed: int, total: int) -> str | None:
    """The reason a finished run whose `failed` of `total` sites failed at the network level
    is an outage, or None. The one rule of every executor, local or distributed."""
    if total < policy.min_sites or failed < policy.fraction * total:
        return None
    if policy.probe_urls and not _probe(policy):
        return NO_NETWORK
    return mostly_down(failed, total)


def network_failure(failure: str | None) -> bool:
    """Whether a recorded failure (`FailureKind` value) is at the network level."""
    return failure in NETWORK_FAILURES


def _network_failure(failure: object) -> bool:
    value = getattr(failure, "value", failure)
    return value in NETWORK_FAILURES
