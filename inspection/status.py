"""The per-agency status rows behind `status`, `findings` and `export` (a JSON contract).

Rows show what is published: each agency's verdict from its latest complete run (overrides
applied), the documents that verdict was judged on, its open findings and how the crawl
behind it went. A run in progress, interrupted or failed changes none of it. Everything is
read in a handful of queries, whatever the number of agencies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, true
from sqlmodel import Session, col, select

from inspection.labels import STATUS_LABELS
from rules import RULES
from store import (
    HELD,
    Agency,
    AgencyResult,
    Document,
    DocumentSighting,
    Fetch,
    Finding,
    Override,
    RunFinding,
    SiteVisit,
    Verdict,
)

__all__ = [
    "PUBLISHING",
    "STATUS_LABELS",
    "agency_row",
    "override_row",
    "published_line",
    "publishing_line",
    "run_rows",
    "status_rows",
]

PUBLISHING = ("compliant", "stale", "incomplete", "outdated")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class _Scope:
    """Whose results are read, and from where: the published verdicts (`run_id` None) or
    one run's results; every agency, or only `agency_ids`."""

    run_id: int | None = None
    agency_ids: Collection[int] | None = None

    @property
    def source(self) -> type[Verdict] | type[AgencyResult]:
        return Verdict if self.run_id is None else AgencyResult

    def pointed(self, agency: Any, run: Any, column: str) -> Any:
        """The join condition "this row belongs to the run the result points at"."""
        source = self.source
        condition = and_(col(source.agency_id) == agency, col(getattr(source, column)) == run)
        if self.run_id is not None:
            condition = and_(condition, col(AgencyResult.run_id) == self.run_id)
        return and_(condition, self.of_agencies(agency))

    def of_agencies(self, agency: Any) -> Any:
        return col(agency).in_(list(self.agency_ids)) if self.agency_ids is not None else true()


def status_rows(
    session: Session, *, statuses: Sequence[str] = (), agency_ids: Collection[int] | None = None
) -> list[dict[str, Any]]:
    """One object per agency in the registry: code, name, level, website, status,
    iso_version, documents, findings (open ones), crawl, as the `status --json` contract
    says, plus when it was checked and since when its site is down. `agency_ids`: only
    those agencies (retired ones included), read with the same queries narrowed."""
    scope = _Scope(agency_ids=agency_ids)
    query = select(Agency).order_by(col(Agency.code))
    if agency_ids is None:
        query = query.where(col(Agency.retired_at).is_(None))
    else:
        query = query.where(scope.of_agencies(Agency.id))
    agencies = session.exec(query).all()
    verdicts = {
        v.agency_id: v
        for v in session.exec(select(Verdict).where(scope.of_agencies(Verdict.agency_id))).all()
    }
    documents = _documents(session, scope)
    findings = _findings(session, scope)
    crawls = _crawls(session, scope)
    rows = []
    for agency in agencies:
        assert agency.id is not None
        verdict = verdicts.get(agency.id)
        row = agency_row(
            agency,
            verdict,
            documents=documents.get(agency.id, []),
            findings=findings.get(agency.id, []),
            crawl=crawls.get(agency.id),
        )
        if not statuses or row["status"] in statuses:
            rows.append(row)
    return rows


def agency_row(
    agency: Agency,
    verdict: Verdict | None,
    *,
    documents: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    crawl: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "level": agency.level,
        "website": agency.website,
        "status": verdict.status if verdict else None,
        "iso_version": verdict.iso_version if verdict else None,
        "as_of": _iso(verdict.as_of) if verdict else None,
        "documents": documents,
        "findings": findings,
        "crawl": crawl,
        "run": verdict.run_id if verdict else None,
        "checked_at": crawl["finished_at"] if crawl else None,
        "last_reached": _iso(verdict.last_reached) if verdict else None,
        "unreachable_since": _iso(verdict.unreachable_since) if verdict else None,
        "rule_status": verdict.rule_status if verdict else None,
    }


def _documents(session: Session, scope: _Scope) -> dict[int, list[dict[str, Any]]]:
    """Each agency's documents as judged: those sighted in its result's facts run."""
    rows = session.exec(
        select(DocumentSighting, Document)
        .join(
            scope.source,
            scope.pointed(DocumentSighting.agency_id, DocumentSighting.run_id, "facts_run_id"),
        )
        .join(Document, col(Document.id) == col(DocumentSighting.document_id))
        .order_by(col(DocumentSighting.id))
    ).all()
    overridden = _document_overrides(session, scope)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for sighting, document in rows:
        override = overridden.get((document.agency_id, document.sha256))
        found[sighting.agency_id].append(
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


def _active_overrides(session: Session, kind: str, scope: _Scope) -> list[Override]:
    return list(
        session.exec(
            select(Override)
            .where(Override.kind == kind, col(Override.revoked_at).is_(None))
            .where(scope.of_agencies(Override.agency_id))
            .order_by(col(Override.id))
        ).all()
    )


def _document_overrides(session: Session, scope: _Scope) -> dict[tuple[int, str], Override]:
    rows = _active_overrides(session, "document_type", scope)
    return {(row.agency_id, row.document_sha256 or ""): row for row in rows}


def override_row(override: Override) -> dict[str, Any]:
    """How an inspector's correction shows on a document or a finding."""
    return {
        "id": override.id,
        "by": override.created_by,
        "at": _iso(override.created_at),
        "reason": override.reason,
        "doc_type": override.doc_type,
    }


def _findings(session: Session, scope: _Scope) -> dict[int, list[dict[str, Any]]]:
    rows = session.exec(
        select(Finding)
        .where(Finding.open == HELD, scope.of_agencies(Finding.agency_id))
        .order_by(col(Finding.agency_id), col(Finding.rule), col(Finding.id))
    ).all()
    overrides = {
        (row.agency_id, row.rule, row.subject or ""): row
        for row in _active_overrides(session, "finding", scope)
    }
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for finding in rows:
        override = overrides.get((finding.agency_id, finding.rule, finding.subject))
        found[finding.agency_id].append(
            {**finding_row(finding), "override": (override_row(override) if override else None)}
        )
    return found


def finding_row(finding: Finding) -> dict[str, Any]:
    rule = RULES.get(finding.rule)
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "evidence_url": finding.evidence_url,
        "first_seen": finding.first_seen.isoformat(),
        "last_seen": finding.last_seen.isoformat(),
        "subject": finding.subject,
        "legal_basis": rule.legal_basis if rule else None,
    }


def _crawls(session: Session, scope: _Scope) -> dict[int, dict[str, Any]]:
    """How the crawl behind each result went: the site, failed fetches, unreadable files."""
    visits = session.exec(
        select(SiteVisit).join(
            scope.source, scope.pointed(SiteVisit.agency_id, SiteVisit.run_id, "visit_run_id")
        )
    ).all()
    failed: dict[int, list[dict[str, Any]]] = defaultdict(list)
    fetches = session.exec(
        select(Fetch)
        .join(scope.source, scope.pointed(Fetch.agency_id, Fetch.run_id, "visit_run_id"))
        .order_by(col(Fetch.id))
    ).all()
    answered = {(f.agency_id, f.url) for f in fetches if f.error is None}
    for fetch in fetches:
        if fetch.error is None or (fetch.agency_id, fetch.url) in answered:
            continue  # a failure the run's late try recovered is no failure
        failed[fetch.agency_id].append(
            {
                "url": fetch.url,
                "failure": fetch.error,
                "status": fetch.status,
                "detail": fetch.error_detail,
                "gap": fetch.gap,
            }
        )
    unreadable: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for fetch, document in session.exec(
        select(Fetch, Document)
        .join(scope.source, scope.pointed(Fetch.agency_id, Fetch.run_id, "visit_run_id"))
        .join(
            Document,
            and_(
                col(Document.agency_id) == col(Fetch.agency_id),
                col(Document.sha256) == col(Fetch.sha256),
            ),
        )
        .where(col(Document.extraction_error).is_not(None))
        .order_by(col(Fetch.id))
    ).all():
        unreadable[fetch.agency_id].append(
            {"url": fetch.final_url or fetch.url, "error": document.extraction_error}
        )
    return {
        visit.agency_id: {
            "run": visit.run_id,
            "reachable": visit.reachable,
            "robots_forbidden": visit.robots_forbidden,
            "failure": visit.failure,
            "pages": visit.pages,
            "documents": visit.documents,
            "retried": visit.retried,
            "finished_at": _iso(visit.finished_at),
            "failures": failed.get(visit.agency_id, []),
            "gaps": [f for f in failed.get(visit.agency_id, []) if f["gap"]],
            "unreadable": unreadable.get(visit.agency_id, []),
        }
        for visit in visits
    }


def run_rows(session: Session, run_id: int) -> list[dict[str, Any]]:
    """The rows as one run judged them (its results and findings, not overrides since),
    for every agency it judged: what a report of a past run shows."""
    results = {
        r.agency_id: r
        for r in session.exec(select(AgencyResult).where(AgencyResult.run_id == run_id)).all()
    }
    agencies = session.exec(
        select(Agency).where(col(Agency.id).in_(list(results))).order_by(col(Agency.code))
    ).all()
    scope = _Scope(run_id=run_id)
    documents = _documents(session, scope)
    crawls = _crawls(session, scope)
    findings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for found in session.exec(
        select(RunFinding)
        .where(RunFinding.run_id == run_id)
        .order_by(col(RunFinding.rule), col(RunFinding.id))
    ).all():
        rule = RULES.get(found.rule)
        findings[found.agency_id].append(
            {
                "rule": found.rule,
                "severity": found.severity,
                "message": found.message,
                "evidence_url": found.evidence_url,
                "first_seen": None,
                "last_seen": None,
                "subject": found.subject,
                "legal_basis": rule.legal_basis if rule else None,
                "override": None,
            }
        )
    rows = []
    for agency in agencies:
        assert agency.id is not None
        result = results[agency.id]
        crawl = crawls.get(agency.id)
        rows.append(
            {
                "code": agency.code,
                "name": agency.name,
                "level": agency.level,
                "website": agency.website,
                "status": result.status,
                "iso_version": result.iso_version,
                "as_of": _iso(result.as_of),
                "documents": documents.get(agency.id, []),
                "findings": findings.get(agency.id, []),
                "crawl": crawl,
                "run": run_id,
                "checked_at": crawl["finished_at"] if crawl else None,
                "last_reached": _iso(result.last_reached),
                "unreachable_since": _iso(result.unreachable_since),
                "rule_status": result.rule_status,
            }
        )
    return rows


def publishing_line(rows: Sequence[dict[str, Any]]) -> str:
    """The count line an inspector writes in a report: X = agencies whose status is
    compliant, stale, incomplete or outdated; Y = all agencies checked."""
    audited = [row for row in rows if row["status"] is not None]
    publishing = sum(row["status"] in PUBLISHING for row in audited)
    return f"{publishing}/{len(audited)} cơ quan đã đăng tải tài liệu HTQLCL"


def published_line(session: Session) -> str:
    """`publishing_line` of the registry's published statuses, read alone: one short row per
    agency, not `status_rows` (every agency's documents, findings and fetches: about
    100 KB per agency in memory), for a program that prints only the count line."""
    statuses = session.exec(
        select(Verdict.status)
        .select_from(Agency)
        .join(Verdict, col(Verdict.agency_id) == col(Agency.id), isouter=True)
        .where(col(Agency.retired_at).is_(None))
    ).all()
    return publishing_line([{"status": status} for status in statuses])


def status_counts(rows: Sequence[dict[str, Any]]) -> Counter[str | None]:
    return Counter(row["status"] for row in rows)
