"""Read what one agency's crawl fetched: each distinct byte string once, ever.

Bytes this agency's site served before are not read again (its `Document` stands); bytes
another agency's site served are not read again either (that reading is copied). Only new
bytes go to the isolated reader (child processes with time and memory limits). A page
whose new bytes say what its URL said before (same fingerprint: only a counter, a clock or
view state changed) is that earlier document again: its fetch is recorded with the earlier
bytes, as for a 304, and the new bytes are not kept. Nothing here writes:
`inspection.runs.job` commits the readings with the rest of the agency.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from crawler.model import FetchResult
from extractors import Reading
from extractors.isolation import IsolatedReader, ReadRequest
from store import Blobs, Document

__all__ = ["AgencyReadings", "CrawledFetch", "read_agency"]


@dataclass(frozen=True)
class CrawledFetch:
    """One request's outcome as the crawl reported it; its body is in the blob store."""

    result: FetchResult  # with body None: the bytes are under `sha256`
    sha256: str | None
    size: int | None  # of the body, when there was one

    @property
    def readable(self) -> bool:
        return self.sha256 is not None and self.result.failure is None

    @property
    def url(self) -> str:
        return self.result.final_url or self.result.url


@dataclass
class AgencyReadings:
    """Per distinct sha256 of an agency's fetches: the Document it already has, another
    agency's Document of the same bytes to copy, or a fresh Reading; `unchanged`: new
    bytes of a page that say what the Document of its URL said (recorded as that one)."""

    own: dict[str, Document]
    copied: dict[str, Document]
    read: dict[str, Reading]
    unchanged: dict[str, Document] = field(default_factory=dict)

    @property
    def documents_read(self) -> int:
        return len(self.read)

    def recorded_sha256(self, sha256: str | None) -> str | None:
        """The bytes a fetch is recorded with: the earlier page's, when it is unchanged."""
        if sha256 is not None and sha256 in self.unchanged:
            return self.unchanged[sha256].sha256
        return sha256

    def document(self, sha256: str) -> Document | None:
        """This agency's stored Document of the bytes a fetch is recorded with."""
        if sha256 in self.own:
            return self.own[sha256]
        return next((d for d in self.unchanged.values() if d.sha256 == sha256), None)


def read_agency(
    session: Session,
    blobs: Blobs,
    reader: IsolatedReader,
    agency_id: int,
    fetches: Sequence[CrawledFetch],
) -> AgencyReadings:
    """Readings for every distinct byte string of `fetches` (first fetch of each wins)."""
    first: dict[str, CrawledFetch] = {}
    for fetch in fetches:
        if fetch.readable:
            assert fetch.sha256 is not None
            first.setdefault(fetch.sha256, fetch)
    hashes = list(first)
    own = _documents(session, hashes, agency_id=agency_id)
    others = _documents(session, [h for h in hashes if h not in own], agency_id=None)
    unread = [first[h] for h in hashes if h not in own and h not in others]
    readings = list(reader.read_all(_requests(blobs, unread)))
    read = {fetch.sha256: reading for fetch, reading in zip(unread, readings, strict=True)}
    earlier = _page_documents(session, agency_id, {f.url for f in unread})
    unchanged = {
        fetch.sha256: earlier[(fetch.url, reading.fingerprint)]
        for fetch, reading in zip(unread, readings, strict=True)
        if fetch.sha256 is not None and (fetch.url, reading.fingerprint) in earlier
    }
    fresh = {k: v for k, v in read.items() if k and k not in unchanged}
    return AgencyReadings(own=own, copied=others, read=fresh, unchanged=unchanged)


def _page_documents(
    session: Session, agency_id: int, urls: set[str]
) -> dict[tuple[str, str | None], Document]:
    """The agency's fingerprinted Documents of these URLs, by URL and fingerprint (one URL
    may say several things: a list's pages posted back to it), the newest of each."""
    found: dict[tuple[str, str | None], Document] = {}
    ordered = sorted(urls)
    for start in range(0, len(ordered), 500):  # bounded IN lists
        query = (
            select(Document)
            .where(Document.agency_id == agency_id)
            .where(col(Document.url).in_(ordered[start : start + 500]))
            .where(col(Document.fingerprint).is_not(None))
            .order_by(col(Document.id).desc())
        )
        for document in session.exec(query).all():
            found.setdefault((document.url, document.fingerprint), document)
    return found


def _documents(
    session: Session, hashes: list[str], *, agency_id: int | None
) -> dict[str, Document]:
    """Stored readings of `hashes`: this agency's own, or anyone's (the oldest) when None."""
    found: dict[str, Document] = {}
    for start in range(0, len(hashes), 500):  # bounded IN lists
        query = select(Document).where(col(Document.sha256).in_(hashes[start : start + 500]))
        if agency_id is not None:
            query = query.where(Document.agency_id == agency_id)
        for document in session.exec(query.order_by(col(Document.id))).all():
            found.setdefault(document.sha256, document)
    return found


def _requests(blobs: Blobs, fetches: list[CrawledFetch]) -> Iterator[ReadRequest]:
    for fetch in fetches:
        assert fetch.sha256 is not None
        yield ReadRequest(
            data=blobs.get(fetch.sha256),
            content_type=fetch.result.content_type,
            filename=fetch.result.filename,
            url=fetch.url,
        )
