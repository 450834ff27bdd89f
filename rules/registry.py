"""The registry of rules: one explicit mapping code -> rule class, in the order they run.

A code is never reused. When a rule is renamed its code stays; when a rule is removed its
code is listed in RETIRED_CODES so that it cannot come back with another meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from rules.completeness import (
    MissingDeclaration,
    MissingProcessList,
    MissingQualityObjectives,
    MissingQualityPolicy,
    NoQmsDocuments,
    UnreadableQmsDocument,
)
from rules.freshness import (
    DeclarationDateUnknown,
    DeclarationPredatesEstablishment,
    ObjectivesOutOfDate,
    ObjectivesYearUnknown,
)
from rules.rule import Rule
from rules.site import CrawlForbiddenByRobots, NoWebsiteRegistered, SiteDown, SiteUnreachable
from rules.version import Iso2008Only, MixedIsoVersions

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
        "VER001": Iso2008Only,
        "VER002": MixedIsoVersions,
        "FRESH001": ObjectivesOutOfDate,
        "FRESH002": DeclarationPredatesEstablishment,
        "FRESH003": ObjectivesYearUnknown,
        "FRESH004": DeclarationDateUnknown,
    }
)

RETIRED_CODES: frozenset[str] = frozenset()
