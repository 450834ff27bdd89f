"""What the rules know of an agency: plain values, built by whoever holds the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, kw_only=True)
class DocumentFacts:
    url: str
    doc_type: str  # one of extractors' document types; "not_qms" never reaches the rules
    iso_version: str | None  # the version the document adopts: "2015", "2008", ...
    year: int | None  # the year a set of objectives (or a plan, a report) is for
    number: str | None
    issued: date | None
    title: str | None = None
    evidence_id: int | None = None  # the store's fetch id, passed back in findings


@dataclass(frozen=True, kw_only=True)
class SiteFacts:
    reachable: bool
    robots_forbidden: bool = False
    failure: str | None = None  # a crawler FailureKind value
    failure_detail: str | None = None
    start_url: str | None = None
    evidence_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class AgencyFacts:
    code: str
    name: str
    level: str
    website: str
    established: date | None
    site: SiteFacts
    documents: tuple[DocumentFacts, ...] = field(default_factory=tuple)
