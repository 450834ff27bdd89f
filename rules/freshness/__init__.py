"""Freshness rules: whether the objectives, the declaration, the legal bases cited and the
yearly internal audit and management review are still current."""

from rules.freshness.declaration_by_abolished_body import DeclarationByAbolishedBody
from rules.freshness.declaration_date_unknown import DeclarationDateUnknown
from rules.freshness.declaration_predates_establishment import DeclarationPredatesEstablishment
from rules.freshness.no_recent_internal_audit import NoRecentInternalAudit
from rules.freshness.no_recent_management_review import NoRecentManagementReview
from rules.freshness.objectives_out_of_date import ObjectivesOutOfDate
from rules.freshness.objectives_year_unknown import ObjectivesYearUnknown
from rules.freshness.superseded_legal_basis import SupersededLegalBasis

__all__ = [
    "DeclarationByAbolishedBody",
    "DeclarationDateUnknown",
    "DeclarationPredatesEstablishment",
    "NoRecentInternalAudit",
    "NoRecentManagementReview",
    "ObjectivesOutOfDate",
    "ObjectivesYearUnknown",
    "SupersededLegalBasis",
]
