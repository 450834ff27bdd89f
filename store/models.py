"""SQLModel tables: the registry, crawl runs, fetches, documents, findings and verdicts.

Times are timezone-aware UTC. A `Fetch` is one HTTP exchange (or its failure); raw bytes
live in the blob store under `Fetch.sha256`. A `Document` is what was read from a fetched
file or page; a `Finding` is one rule's result for one agency, kept across runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class AgencyBase(SQLModel):
    code: str = Field(index=True, unique=True, max_length=64)
    name: str
    level: str = Field(max_length=16)
    website: str
    parent: str | None = None
    established: date | None = None


class Agency(AgencyBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class CrawlRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    agencies: int = 0
    fetches: int = 0


class SiteVisit(SQLModel, table=True):
    """How one agency's site answered in one crawl run."""

    __table_args__ = (UniqueConstraint("run_id", "agency_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="crawlrun.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    reachable: bool = False
    robots_forbidden: bool = False
    failure: str | None = None
    failure_detail: str | None = None
    pages: int = 0
    documents: int = 0
    finished_at: datetime = Field(default_factory=utcnow)


class Fetch(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="crawlrun.id", index=True)
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


class Document(SQLModel, table=True):
    """What was read from one distinct file (or QMS page) of one agency.

    One row per (agency, sha256): a recrawl that finds the same bytes moves `run_id` (the
    last run it was seen in) and `fetch_id` (its latest evidence) instead of adding a row.
    """

    __table_args__ = (UniqueConstraint("agency_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    fetch_id: int = Field(foreign_key="fetch.id", index=True)
    run_id: int = Field(foreign_key="crawlrun.id", index=True)
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


class Finding(SQLModel, table=True):
    """One rule's finding for one agency; first/last seen across audits, resolved when gone."""

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    rule: str = Field(index=True, max_length=16)
    severity: str = Field(max_length=16)
    message: str
    evidence_url: str | None = None
    evidence_fetch_id: int | None = Field(default=None, foreign_key="fetch.id")
    snippet: str | None = None
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None


class Verdict(SQLModel, table=True):
    """The latest status of one agency, as of a date."""

    agency_id: int = Field(foreign_key="agency.id", primary_key=True)
    status: str = Field(max_length=16)
    iso_version: str | None = Field(default=None, max_length=16)
    as_of: date
    audited_at: datetime = Field(default_factory=utcnow)
