"""How an agency's declarations compare with its establishment date (FRESH002, FRESH004)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rules.documents import newest_dated, of_type
from rules.facts import AgencyFacts, DocumentFacts


@dataclass(frozen=True, kw_only=True)
class DeclarationReading:
    established: date
    newest: DocumentFacts | None  # the newest declaration with an issue date
    undated: tuple[DocumentFacts, ...]

    @property
    def redeclared(self) -> bool:
        """A dated declaration was issued on or after the establishment date."""
        issued = self.newest.issued if self.newest is not None else None
        return issued is not None and issued >= self.established


def read_declarations(agency: AgencyFacts) -> DeclarationReading | None:
    """None when there is nothing to compare: no establishment date, or no declaration."""
    declarations = of_type(agency, "declaration")
    if agency.established is None or not declarations:
        return None
    return DeclarationReading(
        established=agency.established,
        newest=newest_dated(declarations),
        undated=tuple(doc for doc in declarations if doc.issued is None),
    )
