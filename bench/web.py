"""Benchmark the dashboard's pages on a province of 2,000 published agencies.

    .venv/bin/python bench/web.py --agencies 2000 [--data DIR] [--repeat 20]
                                  [--database-url postgresql+psycopg://…]

Builds the sandbox's generated province (registry, two nights published through the real
run machinery: claim, commit per agency, publish; the second night changes every 40th
agency) unless DIR already holds one, serves the dashboard with uvicorn on loopback, signs
in, and times each page over HTTP (`--repeat` times after two warm-up requests): the median,
the 90th percentile and the slowest, in milliseconds, with the page's size. The dashboard
runs as staff run it: `qmsaudit serve` in a process of its own. For contrast it
also times, in process, the readers the pages avoid: `status_rows` (every agency's full
row) and `history.changes` for the last run. The goal: the overview and the agencies list
under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from sqlmodel import func, select

# Run as a script from the repository: its test helpers build the province.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspection.history import changes
from inspection.settings import Settings
from inspection.status import status_rows
from inspection.users import Actor, add_user
from store import Agency, make_engine, open_session, prepare
from tests.postgres import running_postgres
from tests.web.province import (
    AS_OF,
    Readings,
    crawl_run,
    night_after,
    register_generated,
)

PASSWORD = "mat-khau-do-hieu-nang"


def build(settings: Settings, agencies: int) -> None:
    engine = make_engine(settings.effective_database_url)
    prepare(engine)
    with open_session(engine) as session:
        if session.exec(select(func.count()).select_from(Agency)).one():
            print("using the province already in the database", file=sys.stderr)
            engine.dispose()
            return
    started = time.perf_counter()
    blobs = settings.blobs(engine)
    plan = register_generated(engine, agencies=agencies)
    readings = Readings()
    crawl_run(engine, blobs, plan, readings=readings)
    crawl_run(engine, blobs, night_after(plan), readings=readings)
    with open_session(engine) as session:
        add_user(session, "bench", PASSWORD, "admin", actor=Actor(None, via="bench"))
        session.commit()
    engine.dispose()
    print(f"built {agencies} agencies in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    for _ in range(2):
        call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(name: str, times: list[float], size: str = "") -> str:
    ordered = sorted(times)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return f"| {name} | {statistics.median(ordered):.0f} | {p90:.0f} | {ordered[-1]:.0f} | {size} |"


def pages(client: httpx.Client, repeat: int) -> list[str]:
    agencies = client.get("/agencies", params={"q": "so khoa hoc"}).text
    code = re.search(r'href="/agencies/([^"]+)"', agencies.split("<tbody>")[1])
    assert code is not None
    paths = [
        ("overview", "/"),
        ("agencies, page 1", "/agencies"),
        ("agencies, page 20", "/agencies?page=20"),
        ("agencies, search “phuong”", "/agencies?q=phuong"),
        ("agencies, stale by findings", "/agencies?status=stale&sort=-findings"),
        ("an agency's page", f"/agencies/{code.group(1)}"),
        ("runs", "/runs"),
        ("a run's page (its changes)", "/runs/2"),
    ]
    lines = []
    for name, path in paths:
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        size = f"{len(answer.content) / 1024:.0f} KiB"
        lines.append(row(f"`{path}` ({name})", timed(lambda p=path: client.get(p), repeat), size))
    return lines


def readers(settings: Settings, repeat: int) -> list[str]:
    engine = make_engine(settings.effective_database_url)
    lines = []
    with open_session(engine) as session:
        lines.append(row("`status_rows` (in process)", timed(lambda: status_rows(session), 3)))
        lines.append(
            row(
                "`history.changes`, last run (in process)",
                timed(lambda: changes(session, run_id=2), 3),
            )
        )
    engine.dispose()
    return lines


@contextmanager
def dashboard(settings: Settings) -> Iterator[str]:
    """`qmsaudit serve` on a free loopback port, until the block ends; yields its URL."""
    command = [sys.executable, "-m", "inspection", *settings.command_line(), "serve", "--port", "0"]
    env = {**os.environ, "QMSAUDIT_AS_OF": AS_OF.isoformat()}
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert server.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+", server.stdout.readline())
        assert found is not None, "the dashboard did not start"
        yield found.group(0)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agencies", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=None, help="keep the province here")
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--postgresql", action="store_true", help="on a throwaway PostgreSQL server (as tests)"
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with ExitStack() as stack:
        temporary = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="qms-bench-")))
        database_url = args.database_url
        if args.postgresql:
            os.chmod(temporary, 0o755)  # the server runs as the postgres user
            database_url = stack.enter_context(running_postgres(temporary / "pg"))
        folder = args.data or temporary / "data"
        settings = Settings(data_dir=folder, database_url=database_url, as_of=AS_OF)
        build(settings, args.agencies)
        measure(settings, args.repeat)


def measure(settings: Settings, repeat: int) -> None:
    with dashboard(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        login = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login)
        assert token is not None
        client.post(
            "/login",
            data={"username": "bench", "password": PASSWORD, "csrf_token": token.group(1)},
        )
        print("| page | median (ms) | p90 (ms) | slowest (ms) | size |")
        print("|---|---|---|---|---|")
        for line in pages(client, repeat):
            print(line, flush=True)
    for line in readers(settings, repeat):
        print(line, flush=True)


if __name__ == "__main__":
    main()
