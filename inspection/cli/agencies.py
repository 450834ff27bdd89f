"""`qmsaudit agencies import|list|remove`: the agency registry.

import exits 0 when every row was imported, 1 when some rows were rejected (the good
rows are kept), 2 when the file cannot be used at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from inspection.cli.app import Json, app, console, errors, fail, open_engine, print_json
from inspection.registry import (
    AgencyRef,
    ImportReport,
    RegistryFileError,
    RowIssue,
    import_registry,
    list_agencies,
    retire_codes,
)
from inspection.settings import Settings
from inspection.views import agencies_table
from store import open_session

agencies_app = typer.Typer(
    help="Danh sách cơ quan (nhập, xem, ngừng theo dõi).", no_args_is_help=True
)
app.add_typer(agencies_app, name="agencies")

Replace = Annotated[
    bool,
    typer.Option(
        "--replace",
        help="Tệp là danh sách đầy đủ: ngừng theo dõi các cơ quan không có trong tệp.",
    ),
]
Sheets = Annotated[
    list[str] | None,
    typer.Option("--sheet", help="Chỉ đọc trang này của tệp Excel (dùng nhiều lần được)."),
]


@agencies_app.command("import")
def agencies_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Tệp XLSX, XLS hoặc CSV.")],
    replace: Replace = False,
    sheet: Sheets = None,
) -> None:
    """Nhập danh sách cơ quan từ XLSX, XLS hoặc CSV (cập nhật theo mã)."""
    settings: Settings = ctx.obj
    if not file.is_file():
        raise fail(f"không tìm thấy tệp {file}")
    engine = open_engine(settings)
    with open_session(engine) as session:
        try:
            report = import_registry(session, file, sheets=sheet or (), replace=replace)
        except RegistryFileError as error:
            raise fail(str(error)) from error
    _print_report(report)
    if report.errors:
        raise typer.Exit(1)


def _say(text: str, style: str | None = None) -> None:
    console.print(escape(text), style=style, soft_wrap=True)


def _issue(issue: RowIssue, label: str, style: str) -> None:
    errors.print(f"[{style}]{escape(label)}{escape(issue.where)}:[/] {escape(issue.reason)}")


def _print_report(report: ImportReport) -> None:
    for use in report.sheets:
        _say(str(use))
    for note in report.notes:
        _say(note)
    for issue in report.skipped:
        _say(f"Bỏ qua — {issue}", style="dim")
    for issue in report.errors:
        _issue(issue, "", "red")
    for issue in report.warnings:
        _issue(issue, "Cảnh báo — ", "yellow")
    _list(
        "chưa có trang thông tin điện tử (đã nhập; kết quả kiểm tra sẽ ghi nhận điều này)",
        report.without_website,
    )
    _list("theo dõi lại (có lại trong danh sách)", report.returned)
    _list("ngừng theo dõi (không còn trong tệp; giữ lịch sử)", report.retired)
    _say(
        f"Đã nhập {report.imported} cơ quan ({report.created} mới, {report.updated} cập nhật, "
        f"{report.unchanged} không đổi, {len(report.returned)} theo dõi lại); "
        f"{report.rejected_rows} dòng lỗi; {len(report.retired)} cơ quan ngừng theo dõi."
    )


def _list(what: str, agencies: Sequence[AgencyRef]) -> None:
    if agencies:
        _say(f"{len(agencies)} cơ quan {what}:")
        for agency in agencies:
            _say(f"  {agency}")


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@agencies_app.command("list")
def agencies_list(
    ctx: typer.Context,
    as_json: Json = False,
    include_retired: Annotated[
        bool, typer.Option("--all", help="Kể cả cơ quan đã ngừng theo dõi.")
    ] = False,
) -> None:
    """Liệt kê các cơ quan đang theo dõi (--all: kể cả đã ngừng)."""
    with open_session(open_engine(ctx.obj)) as session:
        agencies = list_agencies(session, include_retired=include_retired)
        rows = [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level,
                "website": a.website,
                "parent": a.parent,
                "established": a.established.isoformat() if a.established else None,
                "retired_at": _utc(a.retired_at).isoformat() if a.retired_at else None,
            }
            for a in agencies
        ]
    if as_json:
        print_json(rows)
    else:
        console.print(agencies_table(rows, retired=include_retired))


@agencies_app.command("remove")
def agencies_remove(
    ctx: typer.Context,
    codes: Annotated[list[str], typer.Argument(help="Mã các cơ quan.")],
) -> None:
    """Ngừng theo dõi các cơ quan (giữ lịch sử; nhập lại tệp có mã đó để theo dõi lại)."""
    with open_session(open_engine(ctx.obj)) as session:
        outcome = retire_codes(session, codes)
    if outcome.unknown:
        raise fail(f"không có cơ quan mã {', '.join(outcome.unknown)}; không thay đổi gì")
    for agency in outcome.retired:
        _say(f"Ngừng theo dõi {agency}.")
    for agency, since in outcome.already:
        _say(f"{agency} đã ngừng theo dõi từ {_utc(since).astimezone():%d/%m/%Y}.")
