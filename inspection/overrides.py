"""Inspectors' corrections: a finding marked wrong, a document's type corrected, each with a
reason; applied on top of what the rules say, kept across runs while the evidence is the
same, revocable by an admin.

A document-type override holds for the document's bytes (its sha256): the same file read
again keeps the corrected type; a new version of it is judged afresh. A finding override
holds for the finding's identity (rule, subject) and, when the finding's evidence is a
document, for that document's bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from rules import Audit, Status
from store import Fetch, Override

__all__ = ["AgencyOverrides", "effective_status", "load_overrides"]


@dataclass(frozen=True)
class AgencyOverrides:
    """The overrides in force for one agency."""

    document_types: dict[str, str] = field(default_factory=dict)  # sha256 -> doc_type
    findings: dict[tuple[str, str], Override] = field(default_factory=dict)  # (rule, subject)

    def covers(self, rule: str, subject: str, evidence_sha256: str | None) -> Override | None:
        """The override that marks this finding wrong, if one holds for this evidence."""
        override = self.findings.get((rule, subject))
        if override is None:
            return None
        if override.evidence_sha256 is not None and override.evidence_sha256 != evidence_sha256:
            return None  # the evidence changed since the inspector looked at it
        return override


def load_overrides(session: Session, agency_id: int) -> AgencyOverrides:
    rows = session.exec(
        select(Override)
        .where(Override.agency_id == agency_id, col(Override.revoked_at).is_(None))
        .order_by(col(Override.id))
    ).all()
    overrides = AgencyOverrides()
    for row in rows:  # a later override of the same thing replaces an earlier one
        if row.kind == "document_type" and row.document_sha256 and row.doc_type:
            overrides.document_types[row.document_sha256] = row.doc_type
        elif row.kind == "finding" and row.rule is not None:
            overrides.findings[(row.rule, row.subject or "")] = row
    return overrides


def evidence_hashes(session: Session, fetch_ids: Iterable[int | None]) -> dict[int, str]:
    """The sha256 of each evidence fetch that has a body."""
    ids = sorted({fetch_id for fetch_id in fetch_ids if fetch_id is not None})
    if not ids:
        return {}
    rows = session.exec(
        select(Fetch.id, Fetch.sha256).where(col(Fetch.id).in_(ids), col(Fetch.sha256).is_not(None))
    ).all()
    return {fetch_id: sha256 for fetch_id, sha256 in rows if fetch_id is not None and sha256}


def effective_status(result: Audit, overrides: AgencyOverrides, evidence: dict[int, str]) -> Status:
    """The status the findings give once those marked wrong are set aside."""
    standing = [
        finding
        for finding in result.findings
        if overrides.covers(
            finding.rule,
            finding.subject,
            evidence.get(finding.evidence_id) if finding.evidence_id is not None else None,
        )
        is None
    ]
    return Status.first_of(finding.implies for finding in standing if finding.implies)
