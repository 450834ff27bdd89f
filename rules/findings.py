"""What an audit says of an agency: statuses in verdict order, severities, findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """An agency's verdict; members are in verdict order, the first that applies wins."""

    UNREACHABLE = "unreachable"
    NOT_PUBLISHED = "not_published"
    OUTDATED = "outdated"
    INCOMPLETE = "incomplete"
    STALE = "stale"
    COMPLIANT = "compliant"

    @classmethod
    def first_of(cls, statuses: Iterable[Status]) -> Status:
        """The first of `statuses` in verdict order; compliant when there are none."""
        order = list(cls)
        return min(statuses, key=order.index, default=cls.COMPLIANT)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One problem a rule found, with the evidence an inspector can cite.

    `message` is Vietnamese and specific (the missing item, the year found, the date).
    `evidence_url` / `evidence_id` point at the document or site page the finding is
    based on (`evidence_id` is the store's fetch id, passed through from the facts).
    `subject` says what within the agency the finding is about, stably across runs: "" for
    the agency (or its site) itself, a document's key (`rules.documents.document_subject`)
    for one document. With the agency and the rule it is the finding's identity.
    """

    rule: str
    name: str
    severity: Severity
    message: str
    subject: str = ""
    # The status this finding implies under the profile it was judged with (set by the
    # engine: an advisory rule's finding implies none unless the profile counts it).
    implies: Status | None = None
    evidence_url: str | None = None
    evidence_id: int | None = None
    snippet: str | None = None


@dataclass(frozen=True, kw_only=True)
class Audit:
    """The outcome of auditing one agency as of a date."""

    status: Status
    iso_version: str | None  # "2015", "2008", "mixed" or None when no document states one
    findings: tuple[Finding, ...]
