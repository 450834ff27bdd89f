"""Persistence: SQLModel tables, engines and migrations, the content-addressed blob store."""

from store.blobs import Blobs, BlobStore, StoredBlob
from store.database import make_engine, open_session, sqlite_url
from store.database_blobs import DatabaseBlobs
from store.errors import MissingBlobError, StoreError
from store.models import (
    HELD,
    Agency,
    AgencyBase,
    AgencyResult,
    AuditEntry,
    Blob,
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
    "Blob",
    "BlobStore",
    "Blobs",
    "DatabaseBlobs",
    "Document",
    "DocumentSighting",
    "Fetch",
    "Finding",
    "MissingBlobError",
    "Override",
    "Run",
    "RunFinding",
    "SchemaAheadError",
    "SchemaBehindError",
    "SiteVisit",
    "StoreError",
    "StoredBlob",
    "User",
    "Verdict",
    "make_engine",
    "open_session",
    "prepare",
    "sqlite_url",
    "upgrade",
    "utcnow",
]
