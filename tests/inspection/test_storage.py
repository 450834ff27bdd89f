"""Retention: the bytes of pages that are evidence of nothing go after N days; documents,
the pages that linked them and published evidence stay, however old."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select

from inspection.runs import RunRequest, claim_run
from inspection.runs.publish import publish_run
from inspection.storage import prune_pages, store_stats
from store import Agency, BlobStore, Fetch, Run, make_engine, open_session, prepare, sqlite_url
from tests.inspection.agency_files import Site, complete_set, judge_and_commit

WEBSITE = "http://skhcn.example.localhost/"
NOW = datetime(2026, 7, 1, tzinfo=UTC)


def test_only_old_pages_that_are_evidence_of_nothing_are_pruned(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    blobs = BlobStore(tmp_path / "blobs")
    with open_session(engine) as session:
        agency = Agency(code="SKHCN", name="Sở KH&CN", level="department", website=WEBSITE)
        session.add(agency)
        session.commit()
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
    for path in blobs.paths():
        os.utime(path, (old.timestamp(), old.timestamp()))
    before = store_stats(engine, blobs.root)["blobs"]
    pruned = prune_pages(engine, blobs, keep_days=30, now=NOW)
    after = store_stats(engine, blobs.root)["blobs"]
    assert news not in blobs and orphan not in blobs
    assert pruned.files == 2 and after["files"] == before["files"] - 2
    assert documents and all(sha256 in blobs for sha256 in documents)
    assert start.sha256 in blobs  # the home page linked the documents, and is the site's evidence
    assert prune_pages(engine, blobs, keep_days=30, now=NOW).files == 0
    assert after["evidence_bytes"] == after["bytes"]
    # Recent bytes stay whatever they are.
    recent = blobs.put(b"<html>fresh news</html>")
    assert prune_pages(engine, blobs, keep_days=30, now=datetime.now(UTC)).files == 0
    assert recent in blobs
