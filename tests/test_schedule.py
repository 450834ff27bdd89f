"""`qmsaudit schedule` against the sandbox: runs on time, one at a time, survives restarts,
stops cleanly, and mails a digest (to a real SMTP server on loopback)."""

from __future__ import annotations

import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.qmsaudit_process import (
    environment,
    qmsaudit,
    run_state,
    sandbox_process,
    start,
    wait_for,
)


@dataclass
class Mailbox:
    """An aiosmtpd handler keeping every message it is given."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture(scope="module")
def province(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, dict[str, Any], Path]]:
    root = tmp_path_factory.mktemp("schedule")
    # Every answer 300 ms late: a run lasts long enough for the tests to act while it runs
    # (a manual crawl, a SIGTERM) even on a loaded machine slow to start a process.
    with sandbox_process(root / "sandbox", "--preset", "skeleton", "--latency", "300ms") as box:
        yield root, box.truth, box.registry


class Log:
    """The lines a `qmsaudit schedule` process writes (stderr), read as they come."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            self.lines.append(line)

    def has(self, text: str, times: int = 1) -> bool:
        return sum(text in line for line in self.lines) >= times

    def close(self) -> None:
        """After the process ended: the rest of its output, and its pipes closed."""
        self._thread.join(timeout=30)
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()


def _scheduler(request: pytest.FixtureRequest, env: dict[str, str]) -> subprocess.Popen[str]:
    """`qmsaudit schedule`, killed at the end of the test if the test did not stop it."""
    process = start(["schedule"], env)

    def kill_if_running() -> None:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)

    request.addfinalizer(kill_if_running)
    return process


def test_two_scheduled_runs_a_refused_manual_crawl_a_digest_and_a_clean_stop(
    province: tuple[Path, dict[str, Any], Path], request: pytest.FixtureRequest
) -> None:
    root, truth, registry = province
    mailbox = Mailbox()
    with socket.socket() as probe:  # aiosmtpd needs its port before it starts
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        env = environment(
            root / "every-minute",
            truth["as_of"],
            schedule="* * * * *",
            smtp_url=f"smtp://127.0.0.1:{port}",
            notify="thanh@skhcn.example, lan@skhcn.example",
            province="Tỉnh Demo",
        )
        assert qmsaudit(["agencies", "import", str(registry)], env).returncode == 0
        scheduler = _scheduler(request, env)
        log = Log(scheduler)
        running = "SELECT id FROM run WHERE trigger = 'schedule' AND state = 'running'"
        assert wait_for(lambda: run_state(env, running) is not None, process=scheduler)
        manual = qmsaudit(["crawl", "--all"], env)
        assert manual.returncode == 75, manual.stderr
        assert "theo lịch" in manual.stderr
        complete = "SELECT count(*) FROM run WHERE trigger = 'schedule' AND state = 'complete'"
        assert wait_for(lambda: (run_state(env, complete) or (0,))[0] >= 2, process=scheduler)
        assert wait_for(lambda: log.has("kết thúc lượt", 2), process=scheduler)
        scheduler.send_signal(signal.SIGTERM)
        assert scheduler.wait(timeout=60) == 0
        log.close()
    finally:
        smtp.stop()
    assert log.has("Lịch: đã dừng.")
    assert log.has("Lịch: bắt đầu lượt kiểm tra #1, 17 cơ quan.")
    assert any("kết thúc lượt #1: hoàn thành" in line for line in log.lines)
    assert any("Lượt #1: 10/17 cơ quan" in line and "còn" in line for line in log.lines)
    kept = (Path(env["QMSAUDIT_DATA_DIR"]) / "runs" / "1.log").read_text("utf-8")
    assert "Lượt #1: 10/17 cơ quan" in kept  # the run's own log, which the dashboard shows
    assert run_state(env, "SELECT count(*) FROM run WHERE state = 'running'") == (0,)
    assert len(mailbox.messages) >= 2
    first = mailbox.messages[0]
    assert first["To"] == "thanh@skhcn.example, lan@skhcn.example"
    assert (
        "Tỉnh Demo" in first["Subject"]
        and "cơ quan đã đăng tải tài liệu HTQLCL" in first["Subject"]
    )
    body = first.get_content()
    assert "đã hoàn thành" in body and "Đổi trạng thái" in body  # every agency is new in run 1


def test_a_run_missed_while_off_runs_once_at_start_and_sigterm_interrupts_it(
    province: tuple[Path, dict[str, Any], Path], request: pytest.FixtureRequest
) -> None:
    root, truth, registry = province
    env = environment(root / "missed", truth["as_of"], schedule="0 1 * * *")
    assert qmsaudit(["agencies", "import", str(registry)], env).returncode == 0
    first = _scheduler(request, env)
    first_log = Log(first)
    assert wait_for(lambda: first_log.has("lần chạy tiếp theo"), process=first)
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=60) == 0
    first_log.close()
    assert run_state(env, "SELECT count(*) FROM run") == (0,)
    _as_if_off_at_the_last_run(Path(env["QMSAUDIT_DATA_DIR"]) / "qmsaudit.db")
    again = _scheduler(request, env)
    log = Log(again)
    running = "SELECT id FROM run WHERE trigger = 'schedule' AND agencies_done >= 1"
    assert wait_for(lambda: run_state(env, running) is not None, process=again)
    again.send_signal(signal.SIGTERM)
    assert again.wait(timeout=60) == 0
    log.close()
    assert run_state(env, "SELECT count(*), min(state) FROM run") == (1, "interrupted")
    assert any("kết thúc lượt #1: bị dừng" in line for line in log.lines)
    assert log.has("Lịch: đã dừng.")


def _as_if_off_at_the_last_run(database: Path) -> None:
    """Move the stored job's next run an hour into the past, as if the machine had been off
    when it was due (APScheduler keeps it both in a column and in the pickled job)."""
    import pickle
    import sqlite3
    from contextlib import closing
    from datetime import UTC, datetime, timedelta

    due = datetime.now(UTC) - timedelta(hours=1)
    with closing(sqlite3.connect(database)) as db:
        ((state,),) = db.execute("SELECT job_state FROM apscheduler_jobs").fetchall()
        job = pickle.loads(state)
        job["next_run_time"] = due
        db.execute(
            "UPDATE apscheduler_jobs SET next_run_time = ?, job_state = ?",
            (due.timestamp(), pickle.dumps(job, pickle.HIGHEST_PROTOCOL)),
        )
        db.commit()
