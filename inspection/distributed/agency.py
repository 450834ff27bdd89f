"""Agencies of a distributed run, as a worker's child process inspects them: one crawl of
the batch the worker took (today's crawler, a reactor of its own: Twisted's cannot restart
in one process), then each agency, as its crawl ends, read, judged and committed as one
unit — at most once per run and agency — and reported to the worker, which acknowledges
its message then.

A message may be delivered twice (its worker died after the commit but before the
acknowledgement, or was silent past the visibility timeout while still working). The
commit takes the run's row lock first and finds the agency done, or the unique
(run, agency) keys of the visit and the result refuse the second one: nothing doubles.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from crawler import CrawlControl, run_crawl
from crawler.model import AgencyTarget, FetchResult, SiteOutcome
from extractors.isolation import IsolatedReader
from inspection.runs.executor import ExecutionOptions, keep_fetch
from inspection.runs.job import CrawledAgency, commit_agency
from inspection.runs.lock import Heartbeat
from inspection.runs.reading import AgencyReadings, CrawledFetch, read_agency
from inspection.runs.recrawl import crawl_targets
from rules import Profile
from store import HELD, Agency, AgencyResult, Blobs, Run, open_session
from store.models import utcnow

__all__ = ["AgencyJob", "already_done", "commit_once", "inspect_agencies", "run_is_running"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyJob:
    """Agencies of one run that a worker took from the queue together."""

    run_id: int
    codes: tuple[str, ...]


def run_is_running(session: Session, run_id: int, *, lock: bool = False) -> Run | None:
    """The run if it still runs; with `lock`, its row is locked until the transaction ends
    (on PostgreSQL; SQLite serialises writers anyway)."""
    query = select(Run).where(Run.id == run_id, Run.running == HELD)
    if lock:
        query = query.with_for_update()
    return session.exec(query).first()


def already_done(session: Session, run_id: int, agency_id: int) -> bool:
    query = select(AgencyResult.id).where(
        AgencyResult.run_id == run_id, AgencyResult.agency_id == agency_id
    )
    return session.exec(query).first() is not None


def commit_once(
    session: Session,
    run_id: int,
    crawled: CrawledAgency,
    readings: AgencyReadings,
    *,
    as_of: date,
    profile: Profile,
) -> bool:
    """Commit the agency in the run unless the run has ended or the agency is done already
    (another delivery of its message); True if this call committed it."""
    assert crawled.agency.id is not None
    run = run_is_running(session, run_id, lock=True)
    if run is None or already_done(session, run_id, crawled.agency.id):
        session.rollback()
        return False
    try:
        commit_agency(session, run, crawled, readings, as_of=as_of, profile=profile)
    except IntegrityError:  # another delivery committed first (SQLite takes no row lock)
        session.rollback()
        return False
    return True


class _Commits:
    """The commit thread: reads, judges and commits each agency whose crawl has ended."""

    def __init__(
        self,
        engine: Engine,
        blobs: Blobs,
        run_id: int,
        reader: IsolatedReader,
        options: ExecutionOptions,
        report: Callable[[str, bool], None],
    ) -> None:
        self.engine, self.blobs, self.run_id, self.reader = engine, blobs, run_id, reader
        self.options, self.report = options, report
        self.queue: queue.Queue[CrawledAgency | None] = queue.Queue()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="commits", daemon=True)

    def _work(self) -> None:
        while (crawled := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                self.report(crawled.code, self._commit(crawled))
            except BaseException as error:  # the worker tries the unreported agencies again
                logger.exception("agency %s", crawled.code)
                self.error = error

    def _commit(self, crawled: CrawledAgency) -> bool:
        assert crawled.agency.id is not None
        with open_session(self.engine) as session:
            readings = read_agency(
                session, self.blobs, self.reader, crawled.agency.id, crawled.fetches
            )
            return commit_once(
                session,
                self.run_id,
                crawled,
                readings,
                as_of=self.options.as_of,
                profile=self.options.profile,
            )


def _pending(
    engine: Engine,
    job: AgencyJob,
    options: ExecutionOptions,
    report: Callable[[str, bool], None],
) -> tuple[list[Agency], list[AgencyTarget]]:
    """The job's agencies still to do (each other one reported as skipped), and what is
    what the crawler is asked to do for them."""
    with open_session(engine) as session:
        agencies = list(session.exec(select(Agency).where(col(Agency.code).in_(job.codes))).all())
        running = run_is_running(session, job.run_id) is not None
        todo = [
            agency
            for agency in agencies
            if running and not already_done(session, job.run_id, agency.id or 0)
        ]
        targets = crawl_targets(session, todo, now=utcnow(), revisit_days=options.revisit_days)
    for agency in agencies:
        if agency not in todo:
            report(agency.code, False)
    return todo, targets


def inspect_agencies(
    engine: Engine,
    blobs: Blobs,
    job: AgencyJob,
    options: ExecutionOptions,
    report: Callable[[str, bool], None],
) -> None:
    """Crawl the job's agencies together; read, judge and commit each once its crawl is
    over; `report(code, committed)` each one (committed False: the run has ended or the
    agency was committed already). Raises on a failure, leaving the unreported agencies to
    be tried again."""
    todo, targets = _pending(engine, job, options, report)
    if not todo:
        return
    with (
        Heartbeat(engine, job.run_id),
        IsolatedReader(workers=options.read_workers, limits=options.read_limits) as reader,
    ):
        commits = _Commits(engine, blobs, job.run_id, reader, options, report)
        commits.thread.start()
        try:
            _crawl(todo, targets, blobs, options, commits)
        finally:
            commits.queue.put(None)
            commits.thread.join()
    if commits.error is not None:
        raise commits.error


def _crawl(
    agencies: list[Agency],
    targets: list[AgencyTarget],
    blobs: Blobs,
    options: ExecutionOptions,
    commits: _Commits,
) -> None:
    by_code = {agency.code: agency for agency in agencies}
    fetches: dict[str, list[CrawledFetch]] = {}
    for agency in agencies:
        if not agency.website:  # judged without a crawl: no website registered
            commits.queue.put(CrawledAgency(agency=agency, outcome=None))

    def on_fetch(result: FetchResult) -> None:
        fetches.setdefault(result.agency_code, []).append(keep_fetch(blobs, result))

    def on_site(outcome: SiteOutcome) -> None:
        agency = by_code[outcome.agency_code]
        crawled = fetches.pop(outcome.agency_code, [])
        commits.queue.put(CrawledAgency(agency=agency, outcome=outcome, fetches=crawled))

    control = CrawlControl()
    # no new site while too many wait to be read: memory stays flat, as on one machine
    control.admit = lambda: commits.queue.qsize() < options.waiting_agencies
    if targets:
        run_crawl(targets, options.crawl, on_fetch=on_fetch, on_site=on_site, control=control)
