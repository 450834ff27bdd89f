"""The triggering side of a distributed run: hand a claimed run to the workers, follow it.

The run is claimed as on one machine (one running run per database). Its executor is then
"distributed": no single process owns it, so it is alive while its heartbeat is fresh —
refreshed by each worker's child inspecting one of its agencies and by a `crawl` following
it — and not while some process id exists (`crawl --no-wait` returns at once).
"""

from __future__ import annotations

from collections.abc import Sequence

import redis
from sqlalchemy import Engine, update
from sqlmodel import col, select

from inspection.distributed.finishing import CRAWLING, settle_run
from inspection.distributed.queue import agency_broker, enqueue_agencies
from inspection.errors import InspectionError
from inspection.runs.ending import RunOutcome, end_run, run_outcome
from inspection.runs.executor import ExecutionOptions, Stop
from inspection.runs.lock import Heartbeat
from inspection.runs.progress import RunObserver
from store import HELD, Agency, AgencyResult, Blobs, Run, open_session

__all__ = ["EXECUTOR", "QueueUnavailableError", "dispatch_run", "follow_run"]

EXECUTOR = "distributed"
POLL_SECONDS = 1.0
NO_QUEUE = "không gửi được việc vào hàng đợi Redis ({error}); lượt kiểm tra không thực hiện"


class QueueUnavailableError(InspectionError):
    """Redis could not take the run's agencies; the run has been ended as failed."""


def dispatch_run(
    redis_url: str,
    visibility_timeout: float,
    engine: Engine,
    run_id: int,
    agencies: Sequence[Agency],
) -> None:
    """Give the claimed run to the workers: one message per agency on the queue."""
    with engine.begin() as connection:
        connection.execute(
            update(Run)
            .where(col(Run.id) == run_id)
            .values(executor=EXECUTOR, pid=None, phase=CRAWLING)
        )
    broker = agency_broker(redis_url, visibility_timeout=visibility_timeout)
    try:
        enqueue_agencies(broker, run_id, [agency.code for agency in agencies])
    except redis.RedisError as error:
        reason = NO_QUEUE.format(error=error)
        end_run(engine, run_id, "failed", reason)
        raise QueueUnavailableError(reason) from error
    finally:
        broker.close()


def _newly_committed(engine: Engine, run_id: int, after: int) -> list[tuple[int, str]]:
    with open_session(engine) as session:
        rows = session.exec(
            select(AgencyResult.id, Agency.code)
            .join(Agency, col(Agency.id) == col(AgencyResult.agency_id))
            .where(AgencyResult.run_id == run_id, col(AgencyResult.id) > after)
            .order_by(col(AgencyResult.id))
        ).all()
    return [(int(result_id or 0), code) for result_id, code in rows]


def _state(engine: Engine, run_id: int) -> Run:
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        session.expunge(run)
        return run


def follow_run(
    engine: Engine,
    blobs: Blobs,
    run_id: int,
    options: ExecutionOptions,
    *,
    observer: RunObserver,
    stop: Stop,
) -> RunOutcome:
    """Report each agency the workers commit, until the run ends; end it when its time
    has come (as a worker would). A stop asked for ends the run interrupted: the workers
    then drop its remaining agencies."""
    last = 0
    with Heartbeat(engine, run_id):
        while True:
            if stop.requested:
                run = _state(engine, run_id)
                if run.running == HELD:
                    return end_run(engine, run_id, stop.state or "interrupted", stop.reason)
                return run_outcome(run)
            settle_run(engine, blobs, run_id, options)
            for result_id, code in _newly_committed(engine, run_id, last):
                last = result_id
                observer.crawled(code)
                observer.committed(code)
            run = _state(engine, run_id)
            if run.running != HELD:
                return run_outcome(run)
            stop.event.wait(POLL_SECONDS)
