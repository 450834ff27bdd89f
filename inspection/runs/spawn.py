"""Handing a claimed run to an executor in a child process (the scheduler, the web app).

The web process and the scheduler never crawl themselves: they claim the run, start
`qmsaudit runs execute N` and follow the run's state in the database. The child takes over
the run (`adopt_run`), so the slot stays held by a live process.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["log_path", "spawn_executor"]


def log_path(data_dir: Path, run_id: int) -> Path:
    """Where a spawned run writes its progress lines."""
    return data_dir / "runs" / f"{run_id}.log"


def spawn_executor(
    global_options: Sequence[str],
    run_id: int,
    *,
    log: Path | None = None,
    detach: bool = False,
    piped: bool = False,
) -> subprocess.Popen[bytes]:
    """Start `qmsaudit <global options> runs execute <run_id>`.

    log: a file for its output (else it shares ours, or it is `piped` to the caller, who
    then reads `stdout`). detach: in a session of its own, so that it outlives its parent
    (the web app restarting does not stop a crawl).
    """
    command = [sys.executable, "-m", "inspection", *global_options, "runs", "execute", str(run_id)]
    if log is None:
        return subprocess.Popen(
            command,
            stdout=subprocess.PIPE if piped else None,
            stderr=subprocess.STDOUT if piped else None,
            start_new_session=detach,
        )
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as kept:
        return subprocess.Popen(
            command,
            stdout=kept,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=detach,
        )
