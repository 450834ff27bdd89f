"""One agency's page: its `status --json` row read for that agency alone, and what the page
adds to it (finding ids for the correction forms, stored copies of the evidence, the
overrides made, active or revoked).

`inspection.status.status_rows` reads every agency at once; an agency's page must not, so
the row is read here with the same queries narrowed to one agency (a test holds the two to
the same result).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from inspection.status import agency_row, finding_row
from store import (
    HELD,
    Agency,
    Document,
    DocumentSighting,
    Fetch,
    Finding,
    Override,
    SiteVisit,
    Verdict,
)

__all__ = ["AgencyView", "agency_by_code", "agency_status", "agency_view"]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def agency_by_code(session: Session, code: str) -> Agency | None:
    return session.exec(select(Agency).where(Agency.code == code)).first()


def override_row(override: Override) -> dict[str, Any]:
    return {
        "id": override.id,
        "by": override.created_by,
        "at": _iso(override.created_at),
        "reason": override.reason,
        "doc_type": override.doc_type,
    }


def _active_overrides(session: Session, agency_id: int) -> list[Override]:
    return list(
        session.exec(
            select(Override)
            .where(Override.agency_id == agency_id, col(Override.revoked_at).is_(None))
            .order_by(col(Override.id))
        ).all()
    )


def _documents(
    session: Session, verdict: Verdict, overrides: Sequence[Override]
) -> list[dict[str, Any]]:
    if verdict.facts_run_id is None:
        return []
    by_sha = {o.document_sha256 or "": o for o in overrides if o.kind == "document_type"}
    rows = session.exec(
        select(DocumentSighting, Document)
        .join(Document, col(Document.id) == col(DocumentSighting.document_id))
        .where(
            DocumentSighting.agency_id == verdict.agency_id,
            DocumentSighting.run_id == verdict.facts_run_id,
        )
        .order_by(col(DocumentSighting.id))
    ).all()
    found = []
    for sighting, document in rows:
        override = by_sha.get(document.sha256)
        found.append(
            {
                "url": sighting.url,
                "doc_type": override.doc_type if override else document.doc_type,
                "iso_version": document.iso_version,
                "year": document.year,
                "number": document.number,
                "issued": _iso(document.issued),
                "title": document.title,
                "sha256": document.sha256,
                "first_seen": _iso(document.first_seen),
                "signer": (document.details or {}).get("signer"),
                "override": override_row(override) if override else None,
            }
        )
    return found


def _open_findings(session: Session, agency_id: int) -> list[Finding]:
    return list(
        session.exec(
            select(Finding)
            .where(Finding.open == HELD, Finding.agency_id == agency_id)
            .order_by(col(Finding.rule))
        ).all()
    )


def _findings(findings: Sequence[Finding], overrides: Sequence[Override]) -> list[dict[str, Any]]:
    by_key = {(o.rule, o.subject or ""): o for o in overrides if o.kind == "finding"}
    return [
        {
            **finding_row(finding),
            "override": (
                override_row(by_key[(finding.rule, finding.subject)])
                if (finding.rule, finding.subject) in by_key
                else None
            ),
        }
        for finding in findings
    ]


def _crawl(session: Session, verdict: Verdict) -> dict[str, Any] | None:
    visit = session.exec(
        select(SiteVisit).where(
            SiteVisit.agency_id == verdict.agency_id, SiteVisit.run_id == verdict.visit_run_id
        )
    ).first()
    if visit is None:
        return None
    failed = [
        {
            "url": fetch.url,
            "failure": fetch.error,
            "status": fetch.status,
            "detail": fetch.error_detail,
            "gap": fetch.gap,
        }
        for fetch in session.exec(
            select(Fetch)
            .where(
                Fetch.agency_id == verdict.agency_id,
                Fetch.run_id == visit.run_id,
                col(Fetch.error).is_not(None),
            )
            .order_by(col(Fetch.id))
        ).all()
    ]
    unreadable = [
        {"url": fetch.final_url or fetch.url, "error": document.extraction_error}
        for fetch, document in session.exec(
            select(Fetch, Document)
            .join(
                Document,
                (col(Document.agency_id) == col(Fetch.agency_id))
                & (col(Document.sha256) == col(Fetch.sha256)),
            )
            .where(
                Fetch.agency_id == verdict.agency_id,
                Fetch.run_id == visit.run_id,
                col(Document.extraction_error).is_not(None),
            )
            .order_by(col(Fetch.id))
        ).all()
    ]
    return {
        "run": visit.run_id,
        "reachable": visit.reachable,
        "robots_forbidden": visit.robots_forbidden,
        "failure": visit.failure,
        "pages": visit.pages,
        "documents": visit.documents,
        "retried": visit.retried,
        "finished_at": _iso(visit.finished_at),
        "failures": failed,
        "gaps": [f for f in failed if f["gap"]],
        "unreadable": unreadable,
    }


def agency_status(session: Session, agency: Agency) -> dict[str, Any]:
    """The agency's row exactly as `status_rows` gives it."""
    assert agency.id is not None
    verdict = session.get(Verdict, agency.id)
    overrides = _active_overrides(session, agency.id)
    return agency_row(
        agency,
        verdict,
        documents=_documents(session, verdict, overrides) if verdict else [],
        findings=_findings(_open_findings(session, agency.id), overrides),
        crawl=_crawl(session, verdict) if verdict else None,
    )


@dataclass(frozen=True)
class AgencyView:
    """What the agency's page shows: its status row and what the page's links need."""

    agency: Agency
    row: dict[str, Any]
    finding_ids: dict[tuple[str, str], int]  # (rule, subject) -> open finding id
    evidence_copies: dict[tuple[str, str], str]  # (rule, subject) -> sha256 of its evidence
    overrides: Sequence[Override]  # all of the agency's, newest first, revoked included


def agency_view(session: Session, agency: Agency) -> AgencyView:
    assert agency.id is not None
    findings = _open_findings(session, agency.id)
    fetch_ids = [f.evidence_fetch_id for f in findings if f.evidence_fetch_id is not None]
    hashes = {
        fetch_id: sha256
        for fetch_id, sha256 in session.exec(
            select(Fetch.id, Fetch.sha256).where(col(Fetch.id).in_(fetch_ids))
        ).all()
        if sha256 is not None
    }
    return AgencyView(
        agency=agency,
        row=agency_status(session, agency),
        finding_ids={(f.rule, f.subject): f.id for f in findings if f.id is not None},
        evidence_copies={
            (f.rule, f.subject): hashes[f.evidence_fetch_id]
            for f in findings
            if f.evidence_fetch_id in hashes
        },
        overrides=session.exec(
            select(Override)
            .where(Override.agency_id == agency.id)
            .order_by(col(Override.id).desc())
        ).all(),
    )
