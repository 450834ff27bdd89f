"""Judging an agency: the rules on its facts, with the inspectors' overrides on top.

The one place where a status is reached, for a crawl, a re-audit and an override alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from inspection.overrides import AgencyOverrides, effective_status, evidence_hashes
from inspection.runs.facts import JudgedFacts
from rules import Audit, Profile, Status, audit

__all__ = ["Judgement", "judge"]


@dataclass(frozen=True)
class Judgement:
    judged: JudgedFacts
    audit: Audit  # what the rules say (document types as corrected by inspectors)
    status: Status  # with the findings inspectors marked wrong set aside


def judge(
    session: Session,
    judged: JudgedFacts,
    *,
    as_of: date,
    profile: Profile,
    overrides: AgencyOverrides,
) -> Judgement:
    result = audit(judged.facts, as_of=as_of, profile=profile)
    evidence = (
        evidence_hashes(session, (f.evidence_id for f in result.findings))
        if overrides.findings
        else {}
    )
    return Judgement(
        judged=judged, audit=result, status=effective_status(result, overrides, evidence)
    )
