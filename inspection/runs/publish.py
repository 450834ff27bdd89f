"""Publishing: what staff see changes only here, for a complete run, in one transaction.

For each agency the run judged, its result becomes the published `Verdict`, and the
published findings follow the run's: a finding seen again keeps its identity and first
seen time, a new one opens, one no longer found is resolved. Agencies the run did not judge
keep what they had.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from inspection.runs.ending import RunOutcome, run_outcome
from store import (
    HELD,
    AgencyResult,
    Finding,
    Run,
    RunFinding,
    Verdict,
    open_session,
    utcnow,
)

__all__ = ["keep_findings", "publish_agency", "publish_complete_run", "publish_run"]


def publish_complete_run(engine: Engine, run_id: int) -> RunOutcome:
    """Publish a run whose every agency is committed, in a transaction of its own."""
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        publish_run(session, run)
        session.commit()
        return run_outcome(run)


def publish_run(session: Session, run: Run) -> None:
    """Publish every result of `run` and mark it complete; the caller commits."""
    assert run.id is not None
    now = utcnow()
    results = session.exec(select(AgencyResult).where(AgencyResult.run_id == run.id)).all()
    findings: dict[int, list[RunFinding]] = {}
    for finding in session.exec(
        select(RunFinding).where(RunFinding.run_id == run.id).order_by(col(RunFinding.id))
    ).all():
        findings.setdefault(finding.agency_id, []).append(finding)
    for result in results:
        publish_agency(session, result, findings.get(result.agency_id, []), now=now)
    run.state = "complete"
    run.running = None
    run.phase = None
    run.finished_at = now
    run.statuses = dict(Counter(result.status for result in results))
    session.add(run)


def publish_agency(
    session: Session, result: AgencyResult, findings: Sequence[RunFinding], *, now: datetime
) -> None:
    """Make `result` and its findings the agency's published ones."""
    verdict = session.get(Verdict, result.agency_id) or Verdict(
        agency_id=result.agency_id, status=result.status, as_of=result.as_of
    )
    verdict.result_id = result.id
    verdict.run_id = result.run_id
    verdict.visit_run_id = result.visit_run_id
    verdict.facts_run_id = result.facts_run_id
    verdict.status = result.status
    verdict.rule_status = result.rule_status
    verdict.iso_version = result.iso_version
    verdict.as_of = result.as_of
    verdict.audited_at = result.audited_at
    verdict.last_reached = result.last_reached
    verdict.unreachable_since = result.unreachable_since
    session.add(verdict)
    _keep_findings(session, result, findings, now)


def _keep_findings(
    session: Session, result: AgencyResult, findings: Sequence[RunFinding], now: datetime
) -> None:
    keep_findings(session, result.agency_id, findings, run_id=result.run_id, now=now)


def keep_findings(
    session: Session,
    agency_id: int,
    findings: Sequence[RunFinding],
    *,
    run_id: int | None,
    now: datetime,
) -> None:
    """Make `findings` the agency's open ones: seen again keeps its row (and first seen),
    new opens, gone is resolved. `run_id` None: a re-judgement outside any run."""
    open_rows = {
        (row.rule, row.subject): row
        for row in session.exec(
            select(Finding).where(Finding.agency_id == agency_id, Finding.open == HELD)
        ).all()
    }
    for found in findings:
        row = open_rows.pop((found.rule, found.subject), None)
        if row is None:
            row = Finding(
                agency_id=agency_id,
                rule=found.rule,
                subject=found.subject,
                severity=found.severity,
                message=found.message,
                first_seen=now,
                opened_run_id=run_id,
            )
        row.severity = found.severity
        row.message = found.message
        row.evidence_url = found.evidence_url
        row.evidence_fetch_id = found.evidence_fetch_id
        row.snippet = found.snippet
        row.last_seen = now
        if run_id is not None:
            row.last_run_id = run_id
        session.add(row)
    for gone in open_rows.values():
        gone.open = None
        gone.resolved_at = now
        gone.resolved_run_id = run_id
        session.add(gone)
