"""How big the store is, and keeping it from growing: rows per table, stored bytes and how
much is evidence; pruning the bytes of pages that are evidence of nothing. Works on any
blob store (`store.Blobs`: the folder or the database) through what it lists and removes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import col, select

from store import Blobs, Document, Fetch, Finding, Verdict, open_session
from store.models import metadata

logger = logging.getLogger(__name__)

__all__ = [
    "Pruned",
    "evidence_hashes",
    "kept_hashes",
    "prune_pages",
    "remove_unreferenced",
    "store_stats",
    "tidy_store",
]


def evidence_hashes(engine: Engine) -> set[str]:
    """The sha256 of every byte string that is evidence: a QMS document, or a fetch a
    finding cites."""
    with open_session(engine) as session:
        documents = session.exec(
            select(Document.sha256).where(col(Document.doc_type) != "not_qms")
        ).all()
        cited = session.exec(
            select(Fetch.sha256)
            .join(Finding, col(Finding.evidence_fetch_id) == col(Fetch.id))
            .where(col(Fetch.sha256).is_not(None))
            .distinct()
        ).all()
    return set(documents) | {sha256 for sha256 in cited if sha256}


def store_stats(engine: Engine, blobs: Blobs) -> dict[str, Any]:
    """Rows per table, and the blob store's blobs ("files", whichever the store), bytes and
    bytes that are kept as evidence."""
    with open_session(engine) as session:
        rows = {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in metadata.sorted_tables
        }
        rows["finding (open)"] = session.exec(
            select(func.count()).select_from(Finding).where(col(Finding.open).is_not(None))
        ).one()
    evidence = kept_hashes(engine)
    files = total = evidence_bytes = 0
    for stored in blobs.stored():
        files += 1
        total += stored.size
        if stored.sha256 in evidence:
            evidence_bytes += stored.size
    return {
        "rows": rows,
        "blobs": {"files": files, "bytes": total, "evidence_bytes": evidence_bytes},
    }


@dataclass(frozen=True)
class Pruned:
    files: int
    bytes: int


def kept_hashes(engine: Engine) -> set[str]:
    """Bytes that are evidence of something and are kept however old: the QMS documents,
    the pages that linked them, the published findings' evidence and the published start
    pages."""
    with open_session(engine) as session:
        linking = session.exec(
            select(Fetch.referer).where(col(Fetch.is_document), col(Fetch.referer).is_not(None))
        ).all()
        pages = session.exec(
            select(Fetch.sha256).where(
                col(Fetch.url).in_({url for url in linking if url}), col(Fetch.sha256).is_not(None)
            )
        ).all()
        starts = session.exec(
            select(Fetch.sha256)
            .join(Verdict, col(Verdict.visit_run_id) == col(Fetch.run_id))
            .where(col(Fetch.agency_id) == col(Verdict.agency_id), col(Fetch.start))
        ).all()
    return evidence_hashes(engine) | {h for h in [*pages, *starts] if h}


def prune_pages(engine: Engine, blobs: Blobs, *, keep_days: int, now: datetime) -> Pruned:
    """Delete the stored bytes of pages that are evidence of nothing and were last fetched
    more than `keep_days` ago (and of files no fetch refers to, once as old). Run it while
    holding the running slot: a run in progress could be storing the same bytes again."""
    cutoff = now - timedelta(days=keep_days)
    keep = kept_hashes(engine)
    with open_session(engine) as session:
        last_fetched = {
            sha256: fetched
            for sha256, fetched in session.exec(
                select(Fetch.sha256, func.max(Fetch.fetched_at))
                .where(col(Fetch.sha256).is_not(None))
                .group_by(col(Fetch.sha256))
            ).all()
            if sha256
        }
    files = size = 0
    for stored in blobs.stored():
        if stored.sha256 in keep:
            continue
        fetched = last_fetched.get(stored.sha256)
        when = (
            fetched.replace(tzinfo=UTC)
            if fetched is not None and fetched.tzinfo is None
            else fetched
        ) or stored.stored_at
        if when < cutoff:
            size += stored.size
            blobs.remove(stored.sha256)
            files += 1
    return Pruned(files=files, bytes=size)


def remove_unreferenced(engine: Engine, blobs: Blobs) -> Pruned:
    """Delete the stored bytes no fetch refers to: a page's new bytes recorded as its
    earlier ones (they said the same), or what a killed run stored before its commit. Run
    it while holding the running slot, once every agency of the run is committed."""
    with open_session(engine) as session:
        referenced = set(
            session.exec(
                select(Fetch.sha256).where(col(Fetch.sha256).is_not(None)).distinct()
            ).all()
        )
    files = size = 0
    for stored in blobs.stored():
        if stored.sha256 not in referenced:
            size += stored.size
            blobs.remove(stored.sha256)
            files += 1
    return Pruned(files=files, bytes=size)


def tidy_store(engine: Engine, blobs: Blobs, *, keep_pages_days: int | None) -> None:
    """What a run does to the store before it publishes, every agency committed and the
    running slot still held: remove the bytes no fetch refers to, and prune the pages that
    are evidence of nothing after `keep_pages_days` (when set)."""
    unreferenced = remove_unreferenced(engine, blobs)
    logger.info("removed %d unreferenced stored files", unreferenced.files)
    if keep_pages_days is not None:
        pruned = prune_pages(engine, blobs, keep_days=keep_pages_days, now=datetime.now(UTC))
        logger.info("pruned %d stored pages (%d bytes)", pruned.files, pruned.bytes)
