"""`qmsaudit demo`: the sandbox province crawled and audited end to end, checked against truth."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlmodel import col, select

from inspection.registry import import_registry
from inspection.runs import (
    BarObserver,
    RunRequest,
    Stop,
    claim_run,
    execute_crawl,
    progress_bar,
)
from inspection.settings import Settings
from inspection.status import publishing_line, status_rows
from inspection.views import status_table
from store import Agency, make_engine, open_session, prepare


@dataclass(frozen=True)
class RunningSandbox:
    port: int
    registry: Path
    truth: Path
    as_of: date


# Agencies per CMS tier (NukeViet, DotNetNuke, SharePoint, Liferay, Joomla, ISO platform).
PLATFORM_AGENCIES = 2


@contextmanager
def sandbox_process(
    out_dir: Path, *arguments: str, module: str = "sandbox"
) -> Iterator[RunningSandbox]:
    """Run `python -m <module> serve` (the sandbox province, or `sandbox.wordpress`) in a
    child process until the block ends."""
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / "serve.log"  # a file, not a pipe nobody reads while it serves
    with log.open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", module, "serve", "--port", "0"),
                "--out",
                str(out_dir),
                *arguments,
            ],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            said = log.read_text("utf-8").strip().splitlines()
            raise RuntimeError(said[-1] if said else f"exit {process.wait()}")
        ready = json.loads(line)
        yield RunningSandbox(
            port=int(ready["port"]),
            registry=Path(ready["registry"]),
            truth=Path(ready["truth"]),
            as_of=date.fromisoformat(ready["as_of"]),
        )
    finally:
        process.terminate()
        process.wait(timeout=60)
        if process.stdout is not None:
            process.stdout.close()


@contextmanager
def wordpress_tier(out_dir: Path, as_of: date, console: Console) -> Iterator[RunningSandbox | None]:
    """The sandbox's WordPress agencies (Debian's WordPress, MariaDB, PHP-FPM, nginx), or
    None, said, when this machine cannot run them."""
    console.print("Đang dựng các trang WordPress của tỉnh mô phỏng (khoảng nửa phút)…")
    with ExitStack() as stack:
        try:
            tier = stack.enter_context(
                sandbox_process(out_dir, "--as-of", as_of.isoformat(), module="sandbox.wordpress")
            )
        except RuntimeError as error:  # its start failed; an error in the block is not caught
            console.print(f"[yellow]Bỏ qua các trang WordPress: {error}[/]")
            tier = None
        yield tier


def run_demo(settings: Settings, console: Console) -> int:
    """Returns the exit status: 0 when every agency ends at its true status."""
    demo_dir = settings.data_dir / "demo"
    settings = settings.model_copy(
        update={"data_dir": demo_dir, "database_url": None, "allow_private": True}
    )
    engine = make_engine(settings.effective_database_url)
    prepare(engine)
    platforms = ("--platforms", str(PLATFORM_AGENCIES))
    with (
        sandbox_process(demo_dir / "sandbox", *platforms) as sandbox,
        wordpress_tier(demo_dir / "wordpress", sandbox.as_of, console) as wordpress,
    ):
        console.print(f"Tỉnh mô phỏng đang chạy trên 127.0.0.1:{sandbox.port}")
        parts = [sandbox] if wordpress is None else [sandbox, wordpress]
        with open_session(engine) as session:
            imported = sum(import_registry(session, part.registry).imported for part in parts)
            console.print(f"Đã nhập {imported} cơ quan.")
            agencies = list(session.exec(select(Agency).order_by(col(Agency.code))).all())
        options = settings.execution_options(sandbox.as_of)
        run = claim_run(engine, RunRequest(as_of=sandbox.as_of), agencies=len(agencies))
        with progress_bar() as progress:
            observer = BarObserver(progress, len(agencies), crawled_total=len(agencies))
            outcome = execute_crawl(
                engine,
                settings.blobs(engine),
                run,
                agencies,
                options,
                observer=observer,
                stop=Stop(),
            )
        if outcome.state != "complete":
            console.print(f"[red]Lượt kiểm tra không hoàn thành: {outcome.reason}[/]")
            return 1
        truth = {
            "agencies": [
                agency
                for part in parts
                for agency in json.loads(part.truth.read_text("utf-8"))["agencies"]
            ]
        }
    with open_session(engine) as session:
        rows = status_rows(session)
    console.print(status_table(rows))
    console.print(publishing_line(rows))
    return _compare_with_truth(rows, truth, console)


def _compare_with_truth(rows: list[dict[str, Any]], truth: dict[str, Any], console: Console) -> int:
    expected = {agency["code"]: agency["status"] for agency in truth["agencies"]}
    wrong = [row for row in rows if expected.get(row["code"]) != row["status"]]
    matched = len(rows) - len(wrong)
    console.print(f"Khớp với đáp án của tỉnh mô phỏng: {matched}/{len(rows)} cơ quan.")
    for row in wrong:
        console.print(
            f"[red]  {row['code']}: {row['status']} (đáp án: {expected.get(row['code'])})[/]"
        )
    return 1 if wrong else 0
