"""The anatomy every rule shares: code, name, severity, verdict, legal basis, stage, check."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import ClassVar

from rules.documents import document_label, document_subject
from rules.facts import AgencyFacts, DocumentFacts
from rules.findings import Finding, Severity, Status
from rules.profile import LevelRequirements, Profile


class Stage(IntEnum):
    """When a rule runs. A finding in the site or presence stage ends the audit there:
    an unreachable site is not judged on documents, and an agency with no QMS document
    at all is not listed item by missing item."""

    SITE = 1
    PRESENCE = 2
    CONTENT = 3


@dataclass(frozen=True, kw_only=True)
class AuditContext:
    """What a rule knows besides the agency: the date judged against and the thresholds."""

    as_of: date
    profile: Profile
    level: LevelRequirements  # the profile's requirements for the agency's level

    def verdict_of(self, rule: type[Rule]) -> Status | None:
        """The status a finding of `rule` implies under the profile: an advisory rule's
        verdict counts only where the profile lists its code."""
        if rule.advisory and not self.profile.counts(rule.code):
            return None
        return rule.verdict


class Rule(ABC):
    """One check. Subclasses set the class attributes and write a docstring with the
    headings What it checks / Why it matters / Legal basis / Failing example /
    Passing example (each as a `## ` markdown heading)."""

    code: ClassVar[str]  # stable, never reused: SITE001, DOC002, ...
    name: ClassVar[str]  # named after the problem: missing-declaration
    severity: ClassVar[Severity]
    verdict: ClassVar[Status | None]  # the status a finding implies, None for none
    legal_basis: ClassVar[str]  # Vietnamese citation
    stage: ClassVar[Stage] = Stage.CONTENT
    # An advisory rule's verdict counts only in profiles that list its code under [status]
    # count; elsewhere its findings inform and the status rules of the design decide alone.
    advisory: ClassVar[bool] = False

    @abstractmethod
    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterable[Finding]:
        """The findings for `agency`; none when it passes."""

    def about_site(
        self, agency: AgencyFacts, message: str, *, snippet: str | None = None
    ) -> Finding:
        """A finding whose evidence is the agency's site (its start page)."""
        return Finding(
            rule=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            evidence_url=agency.site.start_url or agency.website,
            subject="",
            evidence_id=agency.site.evidence_id,
            snippet=snippet,
        )

    def about_document(self, document: DocumentFacts, message: str) -> Finding:
        """A finding whose evidence is one document."""
        return Finding(
            rule=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            evidence_url=document.url,
            evidence_id=document.evidence_id,
            snippet=document.title or document_label(document),
            subject=document_subject(document),
        )
