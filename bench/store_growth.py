"""How much the store grows per nightly recrawl, with and without retention.

Serves the sandbox province (with its CMS tiers, whose pages change on every fetch, as real
portals' counters and clocks do), crawls it once, then recrawls it N times, and after each
run reports rows per table and stored bytes (`qmsaudit db stats --json`). Then prunes as if
`QMSAUDIT_KEEP_PAGES_DAYS` had passed and reports again.

    python -m bench.store_growth --agencies 60 --platforms 4 --recrawls 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QMSAUDIT = [sys.executable, "-m", "inspection"]


def _qmsaudit(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(QMSAUDIT + args, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0,):
        raise SystemExit(f"qmsaudit {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def _stats(env: dict[str, str]) -> dict[str, Any]:
    stats: dict[str, Any] = json.loads(_qmsaudit(["db", "stats", "--json"], env))
    return stats


def _line(label: str, stats: dict[str, Any], before: dict[str, Any] | None) -> str:
    rows, blobs = stats["rows"], stats["blobs"]
    grew = ""
    if before is not None:
        grew = (
            f"  (+{blobs['bytes'] - before['blobs']['bytes']:,} bytes, "
            f"+{rows['fetch'] - before['rows']['fetch']} fetches, "
            f"+{rows['document'] - before['rows']['document']} documents)"
        )
    return (
        f"{label:<22} {blobs['files']:>6} files {blobs['bytes']:>14,} bytes "
        f"({blobs['evidence_bytes']:,} evidence), {rows['fetch']} fetches, "
        f"{rows['document']} documents{grew}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--platforms", type=int, default=4)
    parser.add_argument("--recrawls", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="qmsaudit-growth-"))
    serve = [sys.executable, "-m", "sandbox", "serve", "--port", "0", "--out", str(root / "sb")]
    serve += ["--agencies", str(args.agencies), "--platforms", str(args.platforms)]
    sandbox = subprocess.Popen(serve, stdout=subprocess.PIPE, text=True)
    try:
        assert sandbox.stdout is not None
        ready = json.loads(sandbox.stdout.readline())
        env = {
            **os.environ,
            "QMSAUDIT_DATA_DIR": str(root / "data"),
            "QMSAUDIT_ALLOW_PRIVATE": "1",
            "QMSAUDIT_AS_OF": ready["as_of"],
            "QMSAUDIT_TIMEOUT": "10",
            "QMSAUDIT_KEEP_PAGES_DAYS": "30",
        }
        _qmsaudit(["agencies", "import", ready["registry"]], env)
        before = None
        for crawl in range(args.recrawls + 1):
            started = time.monotonic()
            _qmsaudit(["crawl", "--all"], env)
            stats = _stats(env)
            label = "first crawl" if crawl == 0 else f"recrawl {crawl}"
            print(_line(label, stats, before), f"[{time.monotonic() - started:.0f} s]")
            before = stats
        # As if the pages were older than the retention: a run with 0 days prunes them.
        _qmsaudit(["crawl", "--all"], {**env, "QMSAUDIT_KEEP_PAGES_DAYS": "0"})
        print(_line("recrawl, pages pruned", _stats(env), before))
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=30)


if __name__ == "__main__":
    main()
