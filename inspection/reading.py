"""Read what a crawl run fetched: extract and classify each page and file into Documents.

Bytes already read (same sha256, for this agency or another) are not read again: the
stored reading is reused and only its evidence (fetch, run) moves forward.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from sqlmodel import Session, col, select

from extractors import read_document
from store import BlobStore, Document, Fetch

log = logging.getLogger(__name__)


def fetches_to_read(session: Session, run_id: int, agency_ids: Iterable[int]) -> list[Fetch]:
    """Successful fetches with a body, one per (agency, sha256)."""
    rows = session.exec(
        select(Fetch)
        .where(Fetch.run_id == run_id)
        .where(col(Fetch.agency_id).in_(list(agency_ids)))
        .where(col(Fetch.sha256).is_not(None))
        .where(col(Fetch.error).is_(None))
        .order_by(col(Fetch.id))
    ).all()
    unique: dict[tuple[int, str], Fetch] = {}
    for fetch in rows:
        assert fetch.sha256 is not None
        unique.setdefault((fetch.agency_id, fetch.sha256), fetch)
    return list(unique.values())


def read_fetches(
    session: Session,
    blobs: BlobStore,
    fetches: list[Fetch],
    *,
    on_read: Callable[[Fetch], None] | None = None,
) -> int:
    """Record a Document for each fetched file and each page that reads as a QMS document.

    Returns how many byte strings were actually read (not reused).
    """
    read = 0
    for fetch in fetches:
        read += _record(session, blobs, fetch)
        if on_read is not None:
            on_read(fetch)
    session.commit()
    return read


def _record(session: Session, blobs: BlobStore, fetch: Fetch) -> int:
    assert fetch.sha256 is not None and fetch.id is not None
    own = session.exec(
        select(Document)
        .where(Document.agency_id == fetch.agency_id)
        .where(Document.sha256 == fetch.sha256)
    ).first()
    if own is not None:
        own.run_id, own.fetch_id, own.url = fetch.run_id, fetch.id, _url(fetch)
        session.add(own)
        return 0
    known = session.exec(select(Document).where(Document.sha256 == fetch.sha256)).first()
    if known is not None:
        session.add(_copy(known, fetch))
        return 0
    document = _read(blobs, fetch)
    if document is not None:
        session.add(document)
    return 1


def _read(blobs: BlobStore, fetch: Fetch) -> Document | None:
    """A new Document from the fetch's bytes; None for a page that is not a QMS document."""
    assert fetch.sha256 is not None and fetch.id is not None
    try:
        reading = read_document(
            blobs.get(fetch.sha256),
            content_type=fetch.content_type,
            filename=fetch.filename,
            url=_url(fetch),
        )
    except Exception as error:
        # read_document turns bad input into a Reading with an error, so this is a bug in an
        # extractor. It is logged and recorded, and must not end the run for other agencies.
        log.exception("extractor failed on %s", fetch.url)
        if not fetch.is_document:
            return None
        return _blank(fetch, f"extractor crashed: {error!r}")
    found = reading.classification
    if found.doc_type == "not_qms" and not fetch.is_document:
        return None
    return Document(
        agency_id=fetch.agency_id,
        fetch_id=fetch.id,
        run_id=fetch.run_id,
        url=_url(fetch),
        sha256=fetch.sha256,
        doc_type=found.doc_type,
        iso_version=found.iso_version,
        versions_mentioned=list(found.versions_mentioned),
        year=found.year,
        number=found.number,
        issued=found.issued,
        title=reading.title,
        text=reading.text,
        ocr=reading.ocr,
        extraction_error=reading.error,
        details=reading.as_dict(),
    )


def _blank(fetch: Fetch, error: str) -> Document:
    assert fetch.sha256 is not None and fetch.id is not None
    return Document(
        agency_id=fetch.agency_id,
        fetch_id=fetch.id,
        run_id=fetch.run_id,
        url=_url(fetch),
        sha256=fetch.sha256,
        doc_type="not_qms",
        extraction_error=error,
    )


def _copy(known: Document, fetch: Fetch) -> Document:
    assert fetch.id is not None
    fields = known.model_dump(exclude={"id", "agency_id", "fetch_id", "run_id", "url", "first_seen"})
    return Document(
        **fields, agency_id=fetch.agency_id, fetch_id=fetch.id, run_id=fetch.run_id, url=_url(fetch)
    )


def _url(fetch: Fetch) -> str:
    return fetch.final_url or fetch.url
