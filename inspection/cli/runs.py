"""`qmsaudit runs|history|changes`: past and current runs, an agency across runs, changes."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, date, datetime, time
from typing import Annotated

import typer
from sqlmodel import select

from inspection.cli.app import Json, app, console, errors, fail, open_engine, print_json
from inspection.cli.crawl import report_outcome, stopping_on_signals
from inspection.distributed.agency import AgencyJob, inspect_agencies
from inspection.distributed.dispatch import QueueUnavailableError, dispatch_run, follow_run
from inspection.distributed.worker import watch_parent
from inspection.errors import InspectionError
from inspection.history import agency_history, changes, runs_table
from inspection.runs import LogObserver, Stop, adopt_run, agencies_of, execute_crawl
from inspection.settings import Settings
from inspection.views import changes_table, history_table, runs_view
from store import Agency, Run, open_session

ORPHANED = 137  # as if killed with its worker: that agency is done again elsewhere

runs_app = typer.Typer(
    help="Các lượt kiểm tra (xem; `runs execute` dùng nội bộ).",
    invoke_without_command=True,
)
app.add_typer(runs_app, name="runs")


@runs_app.callback()
def runs(
    ctx: typer.Context,
    as_json: Json = False,
    limit: Annotated[int | None, typer.Option(help="Chỉ N lượt gần nhất.")] = None,
) -> None:
    """Các lượt kiểm tra đã và đang chạy: mã, nguồn, trạng thái, thời gian, số lượng."""
    if ctx.invoked_subcommand is not None:
        return
    with open_session(open_engine(ctx.obj)) as session:
        rows = runs_table(session, limit=limit)
    if as_json:
        print_json(rows)
    else:
        console.print(runs_view(rows))


@runs_app.command("execute", hidden=True)
def execute(ctx: typer.Context, run_id: Annotated[int, typer.Argument()]) -> None:
    """Thực hiện một lượt đã được tạo (bởi lịch hoặc trang web); in tiến độ từng dòng."""
    settings: Settings = ctx.obj
    engine = open_engine(settings)
    try:
        run = adopt_run(engine, run_id)
    except InspectionError as error:
        raise fail(str(error)) from error
    agencies = agencies_of(engine, run)
    as_of = run.as_of or settings.effective_as_of()
    errors.print(f"Lượt #{run_id}: bắt đầu, {len(agencies)} cơ quan, ngày đánh giá {as_of}.")
    stop = Stop()
    observer = LogObserver(run_id, len(agencies), errors.print)
    blobs, options = settings.blobs(engine), settings.execution_options(as_of)
    with stopping_on_signals(stop) as exit_code:
        if settings.redis_url:  # the schedule's and the dashboard's runs go to the workers too
            try:
                dispatch_run(
                    settings.redis_url, settings.visibility_timeout, engine, run_id, agencies
                )
            except QueueUnavailableError as error:
                raise fail(str(error), 1) from error
            outcome = follow_run(engine, blobs, run_id, options, observer=observer, stop=stop)
        else:
            outcome = execute_crawl(
                engine, blobs, run, agencies, options, observer=observer, stop=stop
            )
    report_outcome(outcome, engine, exit_code.get("code"))


@runs_app.command("agency", hidden=True)
def agency_job(
    ctx: typer.Context,
    run_id: Annotated[int, typer.Argument()],
    codes: Annotated[list[str], typer.Argument()],
) -> None:
    """Kiểm tra các cơ quan của một lượt phân tán (tiến trình con của `qmsaudit worker`).

    Mỗi cơ quan xong in một dòng JSON ra stdout cho tiến trình kiểm tra: {"agency": mã,
    "committed": đúng/sai}."""
    settings: Settings = ctx.obj
    engine = open_engine(settings)
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        if run is None:
            raise fail(f"không có lượt kiểm tra #{run_id}")
        as_of = run.as_of or settings.effective_as_of()
    watch_parent(lambda: os._exit(ORPHANED))

    def report(code: str, committed: bool) -> None:
        sys.stdout.write(json.dumps({"agency": code, "committed": committed}) + "\n")
        sys.stdout.flush()
        said = "đã kiểm tra và lưu." if committed else "bỏ qua (đã lưu, hoặc lượt đã kết thúc)."
        errors.print(f"Lượt #{run_id}: {code} {said}")

    inspect_agencies(
        engine,
        settings.blobs(engine),
        AgencyJob(run_id=run_id, codes=tuple(codes)),
        settings.execution_options(as_of),
        report,
    )


@app.command()
def history(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option(help="Mã cơ quan.")],
    as_json: Json = False,
) -> None:
    """Lịch sử của một cơ quan: mỗi lượt kiểm tra một dòng."""
    with open_session(open_engine(ctx.obj)) as session:
        found = session.exec(select(Agency).where(Agency.code == agency)).first()
        if found is None:
            raise fail(f"không có cơ quan mã {agency}")
        rows = agency_history(session, found)
    if as_json:
        print_json(rows)
    else:
        console.print(history_table(found.code, rows))


@app.command("changes")
def changes_command(
    ctx: typer.Context,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Các lượt hoàn thành từ ngày này."),
    ] = None,
    run: Annotated[int | None, typer.Option("--run", help="Một lượt kiểm tra.")] = None,
    as_json: Json = False,
) -> None:
    """Thay đổi: trạng thái, tài liệu thêm/bớt/sửa, phát hiện mở/đóng (mặc định: lượt gần nhất)."""
    if since is not None and run is not None:
        raise fail("chọn --since hoặc --run, không cả hai")
    start = (
        datetime.combine(date(since.year, since.month, since.day), time(), tzinfo=UTC)
        if since
        else None
    )
    with open_session(open_engine(ctx.obj)) as session:
        found = changes(session, since=start, run_id=run)
    rows = [change.as_dict() for change in found]
    if as_json:
        print_json(rows)
    else:
        console.print(changes_table(rows))
