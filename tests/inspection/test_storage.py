"""Retention: the bytes of pages that are evidence of nothing go after N days; documents,
the pages that linked them and published evidence stay, however old. The same on each blob
store: the folder, and the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlmodel import col, select

from inspection.runs import RunRequest, claim_run
from inspection.runs.publish import publish_run
from inspection.storage import prune_pages, remove_unreferenced, store_stats, tidy_store
from store import (
    Agency,
    Blob,
    Blobs,
    BlobStore,
    DatabaseBlobs,
    Fetch,
    Run,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
)
from tests.inspection.agency_files import Site, complete_set, judge_and_commit

WEBSITE = "http://skhcn.example.localhost/"
NOW = datetime(2026, 7, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Store:
    engine: Engine
    blobs: Blobs

    def age(self, when: datetime) -> None:
        """Make every stored blob as old as `when` (a file's mtime, a row's stored_at)."""
        if isinstance(self.blobs, BlobStore):
            for stored in self.blobs.stored():
                os.utime(self.blobs.path(stored.sha256), (when.timestamp(), when.timestamp()))
        else:
            with self.engine.begin() as connection:
                connection.execute(update(Blob).values(stored_at=when))


@pytest.fixture(params=["files", "database-sqlite", "database-postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "database-postgresql":
        engine = make_engine(request.getfixturevalue("empty_postgresql_url"))
    else:
        engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    if request.param == "files":
        yield Store(engine, BlobStore(tmp_path / "blobs"))
    else:
        yield Store(engine, DatabaseBlobs(engine))
    engine.dispose()


def _agency(engine: Engine) -> Agency:
    with open_session(engine) as session:
        agency = Agency(code="SKHCN", name="Sở KH&CN", level="department", website=WEBSITE)
        session.add(agency)
        session.commit()
    return agency


def test_only_old_pages_that_are_evidence_of_nothing_are_pruned(store: Store) -> None:
    engine, blobs = store.engine, store.blobs
    agency = _agency(engine)
    site = Site(WEBSITE, complete_set())
    crawled = site.crawled(agency, blobs)
    news = blobs.put(b"<html><body><p>Tin tuc: hoi nghi</p></body></html>")
    orphan = blobs.put(b"bytes of a run that was killed before its commit")
    run = claim_run(engine, RunRequest(as_of=NOW.date()), agencies=1)
    judge_and_commit(engine, blobs, run, crawled, as_of=NOW.date())
    with open_session(engine) as session:
        fresh = session.get(Run, run.id)
        assert fresh is not None
        publish_run(session, fresh)
        start = session.exec(select(Fetch).where(col(Fetch.start))).one()
        session.add(
            Fetch(
                run_id=run.id,
                agency_id=agency.id or 0,
                url=WEBSITE + "tin-tuc/1",
                referer=WEBSITE,
                sha256=news,
            )
        )
        session.commit()
        documents = {f.sha256 for f in session.exec(select(Fetch).where(col(Fetch.is_document)))}
    old = NOW - timedelta(days=31)
    with engine.begin() as connection:
        connection.execute(update(Fetch).values(fetched_at=old))
    store.age(old)
    before = store_stats(engine, blobs)["blobs"]
    pruned = prune_pages(engine, blobs, keep_days=30, now=NOW)
    after = store_stats(engine, blobs)["blobs"]
    assert news not in blobs and orphan not in blobs
    assert pruned.files == 2 and after["files"] == before["files"] - 2
    assert pruned.bytes == before["bytes"] - after["bytes"] > 0
    assert documents and all(sha256 in blobs for sha256 in documents)
    assert start.sha256 in blobs  # the home page linked the documents, and is the site's evidence
    assert prune_pages(engine, blobs, keep_days=30, now=NOW).files == 0
    assert after["evidence_bytes"] == after["bytes"]
    # Recent bytes stay whatever they are.
    recent = blobs.put(b"<html>fresh news</html>")
    assert prune_pages(engine, blobs, keep_days=30, now=datetime.now(UTC)).files == 0
    assert recent in blobs


def test_a_file_no_fetch_refers_to_is_pruned_only_once_old(store: Store) -> None:
    """Its age is the store's: a file's modification time, a row's stored_at."""
    orphan = store.blobs.put(b"bytes no fetch refers to")
    assert prune_pages(store.engine, store.blobs, keep_days=30, now=NOW).files == 0
    store.age(NOW - timedelta(days=29))
    assert prune_pages(store.engine, store.blobs, keep_days=30, now=NOW).files == 0
    assert orphan in store.blobs
    store.age(NOW - timedelta(days=31))
    assert prune_pages(store.engine, store.blobs, keep_days=30, now=NOW).files == 1
    assert orphan not in store.blobs


def test_tidying_removes_what_no_fetch_refers_to_and_keeps_the_rest(store: Store) -> None:
    engine, blobs = store.engine, store.blobs
    agency = _agency(engine)
    crawled = Site(WEBSITE, complete_set()).crawled(agency, blobs)
    orphan = blobs.put(b"stored by a run that was killed before its commit")
    run = claim_run(engine, RunRequest(as_of=NOW.date()), agencies=1)
    judge_and_commit(engine, blobs, run, crawled, as_of=NOW.date())
    committed = {fetch.sha256 for fetch in crawled.fetches if fetch.sha256}
    stats = store_stats(engine, blobs)
    assert stats["blobs"]["files"] == len(committed) + 1
    assert stats["rows"]["blob"] == (0 if isinstance(blobs, BlobStore) else len(committed) + 1)

    tidy_store(engine, blobs, keep_pages_days=30)
    assert orphan not in blobs
    assert {stored.sha256 for stored in blobs.stored()} == committed
    assert all(blobs.get(sha256) for sha256 in committed)
    assert remove_unreferenced(engine, blobs).files == 0
