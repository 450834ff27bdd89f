"""Which declarations the form checks look at (DOC007, DOC008): the newest dated one, or,
when none has a date, each of them."""

from __future__ import annotations

from rules.documents import newest_dated, of_type
from rules.facts import AgencyFacts, DocumentFacts


def declarations_to_check(agency: AgencyFacts) -> tuple[DocumentFacts, ...]:
    """Older declarations are history; the newest one is what the agency declares now."""
    declarations = of_type(agency, "declaration")
    newest = newest_dated(declarations)
    return (newest,) if newest is not None else declarations
