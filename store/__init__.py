"""Persistence: SQLModel tables, engines and migrations, the content-addressed blob store."""

from store.blobs import Blobs, BlobStore
from store.database import make_engine, open_session, sqlite_url
from store.errors import StoreError
from store.models import (
    HELD,
    Agency,
    AgencyBase,
    AgencyResult,
    AuditEntry,
    Document,
    DocumentSighting,
    Fetch,
    Finding,
    Override,
    Run,
    RunFinding,
    SiteVisit,
    User,
    Verdict,
    utcnow,
)
from store.schema import SchemaAheadError, SchemaBehindError, prepare, upgrade

__all__ = [
    "HELD",
    "Agency",
    "AgencyBase",
    "AgencyResult",
    "AuditEntry",
    "BlobStore",
    "Blobs",
    "Document",
    "DocumentSighting",
    "Fetch",
    "Finding",
    "Override",
    "Run",
    "RunFinding",
    "SchemaAheadError",
    "SchemaBehindError",
    "SiteVisit",
    "StoreError",
    "User",
    "Verdict",
    "make_engine",
    "open_session",
    "prepare",
    "sqlite_url",
    "upgrade",
    "utcnow",
]
