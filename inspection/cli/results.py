"""`qmsaudit status|findings|export`: what the last complete results say."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from inspection.cli.app import Json, app, console, fail, open_engine, print_json
from inspection.export import (
    FORMATS,
    ExportError,
    check_writable,
    parse_statuses,
    write_export,
)
from inspection.official_report.labels import UnknownChoiceError
from inspection.status import publishing_line, status_rows
from inspection.views import findings_table, status_table
from store import open_session


@app.command()
def status(ctx: typer.Context, as_json: Json = False) -> None:
    """Trạng thái của từng cơ quan."""
    with open_session(open_engine(ctx.obj)) as session:
        rows = status_rows(session)
    if as_json:
        print_json(rows)
        return
    console.print(status_table(rows))
    console.print(publishing_line(rows))


@app.command()
def findings(
    ctx: typer.Context,
    agency: Annotated[str | None, typer.Option(help="Mã cơ quan.")] = None,
    as_json: Json = False,
) -> None:
    """Các phát hiện đang mở, kèm bằng chứng."""
    with open_session(open_engine(ctx.obj)) as session:
        rows = [row for row in status_rows(session) if agency is None or row["code"] == agency]
    if agency is not None and not rows:
        raise fail(f"không có cơ quan mã {agency}")
    if as_json:
        print_json(
            [{**finding, "agency": row["code"]} for row in rows for finding in row["findings"]]
        )
    else:
        console.print(findings_table(rows))


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp kết quả.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, xlsx hoặc json.")] = "csv",
    status_filter: Annotated[
        list[str] | None,
        typer.Option("--status", help="Chỉ các trạng thái này (mã hoặc tên tiếng Việt)."),
    ] = None,
) -> None:
    """Xuất danh sách cơ quan và kết quả ra CSV, XLSX hoặc JSON."""
    if fmt not in FORMATS:
        raise fail(f"định dạng {escape(repr(fmt))} không hỗ trợ (dùng: {', '.join(FORMATS)})")
    try:
        wanted = parse_statuses(status_filter or ())
        check_writable(output)
    except UnknownChoiceError as error:
        valid = "; ".join(error.valid)
        raise fail(
            f"trạng thái {escape(repr(error.value))} không hợp lệ (dùng: {valid})"
        ) from error
    except ExportError as error:
        raise fail(escape(str(error))) from error
    with open_session(open_engine(ctx.obj)) as session:
        rows = status_rows(session)
    if wanted:
        rows = [row for row in rows if row["status"] in wanted]
    try:
        write_export(rows, output, fmt=fmt)
    except ExportError as error:
        raise fail(escape(str(error))) from error
    console.print(f"Đã xuất {len(rows)} cơ quan ra {escape(str(output))}")
