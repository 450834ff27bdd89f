"""Ending a distributed run: whoever sees its last agency committed publishes it.

Every worker, after each agency, and the triggering `crawl` while it follows the run, call
`settle_run`. The rules are the local executor's: the first `sample` sites all failing at
the network level stop the run as failed (once a probe, if configured, fails too); when
every agency is committed, the end-of-run outage rule decides between failed and
published, after the same pruning. Claiming the end is one conditional update of the run's
row (`phase` crawling → publishing), so of several callers exactly one ends it.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, update
from sqlmodel import col, select

from inspection.runs.ending import RunOutcome, end_run, run_outcome
from inspection.runs.executor import ExecutionOptions
from inspection.runs.outage import early_outage, end_outage, network_failure
from inspection.runs.publish import publish_complete_run
from inspection.runs.selection import agencies_of
from inspection.storage import tidy_store
from store import HELD, Blobs, Run, SiteVisit, open_session, utcnow

__all__ = ["CRAWLING", "PUBLISHING", "fail_while_crawling", "settle_run"]

logger = logging.getLogger(__name__)

CRAWLING = "crawling"
PUBLISHING = "publishing"


def _network_failures(engine: Engine, run_id: int) -> list[bool]:
    """Per committed site visit of the run, in the order they were recorded: whether it
    failed at the network level."""
    with open_session(engine) as session:
        failures = session.exec(
            select(SiteVisit.failure).where(SiteVisit.run_id == run_id).order_by(col(SiteVisit.id))
        ).all()
    return [network_failure(failure) for failure in failures]


def _sites(engine: Engine, run: Run) -> int:
    return sum(1 for agency in agencies_of(engine, run) if agency.website)


def fail_while_crawling(engine: Engine, run_id: int, reason: str) -> bool:
    """Fail the run unless it already ended or is being published; True if this did it."""
    with engine.begin() as connection:
        ended = connection.execute(
            update(Run)
            .where(col(Run.id) == run_id, col(Run.running) == HELD, col(Run.phase) == CRAWLING)
            .values(state="failed", reason=reason, running=None, finished_at=utcnow(), phase=None)
        )
    return ended.rowcount == 1


def _claim_end(engine: Engine, run_id: int) -> bool:
    with engine.begin() as connection:
        claimed = connection.execute(
            update(Run)
            .where(
                col(Run.id) == run_id,
                col(Run.running) == HELD,
                col(Run.phase) == CRAWLING,
                col(Run.agencies_done) >= col(Run.agencies),
            )
            .values(phase=PUBLISHING)
        )
    return claimed.rowcount == 1


def _early_outage(engine: Engine, run: Run, options: ExecutionOptions) -> str | None:
    policy = options.outage
    failures = _network_failures(engine, run.id or 0)
    if len(failures) < policy.sample or not all(failures[: policy.sample]):
        return None
    if _sites(engine, run) < max(policy.sample, policy.min_sites):
        return None
    return early_outage(policy)


def settle_run(
    engine: Engine, blobs: Blobs, run_id: int, options: ExecutionOptions
) -> RunOutcome | None:
    """End the run if its time has come (an early outage, or every agency committed);
    returns how it ended when this call ended it, None otherwise."""
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        if run is None or run.running != HELD or run.phase != CRAWLING:
            return None
        session.expunge(run)
    if run.agencies_done < run.agencies:
        reason = _early_outage(engine, run, options)
        if reason is not None and fail_while_crawling(engine, run_id, reason):
            logger.warning("run %d failed: %s", run_id, reason)
            return _outcome(engine, run_id)
        return None
    if not _claim_end(engine, run_id):
        return None
    failures = _network_failures(engine, run_id)
    outage = end_outage(options.outage, sum(failures), len(failures))
    if outage is not None:
        return end_run(engine, run_id, "failed", outage)
    tidy_store(engine, blobs, keep_pages_days=options.keep_pages_days)
    outcome = publish_complete_run(engine, run_id)
    logger.info("run %d published", run_id)
    return outcome


def _outcome(engine: Engine, run_id: int) -> RunOutcome:
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        return run_outcome(run)
