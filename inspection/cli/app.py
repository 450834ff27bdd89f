"""The Typer application, its consoles and what every command shares: settings, the engine."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine

from inspection.settings import Settings
from store import StoreError, make_engine, prepare

app = typer.Typer(
    help="Kiểm tra việc công bố HTQLCL theo TCVN ISO 9001 trên trang web cơ quan.",
    no_args_is_help=True,
)

console = Console(soft_wrap=True)  # a message line stays one line in logs and pipes
errors = Console(stderr=True, soft_wrap=True)  # an error is one line, however long

AsOf = Annotated[
    date | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Ngày đánh giá (mặc định: hôm nay)."),
]
Json = Annotated[bool, typer.Option("--json", help="In JSON.")]


@app.callback()
def configure(
    ctx: typer.Context,
    data_dir: Annotated[Path | None, typer.Option(help="Thư mục dữ liệu.")] = None,
    database_url: Annotated[str | None, typer.Option(help="URL cơ sở dữ liệu SQLAlchemy.")] = None,
    blob_store: Annotated[
        str | None,
        typer.Option(help="Nơi lưu bản gốc: files (thư mục) hoặc database (cơ sở dữ liệu)."),
    ] = None,
) -> None:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    if blob_store is not None:
        overrides["blob_store"] = blob_store
    try:
        ctx.obj = Settings(**overrides)
    except ValidationError as error:
        errors.print(f"[red]Lỗi cấu hình:[/] {escape(_problems(error))}")
        raise typer.Exit(2) from error
    ctx.call_on_close(_dispose_engines)


def _problems(error: ValidationError) -> str:
    """One line: each bad setting by its variable, with what is wrong with it."""
    return "; ".join(
        f"QMSAUDIT_{'_'.join(str(part) for part in problem['loc']).upper()}: "
        f"{problem['msg'].removeprefix('Value error, ')}"
        for problem in error.errors()
    )


_engines: list[Engine] = []  # opened by this command; closed when it ends


def _dispose_engines() -> None:
    while _engines:
        _engines.pop().dispose()


def engine_of(settings: Settings) -> Engine:
    """The database's engine, closed when the command ends; its schema is not checked."""
    return engine_at(settings.effective_database_url)


def engine_at(url: str) -> Engine:
    """An engine for any database (a copy's target), closed when the command ends."""
    engine = make_engine(url)
    _engines.append(engine)
    return engine


def open_engine(settings: Settings) -> Engine:
    """The database, made by migrating if new; refused (exit 2) when its schema is behind."""
    engine = engine_of(settings)
    try:
        prepare(engine)
    except StoreError as error:
        raise fail(str(error)) from error
    return engine


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line Vietnamese error and return the exit to raise."""
    errors.print(f"[red]Lỗi:[/] {escape(message)}")
    return typer.Exit(code)


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
