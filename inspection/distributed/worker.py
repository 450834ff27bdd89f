"""`qmsaudit worker`: takes agencies from the queue and inspects each in a child process.

A child per agency because Scrapy's Twisted reactor cannot restart in one process, and a
reactor fed from Redis would mean changing the crawler's spider, which takes its targets
up front; a child also gives each agency a clean memory and a crash of its own. The worker
runs `worker_agencies` of them at once (Dramatiq's worker threads, each waiting on its
child), prefetching no more messages than that, so an idle worker elsewhere gets the rest.

A child that fails is started again (`ATTEMPTS` in all); an agency that fails every time is
a bug, and the run fails saying which agency. A worker that dies (kill -9, power loss)
leaves its messages unacknowledged: Dramatiq's broker returns them to the queue once its
heartbeat is `visibility_timeout` seconds old, and another worker does them again. Its
children notice their parent is gone and stop without committing.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType

import dramatiq
from sqlalchemy import Engine

from inspection.distributed.finishing import fail_while_crawling, settle_run
from inspection.distributed.queue import ACTOR, QUEUE, agency_broker
from inspection.settings import Settings
from store import HELD, BlobStore, Run, open_session

__all__ = ["ATTEMPTS", "AgencyWorker", "run_worker", "watch_parent"]

logger = logging.getLogger(__name__)

ATTEMPTS = 3
FAILED = (
    "lỗi khi kiểm tra cơ quan {code}: tiến trình kiểm tra thoát với mã {status} "
    "sau {attempts} lần thử"
)
ERROR = "lỗi khi kiểm tra cơ quan {code}: {error}"
STOP_SECONDS = 600  # a graceful stop waits this long for the agencies in hand


class AgencyWorker:
    """The actor's body: one agency of one run, in a child `qmsaudit runs agency RUN CODE`."""

    def __init__(self, settings: Settings, engine: Engine, command: Sequence[str]) -> None:
        self.settings, self.engine, self.command = settings, engine, list(command)

    def inspect(self, run_id: int, code: str) -> None:
        try:
            self._inspect(run_id, code)
        except Exception as error:  # a bug or a lost database: the run cannot finish
            logger.exception("run %d, agency %s", run_id, code)
            # said in the run (when the database answers), not only in this worker's log
            self._fail(run_id, ERROR.format(code=code, error=repr(error)))

    def _inspect(self, run_id: int, code: str) -> None:
        run = self._run(run_id)
        if run is None:
            logger.info("run %d, agency %s: the run has ended, skipped", run_id, code)
            return
        for attempt in range(1, ATTEMPTS + 1):
            status = subprocess.call([*self.command, "runs", "agency", str(run_id), code])
            if status == 0:
                break
            logger.warning("run %d, agency %s: attempt %d exited %d", run_id, code, attempt, status)
            if self._run(run_id) is None:
                return
        else:
            self._fail(run_id, FAILED.format(code=code, status=status, attempts=ATTEMPTS))
            return
        settle_run(
            self.engine,
            BlobStore(self.settings.blob_dir),
            run_id,
            self.settings.execution_options(run.as_of or self.settings.effective_as_of()),
        )

    def _run(self, run_id: int) -> Run | None:
        with open_session(self.engine) as session:
            run = session.get(Run, run_id)
            if run is None or run.running != HELD:
                return None
            session.expunge(run)
            return run

    def _fail(self, run_id: int, reason: str) -> None:
        if fail_while_crawling(self.engine, run_id, reason):
            logger.error("run %d failed: %s", run_id, reason)


def watch_parent(on_orphaned: Callable[[], None], *, every: float = 1.0) -> threading.Thread:
    """Call `on_orphaned` once this process's parent has gone (the worker was killed):
    its agency will be done again by another worker, so this one must not commit it."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(every)
        on_orphaned()

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread


def run_worker(settings: Settings, engine: Engine, write: Callable[[str], None]) -> None:
    """Serve the agency queue until SIGTERM or Ctrl-C: the first finishes the agencies in
    hand and returns the others to the queue; a second exits at once (those in hand are
    then another worker's after the visibility timeout)."""
    assert settings.redis_url is not None
    broker = agency_broker(settings.redis_url, visibility_timeout=settings.visibility_timeout)
    command = [sys.executable, "-m", "inspection", *settings.command_line()]
    handler = AgencyWorker(settings, engine, command)
    dramatiq.Actor(
        handler.inspect, broker=broker, actor_name=ACTOR, queue_name=QUEUE, priority=0, options={}
    )
    worker = dramatiq.Worker(broker, worker_threads=settings.worker_agencies, queues={QUEUE})
    worker.queue_prefetch = settings.worker_agencies  # no more than it works on
    stopping = threading.Event()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stopping.is_set():
            os._exit(128 + signum)
        stopping.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker.start()
        write(
            f"Tiến trình kiểm tra #{os.getpid()} đang chờ việc "
            f"({settings.worker_agencies} cơ quan cùng lúc); Ctrl-C để dừng."
        )
        stopping.wait()
        write("Đang dừng: hoàn thành các cơ quan đang kiểm tra (Ctrl-C lần nữa để thoát ngay)…")
        worker.stop(timeout=STOP_SECONDS * 1000)
    finally:
        for sig, handler_ in previous.items():
            signal.signal(sig, handler_)
        broker.close()
