"""Persistence: SQLModel tables, database set-up and the content-addressed blob store."""

from store.blobs import BlobStore
from store.database import create_schema, make_engine, open_session, sqlite_url
from store.models import (
    Agency,
    AgencyBase,
    CrawlRun,
    Document,
    Fetch,
    Finding,
    SiteVisit,
    Verdict,
    utcnow,
)

__all__ = [
    "Agency",
    "AgencyBase",
    "BlobStore",
    "CrawlRun",
    "Document",
    "Fetch",
    "Finding",
    "SiteVisit",
    "Verdict",
    "create_schema",
    "make_engine",
    "open_session",
    "sqlite_url",
    "utcnow",
]
