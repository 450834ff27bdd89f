"""One agency of a distributed run, as a worker's child process inspects it: crawl it with
today's crawler (a reactor of its own: Twisted's cannot restart in one process), read its
new bytes, judge it and commit it as one unit — at most once per run and agency.

A message may be delivered twice (its worker died after the commit but before the
acknowledgement, or was silent past the visibility timeout while still working). The
commit takes the run's row lock first and finds the agency done, or the unique
(run, agency) keys of the visit and the result refuse the second one: nothing doubles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from crawler import CrawlControl, run_crawl
from crawler.model import AgencyTarget, FetchResult, SiteOutcome
from extractors.isolation import IsolatedReader
from inspection.runs.executor import ExecutionOptions, keep_fetch
from inspection.runs.job import CrawledAgency, commit_agency
from inspection.runs.lock import Heartbeat
from inspection.runs.reading import AgencyReadings, CrawledFetch, read_agency
from inspection.runs.recrawl import known_documents
from rules import Profile
from store import HELD, Agency, AgencyResult, Blobs, Run, open_session

__all__ = ["AgencyJob", "already_done", "commit_once", "inspect_agency", "run_is_running"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyJob:
    run_id: int
    code: str


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


def _crawl(
    agency: Agency, target: AgencyTarget, blobs: Blobs, options: ExecutionOptions
) -> CrawledAgency:
    fetches: list[CrawledFetch] = []
    outcomes: list[SiteOutcome] = []

    def on_fetch(result: FetchResult) -> None:
        fetches.append(keep_fetch(blobs, result))

    run_crawl(
        [target],
        options.crawl,
        on_fetch=on_fetch,
        on_site=outcomes.append,
        control=CrawlControl(),
    )
    return CrawledAgency(agency=agency, outcome=outcomes[0], fetches=fetches)


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


def inspect_agency(engine: Engine, blobs: Blobs, job: AgencyJob, options: ExecutionOptions) -> bool:
    """Crawl, read, judge and commit one agency of a running run. False when there was
    nothing to do: the run ended, or this agency was committed already."""
    with open_session(engine) as session:
        agency = session.exec(select(Agency).where(Agency.code == job.code)).one()
        assert agency.id is not None
        if run_is_running(session, job.run_id) is None or already_done(
            session, job.run_id, agency.id
        ):
            return False
        known = known_documents(session, [agency.id]).get(agency.id, {})
    with Heartbeat(engine, job.run_id):
        if agency.website:
            target = AgencyTarget(code=agency.code, website=agency.website, known=known)
            crawled = _crawl(agency, target, blobs, options)
        else:  # judged without a crawl: no website registered
            crawled = CrawledAgency(agency=agency, outcome=None)
        with (
            IsolatedReader(workers=options.read_workers, limits=options.read_limits) as reader,
            open_session(engine) as session,
        ):
            readings = read_agency(session, blobs, reader, agency.id, crawled.fetches)
            done = commit_once(
                session,
                job.run_id,
                crawled,
                readings,
                as_of=options.as_of,
                profile=options.profile,
            )
    logger.info("run %d, agency %s: %s", job.run_id, job.code, "committed" if done else "skipped")
    return done
