"""SQLModel tables: the registry, runs and what each run saw and judged, the published results.

Times are timezone-aware UTC. The tables fall in three groups:

- **What a run saw**, append-only and written per agency as one unit when that agency's
  crawl, reading and audit are all done: `SiteVisit` (how the site answered), `Fetch` (one
  HTTP exchange or its failure; raw bytes in the blob store under `Fetch.sha256`),
  `DocumentSighting` (a document seen in that run), `AgencyResult` (the verdict the run
  reached) and `RunFinding` (the findings it reached). A `Document` is the reading of one
  distinct byte string of one agency, made once and reused whenever the bytes come again.
- **What staff see as published**: `Verdict` (one row per agency) and `Finding` (findings
  with an identity across runs: first seen, last seen, resolved). Only publishing a
  complete run changes them (see `inspection.runs`).
- **The workplace**: `Run` (who started what, its state, progress), `User`, `Override`
  (an inspector's correction, with its reason) and `AuditEntry` (who changed what).

`Blob` holds raw bytes when the blob store is the database (`QMSAUDIT_BLOB_STORE=database`,
`store.blobs.DatabaseBlobs`); it stays empty with the default store, a folder.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

# Constraint names as PostgreSQL itself would give them, so that a database made by
# `create_all` before migrations existed has the same names as one made by migrating.
metadata = SQLModel.metadata
metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}

# A marker column that is 1 while a row holds a slot and NULL after: a unique constraint
# over it allows many NULLs (both SQLite and PostgreSQL) but only one 1, which makes "at
# most one running run" and "at most one open finding per key" constraints, not habits.
HELD = 1


def utcnow() -> datetime:
    return datetime.now(UTC)


class AgencyBase(SQLModel):
    code: str = Field(index=True, unique=True, max_length=64)
    name: str
    level: str = Field(max_length=16)
    website: str | None = None  # None: the registry names no website (a finding says so)
    parent: str | None = None
    established: date | None = None


class Agency(AgencyBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Set when the agency left the registry (a merger): not crawled, not counted, its
    # history kept.
    retired_at: datetime | None = None


class Run(SQLModel, table=True):
    """One crawl (or re-audit) of some or all agencies: who started it, how it went.

    kind: "crawl" (fetch, read, audit) or "audit" (judge stored results again).
    trigger: "manual" (the CLI), "schedule" or "web".
    state: "running", then "complete", "interrupted" or "failed"; only a complete run's
        results are published.
    running: HELD while the run is running, NULL after: at most one run runs at a time.
    host / pid / heartbeat_at: who executes it, so that a run whose executor died is
        recognised as such and marked interrupted (see inspection.runs.lock).
    """

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="crawl", max_length=16)
    trigger: str = Field(default="manual", max_length=16)
    state: str = Field(default="running", max_length=16, index=True)
    running: int | None = Field(default=HELD, unique=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    as_of: date | None = None
    selection: list[str] | None = Field(default=None, sa_column=Column(JSON))  # None: all
    requested_by: str | None = None
    executor: str = Field(default="local", max_length=16)
    host: str | None = None
    pid: int | None = None
    heartbeat_at: datetime | None = None
    phase: str | None = Field(default=None, max_length=32)
    agencies: int = 0
    agencies_done: int = 0
    fetches: int = 0
    documents_read: int = 0
    statuses: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))
    reason: str | None = None  # why it was interrupted or failed (Vietnamese)


class SiteVisit(SQLModel, table=True):
    """How one agency's site answered in one run."""

    __table_args__ = (UniqueConstraint("run_id", "agency_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    reachable: bool = False
    robots_forbidden: bool = False
    failure: str | None = None
    failure_detail: str | None = None
    pages: int = 0
    documents: int = 0
    retried: bool = False  # the start page was tried again at the end of the run
    finished_at: datetime = Field(default_factory=utcnow)


class Fetch(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    url: str
    final_url: str | None = None
    status: int | None = None
    error: str | None = Field(default=None, max_length=32)
    error_detail: str | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    content_type: str | None = None
    filename: str | None = None
    size: int | None = None
    sha256: str | None = Field(default=None, index=True, max_length=64)
    etag: str | None = None
    last_modified: str | None = None
    is_document: bool = False
    depth: int = 0
    referer: str | None = None
    link_text: str | None = None
    start: bool = False  # the agency's start URL
    gap: bool = False  # a candidate that stayed out of reach after retries


class Document(SQLModel, table=True):
    """What was read from one distinct byte string (a file or a QMS page) of one agency.

    Made once, when the bytes are first read, and never changed: each run that sees the
    bytes again adds a `DocumentSighting`. `fetch_id`, `run_id` and `url` are the first
    sighting's.
    """

    __table_args__ = (UniqueConstraint("agency_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    fetch_id: int = Field(foreign_key="fetch.id", index=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    first_seen: datetime = Field(default_factory=utcnow)
    url: str
    sha256: str = Field(index=True, max_length=64)
    doc_type: str = Field(max_length=32)
    iso_version: str | None = Field(default=None, max_length=16)
    versions_mentioned: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    year: int | None = None
    number: str | None = None
    issued: date | None = None
    title: str | None = None
    text: str = ""
    ocr: bool = False
    extraction_error: str | None = None
    details: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON))
    # Of a page: `Reading.fingerprint`; a later fetch of its URL saying the same words is
    # this document again, whatever its counters and clocks (None for files).
    fingerprint: str | None = Field(default=None, max_length=64)


class DocumentSighting(SQLModel, table=True):
    """A QMS document of an agency seen in one run, at a URL, with its fetch as evidence."""

    __table_args__ = (UniqueConstraint("run_id", "agency_id", "document_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    fetch_id: int = Field(foreign_key="fetch.id")
    url: str


class AgencyResult(SQLModel, table=True):
    """The verdict one run reached for one agency: `status` with the inspectors' overrides
    in force then, `rule_status` as the rules alone gave it.

    visit_run_id: the crawl run whose site visit was judged (this run for a crawl; for a
        re-audit, the crawl its result came from).
    facts_run_id: the crawl run whose documents were judged: the visit's run when the site
        answered; an earlier run when it was down and its last known documents stand; None
        when it was never reached.
    last_reached / unreachable_since: the as-of dates of the last run that reached the site
        and of the first run of the current streak of failures.
    """

    __table_args__ = (UniqueConstraint("run_id", "agency_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    visit_run_id: int | None = Field(default=None, foreign_key="run.id")
    facts_run_id: int | None = Field(default=None, foreign_key="run.id")
    status: str = Field(max_length=16)
    rule_status: str | None = Field(default=None, max_length=16)
    iso_version: str | None = Field(default=None, max_length=16)
    as_of: date
    audited_at: datetime = Field(default_factory=utcnow)
    reachable: bool = False
    last_reached: date | None = None
    unreachable_since: date | None = None
    documents: int = 0
    findings: int = 0


class RunFinding(SQLModel, table=True):
    """A finding as one run reached it (append-only); publishing keeps `Finding` in step."""

    __table_args__ = (Index("ix_runfinding_run_id_agency_id", "run_id", "agency_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id")
    agency_id: int = Field(foreign_key="agency.id")
    rule: str = Field(max_length=16)
    subject: str = ""
    severity: str = Field(max_length=16)
    message: str
    evidence_url: str | None = None
    evidence_fetch_id: int | None = Field(default=None, foreign_key="fetch.id")
    snippet: str | None = None


class Finding(SQLModel, table=True):
    """A published finding, keyed by agency, rule and subject across runs.

    `subject` is what the finding is about within the agency ("" for the agency itself, a
    document's number for a document), never a URL a CMS may change. At most one open
    finding per key: `open` is HELD while open and NULL once resolved.
    """

    __table_args__ = (UniqueConstraint("agency_id", "rule", "subject", "open"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    rule: str = Field(index=True, max_length=16)
    subject: str = ""
    open: int | None = HELD
    severity: str = Field(max_length=16)
    message: str
    evidence_url: str | None = None
    evidence_fetch_id: int | None = Field(default=None, foreign_key="fetch.id")
    snippet: str | None = None
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None
    opened_run_id: int | None = Field(default=None, foreign_key="run.id")
    last_run_id: int | None = Field(default=None, foreign_key="run.id")
    resolved_run_id: int | None = Field(default=None, foreign_key="run.id")


class Verdict(SQLModel, table=True):
    """The published status of one agency: its latest complete run's result, overrides on top.

    status / iso_version: what staff see; rule_status: what the rules alone said.
    """

    agency_id: int = Field(foreign_key="agency.id", primary_key=True)
    result_id: int | None = Field(default=None, foreign_key="agencyresult.id")
    run_id: int | None = Field(default=None, foreign_key="run.id")
    visit_run_id: int | None = Field(default=None, foreign_key="run.id")
    facts_run_id: int | None = Field(default=None, foreign_key="run.id")
    status: str = Field(max_length=16)
    rule_status: str | None = Field(default=None, max_length=16)
    iso_version: str | None = Field(default=None, max_length=16)
    as_of: date
    audited_at: datetime = Field(default_factory=utcnow)
    last_reached: date | None = None
    unreachable_since: date | None = None


class User(SQLModel, table=True):
    """A person who uses the dashboard: role "admin", "inspector" or "viewer"."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True, max_length=64)
    password_hash: str
    role: str = Field(max_length=16)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    password_changed_at: datetime = Field(default_factory=utcnow)


class Override(SQLModel, table=True):
    """An inspector's correction of a finding ("không đúng") or of a document's type.

    kind "finding": the finding (rule, subject) of the agency is wrong; kind
    "document_type": the document (by its bytes' sha256) is of type `doc_type`. It holds
    while the evidence is the same (`evidence_sha256`) and until revoked.
    """

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    kind: str = Field(max_length=16)
    rule: str | None = Field(default=None, max_length=16)
    subject: str | None = None
    document_sha256: str | None = Field(default=None, max_length=64)
    doc_type: str | None = Field(default=None, max_length=32)
    evidence_sha256: str | None = Field(default=None, max_length=64)
    reason: str
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_by: str | None = Field(default=None, max_length=64)
    revoked_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """One state-changing action, append-only: who, when, what, from which address."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=64)
    target: str | None = None
    detail: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON))
    address: str | None = Field(default=None, max_length=64)


class Blob(SQLModel, table=True):
    """One distinct byte string of the database blob store, keyed by its sha256.

    Written once (a second put of the same bytes, from any process, changes nothing);
    `stored_at` is when it was first stored, the age retention goes by when no fetch
    refers to it.
    """

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    data: bytes  # bytea on PostgreSQL, BLOB on SQLite
    stored_at: datetime = Field(default_factory=utcnow)
