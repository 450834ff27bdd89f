"""`qmsaudit demo`: the sandbox province crawled and audited end to end, checked against truth."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
from store import Agency, BlobStore, make_engine, open_session, prepare


@dataclass(frozen=True)
class RunningSandbox:
    port: int
    registry: Path
    truth: Path
    as_of: date


@contextmanager
def sandbox_process(out_dir: Path) -> Iterator[RunningSandbox]:
    """Run `python -m sandbox serve` in a child process until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "serve", "--port", "0", "--out", str(out_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the sandbox did not start (exit {process.wait()})")
        ready = json.loads(line)
        yield RunningSandbox(
            port=int(ready["port"]),
            registry=Path(ready["registry"]),
            truth=Path(ready["truth"]),
            as_of=date.fromisoformat(ready["as_of"]),
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def run_demo(settings: Settings, console: Console) -> int:
    """Returns the exit status: 0 when every agency ends at its true status."""
    demo_dir = settings.data_dir / "demo"
    settings = settings.model_copy(
        update={"data_dir": demo_dir, "database_url": None, "allow_private": True}
    )
    engine = make_engine(settings.effective_database_url)
    prepare(engine)
    with sandbox_process(demo_dir / "sandbox") as sandbox:
        console.print(f"Tỉnh mô phỏng đang chạy trên 127.0.0.1:{sandbox.port}")
        with open_session(engine) as session:
            report = import_registry(session, sandbox.registry)
            console.print(f"Đã nhập {report.imported} cơ quan.")
            agencies = list(session.exec(select(Agency).order_by(col(Agency.code))).all())
        options = settings.execution_options(sandbox.as_of)
        run = claim_run(engine, RunRequest(as_of=sandbox.as_of), agencies=len(agencies))
        with progress_bar() as progress:
            observer = BarObserver(progress, len(agencies), crawled_total=len(agencies))
            outcome = execute_crawl(
                engine,
                BlobStore(settings.blob_dir),
                run,
                agencies,
                options,
                observer=observer,
                stop=Stop(),
            )
        if outcome.state != "complete":
            console.print(f"[red]Lượt kiểm tra không hoàn thành: {outcome.reason}[/]")
            return 1
        truth = json.loads(sandbox.truth.read_text("utf-8"))
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
