"""`qmsaudit crawl|audit|demo`: inspect agencies, judge what is stored again, the sandbox demo.

Exit codes of `crawl` (and `audit --save`): 0 the run completed (sites that failed are
results, not errors), 1 the run failed (a network outage: nothing published), 2 a usage
error, 75 another run is going (try again later, or `--wait`), 130/143 interrupted by
Ctrl-C / SIGTERM (nothing published).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from types import FrameType
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from inspection.cli.app import AsOf, Json, app, console, errors, fail, open_engine, print_json
from inspection.distributed.dispatch import (
    EXECUTOR,
    QueueUnavailableError,
    dispatch_run,
    follow_run,
)
from inspection.errors import UnknownAgencyError
from inspection.runs import (
    BarObserver,
    RunBusyError,
    RunOutcome,
    RunRequest,
    Stop,
    claim_run,
    execute_crawl,
    preview_audit,
    progress_bar,
    save_audit,
    select_agencies,
)
from inspection.settings import Settings
from inspection.status import published_line, publishing_line
from inspection.views import preview_table
from store import Agency, open_session

BUSY = 75  # EX_TEMPFAIL: another run holds the slot
SIGNALS = {signal.SIGINT: ("Ctrl-C", 130), signal.SIGTERM: ("SIGTERM", 143)}
WAIT_POLL = 5.0


@contextmanager
def stopping_on_signals(stop: Stop) -> Iterator[dict[str, int]]:
    """SIGINT/SIGTERM ask the run to stop (once); yields where the exit code is kept."""
    exit_code: dict[str, int] = {}

    def handle(signum: int, _frame: FrameType | None) -> None:
        name, code = SIGNALS[signal.Signals(signum)]
        exit_code.setdefault("code", code)
        stop.request("interrupted", f"dừng theo yêu cầu ({name})")

    previous = {sig: signal.signal(sig, handle) for sig in SIGNALS}
    try:
        yield exit_code
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _claim(engine: Engine, request: RunRequest, agencies: int, *, wait: bool) -> Any:
    while True:
        try:
            return claim_run(engine, request, agencies=agencies)
        except RunBusyError as error:
            if not wait:
                raise fail(f"{error}. Thử lại sau, hoặc dùng --wait để chờ.", BUSY) from error
            errors.print(f"Đang chờ: {error}.")
            time.sleep(WAIT_POLL)


def crawl_selected(
    settings: Settings,
    engine: Engine,
    agencies: list[Agency],
    *,
    as_of: date,
    selection: list[str] | None,
    trigger: str = "manual",
    wait: bool = False,
) -> RunOutcome:
    """Claim a run for `agencies` (`selection`: their codes, None for every agency), execute
    it here with a progress bar, report how it ended."""
    request = RunRequest(trigger=trigger, as_of=as_of, selection=selection)
    run = _claim(engine, request, len(agencies), wait=wait)
    stop = Stop()
    options = settings.execution_options(as_of)
    crawled = sum(1 for agency in agencies if agency.website)
    with stopping_on_signals(stop) as exit_code, progress_bar() as progress:
        observer = BarObserver(progress, len(agencies), crawled_total=crawled)
        outcome = execute_crawl(
            engine,
            settings.blobs(engine),
            run,
            agencies,
            options,
            observer=observer,
            stop=stop,
        )
    report_outcome(outcome, engine, exit_code.get("code"))
    return outcome


def crawl_distributed(
    settings: Settings,
    engine: Engine,
    agencies: list[Agency],
    *,
    as_of: date,
    selection: list[str] | None,
    wait: bool = False,
    follow: bool = True,
) -> RunOutcome | None:
    """Claim a run for `agencies`, give it to the workers on the queue and, when following,
    show its progress as a local run does and report how it ended."""
    assert settings.redis_url is not None
    request = RunRequest(as_of=as_of, selection=selection, executor=EXECUTOR)
    run = _claim(engine, request, len(agencies), wait=wait)
    try:
        dispatch_run(settings.redis_url, settings.visibility_timeout, engine, run.id, agencies)
    except QueueUnavailableError as error:
        raise fail(str(error), 1) from error
    if not follow:
        console.print(
            f"Lượt kiểm tra #{run.id} ({len(agencies)} cơ quan) đã được gửi cho các tiến trình "
            "kiểm tra (qmsaudit worker); xem tiến độ bằng `qmsaudit runs`."
        )
        return None
    stop = Stop()
    crawled = sum(1 for agency in agencies if agency.website)
    with stopping_on_signals(stop) as exit_code, progress_bar() as progress:
        observer = BarObserver(progress, len(agencies), crawled_total=crawled)
        outcome = follow_run(
            engine,
            settings.blobs(engine),
            run.id,
            settings.execution_options(as_of),
            observer=observer,
            stop=stop,
        )
    report_outcome(outcome, engine, exit_code.get("code"))
    return outcome


def report_outcome(outcome: RunOutcome, engine: Engine, signal_code: int | None) -> None:
    if outcome.state == "complete":
        console.print(
            f"Lượt kiểm tra #{outcome.run_id} hoàn thành: {outcome.done}/{outcome.agencies} "
            f"cơ quan, {outcome.fetches} lượt tải, {outcome.documents_read} tài liệu mới được đọc."
        )
        with open_session(engine) as session:
            console.print(published_line(session))
        return
    kept = (
        f"{outcome.done}/{outcome.agencies} cơ quan đã xử lý xong được lưu trong lịch sử của "
        "lượt này nhưng không công bố; kết quả đang công bố giữ nguyên."
    )
    if outcome.state == "interrupted":
        errors.print(
            f"[yellow]Đã dừng lượt kiểm tra #{outcome.run_id}[/]: {outcome.reason}. {kept}"
        )
        raise typer.Exit(signal_code or 130)
    errors.print(f"[red]Lượt kiểm tra #{outcome.run_id} thất bại[/]: {outcome.reason}. {kept}")
    raise typer.Exit(1)


@app.command()
def crawl(
    ctx: typer.Context,
    all_agencies: Annotated[bool, typer.Option("--all", help="Mọi cơ quan.")] = False,
    agency: Annotated[list[str] | None, typer.Option(help="Mã cơ quan (lặp lại được).")] = None,
    as_of: AsOf = None,
    allow_private: Annotated[
        bool | None, typer.Option("--allow-private", help="Cho phép địa chỉ nội bộ/loopback.")
    ] = None,
    pages: Annotated[int | None, typer.Option(help="Số trang tối đa mỗi cơ quan.")] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Nếu đang có lượt khác, chờ thay vì từ chối.")
    ] = False,
    no_wait: Annotated[
        bool,
        typer.Option(
            "--no-wait",
            help="Chế độ phân tán: gửi lượt kiểm tra cho các tiến trình kiểm tra rồi trả về ngay.",
        ),
    ] = False,
) -> None:
    """Thu thập, đọc tài liệu và đánh giá các cơ quan (một lượt kiểm tra)."""
    settings: Settings = ctx.obj
    if all_agencies == bool(agency):
        raise fail("chọn --all hoặc --agency MÃ")
    if settings.redis_url and (pages is not None or allow_private is not None):
        raise fail(
            "ở chế độ phân tán, --pages và --allow-private không áp dụng: các tiến trình kiểm "
            "tra (qmsaudit worker) dùng cấu hình của chính chúng (QMSAUDIT_PAGES_PER_AGENCY, "
            "QMSAUDIT_ALLOW_PRIVATE)"
        )
    updates: dict[str, Any] = {}
    if allow_private is not None:
        updates["allow_private"] = allow_private
    if pages is not None:
        updates["pages_per_agency"] = pages
    settings = settings.model_copy(update=updates)
    engine = open_engine(settings)
    try:
        agencies = select_agencies(engine, None if all_agencies else agency)
    except UnknownAgencyError as error:
        raise fail(f"không có cơ quan mã {error}") from error
    if not agencies:
        raise fail("chưa có cơ quan nào: dùng `qmsaudit agencies import TỆP` trước")
    judged_as_of = as_of or settings.effective_as_of()
    selection = None if all_agencies else [a.code for a in agencies]
    if settings.redis_url:
        crawl_distributed(
            settings,
            engine,
            agencies,
            as_of=judged_as_of,
            selection=selection,
            wait=wait,
            follow=not no_wait,
        )
        return
    if no_wait:
        raise fail("--no-wait chỉ dùng ở chế độ phân tán (đặt QMSAUDIT_REDIS_URL)")
    crawl_selected(settings, engine, agencies, as_of=judged_as_of, selection=selection, wait=wait)


@app.command()
def audit(
    ctx: typer.Context,
    as_of: AsOf = None,
    save: Annotated[
        bool, typer.Option("--save", help="Lưu và công bố kết quả đánh giá ở ngày khác hôm nay.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Đánh giá lại kết quả đã công bố theo các quy tắc (không truy cập mạng).

    Ở ngày hôm nay (mặc định) kết quả được lưu và công bố; ở ngày khác chỉ xem trước,
    trừ khi có --save.
    """
    settings: Settings = ctx.obj
    engine = open_engine(settings)
    today = settings.effective_as_of()
    judged_as_of = as_of or today
    agencies = select_agencies(engine, None)
    profile = settings.rules_profile()
    if judged_as_of != today and not save:
        previews = preview_audit(engine, agencies, as_of=judged_as_of, profile=profile)
        rows = [
            {
                "code": p.agency.code,
                "name": p.agency.name,
                "level": p.agency.level,
                "status": p.judgement.status.value,
                "iso_version": p.judgement.audit.iso_version,
                "findings": [
                    {"rule": f.rule, "severity": f.severity.value, "message": f.message}
                    for f in p.judgement.audit.findings
                ],
            }
            for p in previews
        ]
        if as_json:
            print_json(rows)
            return
        console.print(preview_table(rows, judged_as_of))
        console.print(
            f"Xem trước ngày {judged_as_of:%d/%m/%Y}: {publishing_line(rows)} "
            "(chưa lưu; thêm --save để lưu)."
        )
        return
    try:
        outcome = save_audit(
            engine,
            agencies,
            as_of=judged_as_of,
            profile=profile,
            request=RunRequest(kind="audit", as_of=judged_as_of),
        )
    except RunBusyError as error:
        raise fail(f"{error}. Thử lại sau.", BUSY) from error
    console.print(f"Đã đánh giá lại {outcome.done} cơ quan (lượt #{outcome.run_id}).")
    with open_session(engine) as session:
        console.print(published_line(session))


@app.command()
def demo(ctx: typer.Context) -> None:
    """Chạy tỉnh mô phỏng: nhập danh sách, thu thập, đánh giá, in kết quả."""
    from inspection.demo import run_demo

    raise typer.Exit(run_demo(ctx.obj, console))
