"""`qmsaudit worker`: takes agencies from the queue and inspects them in child processes.

A worker runs `CHILDREN` slots. Each takes up to `worker_agencies` messages from the queue
(Dramatiq's Redis consumer; it prefetches no more than that, so an idle worker elsewhere
gets the rest), and inspects those agencies in one child process, `qmsaudit runs agency RUN
CODE…`: one crawl of the batch, each agency committed as its crawl ends. A child because
Scrapy's Twisted reactor cannot restart in one process and the crawler takes its targets up
front; a batch because a child per agency pays the start of Python, Scrapy and the readers
for each (it made the worker five times slower than one process). Each agency's message is
acknowledged when the child reports it committed (or found it done, or its run ended).

A child that fails leaves its unreported agencies to be tried again (`ATTEMPTS` in all); an
agency that fails every time is a bug, and the run fails saying which. A worker that dies
(kill -9, power loss) leaves its messages unacknowledged: the broker returns them to the
queue once the worker's heartbeat (sent every second) is `visibility_timeout` seconds old,
and another worker does them again. Its children notice their parent is gone and stop
without committing.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType

from dramatiq.broker import Consumer, MessageProxy
from dramatiq.brokers.redis import RedisBroker
from sqlalchemy import Engine

from inspection.distributed.finishing import fail_while_crawling, settle_run
from inspection.distributed.queue import QUEUE, agency_broker
from inspection.settings import Settings
from store import HELD, Run, open_session

__all__ = ["ATTEMPTS", "CHILDREN", "run_worker", "watch_parent"]

logger = logging.getLogger(__name__)

ATTEMPTS = 3
CHILDREN = 2  # batches in hand at once: a slow site in one does not idle the worker
HEARTBEAT_SECONDS = 1.0
POLL_MILLISECONDS = 1000
FAILED = (
    "lỗi khi kiểm tra cơ quan {codes}: tiến trình kiểm tra thoát với mã {status} "
    "sau {attempts} lần thử"
)
ERROR = "lỗi khi kiểm tra cơ quan {codes}: {error}"


class _Slot:
    """Takes a batch of agencies, inspects it in a child, acknowledges each as it is done."""

    def __init__(
        self,
        broker: RedisBroker,
        settings: Settings,
        engine: Engine,
        command: Sequence[str],
        stopping: threading.Event,
    ) -> None:
        self.broker, self.settings, self.engine = broker, settings, engine
        self.command, self.stopping = list(command), stopping
        self.batch = settings.worker_agencies

    def serve(self) -> None:
        consumer = self.broker.consume(QUEUE, prefetch=self.batch, timeout=POLL_MILLISECONDS)
        try:
            while not self.stopping.is_set():
                runs: dict[int, dict[str, MessageProxy]] = {}
                for message in self._take(consumer):
                    run_id, code = message.args
                    runs.setdefault(int(run_id), {})[str(code)] = message
                for run_id, messages in runs.items():
                    self._inspect(consumer, run_id, messages)
        finally:
            self._give_back(consumer)
            consumer.close()

    def _take(self, consumer: Consumer) -> list[MessageProxy]:
        """Up to a batch of messages: what the queue has now, once it has one."""
        taken: list[MessageProxy] = []
        while len(taken) < self.batch and not self.stopping.is_set():
            message = next(consumer)
            if message is None:
                if taken:
                    break
                continue
            taken.append(message)
        return taken

    @staticmethod
    def _give_back(consumer: Consumer) -> None:
        """On a graceful stop, the messages fetched but not started go back to the queue."""
        left: list[MessageProxy] = []
        while getattr(consumer, "message_cache", None):
            message = next(consumer)
            if message is not None:
                left.append(message)
        if left:
            consumer.requeue(left)

    def _inspect(self, consumer: Consumer, run_id: int, messages: dict[str, MessageProxy]) -> None:
        try:
            if self._attempts(consumer, run_id, messages):
                consumer.requeue(list(messages.values()))  # stopping: another worker's now
                return
        except Exception as error:  # a bug or a lost database: the run cannot finish
            logger.exception("run %d, agencies %s", run_id, ", ".join(messages))
            fail_while_crawling(
                self.engine, run_id, ERROR.format(codes=", ".join(messages), error=repr(error))
            )
        for message in messages.values():  # what is left: its run has ended
            consumer.ack(message)

    def _attempts(self, consumer: Consumer, run_id: int, messages: dict[str, MessageProxy]) -> bool:
        """Children until every agency is reported; True when the worker is stopping with
        some left (not a failure of theirs: they go back to the queue)."""
        run = self._run(run_id)
        status = 0
        for attempt in range(1, ATTEMPTS + 1):
            if run is None or not messages:
                break
            if attempt > 1 and self.stopping.is_set():
                return True
            status = self._child(consumer, run_id, messages)
            if messages:
                logger.warning(
                    "run %d: attempt %d exited %d, %d agencies left",
                    *(run_id, attempt, status, len(messages)),
                )
            run = self._run(run_id)
        if run is not None and messages:
            if self.stopping.is_set():
                return True
            reason = FAILED.format(codes=", ".join(messages), status=status, attempts=ATTEMPTS)
            fail_while_crawling(self.engine, run_id, reason)
            return False
        if run is not None:
            as_of = run.as_of or self.settings.effective_as_of()
            options = self.settings.execution_options(as_of)
            settle_run(self.engine, self.settings.blobs(self.engine), run_id, options)
        return False

    def _child(self, consumer: Consumer, run_id: int, messages: dict[str, MessageProxy]) -> int:
        """Run one child over the agencies left; acknowledge each as it reports it."""
        command = [*self.command, "runs", "agency", str(run_id), *sorted(messages)]
        # a session of its own: Ctrl-C in the worker's terminal stops the worker (which lets
        # its batches finish), not the children in the middle of an agency
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, start_new_session=True
        ) as child:
            assert child.stdout is not None
            for line in child.stdout:
                reported = json.loads(line)
                message = messages.pop(reported["agency"], None)
                if message is not None:
                    consumer.ack(message)
            return child.wait()

    def _run(self, run_id: int) -> Run | None:
        with open_session(self.engine) as session:
            run = session.get(Run, run_id)
            if run is None or run.running != HELD:
                return None
            session.expunge(run)
            return run


def watch_parent(on_orphaned: Callable[[], None], *, every: float = 1.0) -> threading.Thread:
    """Call `on_orphaned` once this process's parent has gone (the worker was killed):
    its agencies will be done again by another worker, so this one must not commit them."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(every)
        on_orphaned()

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread


def _heartbeat(broker: RedisBroker, stopped: threading.Event) -> None:
    """Tell Redis this worker lives (every broker command does), however long a batch
    takes; a dead worker's silence is what returns its agencies to the queue."""
    while not stopped.wait(HEARTBEAT_SECONDS):
        try:
            broker.do_qsize(QUEUE)
        except Exception:  # Redis away for a moment: the consumers will say so
            logger.warning("heartbeat to Redis failed", exc_info=True)


def run_worker(settings: Settings, engine: Engine, write: Callable[[str], None]) -> None:
    """Serve the agency queue until SIGTERM or Ctrl-C: the first finishes the batches in
    hand; a second exits at once (those agencies are then another worker's after the
    visibility timeout)."""
    assert settings.redis_url is not None
    broker = agency_broker(settings.redis_url, visibility_timeout=settings.visibility_timeout)
    command = [sys.executable, "-m", "inspection", *settings.command_line()]
    stopping, stopped = threading.Event(), threading.Event()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stopping.is_set():
            os._exit(128 + signum)
        stopping.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    slots = [
        threading.Thread(
            target=_Slot(broker, settings, engine, command, stopping).serve,
            name=f"slot-{number}",
            daemon=True,
        )
        for number in range(CHILDREN)
    ]
    beat = threading.Thread(target=_heartbeat, args=(broker, stopped), daemon=True)
    try:
        beat.start()
        for slot in slots:
            slot.start()
        write(
            f"Tiến trình kiểm tra #{os.getpid()} đang chờ việc ({CHILDREN} nhóm, mỗi nhóm đến "
            f"{settings.worker_agencies} cơ quan); Ctrl-C để dừng."
        )
        stopping.wait()
        write("Đang dừng: hoàn thành các cơ quan đang kiểm tra (Ctrl-C lần nữa để thoát ngay)…")
        for slot in slots:
            slot.join()
    finally:
        stopped.set()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        broker.close()
