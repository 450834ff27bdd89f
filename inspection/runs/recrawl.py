"""What an incremental recrawl sends back: the validators of documents fetched before."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from crawler.model import Validators
from store import Fetch

__all__ = ["known_documents"]


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
