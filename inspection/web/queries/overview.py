"""What the overview shows besides the list: counts by status and level, the agencies whose
status changed in the last complete run, and when the next scheduled run is due."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, func, inspect, text
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from store import Agency, AgencyResult, Run, Verdict

__all__ = ["StatusChange", "by_level", "next_scheduled_run", "status_changes"]

NIGHTLY_JOB = "nightly"  # inspection.schedule.JOB_ID, read without importing APScheduler's jobs


@dataclass(frozen=True)
class StatusChange:
    """An agency whose status in a complete run differs from its previous published one."""

    code: str
    name: str
    before: str | None  # None: judged for the first time
    after: str


def by_level(session: Session) -> dict[str, Counter[str | None]]:
    """Per level, how many active agencies have each status (None: not checked yet)."""
    rows = session.execute(
        sql_select(col(Agency.level), col(Verdict.status), func.count())
        .join(Verdict, col(Verdict.agency_id) == col(Agency.id), isouter=True)
        .where(col(Agency.retired_at).is_(None))
        .group_by(col(Agency.level), col(Verdict.status))
    ).all()
    counts: dict[str, Counter[str | None]] = {}
    for level, status, count in rows:
        counts.setdefault(level, Counter())[status] = count
    return counts


def last_complete_run(session: Session) -> Run | None:
    return session.exec(
        select(Run).where(Run.state == "complete").order_by(col(Run.id).desc()).limit(1)
    ).first()


def status_changes(session: Session, run_id: int) -> list[StatusChange]:
    """The status transitions of a complete run (`inspection.history.changes`, kind
    "status"), in three queries instead of several per agency."""
    complete = select(Run.id).where(Run.state == "complete", col(Run.id) < run_id)
    previous = (
        select(AgencyResult.agency_id, func.max(AgencyResult.run_id).label("run_id"))
        .where(col(AgencyResult.run_id).in_(complete))
        .group_by(col(AgencyResult.agency_id))
        .subquery()
    )
    rows = session.exec(
        select(Agency.code, Agency.name, AgencyResult.status, AgencyResult.agency_id)
        .join(Agency, col(Agency.id) == col(AgencyResult.agency_id))
        .where(AgencyResult.run_id == run_id)
        .order_by(col(Agency.code))
    ).all()
    before = dict(
        session.exec(
            select(AgencyResult.agency_id, AgencyResult.status).join(
                previous,
                and_(
                    previous.c.agency_id == col(AgencyResult.agency_id),
                    previous.c.run_id == col(AgencyResult.run_id),
                ),
            )
        ).all()
    )
    return [
        StatusChange(code=code, name=name, before=before.get(agency_id), after=status)
        for code, name, status, agency_id in rows
        if before.get(agency_id) != status
    ]


def next_scheduled_run(engine: Engine, schedule: str, timezone: str) -> datetime | None:
    """When the nightly run is next due: as the scheduler stored it (it knows about runs
    missed and coalesced), else computed from the schedule; None if it cannot say."""
    stored = _stored_next_run(engine)
    if stored is not None:
        return stored
    from apscheduler.triggers.cron import CronTrigger

    try:
        trigger = CronTrigger.from_crontab(schedule, timezone=ZoneInfo(timezone))
    except (ValueError, KeyError):
        return None
    fire: datetime | None = trigger.get_next_fire_time(None, datetime.now(ZoneInfo(timezone)))
    return fire


def _stored_next_run(engine: Engine) -> datetime | None:
    if not inspect(engine).has_table("apscheduler_jobs"):
        return None
    with engine.connect() as connection:
        value = connection.execute(
            text("SELECT next_run_time FROM apscheduler_jobs WHERE id = :id"),
            {"id": NIGHTLY_JOB},
        ).scalar()
    if value is None:  # no job, or a paused one
        return None
    return datetime.fromtimestamp(float(value), UTC)
