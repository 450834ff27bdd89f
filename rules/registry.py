"""The registry of rules: one explicit mapping code -> rule class, in the order they run.

A code is never reused. When a rule is renamed its code stays; when a rule is removed its
code is listed in RETIRED_CODES so that it cannot come back with another meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from rules.completeness import (
    DeclarationFormIncomplete,
    DeclarationIssuedByAnotherBody,
    MissingDeclaration,
    MissingProcessList,
    MissingQualityObjectives,
    MissingQualityPolicy,
    NoQmsDocuments,
    UnreadableQmsDocument,
)
from rules.freshness import (
    DeclarationByAbolishedBody,
    DeclarationDateUnknown,
    DeclarationPredatesEstablishment,
    NoRecentInternalAudit,
    NoRecentManagementReview,
    ObjectivesOutOfDate,
    ObjectivesYearUnknown,
    SupersededLegalBasis,
)
from rules.rule import Rule
from rules.site import CrawlForbiddenByRobots, NoWebsiteRegistered, SiteDown, SiteUnreachable
from rules.version import ConvertedOnPaperOnly, Iso2008Only, MixedIsoVersions, UpcomingEdition

RULES: Mapping[str, type[Rule]] = MappingProxyType(
    {
        "SITE001": SiteUnreachable,
        "SITE002": CrawlForbiddenByRobots,
        "SITE003": SiteDown,
        "SITE004": NoWebsiteRegistered,
        "DOC001": NoQmsDocuments,
        "DOC002": MissingDeclaration,
        "DOC003": MissingQualityPolicy,
        "DOC004": MissingQualityObjectives,
        "DOC005": MissingProcessList,
        "DOC006": UnreadableQmsDocument,
        "DOC007": DeclarationFormIncomplete,
        "DOC008": DeclarationIssuedByAnotherBody,
        "VER001": Iso2008Only,
        "VER002": MixedIsoVersions,
        "VER003": ConvertedOnPaperOnly,
        "VER004": UpcomingEdition,
        "FRESH001": ObjectivesOutOfDate,
        "FRESH002": DeclarationPredatesEstablishment,
        "FRESH003": ObjectivesYearUnknown,
        "FRESH004": DeclarationDateUnknown,
        "FRESH005": NoRecentInternalAudit,
        "FRESH006": NoRecentManagementReview,
        "FRESH007": SupersededLegalBasis,
        "FRESH008": DeclarationByAbolishedBody,
    }
)

RETIRED_CODES: frozenset[str] = frozenset()
