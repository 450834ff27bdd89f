"""`qmsaudit db copy` of a crawled province into a fresh PostgreSQL: wall time, peak RSS,
what was copied, and whether `status --json` reads the same from the copy.

    python -m bench.db_copy --data /tmp/qmsaudit-e2e-XXXX/data

`--data` is a data folder with a SQLite database and its blob folder, such as the one a
`bench.end_to_end` run leaves in /tmp/qmsaudit-e2e-*. The PostgreSQL server is started
for the copy on loopback and deleted after it (`tests/postgres.py`).
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

from tests.postgres import running_postgres

QMSAUDIT = [sys.executable, "-m", "inspection"]


def _status(env: dict[str, str]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [*QMSAUDIT, "status", "--json"], env=env, capture_output=True, text=True, check=True
    )
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    source = {**os.environ, "QMSAUDIT_DATA_DIR": str(args.data)}
    for name in ("QMSAUDIT_DATABASE_URL", "QMSAUDIT_BLOB_STORE"):
        source.pop(name, None)
    with running_postgres(Path(tempfile.mkdtemp(prefix="qmsaudit-copy-"))) as url:
        started = time.monotonic()
        copy = subprocess.Popen(
            [*QMSAUDIT, "db", "copy", "--to", url, "--json"], env=source, stdout=subprocess.PIPE
        )
        assert copy.stdout is not None
        out = copy.stdout.read()
        _, status, usage = os.wait4(copy.pid, 0)
        wall = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"db copy ended {os.waitstatus_to_exitcode(status)}")
        report = json.loads(out)
        target = {**source, "QMSAUDIT_DATABASE_URL": url, "QMSAUDIT_BLOB_STORE": "database"}
        same = _status(source) == _status(target)
    tables, blobs = report["tables"], report["blobs"]
    print(
        f"{sum(tables.values())} rows ({tables.get('fetch', 0)} fetches) and "
        f"{blobs['copied']} blobs ({blobs['bytes'] / 2**20:.1f} MiB) in {wall:.1f} s, "
        f"peak RSS {usage.ru_maxrss / 1024:.0f} MB; status --json the same: {same}"
    )


if __name__ == "__main__":
    main()
