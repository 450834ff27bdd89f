"""Inspectors' corrections as actions: record an override (or revoke one) and judge the
agency's published result again at once, so every reader shows the corrected status.

A correction changes what staff see without a run: the published verdict and findings are
re-judged in place from the facts they were judged on, with the overrides now in force,
and the action goes to the audit log. The rows of past runs are not rewritten.
"""

from __future__ import annotations

from sqlmodel import Session

from inspection.errors import InspectionError
from inspection.runs.publish import keep_findings
from inspection.runs.reaudit import judge_published
from rules import Profile
from store import Agency, AuditEntry, Fetch, Finding, Override, RunFinding, Verdict, utcnow

__all__ = [
    "CorrectionError",
    "override_document_type",
    "override_finding",
    "rejudge_published",
    "revoke_override",
]


class CorrectionError(InspectionError):
    """A correction that cannot be made (the message says why, in Vietnamese)."""


def rejudge_published(session: Session, agency: Agency, profile: Profile) -> None:
    """Judge the agency's published result again, with today's overrides; the caller commits."""
    assert agency.id is not None
    verdict = session.get(Verdict, agency.id)
    if verdict is None:
        return
    judgement = judge_published(session, agency, as_of=verdict.as_of, profile=profile)
    if judgement is None:
        return
    verdict.status = judgement.status.value
    verdict.rule_status = judgement.audit.status.value
    verdict.iso_version = judgement.audit.iso_version
    session.add(verdict)
    findings = [
        RunFinding(
            run_id=0,
            agency_id=agency.id,
            rule=f.rule,
            subject=f.subject,
            severity=f.severity.value,
            message=f.message,
            evidence_url=f.evidence_url,
            evidence_fetch_id=f.evidence_id,
            snippet=f.snippet,
        )
        for f in judgement.audit.findings
    ]
    keep_findings(session, agency.id, findings, run_id=None, now=utcnow())


def _log(
    session: Session, user: str, action: str, target: str, address: str | None, **detail: object
) -> None:
    session.add(
        AuditEntry(username=user, action=action, target=target, address=address, detail=detail)
    )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 5:
        raise CorrectionError("cần ghi rõ lý do (ít nhất 5 ký tự)")
    return reason


def override_finding(
    session: Session,
    finding: Finding,
    *,
    reason: str,
    user: str,
    profile: Profile,
    address: str | None = None,
) -> Override:
    """Mark an open finding as wrong ("không đúng"); the status follows at once."""
    if finding.open is None:
        raise CorrectionError("phát hiện này đã được khắc phục, không cần đánh dấu")
    evidence = None
    if finding.subject and finding.evidence_fetch_id is not None:
        fetch = session.get(Fetch, finding.evidence_fetch_id)
        evidence = fetch.sha256 if fetch is not None else None
    override = Override(
        agency_id=finding.agency_id,
        kind="finding",
        rule=finding.rule,
        subject=finding.subject,
        evidence_sha256=evidence,
        reason=_reason(reason),
        created_by=user,
    )
    session.add(override)
    agency = session.get(Agency, finding.agency_id)
    assert agency is not None
    _log(
        session,
        user,
        "override_finding",
        agency.code,
        address,
        rule=finding.rule,
        subject=finding.subject,
        reason=override.reason,
    )
    session.flush()
    rejudge_published(session, agency, profile)
    return override


def override_document_type(
    session: Session,
    agency: Agency,
    *,
    sha256: str,
    doc_type: str,
    reason: str,
    user: str,
    profile: Profile,
    address: str | None = None,
) -> Override:
    """Correct a document's type (by its bytes); the agency is judged again at once."""
    from extractors import DOC_TYPES

    if doc_type not in DOC_TYPES:
        raise CorrectionError(f"loại tài liệu không hợp lệ: {doc_type}")
    assert agency.id is not None
    override = Override(
        agency_id=agency.id,
        kind="document_type",
        document_sha256=sha256,
        doc_type=doc_type,
        evidence_sha256=sha256,
        reason=_reason(reason),
        created_by=user,
    )
    session.add(override)
    _log(
        session,
        user,
        "override_document_type",
        agency.code,
        address,
        sha256=sha256,
        doc_type=doc_type,
        reason=override.reason,
    )
    session.flush()
    rejudge_published(session, agency, profile)
    return override


def revoke_override(
    session: Session,
    override: Override,
    *,
    user: str,
    profile: Profile,
    address: str | None = None,
) -> None:
    """An admin takes an override back; the agency is judged again at once."""
    if override.revoked_at is not None:
        raise CorrectionError("điều chỉnh này đã bị thu hồi")
    override.revoked_at, override.revoked_by = utcnow(), user
    session.add(override)
    agency = session.get(Agency, override.agency_id)
    assert agency is not None
    _log(session, user, "revoke_override", agency.code, address, override=override.id)
    session.flush()
    rejudge_published(session, agency, profile)
