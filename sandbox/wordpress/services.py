"""Start one server process in a session of its own, wait until it serves, stop it and its children.

Each server runs in the foreground in a new session (process group), so stopping it ends
its workers as well: SIGTERM to the master, then SIGKILL to whatever of the group is left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sandbox.wordpress.errors import ServiceError

READY_TIMEOUT = 60.0  # seconds a server may take to start serving
STOP_TIMEOUT = 20.0  # seconds a server may take to stop before it is killed
LOG_TAIL = 2000  # characters of a log quoted in an error


@dataclass(frozen=True, kw_only=True)
class Service:
    """A started server: its name, master process and log file."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path


def log_tail(log: Path) -> str:
    """The end of a log file, for an error message."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return text[-LOG_TAIL:].strip() or "(empty log)"


def start(name: str, command: Sequence[str], *, log: Path) -> Service:
    """Run `command` in a new session, its output appended to `log`."""
    with log.open("ab") as handle:
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Service(name=name, process=process, log=log)


def wait_until(service: Service, ready: Callable[[], bool], *, timeout: float) -> None:
    """Return once `ready()` holds; `ServiceError` if the server exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while not ready():
        code = service.process.poll()
        if code is not None:
            raise ServiceError(f"{service.name} exited with {code}:\n{log_tail(service.log)}")
        if time.monotonic() > deadline:
            raise ServiceError(
                f"{service.name} did not start within {timeout:.0f} s:\n{log_tail(service.log)}"
            )
        time.sleep(0.05)


def accepts(port: int) -> Callable[[], bool]:
    """A check that something accepts TCP connections on 127.0.0.1:`port`."""

    def check() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    return check


def group_members(groups: set[int]) -> set[int]:
    """The live processes whose process group is one of `groups` (read from /proc)."""
    members: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, pgrp, …
        if fields[0] != "Z" and int(fields[2]) in groups:
            members.add(int(entry.name))
    return members


def stop(service: Service, *, timeout: float = STOP_TIMEOUT) -> None:
    """Stop the server and every process of its group; never leaves one running."""
    process = service.process
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):  # then killed with its group
            process.wait(timeout=timeout)
    group = process.pid  # start_new_session made the master its group's leader
    deadline = time.monotonic() + timeout
    while group_members({group}):
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            break
        if time.monotonic() > deadline:
            raise ServiceError(f"{service.name}: processes of group {group} survive SIGKILL")
        time.sleep(0.05)
    process.wait()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
