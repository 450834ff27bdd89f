"""How current an agency's quality objectives are (shared by FRESH001 and FRESH003)."""

from __future__ import annotations

from dataclasses import dataclass

from rules.documents import objectives_year, of_type
from rules.facts import AgencyFacts, DocumentFacts
from rules.rule import AuditContext


@dataclass(frozen=True, kw_only=True)
class ObjectivesReading:
    """The newest objectives of known year, the ones of unknown year, and the year due."""

    newest: DocumentFacts | None
    newest_year: int | None
    undated: tuple[DocumentFacts, ...]  # neither a stated year nor an issue date
    due_year: int  # objectives for this year or later are current

    @property
    def current(self) -> bool:
        return self.newest_year is not None and self.newest_year >= self.due_year


def read_objectives(agency: AgencyFacts, context: AuditContext) -> ObjectivesReading | None:
    """None when the agency publishes no objectives at all (that is DOC004's business)."""
    objectives = of_type(agency, "quality_objectives")
    if not objectives:
        return None
    known = [(year, doc) for doc in objectives if (year := objectives_year(doc)) is not None]
    newest_year, newest = max(known, key=lambda pair: pair[0], default=(None, None))
    return ObjectivesReading(
        newest=newest,
        newest_year=newest_year,
        undated=tuple(doc for doc in objectives if objectives_year(doc) is None),
        due_year=context.level.objectives_due_year(context.as_of),
    )
