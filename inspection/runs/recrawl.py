"""What an incremental recrawl sends the crawler: the validators of documents fetched
before, and the pages it need not ask again yet (the revisit policy).

The revisit policy: a page an agency's crawl explored, that held no QMS document and led to
none (nothing below it in the crawl's referer tree was a QMS document, a file, a failure or a
gap), is settled until it is a few days old: between `revisit_days / 2` and `revisit_days`
after it was last fetched, a URL's own share fixed by its hash, so a site's settled pages do
not all fall due on the same night. Only exploration spares them (see
`crawler.model.AgencyTarget.settled`); the start page, lists and everything that looks
relevant are asked every night.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from crawler.model import AgencyTarget, Validators
from extractors import NOT_QMS
from store import Agency, Document, DocumentSighting, Fetch

__all__ = ["crawl_targets", "known_documents", "settled_pages"]


def known_documents(
    session: Session, agency_ids: Iterable[int]
) -> dict[int, dict[str, Validators]]:
    """Per agency, the validators of each document URL fetched before, for an incremental
    recrawl (If-None-Match / If-Modified-Since); the newest fetch of a URL wins."""
    ids = list(agency_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Fetch)
        .where(col(Fetch.agency_id).in_(ids))
        .where(col(Fetch.is_document))
        .where(col(Fetch.sha256).is_not(None))
        .where(col(Fetch.error).is_(None))
        .where(col(Fetch.etag).is_not(None) | col(Fetch.last_modified).is_not(None))
        .order_by(col(Fetch.id))
    ).all()
    known: dict[int, dict[str, Validators]] = {}
    for fetch in rows:
        known.setdefault(fetch.agency_id, {})[fetch.url] = Validators(
            etag=fetch.etag, last_modified=fetch.last_modified, sha256=fetch.sha256
        )
    return known


def revisit_after(url: str, revisit_days: int) -> timedelta:
    """How long a settled page at `url` is not asked again: its hash's share of the window
    between half of `revisit_days` and all of it."""
    share = int.from_bytes(hashlib.sha256(url.encode()).digest()[:4]) / 2**32
    return timedelta(days=revisit_days) * (0.5 + 0.5 * share)


def settled_pages(
    session: Session, agency_ids: Iterable[int], *, now: datetime, revisit_days: int
) -> dict[int, frozenset[str]]:
    """Per agency, the URLs of pages that led nowhere when last fetched, and were fetched
    less than their `revisit_after` ago (`now` is UTC)."""
    ids = list(agency_ids)
    if not ids or revisit_days <= 0:
        return {}
    since = _utc(now) - timedelta(days=revisit_days)
    fetches = session.exec(
        select(Fetch)
        .where(col(Fetch.agency_id).in_(ids), col(Fetch.fetched_at) >= since)
        .order_by(col(Fetch.id))
    ).all()
    qms = _qms_fetch_ids(session, ids, [f.id for f in fetches if f.id is not None])
    latest: dict[tuple[int, str], tuple[datetime, bool]] = {}  # (agency, url): when, led nowhere
    by_run: dict[int, list[Fetch]] = {}
    for fetch in fetches:
        by_run.setdefault(fetch.run_id, []).append(fetch)
    for run_fetches in by_run.values():
        explored_for_nothing = _led_nowhere(run_fetches, qms)
        for fetch in run_fetches:
            latest[(fetch.agency_id, fetch.url)] = (
                fetch.fetched_at,
                fetch.id in explored_for_nothing,
            )
    settled: dict[int, set[str]] = {}
    for (agency_id, url), (fetched_at, nowhere) in latest.items():
        due = _utc(fetched_at) + revisit_after(url, revisit_days)
        if nowhere and due > _utc(now):
            settled.setdefault(agency_id, set()).add(url)
    return {agency_id: frozenset(urls) for agency_id, urls in settled.items()}


def _utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive one (as SQLite may give back) is taken to be UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _qms_fetch_ids(session: Session, agency_ids: list[int], fetch_ids: list[int]) -> set[int]:
    """Which of the fetches were QMS documents: the evidence of a sighting, or bytes some
    QMS document of the agency was read from."""
    if not fetch_ids:
        return set()
    sighted = session.exec(
        select(DocumentSighting.fetch_id).where(col(DocumentSighting.fetch_id).in_(fetch_ids))
    ).all()
    same_bytes = session.exec(
        select(Fetch.id)
        .join(Document, col(Document.sha256) == col(Fetch.sha256))
        .where(col(Fetch.id).in_(fetch_ids), col(Document.agency_id).in_(agency_ids))
        .where(col(Document.doc_type) != NOT_QMS)
    ).all()
    return set(sighted) | {fetch_id for fetch_id in same_bytes if fetch_id is not None}


def _led_nowhere(fetches: Sequence[Fetch], qms: set[int]) -> set[int | None]:
    """The ids of one run's fetches of one or more agencies that were pages explored for
    nothing: answered, not the start page, and neither they nor anything fetched through
    them (by referer, transitively) was a QMS document, a file, a failure or a gap."""
    by_url: dict[tuple[int, str], Fetch] = {}
    for fetch in fetches:
        by_url.setdefault((fetch.agency_id, fetch.url), fetch)
        if fetch.final_url:
            by_url.setdefault((fetch.agency_id, fetch.final_url), fetch)
    somewhere: set[int | None] = set()
    for fetch in fetches:
        if fetch.id in qms or fetch.is_document or fetch.error or fetch.gap:
            node: Fetch | None = fetch
            while node is not None and node.id not in somewhere:
                somewhere.add(node.id)
                parent = node.referer
                node = by_url.get((node.agency_id, parent)) if parent else None
    return {
        fetch.id
        for fetch in fetches
        if not fetch.start and fetch.status is not None and fetch.id not in somewhere
    }


def crawl_targets(
    session: Session, agencies: Sequence[Agency], *, now: datetime, revisit_days: int
) -> list[AgencyTarget]:
    """What the crawler is asked to do for the agencies with a website: each one's site,
    with what earlier crawls learnt of it."""
    with_site = [agency for agency in agencies if agency.website]
    ids = [agency.id for agency in with_site if agency.id is not None]
    known = known_documents(session, ids)
    settled = settled_pages(session, ids, now=now, revisit_days=revisit_days)
    return [
        AgencyTarget(
            code=agency.code,
            website=agency.website or "",
            known=known.get(agency.id or 0, {}),
            settled=settled.get(agency.id or 0, frozenset()),
        )
        for agency in with_site
    ]
