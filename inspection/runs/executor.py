"""The local executor: crawl, read and audit agencies in one process, committing per agency.

Three threads share the work of a run:
- the crawl runs in the calling thread (Scrapy's reactor); each agency's fetch results
  are kept in memory (bodies go to the blob store at once) until its site outcome arrives,
  then the agency is handed over;
- the job thread reads each handed-over agency's new bytes (in isolated reader
  processes), judges it and commits it as one unit (`inspection.runs.job`), so reading
  overlaps with the crawl of the other sites;
- a heartbeat thread tells other processes that the run's executor is alive.
The crawl opens no new agency while too many wait to be read, so memory stays flat.

When every agency is done the run is published (`inspection.runs.publish`), unless it
looks like an outage (`inspection.runs.outage`): then it ends failed and nothing changes
for staff. A stop asked for (Ctrl-C, SIGTERM, `Stop.request`) ends the crawl at once,
abandons the agency being read, and leaves the run interrupted, also publishing nothing.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Engine, update
from sqlmodel import col

from crawler import CrawlControl, run_crawl
from crawler.model import CrawlOptions, FetchResult, SiteOutcome
from extractors.isolation import IsolatedReader, ReadLimits
from inspection.runs.ending import RunOutcome, end_run
from inspection.runs.job import CrawledAgency, commit_agency
from inspection.runs.lock import Heartbeat
from inspection.runs.outage import OutagePolicy, OutageWatch
from inspection.runs.progress import RunObserver
from inspection.runs.publish import publish_complete_run
from inspection.runs.reading import CrawledFetch, read_agency
from inspection.runs.recrawl import crawl_targets
from inspection.storage import tidy_store
from rules import Profile
from store import Agency, Blobs, Run, open_session

__all__ = ["ExecutionOptions", "RunOutcome", "Stop", "execute_crawl", "keep_fetch"]

logger = logging.getLogger(__name__)

ERROR = "lỗi trong khi thực hiện"


@dataclass(frozen=True, kw_only=True)
class ExecutionOptions:
    crawl: CrawlOptions
    read_workers: int
    read_limits: ReadLimits
    as_of: date
    profile: Profile
    outage: OutagePolicy
    waiting_agencies: int = 4  # agencies crawled and waiting to be read, at most (roughly)
    keep_pages_days: int | None = None  # prune non-evidence page bytes older than this
    revisit_days: int = 0  # pages that led nowhere are asked again after at most this (0: always)


class Stop:
    """Why and how a run stops before its end; `request` is safe from a signal handler."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.state: str | None = None
        self.reason: str | None = None
        self._controls: list[CrawlControl] = []
        self._readers: list[IsolatedReader] = []

    def request(self, state: str, reason: str) -> None:
        if self.event.is_set():
            return
        self.state, self.reason = state, reason
        self.event.set()
        for control in self._controls:
            control.stop()
        for reader in self._readers:
            reader.cancel()  # a read cut short raises ReadingInterrupted, never a failure

    @property
    def requested(self) -> bool:
        return self.event.is_set()


_DONE = object()


class _Jobs:
    """The job thread: reads, judges and commits each agency handed over."""

    def __init__(
        self,
        engine: Engine,
        blobs: Blobs,
        run: Run,
        reader: IsolatedReader,
        options: ExecutionOptions,
        observer: RunObserver,
        stop: Stop,
    ) -> None:
        self.engine, self.blobs, self.run, self.reader = engine, blobs, run, reader
        self.options, self.observer, self.stop = options, observer, stop
        self.queue: queue.Queue[object] = queue.Queue()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name=f"jobs-{run.id}", daemon=True)

    def _work(self) -> None:
        while (item := self.queue.get()) is not _DONE:
            if self.stop.requested:
                continue
            assert isinstance(item, CrawledAgency)
            try:
                self._commit(item)
            except Exception as error:  # a bug: the run fails, and says so
                if self.stop.requested:  # the reading was cut by the stop
                    continue
                logger.exception("agency %s", item.code)
                self.error = error
                self.stop.request("failed", f"{ERROR} ({item.code}): {error!r}")

    def _commit(self, crawled: CrawledAgency) -> None:
        assert crawled.agency.id is not None
        with open_session(self.engine) as session:
            readings = read_agency(
                session, self.blobs, self.reader, crawled.agency.id, crawled.fetches
            )
            if self.stop.requested:
                return
            commit_agency(
                session,
                self.run,
                crawled,
                readings,
                as_of=self.options.as_of,
                profile=self.options.profile,
            )
        self.observer.committed(crawled.code)

    def waiting(self) -> int:
        return self.queue.qsize()


def keep_fetch(blobs: Blobs, result: FetchResult) -> CrawledFetch:
    """A fetch as kept until its agency is read: its body in the blob store, not in memory."""
    body = result.body
    sha256 = blobs.put(body) if body is not None else None
    return CrawledFetch(
        result=replace(result, body=None),
        sha256=sha256 or result.unchanged_sha256,
        size=len(body) if body is not None else None,
    )


class _Crawl:
    """The crawl's side: keeps each agency's fetches until its outcome, then hands it over."""

    def __init__(
        self, agencies: dict[str, Agency], blobs: Blobs, jobs: _Jobs, watch: OutageWatch
    ) -> None:
        self.agencies, self.blobs, self.jobs, self.watch = agencies, blobs, jobs, watch
        self.fetches: dict[str, list[CrawledFetch]] = {}

    def on_fetch(self, result: FetchResult) -> None:
        if result.start:
            self.watch.start_page(result)
        self.fetches.setdefault(result.agency_code, []).append(keep_fetch(self.blobs, result))

    def on_site(self, outcome: SiteOutcome) -> None:
        if self.jobs.stop.requested:
            return  # an unfinished agency reported as the crawl stops: not a result
        self.watch.outcome(outcome)
        agency = self.agencies[outcome.agency_code]
        fetches = self.fetches.pop(outcome.agency_code, [])
        self.jobs.queue.put(CrawledAgency(agency=agency, outcome=outcome, fetches=fetches))
        self.jobs.observer.crawled(outcome.agency_code)


def _set_phase(engine: Engine, run_id: int, phase: str | None) -> None:
    with engine.begin() as connection:
        connection.execute(update(Run).where(col(Run.id) == run_id).values(phase=phase))


def execute_crawl(
    engine: Engine,
    blobs: Blobs,
    run: Run,
    agencies: Sequence[Agency],
    options: ExecutionOptions,
    *,
    observer: RunObserver,
    stop: Stop,
) -> RunOutcome:
    """Crawl, read, judge and commit every agency of `run`, then publish it (or not)."""
    assert run.id is not None
    with_site = {a.code: a for a in agencies if a.website}
    with open_session(engine) as session:
        targets = crawl_targets(
            session, agencies, now=run.started_at, revisit_days=options.revisit_days
        )
    watch = OutageWatch(
        policy=options.outage,
        sites=len(targets),
        on_outage=lambda reason: stop.request("failed", reason),
    )
    control = CrawlControl()
    stop._controls.append(control)
    with (
        Heartbeat(engine, run.id),
        IsolatedReader(workers=options.read_workers, limits=options.read_limits) as reader,
    ):
        stop._readers.append(reader)
        jobs = _Jobs(engine, blobs, run, reader, options, observer, stop)
        jobs.thread.start()
        for agency in agencies:
            if not agency.website:  # judged without a crawl: no website registered
                jobs.queue.put(CrawledAgency(agency=agency, outcome=None))
        crawl = _Crawl(with_site, blobs, jobs, watch)
        control.admit = lambda: jobs.waiting() < options.waiting_agencies
        _set_phase(engine, run.id, "crawling")
        try:
            if targets and not stop.requested:
                run_crawl(
                    targets,
                    options.crawl,
                    on_fetch=crawl.on_fetch,
                    on_site=crawl.on_site,
                    control=control,
                )
        except Exception as error:
            stop.request("failed", f"{ERROR}: {error!r}")
            jobs.error = jobs.error or error
        finally:
            jobs.queue.put(_DONE)
            jobs.thread.join()
    if jobs.error is not None:
        end_run(engine, run.id, "failed", stop.reason)
        raise jobs.error
    if stop.requested:
        return end_run(engine, run.id, stop.state or "interrupted", stop.reason)
    outage = watch.at_end()
    if outage is not None:
        return end_run(engine, run.id, "failed", outage)
    _set_phase(engine, run.id, "pruning")
    tidy_store(engine, blobs, keep_pages_days=options.keep_pages_days)
    _set_phase(engine, run.id, "publishing")
    return publish_complete_run(engine, run.id)
