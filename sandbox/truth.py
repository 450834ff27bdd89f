"""An agency's truth entry, from its spec and what its build published and showed."""

from __future__ import annotations

from sandbox.build import DECIDING_TYPES, Build
from sandbox.model import TruthAgency
from sandbox.roster import AgencySpec, site_faults
from sandbox.rule_cases import rule_case


def truth_of(
    spec: AgencySpec,
    website: str,
    build: Build,
    *,
    lead: tuple[str, ...] = (),
    placement: tuple[str, ...] = (),
) -> TruthAgency:
    """The truth of an agency: its status, its documents (none when unreachable), its version,
    its tags (scenario, level, then `lead`, the build's sorted, `placement`), its faults, and
    for the agencies of `sandbox.rule_cases` the rule codes of their findings."""
    status = spec.scenario.status
    documents = tuple(build.documents) if status != "unreachable" else ()
    versions = {d.iso_version for d in documents if d.iso_version}
    iso_version = "mixed" if len(versions) > 1 else (versions.pop() if versions else None)
    needs = {n for d in documents if d.doc_type in DECIDING_TYPES for n in d.needs}
    tags = [spec.scenario.value, f"level_{spec.level}", *lead, *sorted(build.tags), *placement]
    if spec.predecessor:
        tags.append("merged_2025")
    case = rule_case(spec.code)
    if case is not None:
        tags.append(case.tag)
    return TruthAgency(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=website,
        status=status,
        iso_version=iso_version,
        tags=tuple(dict.fromkeys(tags)),
        documents=documents,
        needs=tuple(sorted(needs)),
        faults=site_faults(spec.scenario, website) + tuple(build.faults),
        findings=case.findings if case is not None else (),
    )
