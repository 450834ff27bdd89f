from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured

from crawler.errors import PrivateAddressRefused
from crawler.middlewares.private_guard import PrivateAddressGuard, refusal_reason
from tests.crawler.conftest import CrawlRun, Province, run_crawler


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.1.10", "private"),
        ("172.16.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not global"),
        ("::ffff:127.0.0.1", "loopback"),
        ("203.162.4.190", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_refusal_reason(address: str, reason: str | None) -> None:
    assert refusal_reason(address) == reason


def test_ip_literal_hosts_are_refused_without_resolving() -> None:
    guard = PrivateAddressGuard(allow_private=False)
    with pytest.raises(PrivateAddressRefused, match="loopback"):
        asyncio.run(guard.process_request(Request("http://127.0.0.1:8000/")))
    with pytest.raises(PrivateAddressRefused, match="private"):
        asyncio.run(guard.process_request(Request("http://[fd00::1]/")))


def test_public_ip_literal_passes() -> None:
    guard = PrivateAddressGuard(allow_private=False)
    assert asyncio.run(guard.process_request(Request("http://203.162.4.190/"))) is None


def test_guard_is_off_when_private_targets_are_allowed() -> None:
    with pytest.raises(NotConfigured):
        PrivateAddressGuard(allow_private=True)


def test_loopback_targets_are_refused_by_default(province: Province) -> None:
    run = run_crawler(
        "--timeout",
        "2",
        f"NAMED={province.url('portal.localhost', '/xa-an-binh/')}",
        f"LITERAL=http://127.0.0.1:{province.port}/xa-an-phu/",
        "NODNS=http://khong-co.invalid/",
    )
    for code in ("NAMED", "LITERAL"):
        assert crawl_failures(run, code) == ["private"]
        outcome = run.sites[code]
        assert (outcome["reachable"], outcome["failure"]) == (False, "private")
    assert province.hosts.hits.total() == 0  # not even robots.txt was asked for
    assert run.sites["NODNS"]["failure"] == "dns"  # the guard resolves first


def test_loopback_targets_are_crawled_when_allowed(province: Province) -> None:
    start = province.url("portal.localhost", "/xa-an-binh/")
    run = run_crawler("--allow-private", "--pages", "1", f"A={start}")
    assert run.sites["A"]["reachable"] is True
    assert "PrivateAddressGuard" not in run.stderr  # allowed on purpose: nothing to warn of


def crawl_failures(run: CrawlRun, code: str) -> list[str]:
    return [fetch["failure"] for fetch in run.of(code)]
