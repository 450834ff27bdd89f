"""The per-agency status rows behind `status`, `findings` and `export` (a JSON contract)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from inspection.auditing import current_documents, latest_visit
from store import Agency, Document, Fetch, Finding, SiteVisit, Verdict

STATUS_LABELS = {
    "unreachable": "Không truy cập được",
    "not_published": "Chưa đăng tải",
    "outdated": "Phiên bản 2008",
    "incomplete": "Chưa đầy đủ",
    "stale": "Chưa cập nhật",
    "compliant": "Đạt",
    None: "Chưa kiểm tra",
}


def status_rows(session: Session, *, statuses: Sequence[str] = ()) -> list[dict[str, Any]]:
    """One object per agency: code, name, level, website, status, iso_version, documents,
    findings (open ones), as the `status --json` contract says."""
    rows = []
    for agency in session.exec(select(Agency).order_by(col(Agency.code))).all():
        row = agency_row(session, agency)
        if not statuses or row["status"] in statuses:
            rows.append(row)
    return rows


def agency_row(session: Session, agency: Agency) -> dict[str, Any]:
    assert agency.id is not None
    verdict = session.get(Verdict, agency.id)
    visit = latest_visit(session, agency.id)
    documents = current_documents(session, agency.id, visit.run_id) if visit else []
    return {
        "code": agency.code,
        "name": agency.name,
        "level": agency.level,
        "website": agency.website,
        "status": verdict.status if verdict else None,
        "iso_version": verdict.iso_version if verdict else None,
        "as_of": verdict.as_of.isoformat() if verdict else None,
        "documents": [
            {
                "url": document.url,
                "doc_type": document.doc_type,
                "iso_version": document.iso_version,
                "year": document.year,
                "number": document.number,
                "issued": document.issued.isoformat() if document.issued else None,
                "title": document.title,
            }
            for document in documents
        ],
        "findings": [finding_row(finding) for finding in open_findings(session, agency.id)],
        "crawl": crawl_row(session, visit) if visit else None,
    }


def crawl_row(session: Session, visit: SiteVisit) -> dict[str, Any]:
    """How the agency's latest crawl went: the site, each failed fetch, each unreadable file."""
    failed = session.exec(
        select(Fetch)
        .where(Fetch.run_id == visit.run_id)
        .where(Fetch.agency_id == visit.agency_id)
        .where(col(Fetch.error).is_not(None))
        .order_by(col(Fetch.id))
    ).all()
    unreadable = session.exec(
        select(Document)
        .where(Document.run_id == visit.run_id)
        .where(Document.agency_id == visit.agency_id)
        .where(col(Document.extraction_error).is_not(None))
        .order_by(col(Document.id))
    ).all()
    return {
        "run": visit.run_id,
        "reachable": visit.reachable,
        "robots_forbidden": visit.robots_forbidden,
        "failure": visit.failure,
        "pages": visit.pages,
        "documents": visit.documents,
        "failures": [
            {"url": f.url, "failure": f.error, "status": f.status, "detail": f.error_detail}
            for f in failed
        ],
        "unreadable": [{"url": d.url, "error": d.extraction_error} for d in unreadable],
    }


def open_findings(session: Session, agency_id: int) -> list[Finding]:
    return list(
        session.exec(
            select(Finding)
            .where(Finding.agency_id == agency_id)
            .where(col(Finding.resolved_at).is_(None))
            .order_by(col(Finding.rule))
        ).all()
    )


def finding_row(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "evidence_url": finding.evidence_url,
        "first_seen": finding.first_seen.isoformat(),
        "last_seen": finding.last_seen.isoformat(),
    }


def publishing_line(rows: Sequence[dict[str, Any]]) -> str:
    """The count line an inspector writes in a report."""
    audited = [row for row in rows if row["status"] is not None]
    publishing = sum(row["status"] not in ("unreachable", "not_published") for row in audited)
    return f"{publishing}/{len(audited)} cơ quan đã đăng tải tài liệu HTQLCL"


def status_counts(rows: Sequence[dict[str, Any]]) -> Counter[str | None]:
    return Counter(row["status"] for row in rows)
