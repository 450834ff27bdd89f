"""The whole inspection, as staff run it: the sandbox province served with a latency, then
`qmsaudit crawl --all` (crawl, read and audit, pipelined per agency) and a nightly recrawl.

Prints per run: wall time, agencies per minute, the peak RSS of the qmsaudit process and of
its largest child (a reader), requests and fetched bytes per agency, documents read, and
when the run's last answer came (the rest of the wall time: a dead site's late try, then
publishing).

    python -m bench.end_to_end --agencies 200 --latency 0.1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QMSAUDIT = [sys.executable, "-m", "inspection"]


def _timed_crawl(env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KiB) of the crawl process itself."""
    started = time.monotonic()
    crawl = subprocess.Popen([*QMSAUDIT, "crawl", "--all"], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(crawl.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"qmsaudit crawl --all ended {os.waitstatus_to_exitcode(status)}")
    return time.monotonic() - started, usage.ru_maxrss


def _last_run(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [*QMSAUDIT, "runs", "--json", "--limit", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    runs: list[dict[str, Any]] = json.loads(done.stdout)
    return runs[0]


def _fetched_bytes(data_dir: Path, run_id: int) -> int:
    import sqlite3

    with sqlite3.connect(data_dir / "qmsaudit.db") as db:
        row = db.execute("SELECT COALESCE(SUM(size), 0) FROM fetch WHERE run_id = ?", (run_id,))
        return int(row.fetchone()[0])


def _last_answer(data_dir: Path, run_id: int) -> float:
    """Seconds from the run's start to the last answer any site gave it."""
    import sqlite3

    with sqlite3.connect(data_dir / "qmsaudit.db") as db:
        row = db.execute(
            "SELECT (julianday(MAX(f.fetched_at)) - julianday(r.started_at)) * 86400 "
            "FROM fetch f JOIN run r ON r.id = f.run_id WHERE f.run_id = ? AND f.error IS NULL",
            (run_id,),
        )
        return float(row.fetchone()[0] or 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--recrawls", type=int, default=1)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="qmsaudit-e2e-"))
    serve = [sys.executable, "-m", "sandbox", "serve", "--port", "0", "--out", str(root / "sb")]
    serve += ["--agencies", str(args.agencies), "--latency", str(args.latency)]
    sandbox = subprocess.Popen(serve, stdout=subprocess.PIPE, text=True)
    try:
        assert sandbox.stdout is not None
        ready = json.loads(sandbox.stdout.readline())
        env = {
            **os.environ,
            "QMSAUDIT_DATA_DIR": str(root / "data"),
            "QMSAUDIT_ALLOW_PRIVATE": "1",
            "QMSAUDIT_AS_OF": ready["as_of"],
        }
        env.pop("QMSAUDIT_DATABASE_URL", None)
        subprocess.run(
            [*QMSAUDIT, "agencies", "import", ready["registry"]],
            env=env,
            check=True,
            capture_output=True,
        )
        for crawl in range(args.recrawls + 1):
            seconds, rss = _timed_crawl(env)
            run = _last_run(env)
            agencies = run["agencies_done"]
            fetched = _fetched_bytes(root / "data", run["id"])
            answered = _last_answer(root / "data", run["id"])
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            label = "first crawl" if crawl == 0 else f"recrawl {crawl}"
            print(
                f"{label:<12} {agencies} agencies in {seconds:.0f} s "
                f"({agencies / seconds * 60:.0f}/min), peak RSS {rss / 1024:.0f} MB "
                f"(largest process so far {children / 1024:.0f} MB), "
                f"{run['fetches'] / agencies:.1f} requests and "
                f"{fetched / agencies / 1024:.0f} KiB per agency, "
                f"{run['documents_read']} documents read, last answer at {answered:.0f} s",
                flush=True,
            )
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=30)


if __name__ == "__main__":
    main()
