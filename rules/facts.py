"""What the rules know of an agency: plain values, built by whoever holds the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, kw_only=True)
class DocumentFacts:
    """One document of the agency, as read. Fields after `evidence_id` default to "nothing
    found", so facts built from a reading that did not look for them stay valid.

    issuer: the issuing body in the header ("ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH").
    signer / signer_title: the name in the signature block and the title lines over it,
        joined with " / " ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"; the last line is the position).
    scope: a declaration's Điều 1 (or a "Phạm vi" paragraph); scope_list: the document
        lists, or points to an attached list of, the procedures or sectors it covers.
    cited: numbers of the legal texts it cites ("61/2018/NĐ-CP").
    vocabulary: (edition, phrase) for each phrase typical of one edition found in its body.
    held: QMS activities it says were held: "internal_audit", "management_review".
    """

    url: str
    doc_type: str  # one of extractors' document types; "not_qms" never reaches the rules
    iso_version: str | None  # the version the document adopts: "2015", "2008", "2026", ...
    year: int | None  # the year a set of objectives (or a plan, a report) is for
    number: str | None
    issued: date | None
    title: str | None = None
    evidence_id: int | None = None  # the store's fetch id, passed back in findings
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    scope: str | None = None
    scope_list: bool = False
    cited: tuple[str, ...] = ()
    vocabulary: tuple[tuple[str, str], ...] = ()
    held: tuple[str, ...] = ()


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
