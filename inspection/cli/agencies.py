"""`qmsaudit agencies import|list`: the agency registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import col, select

from inspection.cli.app import Json, app, console, errors, fail, open_engine, print_json
from inspection.registry import RegistryFileError, import_registry
from inspection.settings import Settings
from inspection.views import agencies_table
from store import Agency, open_session

agencies_app = typer.Typer(help="Danh sách cơ quan (nhập, xem).", no_args_is_help=True)
app.add_typer(agencies_app, name="agencies")


@agencies_app.command("import")
def agencies_import(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]
) -> None:
    """Nhập danh sách cơ quan từ CSV hoặc XLSX (cập nhật theo mã)."""
    settings: Settings = ctx.obj
    engine = open_engine(settings)
    with open_session(engine) as session:
        try:
            report = import_registry(session, file)
        except RegistryFileError as error:
            raise fail(str(error)) from error
    for row_error in report.errors:
        errors.print(f"[red]Dòng {row_error.row}:[/] {row_error.reason}")
    console.print(
        f"Đã nhập {report.imported} cơ quan ({report.created} mới, {report.updated} cập nhật); "
        f"{len(report.errors)} dòng lỗi."
    )
    if report.errors:
        raise typer.Exit(1)


@agencies_app.command("list")
def agencies_list(ctx: typer.Context, as_json: Json = False) -> None:
    """Liệt kê các cơ quan đã nhập."""
    with open_session(open_engine(ctx.obj)) as session:
        agencies = session.exec(select(Agency).order_by(col(Agency.code))).all()
        rows = [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level,
                "website": a.website,
                "parent": a.parent,
                "established": a.established.isoformat() if a.established else None,
            }
            for a in agencies
        ]
    if as_json:
        print_json(rows)
    else:
        console.print(agencies_table(rows))
