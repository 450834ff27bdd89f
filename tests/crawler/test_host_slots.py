"""Per-host request slots shared on Redis: two crawl processes keep one host's limit.

A real `redis-server` on loopback; the crawls are `python -m crawler` processes run at the
same time against one portal host that serves six communes' pages, each answer 1 s late.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import redis

from crawler.host_slots import HostSlots
from tests.crawler.conftest import REPO, CrawlRun, crawl_run
from tests.crawler.servers import Reply, VirtualHosts, page, serve
from tests.postgres import free_port
from tests.redis_server import running_redis

PORTAL = "portal.localhost"
COMMUNES = [f"xa-{n}" for n in range(6)]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def slots(redis_url: str) -> Iterator[HostSlots]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    taken = HostSlots(client, limit=2, lease=60)
    yield taken
    taken.close()


def test_a_host_has_at_most_its_limit_of_slots(slots: HostSlots) -> None:
    first, second = slots.take("a.gov.vn"), slots.take("a.gov.vn")
    assert first is not None and second is not None and first != second
    assert slots.take("a.gov.vn") is None
    assert slots.take("b.gov.vn") is not None  # each host has its own


def test_a_slot_given_back_can_be_taken_again(slots: HostSlots) -> None:
    tokens = [slots.take("a.gov.vn"), slots.take("a.gov.vn")]
    assert tokens[0] is not None
    slots.give_back("a.gov.vn", tokens[0])
    assert slots.in_flight("a.gov.vn") == 1
    assert slots.take("a.gov.vn") is not None


def test_a_slot_never_given_back_is_free_when_its_lease_ends(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    short = HostSlots(client, limit=1, lease=0.2)  # a process killed while holding it
    try:
        assert short.take("dead-worker.gov.vn") is not None
        assert short.take("dead-worker.gov.vn") is None
        time.sleep(0.5)
        assert short.take("dead-worker.gov.vn") is not None
    finally:
        short.close()


def test_the_slots_of_a_process_gone_are_free_once_it_stops_saying_it_is_alive(
    redis_url: str,
) -> None:
    client = redis.Redis.from_url(redis_url)
    killed = HostSlots(client, limit=1, lease=60, holder_ttl=0.2)
    survivor = HostSlots(client, limit=1, lease=60)
    try:
        assert killed.take("portal.gov.vn") is not None
        assert survivor.take("portal.gov.vn") is None
        time.sleep(0.5)  # no renew: as if killed mid-download
        assert survivor.take("portal.gov.vn") is not None
    finally:
        survivor.close()


def test_renewing_keeps_the_slots_of_a_process_alive(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    working = HostSlots(client, limit=1, lease=60, holder_ttl=0.4)
    other = HostSlots(client, limit=1, lease=60)
    try:
        assert working.take("portal.gov.vn") is not None
        for _ in range(4):
            time.sleep(0.2)
            working.renew()
            assert other.take("portal.gov.vn") is None
    finally:
        working.close()
        other.close()


def test_closing_gives_up_the_slots_at_once(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    ending, other = (HostSlots(client, limit=1, lease=60) for _ in range(2))
    assert ending.take("portal.gov.vn") is not None
    ending.close()
    try:
        assert other.take("portal.gov.vn") is not None
    finally:
        other.close()


def test_a_limit_below_one_is_refused(redis_url: str) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        HostSlots(redis.Redis.from_url(redis_url), limit=0, lease=60)


def _commune(path: str) -> Reply:
    """Every commune's home page links to three pages of its own; all answer 1 s late."""
    name = path.strip("/").split("/")[0]
    if path.rstrip("/") == f"/{name}":
        links = "".join(
            f'<a href="/{name}/{slug}">{label}</a>'
            for slug, label in [
                ("iso", "Hệ thống quản lý chất lượng"),
                ("van-ban", "Văn bản"),
                ("gioi-thieu", "Giới thiệu"),
            ]
        )
        return Reply(body=page(links).body, headers=page("").headers, delay=1.0)
    return Reply(body=page("<p>Trang</p>").body, headers=page("").headers, delay=1.0)


@pytest.fixture(scope="module")
def portal() -> Iterator[tuple[VirtualHosts, int]]:
    hosts = VirtualHosts(sites={PORTAL: {"/robots.txt": Reply(status=404), "*": _commune}})
    with serve(hosts) as port:
        yield hosts, port


def _two_crawls(port: int, *options: str) -> list[CrawlRun]:
    """Two crawl processes at once, three communes each, two requests per host each."""
    processes = []
    for half in (COMMUNES[:3], COMMUNES[3:]):
        targets = [f"{name.upper()}=http://{PORTAL}:{port}/{name}/" for name in half]
        command = [sys.executable, "-m", "crawler", "--allow-private", "--timeout", "10"]
        command += ["--per-site-concurrency", "2", *options, *targets]
        processes.append(
            subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        )
    runs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
        runs.append(crawl_run(stdout.decode(), stderr.decode()))
    return runs


def _every_page_answered(runs: list[CrawlRun]) -> None:
    for run, half in zip(runs, (COMMUNES[:3], COMMUNES[3:]), strict=True):
        for name in half:
            fetches = run.of(name.upper())
            assert {f["url"].rsplit(f"/{name}/", 1)[1] for f in fetches} >= {
                "",
                "iso",
                "van-ban",
                "gioi-thieu",
            }
            assert all(f["failure"] is None for f in fetches), fetches


def test_two_crawls_sharing_slots_keep_the_host_limit(
    portal: tuple[VirtualHosts, int], redis_url: str
) -> None:
    hosts, port = portal
    hosts.most_waiting.clear()
    runs = _two_crawls(port, "--host-slots", redis_url)
    assert hosts.most_waiting[PORTAL] == 2
    _every_page_answered(runs)
    assert HostSlots.from_url(redis_url, limit=2, lease=60).in_flight(PORTAL) == 0


def test_two_crawls_without_shared_slots_each_keep_only_their_own(
    portal: tuple[VirtualHosts, int],
) -> None:
    """The same crawls, each with its own limit: the host gets more than 2 at once (what
    the shared slots prevent; this also shows the test above can see it)."""
    hosts, port = portal
    hosts.most_waiting.clear()
    runs = _two_crawls(port)
    assert hosts.most_waiting[PORTAL] > 2
    _every_page_answered(runs)
    assert not any("SharedSlots" in run.stderr for run in runs)  # off without a word


def test_an_unreachable_redis_leaves_each_crawl_its_own_limit(
    portal: tuple[VirtualHosts, int],
) -> None:
    _, port = portal
    runs = _two_crawls(port, "--host-slots", f"redis://127.0.0.1:{free_port()}/0")
    _every_page_answered(runs)
    assert all("host slots on Redis unavailable" in run.stderr for run in runs)
