"""Keep what the crawler reports: bytes in the blob store, fetches and site visits as rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlmodel import Session, col, select

from crawler.model import FetchResult, SiteOutcome, Validators
from store import BlobStore, Fetch, SiteVisit

# Rows are committed in batches: one commit per fetch would make SQLite the bottleneck.
COMMIT_EVERY = 50


class CrawlRecorder:
    """Receives crawler callbacks for one crawl run and writes them to the store."""

    def __init__(
        self,
        session: Session,
        blobs: BlobStore,
        *,
        run_id: int,
        agency_ids: dict[str, int],
        on_site_done: Callable[[SiteOutcome], None] | None = None,
    ) -> None:
        self._session = session
        self._blobs = blobs
        self._run_id = run_id
        self._agency_ids = agency_ids
        self._on_site_done = on_site_done
        self._pending = 0
        self.fetches = 0

    def on_fetch(self, result: FetchResult) -> None:
        # A 304 has no body: its bytes are those stored under the earlier fetch's sha256.
        sha256 = self._blobs.put(result.body) if result.body is not None else None
        sha256 = sha256 or result.unchanged_sha256
        self._session.add(
            Fetch(
                run_id=self._run_id,
                agency_id=self._agency_ids[result.agency_code],
                url=result.url,
                final_url=result.final_url,
                status=result.status,
                error=result.failure.value if result.failure else None,
                error_detail=result.failure_detail,
                fetched_at=result.fetched_at,
                content_type=result.content_type,
                filename=result.filename,
                size=len(result.body) if result.body is not None else None,
                sha256=sha256,
                etag=result.etag,
                last_modified=result.last_modified,
                is_document=result.is_document,
                depth=result.depth,
                referer=result.referer,
                link_text=result.link_text,
            )
        )
        self.fetches += 1
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.flush()

    def on_site(self, outcome: SiteOutcome) -> None:
        self._session.add(
            SiteVisit(
                run_id=self._run_id,
                agency_id=self._agency_ids[outcome.agency_code],
                reachable=outcome.reachable,
                robots_forbidden=outcome.robots_forbidden,
                failure=outcome.failure.value if outcome.failure else None,
                failure_detail=outcome.failure_detail,
                pages=outcome.pages,
                documents=outcome.documents,
            )
        )
        self.flush()
        if self._on_site_done is not None:
            self._on_site_done(outcome)

    def flush(self) -> None:
        self._session.commit()
        self._pending = 0


def known_documents(
    session: Session, agency_ids: Iterable[int]
) -> dict[int, dict[str, Validators]]:
    """Per agency, the validators of each document URL fetched before, for an incremental
    recrawl (If-None-Match / If-Modified-Since); the newest fetch of a URL wins."""
    rows = session.exec(
        select(Fetch)
        .where(col(Fetch.agency_id).in_(list(agency_ids)))
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
