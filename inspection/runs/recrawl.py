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
from typing import Any, NamedTuple

from sqlmodel import Session, col, func, select

from crawler.model import AgencyTarget, Validators
from extractors import NOT_QMS
from store import Agency, Document, DocumentSighting, Fetch

__all__ = ["crawl_targets", "known_documents", "settled_pages"]

AGENCIES_AT_ONCE = 200  # agencies whose fetches one query reads: bounded rows, short SQL
# Validators older than this are not sent: a document is fetched every night, and a
# request without them only costs the download (the bytes are still known by their hash).
KNOWN_DAYS = 30
_VALIDATORS: list[Any] = [Fetch.agency_id, Fetch.url, Fetch.etag, Fetch.last_modified, Fetch.sha256]


def known_documents(
    session: Session, agency_ids: Iterable[int], *, now: datetime
) -> dict[int, dict[str, Validators]]:
    """Per agency, the validators of each document URL fetched in the last `KNOWN_DAYS`,
    for an incremental recrawl (If-None-Match / If-Modified-Since); the newest fetch of a
    URL wins. Only the newest row per URL is read, 200 agencies at a time: a year of
    nightly runs does not make the start of the next one slower."""
    ids = sorted(set(agency_ids))
    since = _utc(now) - timedelta(days=KNOWN_DAYS)
    known: dict[int, dict[str, Validators]] = {}
    for at in range(0, len(ids), AGENCIES_AT_ONCE):
        newest = (
            select(func.max(Fetch.id))
            .where(col(Fetch.agency_id).in_(ids[at : at + AGENCIES_AT_ONCE]))
            .where(col(Fetch.fetched_at) >= since)
            .where(col(Fetch.is_document), col(Fetch.error).is_(None))
            .where(col(Fetch.sha256).is_not(None))
            .where(col(Fetch.etag).is_not(None) | col(Fetch.last_modified).is_not(None))
            .group_by(col(Fetch.agency_id), col(Fetch.url))
        )
        for agency_id, url, etag, last_modified, sha256 in session.exec(
            select(*_VALIDATORS).where(col(Fetch.id).in_(newest))
        ):
            known.setdefault(agency_id, {})[url] = Validators(
                etag=etag, last_modified=last_modified, sha256=sha256
            )
    return known


def revisit_after(url: str, revisit_days: int) -> timedelta:
    """How long a settled page at `url` is not asked again: its hash's share of the window
    between half of `revisit_days` and all of it."""
    share = int.from_bytes(hashlib.sha256(url.encode()).digest()[:4]) / 2**32
    return timedelta(days=revisit_days) * (0.5 + 0.5 * share)


class _Fetched(NamedTuple):
    """What the revisit policy needs of a fetch."""

    id: int
    run_id: int
    agency_id: int
    url: str
    final_url: str | None
    referer: str | None
    fetched_at: datetime
    status: int | None
    error: str | None
    is_document: bool
    start: bool
    gap: bool


def settled_pages(
    session: Session, agency_ids: Iterable[int], *, now: datetime, revisit_days: int
) -> dict[int, frozenset[str]]:
    """Per agency, the URLs of pages that led nowhere when last fetched, and were fetched
    less than their `revisit_after` ago (`now` is UTC)."""
    ids = sorted(set(agency_ids))
    if not ids or revisit_days <= 0:
        return {}
    since = _utc(now) - timedelta(days=revisit_days)
    settled: dict[int, frozenset[str]] = {}
    for at in range(0, len(ids), AGENCIES_AT_ONCE):
        chunk = ids[at : at + AGENCIES_AT_ONCE]
        fetches, qms = _window(session, chunk, since)
        settled.update(_settled(fetches, qms, now=_utc(now), revisit_days=revisit_days))
    return settled


def _window(
    session: Session, agency_ids: list[int], since: datetime
) -> tuple[list[_Fetched], set[int]]:
    """The agencies' fetches since `since`, and which of them were QMS documents: the
    evidence of a sighting, or bytes some QMS document of the agency was read from."""
    recent = (col(Fetch.agency_id).in_(agency_ids), col(Fetch.fetched_at) >= since)
    columns = [getattr(Fetch, name) for name in _Fetched._fields]
    fetches = [_Fetched(*row) for row in session.exec(select(*columns).where(*recent)).all()]
    sighted = session.exec(
        select(DocumentSighting.fetch_id)
        .join(Fetch, col(Fetch.id) == col(DocumentSighting.fetch_id))
        .where(*recent)
    ).all()
    same_bytes = session.exec(
        select(Fetch.id)
        .join(Document, col(Document.sha256) == col(Fetch.sha256))
        .where(*recent, col(Document.agency_id) == col(Fetch.agency_id))
        .where(col(Document.doc_type) != NOT_QMS)
    ).all()
    return sorted(fetches), {*sighted, *(i for i in same_bytes if i is not None)}


def _settled(
    fetches: list[_Fetched], qms: set[int], *, now: datetime, revisit_days: int
) -> dict[int, frozenset[str]]:
    latest: dict[tuple[int, str], tuple[datetime, bool]] = {}  # (agency, url): when, led nowhere
    by_run: dict[int, list[_Fetched]] = {}
    for fetch in fetches:  # in id order: a later fetch of a URL overrides an earlier one
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
        if nowhere and due > now:
            settled.setdefault(agency_id, set()).add(url)
    return {agency_id: frozenset(urls) for agency_id, urls in settled.items()}


def _utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive one (as SQLite may give back) is taken to be UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _led_nowhere(fetches: Sequence[_Fetched], qms: set[int]) -> set[int]:
    """The ids of one run's fetches of one or more agencies that were pages explored for
    nothing: answered, not the start page, and neither they nor anything fetched through
    them (by referer, transitively) was a QMS document, a file, a failure or a gap."""
    by_url: dict[tuple[int, str], _Fetched] = {}
    for fetch in fetches:
        by_url.setdefault((fetch.agency_id, fetch.url), fetch)
        if fetch.final_url:
            by_url.setdefault((fetch.agency_id, fetch.final_url), fetch)
    somewhere: set[int] = set()
    for fetch in fetches:
        if fetch.id in qms or fetch.is_document or fetch.error or fetch.gap:
            node: _Fetched | None = fetch
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
    known = known_documents(session, ids, now=now)
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
