"""A throwaway Redis server for tests and the distributed demo: Debian's `redis-server` on a
free loopback port, its folder in a temporary directory, no persistence, killed at the end."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.postgres import free_port

STARTUP_POLLS = 200  # of 0.05 s: Redis starts in milliseconds; this only bounds the wait


@contextmanager
def running_redis(root: Path) -> Iterator[str]:
    """Yield the redis:// URL of a server that lives for the block."""
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            *("--bind", "127.0.0.1", "--port", str(port), "--dir", str(root)),
            *("--save", "", "--appendonly", "no", "--daemonize", "no"),
            *("--logfile", str(root / "redis.log")),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_ready(url, server)
        yield url
    finally:
        server.kill()
        server.wait(timeout=30)


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    client = redis.Redis.from_url(url)
    try:
        for _ in range(STARTUP_POLLS):
            if server.poll() is not None:
                raise RuntimeError(f"redis-server exited with {server.returncode}")
            try:
                if client.ping():
                    return
            except (OSError, redis.ConnectionError):
                time.sleep(0.05)
        raise RuntimeError("redis-server did not answer")
    finally:
        client.close()
