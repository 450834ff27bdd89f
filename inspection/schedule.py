"""The nightly schedule: APScheduler 3 in the foreground, its job kept in our own database.

`qmsaudit schedule` keeps one job, "nightly", on `QMSAUDIT_SCHEDULE` (a 5-field cron) in
`QMSAUDIT_TIMEZONE`, stored by APScheduler's SQLAlchemy job store (table
`apscheduler_jobs`), so the schedule survives restarts: a run missed while the machine was
off runs once when it comes back (coalesced, within `MISFIRE_GRACE`). A scheduled run is an
ordinary run with trigger "schedule": it claims the one slot (and is skipped, with a log
line, when another run holds it), is executed by a child `qmsaudit runs execute N`, and is
followed to its end. SIGTERM/SIGINT stop the scheduler within seconds: a run in progress is
asked to stop and ends interrupted, publishing nothing.
"""

from __future__ import annotations

import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import FrameType
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine

from inspection.labels import RUN_STATE_LABELS, STATUS_LABELS
from inspection.notify import send_digest
from inspection.runs import RunBusyError, RunRequest, claim_run, end_run, select_agencies
from inspection.runs.spawn import log_path, spawn_executor
from inspection.settings import Settings
from inspection.status import published_line
from store import Run, open_session

__all__ = ["JOB_ID", "run_schedule", "scheduled_run"]

JOB_ID = "nightly"
MISFIRE_GRACE = timedelta(hours=12)
STOP_GRACE = 8.0  # seconds a stopping run is given before it is killed


@dataclass
class _Scheduling:
    settings: Settings
    engine: Engine
    log: Callable[[str], None]
    child: subprocess.Popen[bytes] | None = None
    stopping: threading.Event = field(default_factory=threading.Event)


_ACTIVE: _Scheduling | None = None  # the process's scheduling; the stored job refers to it


def _duration(run: Run) -> str:
    if run.finished_at is None:
        return "?"
    seconds = int((run.finished_at - run.started_at).total_seconds())
    return f"{seconds // 60} phút {seconds % 60} giây"


def scheduled_run() -> None:
    """The job APScheduler stores: one scheduled run, from claim to its end."""
    active = _ACTIVE
    if active is None or active.stopping.is_set():
        return
    settings, engine, log = active.settings, active.engine, active.log
    agencies = select_agencies(engine, None)
    if not agencies:
        log("Lịch: chưa có cơ quan nào trong danh sách, bỏ qua.")
        return
    as_of = settings.effective_as_of()
    try:
        run = claim_run(engine, RunRequest(trigger="schedule", as_of=as_of), agencies=len(agencies))
    except RunBusyError as busy:
        log(f"Lịch: bỏ qua lượt kiểm tra định kỳ vì {busy}.")
        return
    assert run.id is not None
    log(f"Lịch: bắt đầu lượt kiểm tra #{run.id}, {len(agencies)} cơ quan.")
    active.child = spawn_executor(settings.command_line(), run.id, piped=True)
    if active.stopping.is_set():  # a stop came while the run was being started
        _stop_child(active)
    _follow(active.child, log_path(settings.data_dir, run.id), log)
    code = active.child.wait()
    active.child = None
    _finish(active, run.id, code)


def _follow(child: subprocess.Popen[bytes], path: Path, log: Callable[[str], None]) -> None:
    """The run's progress lines, into the schedule's own log and the run's log file (which
    the dashboard shows), until the executor ends."""
    assert child.stdout is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as kept, child.stdout:
        for raw in child.stdout:
            kept.write(raw)
            kept.flush()
            line = raw.decode("utf-8", "replace").rstrip()
            if line:
                log(line)


def _finish(active: _Scheduling, run_id: int, code: int) -> None:
    engine, log = active.engine, active.log
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        if run.state == "running":  # the executor died (or was killed) without ending it
            if active.stopping.is_set():
                end_run(engine, run_id, "interrupted", "dừng cùng lịch kiểm tra")
            else:
                end_run(engine, run_id, "failed", f"tiến trình thực hiện thoát với mã {code}")
            session.refresh(run)
        statuses = ", ".join(
            f"{STATUS_LABELS.get(status, status)} {count}"
            for status, count in sorted((run.statuses or {}).items())
        )
        count_line = published_line(session)
    log(
        f"Lịch: kết thúc lượt #{run_id}: {RUN_STATE_LABELS.get(run.state, run.state).lower()}, "
        f"{run.agencies_done}/{run.agencies} cơ quan, {_duration(run)}"
        + (f"; {statuses}" if statuses else "")
        + (f"; {run.reason}" if run.reason else "")
        + f"; {count_line}."
    )
    if run.state == "complete" and active.settings.smtp_url and active.settings.notify:
        try:
            send_digest(active.settings, engine, run_id)
            log(f"Lịch: đã gửi thư tóm tắt lượt #{run_id} tới {active.settings.notify}.")
        except OSError as error:
            log(f"Lịch: không gửi được thư tóm tắt: {error}")


def _trigger(settings: Settings) -> CronTrigger:
    return CronTrigger.from_crontab(settings.schedule, timezone=ZoneInfo(settings.timezone))


def run_schedule(settings: Settings, engine: Engine, log: Callable[[str], None]) -> int:
    """Run the schedule until SIGTERM/SIGINT; returns the exit code."""
    global _ACTIVE
    trigger = _trigger(settings)
    active = _Scheduling(settings=settings, engine=engine, log=log)
    _ACTIVE = active
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine)},
        timezone=ZoneInfo(settings.timezone),
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
        },
    )
    previous = {
        sig: signal.signal(sig, _stopper(active)) for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        scheduler.start(paused=True)
        job = scheduler.get_job(JOB_ID)
        if job is None:
            scheduler.add_job(scheduled_run, trigger, id=JOB_ID, name="Kiểm tra định kỳ")
        elif str(job.trigger) != str(trigger):
            job.reschedule(trigger)  # the schedule changed; a missed run is kept otherwise
        scheduler.resume()
        job = scheduler.get_job(JOB_ID)
        assert job is not None
        log(
            f"Lịch kiểm tra: '{settings.schedule}' ({settings.timezone}); lần chạy tiếp theo: "
            f"{job.next_run_time:%H:%M %d/%m/%Y}."
        )
        active.stopping.wait()
        log("Lịch: nhận tín hiệu dừng.")
        _stop_child(active)
        scheduler.shutdown(wait=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _ACTIVE = None
    log("Lịch: đã dừng.")
    return 0


def _stopper(active: _Scheduling) -> Callable[[int, FrameType | None], None]:
    def stop(_signum: int, _frame: FrameType | None) -> None:
        active.stopping.set()

    return stop


def _stop_child(active: _Scheduling) -> None:
    """Ask a run in progress to stop; it ends interrupted. Killed if it does not in time."""
    child = active.child
    if child is None or child.poll() is not None:
        return
    active.log("Lịch: đang dừng lượt kiểm tra đang chạy…")
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
