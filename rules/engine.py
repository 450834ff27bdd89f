"""Run the registry's rules over one agency, stage by stage, and reach its verdict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rules.documents import qms_documents, stated_versions
from rules.facts import AgencyFacts
from rules.findings import Audit, Finding, Status
from rules.profile import Profile, load_profile
from rules.registry import RULES
from rules.rule import AuditContext, Stage

MIXED = "mixed"


def audit(agency: AgencyFacts, *, as_of: date, profile: Profile | None = None) -> Audit:
    """Audit `agency` as of `as_of` with `profile` (the default profile when None).

    Rules run by stage; a finding that implies a status in the site stage (unreachable) or
    the presence stage (no QMS document) ends the audit there; one that only informs (the
    site is down but its last known results stand) does not. The status is the first, in
    verdict order, implied by any finding; compliant when none implies one. An advisory
    rule's finding implies its status only when the profile counts it.
    """
    if profile is None:
        profile = load_profile(None)
    context = AuditContext(as_of=as_of, profile=profile, level=profile.for_level(agency.level))
    found: list[tuple[Status | None, Finding]] = []
    for stage in Stage:
        in_stage = _run_stage(stage, agency, context)
        found += in_stage
        if stage is not Stage.CONTENT and any(verdict for verdict, _ in in_stage):
            break
    return Audit(
        status=Status.first_of(verdict for verdict, _ in found if verdict is not None),
        iso_version=iso_version(agency),
        findings=tuple(finding for _, finding in found),
    )


def _run_stage(
    stage: Stage, agency: AgencyFacts, context: AuditContext
) -> list[tuple[Status | None, Finding]]:
    """The findings of the stage's rules, in registry order, each with the status it implies."""
    rules = [rule for rule in RULES.values() if rule.stage is stage]
    return [
        (verdict, replace(finding, implies=verdict))
        for rule in rules
        for verdict in (context.verdict_of(rule),)
        for finding in rule().check(agency, context)
    ]


def iso_version(agency: AgencyFacts) -> str | None:
    """The edition the agency's documents adopt: one edition, "mixed", or None if none says."""
    versions = stated_versions(qms_documents(agency))
    if len(versions) > 1:
        return MIXED
    return next(iter(versions), None)
