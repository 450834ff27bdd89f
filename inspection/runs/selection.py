"""Which agencies a run covers: all active ones, or exactly the codes asked for."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import col, select

from inspection.errors import UnknownAgencyError
from store import Agency, Run, open_session

__all__ = ["agencies_of", "select_agencies"]


def select_agencies(engine: Engine, codes: Sequence[str] | None) -> list[Agency]:
    """Every agency still in the registry (codes None), or exactly those codes (retired
    ones included when named), in code order. Raises UnknownAgencyError for unknown codes."""
    with open_session(engine) as session:
        query = select(Agency).order_by(col(Agency.code))
        if codes:
            query = query.where(col(Agency.code).in_(list(codes)))
        else:
            query = query.where(col(Agency.retired_at).is_(None))
        agencies = list(session.exec(query).all())
    missing = sorted(set(codes or ()) - {agency.code for agency in agencies})
    if missing:
        raise UnknownAgencyError(", ".join(missing))
    return agencies


def agencies_of(engine: Engine, run: Run) -> list[Agency]:
    """The agencies a claimed run covers, by its selection (None: every active agency)."""
    return select_agencies(engine, run.selection)
