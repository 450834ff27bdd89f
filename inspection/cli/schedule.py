"""`qmsaudit schedule`: the nightly schedule, in the foreground (systemd, containers)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from inspection.cli.app import app, errors, fail, open_engine
from inspection.settings import Settings


def _log(line: str) -> None:
    # One line each, with the time: a log reader (journald, a file) follows these.
    errors.print(f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S} {line}", highlight=False)


@app.command()
def schedule(ctx: typer.Context) -> None:
    """Chạy lịch kiểm tra định kỳ (QMSAUDIT_SCHEDULE, mặc định 01:00 hằng ngày) cho tới khi dừng."""
    from apscheduler.triggers.cron import CronTrigger

    from inspection.schedule import run_schedule

    settings: Settings = ctx.obj
    try:
        CronTrigger.from_crontab(settings.schedule)
    except ValueError as error:
        raise fail(f"QMSAUDIT_SCHEDULE không hợp lệ ({settings.schedule!r}): {error}") from error
    try:
        ZoneInfo(settings.timezone)
    except (ValueError, ZoneInfoNotFoundError) as error:
        raise fail(f"QMSAUDIT_TIMEZONE không hợp lệ: {settings.timezone!r}") from error
    raise typer.Exit(run_schedule(settings, open_engine(settings), _log))
