"""Driving qmsaudit as staff and operators do: a sandbox province in a process of its own,
`qmsaudit` commands in child processes, and what `status --json` publishes, compared."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QMSAUDIT = [sys.executable, "-m", "inspection"]


@dataclass(frozen=True)
class SandboxProcess:
    port: int
    registry: Path
    truth: dict[str, Any]
    process: subprocess.Popen[str]


@contextmanager
def sandbox_process(out: Path, *args: str, module: str = "sandbox") -> Iterator[SandboxProcess]:
    """`python -m sandbox serve` (or `sandbox.wordpress`, the real WordPress tier) with
    `args`, until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", module, "serve", "--port", "0", "--out", str(out), *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline())
        truth = json.loads(Path(ready["truth"]).read_text("utf-8"))
        yield SandboxProcess(int(ready["port"]), Path(ready["registry"]), truth, process)
    finally:
        process.terminate()
        process.wait(timeout=60)  # the WordPress tier stops MariaDB, PHP-FPM and nginx
        if process.stdout is not None:
            process.stdout.close()


def environment(data_dir: Path, as_of: str, **settings: str) -> dict[str, str]:
    env = {
        **os.environ,
        "QMSAUDIT_DATA_DIR": str(data_dir),
        "QMSAUDIT_ALLOW_PRIVATE": "1",
        "QMSAUDIT_AS_OF": as_of,
        "QMSAUDIT_TIMEOUT": "10",
        "QMSAUDIT_RETRIES": "1",
        **{f"QMSAUDIT_{name.upper()}": value for name, value in settings.items()},
    }
    env.pop("QMSAUDIT_DATABASE_URL", None)
    return env


def qmsaudit(
    args: list[str], env: Mapping[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        QMSAUDIT + args,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start(args: list[str], env: Mapping[str, str]) -> subprocess.Popen[str]:
    """A `qmsaudit` command in its own session (a process group, as a terminal makes)."""
    return subprocess.Popen(
        QMSAUDIT + args,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def published(env: Mapping[str, str]) -> dict[str, Any]:
    """What staff see, without times: per agency its status, version, documents and open
    findings (rule, subject, severity)."""
    result = qmsaudit(["status", "--json"], env)
    assert result.returncode == 0, result.stderr
    return {
        row["code"]: {
            "status": row["status"],
            "iso_version": row["iso_version"],
            "documents": sorted((d["url"], d["doc_type"]) for d in row["documents"]),
            "findings": sorted((f["rule"], f["subject"], f["severity"]) for f in row["findings"]),
        }
        for row in json.loads(result.stdout)
    }


def database(env: Mapping[str, str]) -> Path:
    return Path(env["QMSAUDIT_DATA_DIR"]) / "qmsaudit.db"


def run_state(env: Mapping[str, str], query: str) -> tuple[Any, ...] | None:
    """One row of a query on the database (read-only), or None."""
    import sqlite3
    from contextlib import closing

    path = database(env)
    if not path.exists():
        return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as connection:
        try:
            row = connection.execute(query).fetchone()
        except sqlite3.OperationalError:  # the schema is being made
            return None
    return tuple(row) if row is not None else None


def wait_for(condition: Any, *, process: subprocess.Popen[str], polls: int = 6000) -> bool:
    """Poll `condition()` every 0.05 s while `process` runs; True once it holds."""
    for _ in range(polls):
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def kill_group(process: subprocess.Popen[str], sig: signal.Signals) -> None:
    os.killpg(process.pid, sig)
