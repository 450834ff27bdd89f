"""Stopping and pacing a crawl (`CrawlControl`, `max_open_agencies`), observed on a real
server; every crawl runs in a process of its own (the reactor cannot restart)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.crawler.conftest import REPO, CrawlRun, run_crawler
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve

STOP_SCRIPT = """
import json, signal, sys, threading
from crawler import AgencyTarget, CrawlBudget, CrawlControl, CrawlOptions, run_crawl

def callers_handler(signum, frame):
    pass

for signum in (signal.SIGINT, signal.SIGTERM):
    signal.signal(signum, callers_handler)
control = CrawlControl()
sites, handlers_kept = [], []
fast_done = threading.Event()

def on_fetch(result):
    kept = [signal.getsignal(n) is callers_handler for n in (signal.SIGINT, signal.SIGTERM)]
    handlers_kept.append(all(kept))

def on_site(outcome):
    sites.append(outcome.agency_code)
    if outcome.agency_code == "FAST":
        fast_done.set()

def stop_when_told():
    fast_done.wait()
    sys.stdin.readline()  # the test: the slow sites' requests are held by the server
    control.stop()

threading.Thread(target=stop_when_told, daemon=True).start()
targets = [AgencyTarget(code=c, website=u) for c, u in zip(sys.argv[1::2], sys.argv[2::2])]
options = CrawlOptions(allow_private=True, budget=CrawlBudget(timeout=120))
stats = run_crawl(targets, options, on_fetch=on_fetch, on_site=on_site, control=control)
print(json.dumps({
    "sites": sites, "finished": list(stats.finished), "stopped": stats.stopped,
    "handlers_kept": all(handlers_kept) and bool(handlers_kept),
}), flush=True)
"""

ADMIT_SCRIPT = """
import json, sys, threading
from crawler import AgencyTarget, CrawlOptions, CrawlControl, run_crawl

gate, first_done = threading.Event(), threading.Event()
said_no, asked = [], threading.Condition()

def admit():
    if not said_no and not first_done.is_set() and not hasattr(admit, "opened"):
        admit.opened = True
        return True  # the first agency
    if gate.is_set():
        return True
    with asked:
        said_no.append(1)
        asked.notify_all()
    return False

def on_site(outcome):
    sites.append(outcome.agency_code)
    first_done.set()

def open_the_gate_when_told():
    first_done.wait()
    with asked:  # asked again and again while it says no: it is polled
        asked.wait_for(lambda: len(said_no) >= 3)
    print(json.dumps({"held": len(said_no)}), flush=True)
    sys.stdin.readline()
    gate.set()

sites = []
threading.Thread(target=open_the_gate_when_told, daemon=True).start()
targets = [AgencyTarget(code=c, website=u) for c, u in zip(sys.argv[1::2], sys.argv[2::2])]
stats = run_crawl(
    targets, CrawlOptions(allow_private=True), on_fetch=lambda r: None, on_site=on_site,
    control=CrawlControl(admit=admit),
)
print(json.dumps({"sites": sites, "finished": list(stats.finished)}), flush=True)
"""


@contextmanager
def crawling(command: list[str], *, stdin: bool = True) -> Iterator[subprocess.Popen[str]]:
    """A crawl in a child process, killed if the test ends before it does."""
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdin=subprocess.PIPE if stdin else None,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def small_site(delay: float = 0.0) -> dict[str, Route]:
    def answer(path: str) -> Reply:
        body = page(f'<a href="/iso">Hệ thống ISO</a><a href="/gioi-thieu">Giới thiệu</a>{path}')
        return Reply(body=body.body, headers=body.headers, delay=delay)

    pdf = Reply(body=b"%PDF-1.4\n%%EOF\n", headers={"Content-Type": "application/pdf"})
    return {
        "*": answer,
        "/iso": page('<a href="/files/qd.pdf">Quyết định công bố HTQLCL</a>'),
        "/files/qd.pdf": Reply(body=pdf.body, headers=pdf.headers, delay=delay),
    }


@pytest.fixture
def held() -> Iterator[tuple[VirtualHosts, threading.Event, threading.Semaphore]]:
    """FAST answers; SLOW's start page and HANGING's pages are held until released."""
    release, arrived = threading.Event(), threading.Semaphore(0)

    def hold(path: str) -> Reply | None:
        if path == "/robots.txt":
            return None
        arrived.release()
        release.wait(60)
        return page("<p>Muộn</p>")

    hosts = VirtualHosts(
        sites={
            "fast.localhost": small_site(),
            "slow.localhost": {"*": hold},
            "hanging.localhost": {"/": page('<a href="/iso">Hệ thống ISO</a>'), "*": hold},
        }
    )
    yield hosts, release, arrived
    release.set()


def _targets(port: int, *hosts: str) -> list[str]:
    return [arg for host in hosts for arg in (host.split(".")[0].upper(), f"http://{host}:{port}/")]


def test_stop_from_another_thread_abandons_what_is_in_flight(
    held: tuple[VirtualHosts, threading.Event, threading.Semaphore],
) -> None:
    hosts, release, arrived = held
    with serve(hosts) as port:
        targets = _targets(port, "fast.localhost", "slow.localhost", "hanging.localhost")
        command = [sys.executable, "-c", STOP_SCRIPT, *targets]
        with crawling(command) as crawl:
            for _ in range(2):  # SLOW's start page and HANGING's ISO page are being held
                assert arrived.acquire(timeout=30)
            # Held for up to 60 s: run_crawl must return without waiting for them.
            out, _ = crawl.communicate("stop\n", timeout=30)
        assert not release.is_set()
    result = json.loads(out)
    assert result == {
        "sites": ["FAST"],
        "finished": ["FAST"],
        "stopped": True,
        "handlers_kept": True,
    }


def test_ctrl_c_stops_python_m_crawler_with_the_finished_agencies(
    held: tuple[VirtualHosts, threading.Event, threading.Semaphore],
) -> None:
    hosts, release, arrived = held
    with serve(hosts) as port:
        command = [sys.executable, "-m", "crawler", "--allow-private", "--timeout", "120"]
        command.append(f"SLOW=http://slow.localhost:{port}/")
        with crawling(command, stdin=False) as crawl:
            assert arrived.acquire(timeout=30)
            crawl.send_signal(signal.SIGINT)
            out, _ = crawl.communicate(timeout=30)
        assert not release.is_set()
    events = [json.loads(line) for line in out.splitlines()]
    assert crawl.returncode == 0
    assert [e["event"] for e in events if e["event"] != "fetch"] == ["stats"]
    assert (events[-1]["stopped"], events[-1]["finished"], events[-1]["agencies"]) == (True, [], 0)


@pytest.fixture(scope="module")
def paced() -> Iterator[tuple[CrawlRun, VirtualHosts]]:
    hosts = VirtualHosts(sites={f"s{n}.localhost": small_site(delay=0.05) for n in range(5)})
    with serve(hosts) as port:
        crawl = run_crawler(
            "--allow-private",
            "--max-open-agencies",
            "2",
            *(f"S{n}=http://s{n}.localhost:{port}/" for n in range(5)),
        )
        yield crawl, hosts


def test_at_most_max_open_agencies_have_requests_in_flight(
    paced: tuple[CrawlRun, VirtualHosts],
) -> None:
    crawl, hosts = paced
    assert 1 <= hosts.most_hosts_waiting <= 2
    assert sorted(crawl.stats["finished"]) == ["S0", "S1", "S2", "S3", "S4"]
    assert all(site["documents"] == 1 for site in crawl.sites.values())


def test_fetch_results_come_before_their_agencys_one_outcome(
    paced: tuple[CrawlRun, VirtualHosts],
) -> None:
    crawl, _ = paced
    outcomes: dict[str, int] = {}
    for event in crawl.events:
        code = event.get("agency_code")
        if event["event"] == "site":
            outcomes[code] = outcomes.get(code, 0) + 1
        elif event["event"] == "fetch":
            assert code not in outcomes, f"a result of {code} after its outcome"
    assert outcomes == {f"S{n}": 1 for n in range(5)}


def test_admit_holds_new_agencies_until_it_says_yes() -> None:
    hosts = VirtualHosts(sites={f"s{n}.localhost": small_site() for n in range(3)})
    with serve(hosts) as port:
        targets = [arg for n in range(3) for arg in (f"S{n}", f"http://s{n}.localhost:{port}/")]
        command = [sys.executable, "-c", ADMIT_SCRIPT, *targets]
        with crawling(command) as crawl:
            assert crawl.stdout is not None
            held: dict[str, Any] = json.loads(crawl.stdout.readline())
            assert held["held"] >= 3
            assert hosts.host_hits("s1.localhost") == hosts.host_hits("s2.localhost") == 0
            out, _ = crawl.communicate("go\n", timeout=30)
    result = json.loads(out)
    assert result["sites"][0] == "S0"
    assert sorted(result["finished"]) == ["S0", "S1", "S2"]
    assert hosts.host_hits("s2.localhost") > 0
