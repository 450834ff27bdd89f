"""A distributed inspection on real services: PostgreSQL and Redis on loopback, `qmsaudit
worker` processes, the sandbox province; shared by tests/test_distributed.py and `make
demo-distributed` (`python -m tests.distributed_province`)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.postgres import running_postgres
from tests.qmsaudit_process import SandboxProcess, environment, qmsaudit, sandbox_process, start
from tests.redis_server import running_redis


@dataclass(frozen=True)
class Province:
    sandbox: SandboxProcess
    env: dict[str, str]
    database_url: str
    redis_url: str


@contextmanager
def distributed_province(
    root: Path, *sandbox_args: str, database_url: str | None = None, **settings: str
) -> Iterator[Province]:
    """Redis (and PostgreSQL unless `database_url` is given) started under `root`, the
    sandbox serving, its registry imported; every server stopped at the end."""
    with ExitStack() as stack:
        if database_url is None:
            database_url = stack.enter_context(running_postgres(root / "postgres"))
        redis_url = stack.enter_context(running_redis(root / "redis"))
        sandbox = stack.enter_context(sandbox_process(root / "sandbox", *sandbox_args))
        env = environment(root / "data", sandbox.truth["as_of"], redis_url=redis_url, **settings)
        env["QMSAUDIT_DATABASE_URL"] = database_url
        imported = qmsaudit(["agencies", "import", str(sandbox.registry)], env)
        if imported.returncode != 0:
            raise RuntimeError(f"import failed: {imported.stderr}")
        yield Province(sandbox, env, database_url, redis_url)


@contextmanager
def workers(env: Mapping[str, str], count: int) -> Iterator[list[subprocess.Popen[str]]]:
    """`count` `qmsaudit worker` processes, each in a session of its own; stopped (with
    their children) at the end."""
    started: list[subprocess.Popen[str]] = []
    try:
        for _ in range(count):
            started.append(start(["worker"], env))
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.terminate()
        for process in started:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()


def demo(agencies: int) -> int:
    """Two workers inspect the sandbox province; prints what `make demo` prints at the end."""
    root = Path(tempfile.mkdtemp(prefix="qmsaudit-distributed-"))
    root.chmod(0o755)  # PostgreSQL runs as its own user (as root's child) and must reach it
    try:
        with (
            distributed_province(root, "--agencies", str(agencies)) as province,
            workers(province.env, 2),
        ):
            print(f"PostgreSQL, Redis, hai tiến trình kiểm tra và {agencies} cơ quan mô phỏng.")
            crawled = subprocess.run(
                [sys.executable, "-m", "inspection", "crawl", "--all"],
                env=province.env,
                check=False,
            )
            if crawled.returncode != 0:
                return crawled.returncode
            return _compare(province)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _compare(province: Province) -> int:
    import json

    status = qmsaudit(["status", "--json"], province.env)
    rows = json.loads(status.stdout)
    expected = {a["code"]: a["status"] for a in province.sandbox.truth["agencies"]}
    wrong = [row for row in rows if expected.get(row["code"]) != row["status"]]
    print(f"Khớp với đáp án của tỉnh mô phỏng: {len(rows) - len(wrong)}/{len(rows)} cơ quan.")
    for row in wrong:
        print(f"  {row['code']}: {row['status']} (đáp án: {expected.get(row['code'])})")
    return 1 if wrong else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=demo.__doc__)
    parser.add_argument("--agencies", type=int, default=60)
    sys.exit(demo(parser.parse_args().agencies))
