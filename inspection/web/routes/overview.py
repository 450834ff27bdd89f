"""The overview (`/`): the count line, charts by status and level, runs, what changed."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from inspection.history import runs_table
from inspection.runs import running_run
from inspection.status import publishing_line
from inspection.web.charts import level_bars, status_bars
from inspection.web.deps import DbSession, dashboard, require
from inspection.web.pages import render
from inspection.web.queries.overview import (
    by_level,
    last_complete_run,
    next_scheduled_run,
    status_changes,
)
from store import User

router = APIRouter()

CHANGES_SHOWN = 20


@router.get("/")
def overview(
    request: Request, session: DbSession, user: Annotated[User, Depends(require("read"))]
) -> Response:
    settings = dashboard(request).settings
    levels = by_level(session)
    counts: Counter[str | None] = sum(levels.values(), Counter())
    last = last_complete_run(session)
    changes = status_changes(session, last.id) if last is not None and last.id else []
    return render(
        request,
        "overview.html",
        {
            # the CLI's own function, over one row per agency
            "count_line": publishing_line(
                [{"status": status} for status, n in counts.items() for _ in range(n)]
            ),
            "total": counts.total(),
            "status_bars": status_bars(counts),
            "level_bars": level_bars(levels),
            "runs": runs_table(session, limit=5),
            "running": running_run(session),
            "next_run": next_scheduled_run(
                dashboard(request).engine, settings.schedule, settings.timezone
            ),
            "schedule": settings.schedule,
            "last_run": last,
            "changes": changes[:CHANGES_SHOWN],
            "changes_total": len(changes),
        },
    )
