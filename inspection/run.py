"""One inspection: crawl the agencies, read what was fetched, audit, keep the results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from crawler import run_crawl
from crawler.model import AgencyTarget, CrawlOptions, SiteOutcome
from extractors.isolation import IsolatedReader, ReadLimits
from inspection.auditing import audit_agencies
from inspection.reading import fetches_to_read, read_fetches
from inspection.recording import CrawlRecorder, known_documents
from store import Agency, BlobStore, CrawlRun, open_session, utcnow


class UnknownAgencyError(LookupError):
    """An agency code asked for is not in the registry."""


@dataclass(frozen=True)
class InspectionSummary:
    run_id: int
    agencies: int
    fetches: int
    documents_read: int
    audited: int


def select_agencies(engine: Engine, codes: Sequence[str] | None) -> list[Agency]:
    """All agencies (codes None) or exactly those codes, in registry order."""
    with open_session(engine) as session:
        query = select(Agency).order_by(col(Agency.code))
        if codes:
            query = query.where(col(Agency.code).in_(list(codes)))
        agencies = list(session.exec(query).all())
    missing = sorted(set(codes or ()) - {agency.code for agency in agencies})
    if missing:
        raise UnknownAgencyError(", ".join(missing))
    return agencies


def inspect_agencies(
    engine: Engine,
    blobs: BlobStore,
    agencies: Sequence[Agency],
    *,
    options: CrawlOptions,
    as_of: date,
    progress: Progress,
    read_workers: int = 2,
    read_limits: ReadLimits | None = None,
) -> InspectionSummary:
    """Crawl `agencies`, read what was fetched, audit them as of `as_of`; one crawl run."""
    with open_session(engine) as session:
        run = CrawlRun(agencies=len(agencies))
        session.add(run)
        session.commit()
        assert run.id is not None
        fetches = _crawl(session, blobs, run.id, agencies, options, progress)
        to_read = fetches_to_read(session, run.id, [a.id for a in agencies if a.id is not None])
        reading = progress.add_task("Đang đọc tài liệu", total=len(to_read))
        with IsolatedReader(workers=read_workers, limits=read_limits) as reader:
            documents_read = read_fetches(
                session, blobs, to_read, reader=reader, on_read=lambda _: progress.advance(reading)
            )
        audited = audit_agencies(session, agencies, as_of=as_of)
        run.finished_at = utcnow()
        run.fetches = fetches
        session.add(run)
        session.commit()
        return InspectionSummary(
            run_id=run.id,
            agencies=len(agencies),
            fetches=fetches,
            documents_read=documents_read,
            audited=audited,
        )


def _crawl(
    session: Session,
    blobs: BlobStore,
    run_id: int,
    agencies: Sequence[Agency],
    options: CrawlOptions,
    progress: Progress,
) -> int:
    """Crawl into the store: fetches, blobs and site visits of `run_id`; returns the fetches."""
    crawling = progress.add_task("Đang thu thập", total=len(agencies))

    def site_done(outcome: SiteOutcome) -> None:
        progress.update(crawling, advance=1, description=f"Đã thu thập {outcome.agency_code}")

    ids = {agency.code: agency.id for agency in agencies if agency.id is not None}
    recorder = CrawlRecorder(session, blobs, run_id=run_id, agency_ids=ids, on_site_done=site_done)
    known = known_documents(session, ids.values())
    targets = [
        AgencyTarget(code=a.code, website=a.website, known=known.get(ids[a.code], {}))
        for a in agencies
    ]
    run_crawl(targets, options, on_fetch=recorder.on_fetch, on_site=recorder.on_site)
    recorder.flush()
    return recorder.fetches


def progress_bar(*, transient: bool = False) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=transient,
    )
