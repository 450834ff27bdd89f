"""Read what a crawl run fetched: extract and classify each page and file into Documents.

Bytes already read (same sha256, for this agency or another) are not read again: the
stored reading is reused and only its evidence (fetch, run) moves forward. New bytes are
read in child processes with time and memory limits (extractors.isolation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sqlmodel import Session, col, select

from extractors import Reading
from extractors.isolation import IsolatedReader, ReadRequest
from store import BlobStore, Document, Fetch


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
    reader: IsolatedReader,
    on_read: Callable[[Fetch], None] | None = None,
) -> int:
    """Record a Document for each distinct byte string fetched (pages too, as not_qms).

    Returns how many byte strings were actually read (not reused).
    """
    unread = []
    for fetch in fetches:
        if _reuse(session, fetch):
            if on_read is not None:
                on_read(fetch)
        else:
            unread.append(fetch)
    readings = reader.read_all(_requests(blobs, unread))
    for fetch, reading in zip(unread, readings, strict=True):
        session.add(_document(reading, fetch))
        if on_read is not None:
            on_read(fetch)
    session.commit()
    return len(unread)


def _reuse(session: Session, fetch: Fetch) -> bool:
    """Record the fetch from an earlier reading of the same bytes, if there is one."""
    assert fetch.sha256 is not None and fetch.id is not None
    own = session.exec(
        select(Document)
        .where(Document.agency_id == fetch.agency_id)
        .where(Document.sha256 == fetch.sha256)
    ).first()
    if own is not None:
        own.run_id, own.fetch_id, own.url = fetch.run_id, fetch.id, _url(fetch)
        session.add(own)
        return True
    known = session.exec(select(Document).where(Document.sha256 == fetch.sha256)).first()
    if known is None:
        return False
    fields = known.model_dump(
        exclude={"id", "agency_id", "fetch_id", "run_id", "url", "first_seen"}
    )
    session.add(
        Document(
            **fields,
            agency_id=fetch.agency_id,
            fetch_id=fetch.id,
            run_id=fetch.run_id,
            url=_url(fetch),
        )
    )
    return True


def _requests(blobs: BlobStore, fetches: list[Fetch]) -> Iterator[ReadRequest]:
    for fetch in fetches:
        assert fetch.sha256 is not None
        yield ReadRequest(
            data=blobs.get(fetch.sha256),
            content_type=fetch.content_type,
            filename=fetch.filename,
            url=_url(fetch),
        )


def _document(reading: Reading, fetch: Fetch) -> Document:
    """The Document of a reading. Every byte string read gets one, so that it is not read
    again; an ordinary page (not a file, not QMS) keeps no text, only that it was read."""
    assert fetch.sha256 is not None and fetch.id is not None
    found = reading.classification
    ordinary_page = found.doc_type == "not_qms" and not fetch.is_document
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
        text="" if ordinary_page else reading.text,
        ocr=reading.ocr,
        extraction_error=reading.error,
        details={} if ordinary_page else reading.as_dict(),
    )


def _url(fetch: Fetch) -> str:
    return fetch.final_url or fetch.url
