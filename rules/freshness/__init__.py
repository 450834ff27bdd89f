"""Freshness rules: whether the objectives and the declaration are still current."""

from rules.freshness.declaration_date_unknown import DeclarationDateUnknown
from rules.freshness.declaration_predates_establishment import DeclarationPredatesEstablishment
from rules.freshness.objectives_out_of_date import ObjectivesOutOfDate
from rules.freshness.objectives_year_unknown import ObjectivesYearUnknown

__all__ = [
    "DeclarationDateUnknown",
    "DeclarationPredatesEstablishment",
    "ObjectivesOutOfDate",
    "ObjectivesYearUnknown",
]
