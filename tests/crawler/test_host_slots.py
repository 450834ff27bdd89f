"""Per-host request slots shared on Redis: two crawl processes keep one host's limit and
its Crawl-delay.

A real `redis-server` on loopback; the crawls are `python -m crawler` processes run at the
same time against one portal host that serves six communes' pages, each answer 1 s late
(or one asking for a Crawl-delay, answering at once).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from itertools import pairwise

import pytest
import redis

from crawler.host_slots import HostSlots, Turn
from tests.crawler.conftest import REPO, CrawlRun, crawl_run
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve
from tests.postgres import free_port
from tests.redis_server import running_redis

PORTAL = "portal.localhost"
PACED = "cham.localhost"
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
    first, second = slots.take("a.gov.vn").token, slots.take("a.gov.vn").token
    assert first is not None and second is not None and first != second
    assert slots.take("a.gov.vn") == Turn(None, 0.0)  # no rest asked: ask again soon
    assert slots.take("b.gov.vn").token is not None  # each host has its own


def test_a_slot_given_back_can_be_taken_again(slots: HostSlots) -> None:
    tokens = [slots.take("a.gov.vn").token, slots.take("a.gov.vn").token]
    assert tokens[0] is not None
    slots.give_back("a.gov.vn", tokens[0])
    assert slots.in_flight("a.gov.vn") == 1
    assert slots.take("a.gov.vn").token is not None


def test_a_host_rests_as_long_as_the_last_taker_said_whoever_asks(slots: HostSlots) -> None:
    other_process = HostSlots(slots.client, limit=2, lease=60)
    try:
        assert slots.take("slow.gov.vn", rest=30).token is not None
        turn = other_process.take("slow.gov.vn", rest=30)
        assert turn.token is None and 20 < turn.wait <= 30
        assert slots.take("slow.gov.vn").token is None  # its own process as well
        assert other_process.take("other.gov.vn", rest=30).token is not None  # per host
    finally:
        other_process.close()


def test_a_host_may_be_asked_again_once_its_rest_is_over(slots: HostSlots) -> None:
    assert slots.take("a.gov.vn", rest=0.2).token is not None
    assert slots.take("a.gov.vn").token is None
    time.sleep(0.25)
    assert slots.take("a.gov.vn").token is not None
    assert slots.take("a.gov.vn").token is None  # both slots taken, no rest: wait 0
    assert slots.take("a.gov.vn").wait == 0.0


def test_a_slot_never_given_back_is_free_when_its_lease_ends(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    short = HostSlots(client, limit=1, lease=0.2)  # a process killed while holding it
    try:
        assert short.take("dead-worker.gov.vn").token is not None
        assert short.take("dead-worker.gov.vn").token is None
        time.sleep(0.5)
        assert short.take("dead-worker.gov.vn").token is not None
    finally:
        short.close()


def test_the_slots_of_a_process_gone_are_free_once_it_stops_saying_it_is_alive(
    redis_url: str,
) -> None:
    client = redis.Redis.from_url(redis_url)
    killed = HostSlots(client, limit=1, lease=60, holder_ttl=0.2)
    survivor = HostSlots(client, limit=1, lease=60)
    try:
        assert killed.take("portal.gov.vn").token is not None
        assert survivor.take("portal.gov.vn").token is None
        time.sleep(0.5)  # no renew: as if killed mid-download
        assert survivor.take("portal.gov.vn").token is not None
    finally:
        survivor.close()


def test_renewing_keeps_the_slots_of_a_process_alive(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    working = HostSlots(client, limit=1, lease=60, holder_ttl=0.4)
    other = HostSlots(client, limit=1, lease=60)
    try:
        assert working.take("portal.gov.vn").token is not None
        for _ in range(4):
            time.sleep(0.2)
            working.renew()
            assert other.take("portal.gov.vn").token is None
    finally:
        working.close()
        other.close()


def test_closing_gives_up_the_slots_at_once(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    ending, other = (HostSlots(client, limit=1, lease=60) for _ in range(2))
    assert ending.take("portal.gov.vn").token is not None
    ending.close()
    try:
        assert other.take("portal.gov.vn").token is not None
    finally:
        other.close()


def test_a_limit_below_one_is_refused(redis_url: str) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        HostSlots(redis.Redis.from_url(redis_url), limit=0, lease=60)


def _commune(path: str, *, late: float = 1.0) -> Reply:
    """Every commune's home page links to three pages of its own; all answer `late`."""
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
        return Reply(body=page(links).body, headers=page("").headers, delay=late)
    return Reply(body=page("<p>Trang</p>").body, headers=page("").headers, delay=late)


@pytest.fixture(scope="module")
def portal() -> Iterator[tuple[VirtualHosts, int]]:
    hosts = VirtualHosts(sites={PORTAL: {"/robots.txt": Reply(status=404), "*": _commune}})
    with serve(hosts) as port:
        yield hosts, port


@pytest.fixture(scope="module")
def paced_portal() -> Iterator[tuple[VirtualHosts, int]]:
    """A portal asking for 0.6 s between requests, answering at once."""
    robots = Reply(
        body=b"User-agent: *\nCrawl-delay: 0.6\n", headers={"Content-Type": "text/plain"}
    )
    routes: dict[str, Route] = {"/robots.txt": robots, "*": partial(_commune, late=0.0)}
    hosts = VirtualHosts(sites={PACED: routes})
    with serve(hosts) as port:
        yield hosts, port


def _two_crawls(port: int, *options: str, host: str = PORTAL) -> list[CrawlRun]:
    """Two crawl processes at once, three communes each, two requests per host each."""
    processes = []
    for half in (COMMUNES[:3], COMMUNES[3:]):
        targets = [f"{name.upper()}=http://{host}:{port}/{name}/" for name in half]
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


def _page_gaps(hosts: VirtualHosts) -> list[float]:
    """Seconds between the page requests (robots.txt excluded) the host received."""
    times = sorted(at for at, _, path in hosts.arrivals if path != "/robots.txt")
    return [later - earlier for earlier, later in pairwise(times)]


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


def test_two_crawls_sharing_slots_keep_the_hosts_crawl_delay(
    paced_portal: tuple[VirtualHosts, int], redis_url: str
) -> None:
    hosts, port = paced_portal
    hosts.arrivals.clear()
    runs = _two_crawls(port, "--host-slots", redis_url, host=PACED)
    _every_page_answered(runs)
    gaps = _page_gaps(hosts)
    assert len(gaps) == 6 * 4 - 1 and min(gaps) >= 0.55


def test_two_crawls_without_shared_slots_each_keep_only_their_own_crawl_delay(
    paced_portal: tuple[VirtualHosts, int],
) -> None:
    """Each process alone spaces its requests by 0.6 s: together they come closer (what the
    shared pace prevents; this also shows the test above can see it)."""
    hosts, port = paced_portal
    hosts.arrivals.clear()
    runs = _two_crawls(port, host=PACED)
    _every_page_answered(runs)
    gaps = _page_gaps(hosts)
    assert len(gaps) == 6 * 4 - 1 and min(gaps) < 0.45


def test_an_unreachable_redis_leaves_each_crawl_its_own_limit(
    portal: tuple[VirtualHosts, int],
) -> None:
    _, port = portal
    runs = _two_crawls(port, "--host-slots", f"redis://127.0.0.1:{free_port()}/0")
    _every_page_answered(runs)
    assert all("host slots on Redis unavailable" in run.stderr for run in runs)
