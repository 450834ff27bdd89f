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
class UnreadableCandidate:
    """A link whose name says it is a QMS document, but that could not be downloaded or read.

    doc_type: the type its link text or file name suggests ("declaration", …).
    reason: why it was not read, in Vietnamese ("tải về thất bại: hết thời gian chờ",
        "tệp PDF hỏng", …).
    """

    url: str
    label: str  # the link text or file name that names it
    doc_type: str
    reason: str
    evidence_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class SiteFacts:
    """How the agency's site answered in the run judged.

    reachable: its start page answered in this run. When it did not, the documents judged
    are those of the last run that reached it (`last_reached`), if there was one;
    `down_since` is the date of the first run in the current streak of failures.
    registered: the registry names a website for the agency at all.
    """

    reachable: bool
    robots_forbidden: bool = False
    failure: str | None = None  # a crawler FailureKind value
    failure_detail: str | None = None
    start_url: str | None = None
    evidence_id: int | None = None
    last_reached: date | None = None
    down_since: date | None = None
    registered: bool = True


@dataclass(frozen=True, kw_only=True)
class AgencyFacts:
    code: str
    name: str
    level: str
    website: str | None
    established: date | None
    site: SiteFacts
    documents: tuple[DocumentFacts, ...] = field(default_factory=tuple)
    unreadable: tuple[UnreadableCandidate, ...] = field(default_factory=tuple)
