"""Run history: the runs, one agency across runs, and what changed from one run to the next.

Every run keeps, per agency, its result and the documents it saw (append-only), so any
past run can be shown as it was. Changes compare each complete run with the agency's
previous published result: status transitions, documents added / removed / changed (the
same URL with new bytes), findings opened and resolved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from inspection.runs.lock import is_alive
from store import Agency, AgencyResult, Document, DocumentSighting, Finding, Run

__all__ = ["Change", "agency_history", "changes", "run_row", "runs_table"]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def run_row(run: Run) -> dict[str, Any]:
    """A run as `qmsaudit runs --json` shows it; `alive` says, of a running run, whether its
    executor still runs (a run whose process died shows as running until the next claim
    marks it interrupted)."""
    return {
        "id": run.id,
        "kind": run.kind,
        "trigger": run.trigger,
        "state": run.state,
        "phase": run.phase,
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "as_of": _iso(run.as_of),
        "agencies": run.agencies,
        "agencies_done": run.agencies_done,
        "fetches": run.fetches,
        "documents_read": run.documents_read,
        "statuses": run.statuses or {},
        "reason": run.reason,
        "requested_by": run.requested_by,
        "alive": is_alive(run) if run.state == "running" else None,
    }


def runs_table(session: Session, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Runs, newest first."""
    query = select(Run).order_by(col(Run.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return [run_row(run) for run in session.exec(query).all()]


def agency_history(session: Session, agency: Agency) -> list[dict[str, Any]]:
    """One entry per run that judged the agency, oldest first."""
    assert agency.id is not None
    rows = session.exec(
        select(AgencyResult, Run)
        .join(Run, col(Run.id) == AgencyResult.run_id)
        .where(AgencyResult.agency_id == agency.id)
        .order_by(col(Run.id))
    ).all()
    opened: dict[int, int] = defaultdict(int)
    resolved: dict[int, int] = defaultdict(int)
    for finding in session.exec(select(Finding).where(Finding.agency_id == agency.id)).all():
        if finding.opened_run_id is not None:
            opened[finding.opened_run_id] += 1
        if finding.resolved_run_id is not None:
            resolved[finding.resolved_run_id] += 1
    return [
        {
            "run": run.id,
            "kind": run.kind,
            "trigger": run.trigger,
            "state": run.state,
            "date": _iso(run.started_at),
            "as_of": _iso(result.as_of),
            "status": result.status,
            "iso_version": result.iso_version,
            "reachable": result.reachable,
            "documents": result.documents,
            "findings": result.findings,
            "findings_opened": opened.get(run.id or 0, 0),
            "findings_resolved": resolved.get(run.id or 0, 0),
            "published": run.state == "complete",
        }
        for result, run in rows
    ]


@dataclass(frozen=True)
class Change:
    """One thing that changed for an agency in a run."""

    run: int
    agency: str  # code
    kind: str  # status | document_added | document_removed | document_changed |
    # finding_opened | finding_resolved
    before: str | None
    after: str | None
    detail: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "agency": self.agency,
            "kind": self.kind,
            "from": self.before,
            "to": self.after,
            "detail": self.detail,
        }


def complete_runs(
    session: Session, *, since: datetime | None = None, run_id: int | None = None
) -> list[Run]:
    query = select(Run).where(Run.state == "complete").order_by(col(Run.id))
    if run_id is not None:
        query = query.where(Run.id == run_id)
    elif since is not None:
        query = query.where(col(Run.finished_at) >= since)
    return list(session.exec(query).all())


def _previous_results(session: Session, run: Run) -> dict[int, AgencyResult]:
    """Each agency's result in the latest complete run before `run`."""
    assert run.id is not None
    rows = session.exec(
        select(AgencyResult)
        .join(Run, col(Run.id) == AgencyResult.run_id)
        .where(Run.state == "complete", col(Run.id) < run.id)
        .order_by(col(Run.id))
    ).all()
    return {row.agency_id: row for row in rows}


def _seen(session: Session, agency_id: int, run_id: int | None) -> dict[str, tuple[str, str]]:
    """URL -> (sha256, doc_type) of the documents a result was judged on."""
    if run_id is None:
        return {}
    rows = session.exec(
        select(DocumentSighting.url, Document.sha256, Document.doc_type)
        .join(Document, col(Document.id) == DocumentSighting.document_id)
        .where(DocumentSighting.run_id == run_id, DocumentSighting.agency_id == agency_id)
    ).all()
    return {url: (sha256, doc_type) for url, sha256, doc_type in rows}


def _document_changes(
    session: Session, run_id: int, code: str, before: AgencyResult | None, after: AgencyResult
) -> list[Change]:
    if after.facts_run_id is None or (before and before.facts_run_id == after.facts_run_id):
        return []  # nothing new was seen (the site was down, or a re-audit)
    old = _seen(session, after.agency_id, before.facts_run_id if before else None)
    new = _seen(session, after.agency_id, after.facts_run_id)
    found: list[Change] = []
    for url in sorted(new.keys() - old.keys()):
        found.append(Change(run_id, code, "document_added", None, new[url][1], url))
    for url in sorted(old.keys() - new.keys()):
        found.append(Change(run_id, code, "document_removed", old[url][1], None, url))
    for url in sorted(new.keys() & old.keys()):
        if new[url][0] != old[url][0]:
            found.append(Change(run_id, code, "document_changed", old[url][1], new[url][1], url))
    return found


def changes(
    session: Session, *, since: datetime | None = None, run_id: int | None = None
) -> list[Change]:
    """What changed in each complete run (of `run_id`, or finished since `since`; by default
    the latest complete run)."""
    runs = complete_runs(session, since=since, run_id=run_id)
    if run_id is None and since is None:
        runs = runs[-1:]
    codes = {a.id: a.code for a in session.exec(select(Agency)).all()}
    found: list[Change] = []
    for run in runs:
        assert run.id is not None
        previous = _previous_results(session, run)
        results = session.exec(
            select(AgencyResult)
            .where(AgencyResult.run_id == run.id)
            .order_by(col(AgencyResult.agency_id))
        ).all()
        for result in results:
            code = codes[result.agency_id]
            before = previous.get(result.agency_id)
            if before is None or before.status != result.status:
                found.append(
                    Change(run.id, code, "status", before.status if before else None, result.status)
                )
            found += _document_changes(session, run.id, code, before, result)
        for finding in session.exec(
            select(Finding)
            .where((Finding.opened_run_id == run.id) | (Finding.resolved_run_id == run.id))
            .order_by(col(Finding.id))
        ).all():
            code = codes[finding.agency_id]
            if finding.opened_run_id == run.id:
                found.append(
                    Change(run.id, code, "finding_opened", None, finding.rule, finding.message)
                )
            if finding.resolved_run_id == run.id:
                found.append(
                    Change(run.id, code, "finding_resolved", finding.rule, None, finding.message)
                )
    return found
