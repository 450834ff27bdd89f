"""The rules engine: audit what is known of an agency as of a date, give it a status and
findings with evidence. Knows nothing of Scrapy, the store or the database."""

from rules.engine import audit
from rules.facts import AgencyFacts, DocumentFacts, SiteFacts
from rules.findings import Audit, Finding, Severity, Status
from rules.profile import (
    Edition,
    Editions,
    LevelRequirements,
    Profile,
    ProfileError,
    load_profile,
    packaged_profiles,
    parse_profile,
)
from rules.registry import RETIRED_CODES, RULES
from rules.rule import AuditContext, Rule, Stage

__all__ = [
    "RETIRED_CODES",
    "RULES",
    "AgencyFacts",
    "Audit",
    "AuditContext",
    "DocumentFacts",
    "Edition",
    "Editions",
    "Finding",
    "LevelRequirements",
    "Profile",
    "ProfileError",
    "Rule",
    "Severity",
    "SiteFacts",
    "Stage",
    "Status",
    "audit",
    "load_profile",
    "packaged_profiles",
    "parse_profile",
]
