"""`qmsaudit report`: the official report (DOCX, or PDF through LibreOffice)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from sqlmodel import Session

from inspection.cli.app import AsOf, app, console, errors, fail, open_engine
from inspection.export import ExportError, check_writable, write_atomically
from inspection.history import changes, complete_runs
from inspection.official_report import (
    Issuer,
    PdfError,
    ReportData,
    convert_to_pdf,
    report_bytes,
    soffice_path,
)
from inspection.official_report.labels import LEVEL_LABELS, UnknownChoiceError, parse_choices
from inspection.registry.values import LEVEL_ALIASES
from inspection.settings import Settings
from inspection.status import publishing_line, run_rows, status_rows
from store import Run, open_session

REPORT_FORMATS = ("docx", "pdf")


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp báo cáo.")],
    fmt: Annotated[str, typer.Option("--format", help="docx hoặc pdf.")] = "docx",
    as_of: AsOf = None,
    level: Annotated[
        list[str] | None,
        typer.Option("--level", help="Chỉ các cấp này (mã hoặc tên tiếng Việt; lặp lại được)."),
    ] = None,
    run: Annotated[
        int | None, typer.Option("--run", help="Báo cáo một lượt kiểm tra đã hoàn thành.")
    ] = None,
) -> None:
    """Lập báo cáo kết quả kiểm tra theo thể thức văn bản hành chính."""
    settings: Settings = ctx.obj
    levels = _check_options(fmt, level or [], output)
    with open_session(open_engine(settings)) as session:
        if run is not None:
            reported = session.get(Run, run)
            if reported is None or reported.state != "complete":
                raise fail(f"không có lượt kiểm tra #{run} đã hoàn thành")
            every = run_rows(session, run)
        else:
            every = status_rows(session)
        rows = [row for row in every if not levels or row["level"] in levels]
        latest = run if run is not None else _latest_complete(session)
        found = [c.as_dict() for c in changes(session, run_id=latest)] if latest else []
        first = latest is None or all(r.id == latest for r in complete_runs(session)[:1])
    if not rows:
        raise fail("không có cơ quan nào để báo cáo (xem `qmsaudit agencies list`)")
    when = as_of or settings.as_of or _judged_on(rows) or date.today()
    _warn_if_judged_otherwise(rows, when)
    data = ReportData(
        rows=rows,
        as_of=when,
        issuer=Issuer.of(settings),
        changes=found,
        run=run,
        first_run=first,
    )
    content = report_bytes(data)

    def write(tmp: Path) -> None:
        if fmt == "pdf":
            convert_to_pdf(content, tmp)
        else:
            tmp.write_bytes(content)

    try:
        write_atomically(output, write)
    except (ExportError, PdfError) as error:
        raise fail(escape(str(error))) from error
    console.print(f"Đã lập báo cáo {len(rows)} cơ quan: {escape(str(output))}", soft_wrap=True)
    console.print(publishing_line(rows))


def _latest_complete(session: Session) -> int | None:
    runs = complete_runs(session)
    return runs[-1].id if runs else None


def _check_options(fmt: str, level: list[str], output: Path) -> list[str]:
    """The levels asked for; exits 2 on a bad format, level or path, before any work."""
    if fmt not in REPORT_FORMATS:
        raise fail(f"định dạng {escape(repr(fmt))} không hỗ trợ (dùng: docx, pdf)")
    if fmt == "pdf" and soffice_path() is None:
        raise fail("cần LibreOffice (soffice) để xuất PDF; hãy cài đặt hoặc dùng --format docx")
    try:
        levels = parse_choices(level, LEVEL_LABELS, aliases=LEVEL_ALIASES)
        check_writable(output)
    except UnknownChoiceError as error:
        valid = "; ".join(error.valid)
        raise fail(f"cấp {escape(repr(error.value))} không hợp lệ (dùng: {valid})") from error
    except ExportError as error:
        raise fail(escape(str(error))) from error
    return levels


def _judged_on(rows: list[dict[str, Any]]) -> date | None:
    """The latest date the stored verdicts were judged against."""
    dates = [date.fromisoformat(row["as_of"]) for row in rows if row.get("as_of")]
    return max(dates, default=None)


def _warn_if_judged_otherwise(rows: list[dict[str, Any]], when: date) -> None:
    judged = {date.fromisoformat(row["as_of"]) for row in rows if row.get("as_of")}
    if judged - {when}:
        dates = ", ".join(day.strftime("%d/%m/%Y") for day in sorted(judged))
        errors.print(
            f"[yellow]Lưu ý:[/] kết quả đang lưu được đánh giá tại ngày {dates}; chạy "
            f"`qmsaudit audit --as-of {when.isoformat()}` trước để đánh giá lại tại ngày báo cáo.",
            soft_wrap=True,
        )
