"""Distributed mode end to end: the sandbox province crawled, read and judged by 1, 2, …
`qmsaudit worker` processes on Redis + PostgreSQL.

    .venv/bin/python bench/distributed.py [--agencies 200] [--latency 100ms]
        [--workers 1 --workers 2] [--worker-agencies 8] [--local]
        [--blob-store files --blob-store database] [--out FILE]
        [--recrawl-workers 1 --recrawl-workers 2 ...]

Starts the sandbox once (`python -m sandbox serve`, the given latency); then for each worker
count a fresh PostgreSQL and Redis on loopback (`tests/postgres.py`, `tests/redis_server.py`),
imports the registry, starts the workers, and times `qmsaudit crawl --all` from its start to
its summary line (wall), checking every status against the sandbox's truth. `--local` adds
a row for the same crawl executed in one process (no Redis) on the same PostgreSQL set-up.
Peak RSS is each process's VmHWM, sampled from /proc every 0.2 s over the whole tree, and
given per kind of process: the `crawl` that follows the run, a worker, the largest child
inspecting one agency, the largest document reader. `--blob-store` (repeatable) measures
each configuration with the evidence in a folder (`files`, the default) and/or in
PostgreSQL (`database`; then each worker and the `crawl` get a data folder of their own,
as machines without a shared folder would), and reports how big the store is after the
run. The last column: when the last agency with a host of its own had its last answer,
and the last agency on a shared host (the communes' portal, whose per-site limit holds
across all workers). Prints a Markdown table, and writes it to `--out` when given.

`--recrawl-workers` (repeatable) measures instead one first crawl (two workers), then a
nightly recrawl with nothing changed by each given number of workers, one after the other
on the same database: a recrawl reads almost nothing, so it shows what workers add to the
crawl itself.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.distributed_province import workers  # noqa: E402
from tests.postgres import running_postgres  # noqa: E402
from tests.qmsaudit_process import environment, qmsaudit, sandbox_process  # noqa: E402
from tests.redis_server import running_redis  # noqa: E402

SAMPLE_SECONDS = 0.2
CRAWL_LIMIT = 3600.0


@dataclass(frozen=True)
class Figures:
    executor: str
    agencies: int
    wall: float
    matched: int
    peak_mb: dict[str, float]
    stored: str
    answered: str

    def row(self) -> str:
        per_minute = self.agencies / (self.wall / 60)
        peaks = " / ".join(
            f"{self.peak_mb[kind]:.0f}" if kind in self.peak_mb else "–" for kind in KINDS
        )
        return (
            f"| {self.executor} | {self.agencies} | {self.wall:.0f} | {per_minute:.1f} | "
            f"{self.matched}/{self.agencies} | {peaks} | {self.stored} | {self.answered} |"
        )


KINDS = ("crawl", "worker", "agency", "reader")


def _kind(arguments: list[str]) -> str:
    if "worker" in arguments:
        return "worker"
    if "agency" in arguments and "runs" in arguments:
        return "agency"
    if "crawl" in arguments:
        return "crawl"
    return "reader"


class PeakWatch:
    """Samples VmHWM of every descendant of this process, by kind, until stopped."""

    def __init__(self) -> None:
        self.peaks: dict[str, float] = defaultdict(float)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        root = str(Path("/proc/self").resolve().name)
        while not self._stop.wait(SAMPLE_SECONDS):
            parents: dict[str, str] = {}
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents[stat.parent.name] = fields[1]
            for pid in parents:
                if pid == root or not _descends(pid, root, parents):
                    continue
                self._measure(pid)

    def _measure(self, pid: str) -> None:
        try:
            arguments = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        if "sandbox" in arguments or any("redis-server" in a for a in arguments):
            return
        if any(a.endswith("postgres") or "postgres:" in a for a in arguments):
            return
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        if found:
            kind = _kind(arguments)
            self.peaks[kind] = max(self.peaks[kind], int(found.group(1)) / 1024)


def _descends(pid: str, root: str, parents: dict[str, str]) -> bool:
    seen = 0
    while pid in parents and seen < 64:
        pid = parents[pid]
        if pid == root:
            return True
        seen += 1
    return False


def _measure_one(
    root: Path,
    sandbox_registry: Path,
    truth: dict[str, str],
    as_of: str,
    count: int,
    worker_agencies: int,
    blob_store: str,
) -> Figures:
    with ExitStack() as stack:
        database = stack.enter_context(running_postgres(root / "postgres"))
        settings = {"worker_agencies": str(worker_agencies), "blob_store": blob_store}
        if count:
            settings["redis_url"] = stack.enter_context(running_redis(root / "redis"))
        env = environment(root / "data", as_of, **settings)
        env["QMSAUDIT_DATABASE_URL"] = database
        imported = qmsaudit(["agencies", "import", str(sandbox_registry)], env)
        assert imported.returncode == 0, imported.stderr
        with PeakWatch() as watch:
            for n in range(count):
                own = {**env, "QMSAUDIT_DATA_DIR": str(root / f"worker-{n}")}
                stack.enter_context(workers(env if blob_store == "files" else own, 1))
            wall = _crawl_all(env)
        executor = f"{count} worker{'s' if count > 1 else ''}" if count else "local (one process)"
        return _figures(
            f"{executor}, blobs in {blob_store}",
            wall,
            watch,
            env,
            truth,
            database,
            (root / "data" / "blobs", blob_store),
        )


def _measure_recrawls(
    root: Path,
    sandbox_registry: Path,
    truth: dict[str, str],
    as_of: str,
    counts: list[int],
    worker_agencies: int,
) -> list[Figures]:
    """One first crawl by two workers, then a nightly recrawl (nothing changed) by each
    number of workers in turn, on the same PostgreSQL and Redis."""
    figures = []
    with ExitStack() as stack:
        database = stack.enter_context(running_postgres(root / "postgres"))
        redis_url = stack.enter_context(running_redis(root / "redis"))
        settings = {"worker_agencies": str(worker_agencies), "redis_url": redis_url}
        env = {**environment(root / "data", as_of, **settings), "QMSAUDIT_DATABASE_URL": database}
        imported = qmsaudit(["agencies", "import", str(sandbox_registry)], env)
        assert imported.returncode == 0, imported.stderr
        for label, count in [("first crawl", 2), *(("recrawl", count) for count in counts)]:
            with ExitStack() as running, PeakWatch() as watch:
                running.enter_context(workers(env, count))
                wall = _crawl_all(env)
            figures.append(
                _figures(
                    f"{label}, {count} worker{'s' if count > 1 else ''}",
                    wall,
                    watch,
                    env,
                    truth,
                    database,
                    (root / "data" / "blobs", "files"),
                )
            )
            print(figures[-1].row(), flush=True)
    return figures


def _crawl_all(env: dict[str, str]) -> float:
    """Seconds `qmsaudit crawl --all` took; it must succeed."""
    started = time.monotonic()
    crawled = qmsaudit(["crawl", "--all"], env, timeout=CRAWL_LIMIT)
    wall = time.monotonic() - started
    assert crawled.returncode == 0, crawled.stderr[-2000:]
    return wall


def _figures(
    label: str,
    wall: float,
    watch: PeakWatch,
    env: dict[str, str],
    truth: dict[str, str],
    database: str,
    blobs: tuple[Path, str],
) -> Figures:
    """A finished run's row: statuses matched against the truth, peaks, what was stored."""
    rows = json.loads(qmsaudit(["status", "--json"], env).stdout)
    matched = sum(1 for row in rows if truth.get(row["code"]) == row["status"])
    folder, store = blobs
    stored, answers = _stored(env, database, folder, store), _last_answers(database)
    return Figures(label, len(rows), wall, matched, dict(watch.peaks), stored, answers)


def _last_answers(database: str) -> str:
    """Seconds from the run's start to the last answer of an agency with a host of its
    own, and of one on a shared host (the communes' portal: its per-site limit binds
    every worker together)."""
    from urllib.parse import urlsplit

    from sqlalchemy import create_engine, text

    query = text(
        "SELECT a.website, EXTRACT(EPOCH FROM MAX(f.fetched_at) - r.started_at) "
        'FROM "fetch" f JOIN agency a ON a.id = f.agency_id JOIN run r ON r.id = f.run_id '
        "WHERE f.run_id = (SELECT MAX(id) FROM run) AND f.error IS NULL "
        "GROUP BY a.id, a.website, r.started_at"
    )
    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            rows = [(urlsplit(site).hostname, float(s)) for site, s in connection.execute(query)]
    finally:
        engine.dispose()
    sharing: dict[str | None, int] = defaultdict(int)
    for host, _ in rows:
        sharing[host] += 1
    own = max((s for host, s in rows if sharing[host] == 1), default=0.0)
    shared = max((s for host, s in rows if sharing[host] > 1), default=0.0)
    return f"{own:.0f} / {shared:.0f}"


def _stored(env: dict[str, str], database: str, folder: Path, blob_store: str) -> str:
    """The blob store after the run: blobs and bytes (`db stats`), and what they take on
    disk (the folder's blocks; the blob table with its TOAST and index)."""
    stats = json.loads(qmsaudit(["db", "stats", "--json"], env).stdout)["blobs"]
    if blob_store == "files":
        disk = sum(path.stat().st_blocks * 512 for path in folder.rglob("*") if path.is_file())
    else:
        from sqlalchemy import create_engine, text

        engine = create_engine(database)
        try:
            with engine.connect() as connection:
                query = text("SELECT pg_total_relation_size('blob')")
                disk = int(connection.execute(query).scalar_one())
        finally:
            engine.dispose()
    return f"{stats['files']:,} / {stats['bytes'] / 1e6:.1f} / {disk / 1e6:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--latency", default="100ms")
    parser.add_argument("--workers", type=int, action="append")
    parser.add_argument("--worker-agencies", type=int, default=8)
    parser.add_argument("--local", action="store_true")
    parser.add_argument("--blob-store", choices=["files", "database"], action="append")
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--recrawl-workers",
        type=int,
        action="append",
        help="instead: a first crawl, then a recrawl by each of these numbers of workers",
    )
    options = parser.parse_args()
    counts = ([0] if options.local else []) + (options.workers or [1, 2])
    stores = options.blob_store or ["files"]
    lines = [
        "| executor | agencies | wall (s) | agencies/min | matched truth "
        "| peak RSS MB: crawl / worker / agency child / reader "
        "| blobs / MB stored / MB on disk | last answer (s): own hosts / shared host |",
        "|---|---|---|---|---|---|---|---|",
    ]
    base = Path(tempfile.mkdtemp(prefix="qmsaudit-bench-distributed-"))
    base.chmod(0o755)  # PostgreSQL runs as its own user and must reach its folder
    arguments = ("--agencies", str(options.agencies), "--latency", options.latency)
    with sandbox_process(base / "sandbox", *arguments) as sandbox:
        truth = {agency["code"]: agency["status"] for agency in sandbox.truth["agencies"]}
        if options.recrawl_workers:
            recrawls = _measure_recrawls(
                base / "recrawls",
                sandbox.registry,
                truth,
                sandbox.truth["as_of"],
                options.recrawl_workers,
                options.worker_agencies,
            )
            lines += [figures.row() for figures in recrawls]
            counts = []
        for count in counts:
            for store in stores:
                figures = _measure_one(
                    base / f"run-{count}-{store}",
                    sandbox.registry,
                    truth,
                    sandbox.truth["as_of"],
                    count,
                    options.worker_agencies,
                    store,
                )
                lines.append(figures.row())
                print(lines[-1], flush=True)
    table = "\n".join(lines)
    print(table)
    if options.out:
        options.out.write_text(table + "\n", "utf-8")


if __name__ == "__main__":
    main()
