"""`qmsaudit db upgrade|stats`: the database's schema and size."""

from __future__ import annotations

import typer

from inspection.cli.app import Json, app, console, engine_of, fail, open_engine, print_json
from inspection.settings import Settings
from inspection.storage import store_stats
from store import StoreError, upgrade

db_app = typer.Typer(help="Cơ sở dữ liệu (nâng cấp lược đồ, thống kê).", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Nâng cấp lược đồ cơ sở dữ liệu lên phiên bản mới nhất (chạy lại không sao)."""
    settings: Settings = ctx.obj
    engine = engine_of(settings)
    try:
        done = upgrade(engine)
    except StoreError as error:
        raise fail(str(error)) from error
    if done.changed:
        console.print(
            f"Đã nâng cấp cơ sở dữ liệu từ phiên bản {done.before or '(mới)'} lên {done.after}."
        )
    else:
        console.print(f"Cơ sở dữ liệu đã ở phiên bản mới nhất ({done.after}).")


@db_app.command("stats")
def db_stats(ctx: typer.Context, as_json: Json = False) -> None:
    """Số dòng mỗi bảng và dung lượng kho lưu trữ."""
    settings: Settings = ctx.obj
    engine = open_engine(settings)
    stats = store_stats(engine, settings.blobs(engine))
    stats["blobs"]["store"] = settings.blob_store
    if as_json:
        print_json(stats)
        return
    for table, rows in stats["rows"].items():
        console.print(f"{table}: {rows} dòng")
    blobs = stats["blobs"]
    where = "thư mục" if settings.blob_store == "files" else "cơ sở dữ liệu"
    console.print(
        f"Kho lưu trữ ({where}): {_number(blobs['files'])} tệp, {_number(blobs['bytes'])} byte "
        f"({_number(blobs['evidence_bytes'])} byte là bằng chứng)"
    )


def _number(value: int) -> str:
    """Thousands separated by dots, as Vietnamese writes them: 1.234.567."""
    return f"{value:,}".replace(",", ".")
