"""Who is in the registry: listing agencies, and retiring those that left the list.

A retired agency keeps its row and history (`Agency.retired_at` is set): it is no longer
crawled, counted or shown, and becomes active again when a later import names it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from inspection.registry.report import AgencyRef
from store import Agency, utcnow

__all__ = ["Retirement", "list_agencies", "retire_absent", "retire_codes"]


def list_agencies(session: Session, *, include_retired: bool = False) -> list[Agency]:
    """Active agencies (and retired ones when asked), in code order."""
    query = select(Agency).order_by(col(Agency.code))
    if not include_retired:
        query = query.where(col(Agency.retired_at).is_(None))
    return list(session.exec(query).all())


def _retire(session: Session, agency: Agency, at: datetime) -> AgencyRef:
    agency.retired_at = at
    agency.updated_at = at
    session.add(agency)
    return AgencyRef(agency.code, agency.name)


def retire_absent(session: Session, present: Collection[str], *, at: datetime) -> list[AgencyRef]:
    """Retire every active agency whose code is not in `present` (not committed)."""
    return [
        _retire(session, agency, at)
        for agency in list_agencies(session)
        if agency.code not in present
    ]


@dataclass
class Retirement:
    retired: list[AgencyRef] = field(default_factory=list)
    already: list[tuple[AgencyRef, datetime]] = field(default_factory=list)  # and since when
    unknown: list[str] = field(default_factory=list)  # codes not in the registry


def retire_codes(session: Session, codes: Sequence[str]) -> Retirement:
    """Retire the agencies named by `codes` and commit; nothing changes when any code is
    unknown (the caller says which)."""
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    found = {
        agency.code: agency
        for agency in session.exec(select(Agency).where(col(Agency.code).in_(wanted))).all()
    }
    outcome = Retirement(unknown=[code for code in wanted if code not in found])
    if outcome.unknown:
        return outcome
    at = utcnow()
    for code in wanted:
        agency = found[code]
        if agency.retired_at is not None:
            outcome.already.append((AgencyRef(agency.code, agency.name), agency.retired_at))
        else:
            outcome.retired.append(_retire(session, agency, at))
    session.commit()
    return outcome
