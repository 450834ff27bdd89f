"""One run at a time per database, whoever starts it: claiming the running slot.

The lock is the `run` row itself: a running run holds `Run.running` (unique, so a second
running run cannot be inserted, on SQLite and PostgreSQL alike) and records who executes
it: host, process id and a heartbeat the executor refreshes. A run whose executor died
(kill -9, power loss, OOM) keeps its slot until someone else wants it: on this host its
process is gone; on another host its heartbeat is older than the lease. The claimant then
marks it `interrupted` and takes the slot, in one transaction.

Readers never take the slot: they read published rows, which only a complete run changes.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from inspection.errors import InspectionError
from inspection.labels import TRIGGER_LABELS
from store import HELD, Run, open_session, utcnow

__all__ = [
    "HEARTBEAT_SECONDS",
    "LEASE",
    "Heartbeat",
    "RunBusyError",
    "RunRequest",
    "adopt_run",
    "claim_run",
    "is_alive",
    "running_run",
]

HEARTBEAT_SECONDS = 10.0
LEASE = timedelta(minutes=2)  # a heartbeat older than this: the executor is gone
DIED = "tiến trình thực hiện đã dừng đột ngột (bị tắt, mất điện hoặc hết bộ nhớ)"


class RunBusyError(InspectionError):
    """Another run holds the slot; `run` is it (as last read)."""

    def __init__(self, run: Run) -> None:
        self.run = run
        started = run.started_at.astimezone().strftime("%H:%M %d/%m/%Y")
        super().__init__(
            f"đang có lượt kiểm tra #{run.id} "
            f"({TRIGGER_LABELS.get(run.trigger, run.trigger).lower()}, "
            f"bắt đầu {started}, đã xong {run.agencies_done}/{run.agencies} cơ quan); "
            "chỉ chạy một lượt mỗi lúc"
        )


@dataclass(frozen=True, kw_only=True)
class RunRequest:
    """What a new run is to do, and who asked."""

    kind: str = "crawl"  # "crawl" or "audit"
    trigger: str = "manual"  # "manual", "schedule" or "web"
    as_of: date | None = None
    selection: Sequence[str] | None = None  # agency codes; None: every agency
    requested_by: str | None = None
    executor: str = "local"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes for what was stored as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=utcnow().tzinfo)


def is_alive(run: Run, *, now: datetime | None = None) -> bool:
    """Whether the executor of a running run still runs."""
    now = now or utcnow()
    fresh = run.heartbeat_at is not None and now - _aware(run.heartbeat_at) < LEASE
    if run.host == socket.gethostname() and run.pid is not None:
        return _process_alive(run.pid) and fresh
    return fresh


def running_run(session: Session) -> Run | None:
    """The run that holds the slot, alive or not."""
    return session.exec(select(Run).where(Run.running == HELD)).first()


def _interrupt_dead(session: Session, run: Run) -> None:
    session.execute(
        update(Run)
        .where(col(Run.id) == run.id, col(Run.running) == HELD)
        .values(state="interrupted", running=None, finished_at=utcnow(), reason=DIED)
    )


def claim_run(engine: Engine, request: RunRequest, *, agencies: int) -> Run:
    """Insert a running run for `request`, or raise RunBusyError if a live run holds the slot.

    A run whose executor died is marked interrupted first. Safe against a concurrent
    claimant: the unique slot lets exactly one insert win.
    """
    with open_session(engine) as session:
        try:
            held = running_run(session)
            if held is not None:
                if is_alive(held):
                    raise RunBusyError(held)
                _interrupt_dead(session, held)
            now = utcnow()
            run = Run(
                kind=request.kind,
                trigger=request.trigger,
                as_of=request.as_of,
                selection=list(request.selection) if request.selection is not None else None,
                requested_by=request.requested_by,
                executor=request.executor,
                host=socket.gethostname(),
                pid=os.getpid(),
                heartbeat_at=now,
                started_at=now,
                agencies=agencies,
            )
            session.add(run)
            session.commit()
        except (IntegrityError, OperationalError):
            # Another claimant won the slot between our read and our insert.
            session.rollback()
            winner = running_run(session)
            if winner is None:
                raise
            raise RunBusyError(winner) from None
        return run


def adopt_run(engine: Engine, run_id: int) -> Run:
    """Record this process as the executor of a run another process claimed (the web app,
    the scheduler): its host, pid and a fresh heartbeat."""
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        if run is None or run.running != HELD:
            raise InspectionError(f"lượt kiểm tra #{run_id} không còn chờ thực hiện")
        run.host, run.pid, run.heartbeat_at = socket.gethostname(), os.getpid(), utcnow()
        session.add(run)
        session.commit()
        return run


class Heartbeat:
    """Refreshes a run's heartbeat from a thread of its own while the run executes."""

    def __init__(self, engine: Engine, run_id: int, *, every: float = HEARTBEAT_SECONDS) -> None:
        self._engine = engine
        self._run_id = run_id
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{run_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=self._every + 5)

    def _beat(self) -> None:
        while not self._stop.wait(self._every):
            with self._engine.begin() as connection:
                connection.execute(
                    update(Run)
                    .where(col(Run.id) == self._run_id, col(Run.running) == HELD)
                    .values(heartbeat_at=utcnow())
                )
