"""Run the rules on what is stored and keep the findings and verdicts.

Findings are keyed by (agency, rule, evidence URL) across audits: a finding seen again
keeps its first-seen time, one no longer produced is marked resolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from rules import AgencyFacts, Audit, DocumentFacts, SiteFacts, audit
from store import Agency, Document, Fetch, Finding, SiteVisit, Verdict, utcnow


def latest_visit(session: Session, agency_id: int) -> SiteVisit | None:
    return session.exec(
        select(SiteVisit)
        .where(SiteVisit.agency_id == agency_id)
        .order_by(col(SiteVisit.run_id).desc())
    ).first()


def current_documents(session: Session, agency_id: int, run_id: int) -> list[Document]:
    """The agency's QMS documents seen in its latest crawl run."""
    return list(
        session.exec(
            select(Document)
            .where(Document.agency_id == agency_id)
            .where(Document.run_id == run_id)
            .where(Document.doc_type != "not_qms")
            .order_by(col(Document.id))
        ).all()
    )


def agency_facts(session: Session, agency: Agency, visit: SiteVisit) -> AgencyFacts:
    assert agency.id is not None
    start = session.exec(
        select(Fetch)
        .where(Fetch.run_id == visit.run_id)
        .where(Fetch.agency_id == agency.id)
        .order_by(col(Fetch.depth), col(Fetch.id))
    ).first()
    documents = tuple(
        DocumentFacts(
            url=document.url,
            doc_type=document.doc_type,
            iso_version=document.iso_version,
            year=document.year,
            number=document.number,
            issued=document.issued,
            title=document.title,
            evidence_id=document.fetch_id,
        )
        for document in current_documents(session, agency.id, visit.run_id)
    )
    return AgencyFacts(
        code=agency.code,
        name=agency.name,
        level=agency.level,
        website=agency.website,
        established=agency.established,
        site=SiteFacts(
            reachable=visit.reachable,
            robots_forbidden=visit.robots_forbidden,
            failure=visit.failure,
            failure_detail=visit.failure_detail,
            start_url=start.url if start else agency.website,
            evidence_id=start.id if start else None,
        ),
        documents=documents,
    )


def audit_agencies(session: Session, agencies: Iterable[Agency], *, as_of: date) -> int:
    """Audit every given agency that has been crawled; returns how many were audited."""
    audited = 0
    for agency in agencies:
        assert agency.id is not None
        visit = latest_visit(session, agency.id)
        if visit is None:
            continue
        result = audit(agency_facts(session, agency, visit), as_of=as_of)
        _keep(session, agency.id, result, as_of)
        audited += 1
    session.commit()
    return audited


def _keep(session: Session, agency_id: int, result: Audit, as_of: date) -> None:
    now = utcnow()
    open_findings = {
        (finding.rule, finding.evidence_url): finding
        for finding in session.exec(
            select(Finding)
            .where(Finding.agency_id == agency_id)
            .where(col(Finding.resolved_at).is_(None))
        ).all()
    }
    for found in result.findings:
        row = open_findings.pop((found.rule, found.evidence_url), None)
        if row is None:
            row = Finding(
                agency_id=agency_id, rule=found.rule, first_seen=now, message="", severity=""
            )
        row.severity = found.severity.value
        row.message = found.message
        row.evidence_url = found.evidence_url
        row.evidence_fetch_id = found.evidence_id
        row.snippet = found.snippet
        row.last_seen = now
        session.add(row)
    for gone in open_findings.values():
        gone.resolved_at = now
        session.add(gone)
    verdict = session.get(Verdict, agency_id) or Verdict(
        agency_id=agency_id, status="", as_of=as_of
    )
    verdict.status = result.status.value
    verdict.iso_version = result.iso_version
    verdict.as_of = as_of
    verdict.audited_at = now
    session.add(verdict)
