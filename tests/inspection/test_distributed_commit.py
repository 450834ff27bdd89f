"""Distributed mode's rules, without the services: an agency is committed at most once per
run whatever the deliveries of its message, and whoever sees the last agency committed ends
the run once, by the local executor's rules (publish, or fail on an outage)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, update
from sqlmodel import col, select

from inspection.distributed.agency import commit_once
from inspection.distributed.finishing import CRAWLING, settle_run
from inspection.runs import RunRequest, claim_run, end_run
from inspection.runs.executor import ExecutionOptions
from inspection.settings import Settings
from rules import load_profile
from store import (
    Agency,
    AgencyResult,
    BlobStore,
    Document,
    Fetch,
    Run,
    Verdict,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
)
from tests.inspection.agency_files import Site, complete_set, read_in_process

JUNE = date(2026, 6, 1)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    with open_session(engine) as session:
        for number in range(10):
            website = f"http://so{number}.example.localhost/"
            session.add(
                Agency(code=f"SO{number}", name=f"Sở {number}", level="department", website=website)
            )
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


@pytest.fixture
def options(tmp_path: Path) -> ExecutionOptions:
    return Settings(data_dir=tmp_path).execution_options(JUNE)


def _agencies(engine: Engine) -> list[Agency]:
    with open_session(engine) as session:
        return list(session.exec(select(Agency).order_by(col(Agency.code))).all())


def _distributed_run(engine: Engine, agencies: int) -> int:
    run = claim_run(engine, RunRequest(as_of=JUNE, executor="distributed"), agencies=agencies)
    assert run.id is not None
    with engine.begin() as connection:
        connection.execute(update(Run).where(col(Run.id) == run.id).values(phase=CRAWLING))
    return run.id


def _deliver(engine: Engine, blobs: BlobStore, run_id: int, agency: Agency, site: Site) -> bool:
    crawled = site.crawled(agency, blobs)
    readings = read_in_process(engine, blobs, crawled)
    with open_session(engine) as session:
        return commit_once(
            session, run_id, crawled, readings, as_of=JUNE, profile=load_profile(None)
        )


def _count(engine: Engine, table: type, run_id: int) -> int:
    with open_session(engine) as session:
        query = select(func.count()).select_from(table).where(table.run_id == run_id)  # type: ignore[attr-defined]
        return int(session.exec(query).one())


def _run(engine: Engine, run_id: int) -> Run:
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        return run


def test_a_second_delivery_of_an_agency_commits_nothing(engine: Engine, blobs: BlobStore) -> None:
    run_id = _distributed_run(engine, agencies=1)
    agency = _agencies(engine)[0]
    site = Site(agency.website or "", complete_set())
    assert _deliver(engine, blobs, run_id, agency, site)
    stored = {table: _count(engine, table, run_id) for table in (Fetch, Document, AgencyResult)}
    assert stored[Fetch] > 0 and stored[Document] > 0 and stored[AgencyResult] == 1
    # the worker died before acknowledging: another one crawls and delivers it again
    assert not _deliver(engine, blobs, run_id, agency, site)
    assert {table: _count(engine, table, run_id) for table in stored} == stored
    run = _run(engine, run_id)
    assert (run.agencies_done, run.fetches) == (1, stored[Fetch])


def test_an_agency_of_an_ended_run_is_not_committed(engine: Engine, blobs: BlobStore) -> None:
    run_id = _distributed_run(engine, agencies=1)
    end_run(engine, run_id, "interrupted", "dừng theo yêu cầu (Ctrl-C)")
    agency = _agencies(engine)[0]
    assert not _deliver(engine, blobs, run_id, agency, Site(agency.website or "", complete_set()))
    assert _count(engine, AgencyResult, run_id) == 0


def test_the_last_agency_committed_publishes_the_run_once(
    engine: Engine, blobs: BlobStore, options: ExecutionOptions
) -> None:
    first, second = _agencies(engine)[:2]
    run_id = _distributed_run(engine, agencies=2)
    assert _deliver(engine, blobs, run_id, first, Site(first.website or "", complete_set()))
    assert settle_run(engine, blobs, run_id, options) is None  # one agency still to do
    assert _run(engine, run_id).state == "running"
    assert _deliver(engine, blobs, run_id, second, Site(second.website or "", complete_set()))
    outcome = settle_run(engine, blobs, run_id, options)
    assert outcome is not None and outcome.state == "complete" and outcome.done == 2
    assert settle_run(engine, blobs, run_id, options) is None  # ended already: nobody else
    with open_session(engine) as session:
        assert len(session.exec(select(Verdict)).all()) == 2


def test_a_run_whose_sites_all_failed_at_the_network_level_fails_and_publishes_nothing(
    engine: Engine, blobs: BlobStore, options: ExecutionOptions
) -> None:
    agencies = _agencies(engine)
    run_id = _distributed_run(engine, agencies=len(agencies))
    for agency in agencies:
        assert _deliver(engine, blobs, run_id, agency, Site(agency.website or "", down=True))
    outcome = settle_run(engine, blobs, run_id, options)
    assert outcome is not None and outcome.state == "failed"
    assert outcome.reason is not None and "10/10" in outcome.reason
    with open_session(engine) as session:
        assert session.exec(select(Verdict)).all() == []
