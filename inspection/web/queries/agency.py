"""One agency's page: its `status --json` row read for that agency alone
(`status_rows(agency_ids=…)`), and what the page adds to it (finding ids for the correction
forms, stored copies of the evidence, the overrides made, active or revoked)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from inspection.status import status_rows
from store import (
    HELD,
    Agency,
    Fetch,
    Finding,
    Override,
)

__all__ = ["AgencyView", "agency_by_code", "agency_status", "agency_view"]


def agency_by_code(session: Session, code: str) -> Agency | None:
    return session.exec(select(Agency).where(Agency.code == code)).first()


def agency_status(session: Session, agency: Agency) -> dict[str, Any]:
    """The agency's row exactly as `status_rows` gives it (read for this agency alone)."""
    assert agency.id is not None
    (row,) = status_rows(session, agency_ids=[agency.id])
    return row


def _open_findings(session: Session, agency_id: int) -> list[Finding]:
    return list(
        session.exec(
            select(Finding)
            .where(Finding.agency_id == agency_id, Finding.open == HELD)
            .order_by(col(Finding.rule), col(Finding.id))
        ).all()
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
