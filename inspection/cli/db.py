"""`qmsaudit db upgrade|stats|copy|blobs-to-database`: the database's schema and size, and
moving a province's database and evidence elsewhere (`store.copy` does the copying)."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, TaskID
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlmodel import col, select

from inspection.cli.app import (
    Json,
    app,
    console,
    engine_at,
    engine_of,
    errors,
    fail,
    open_engine,
    print_json,
)
from inspection.settings import Settings
from inspection.storage import kept_hashes, store_stats
from store import HELD, Blobs, BlobStore, DatabaseBlobs, Run, StoreError, open_session, upgrade
from store.copy import BlobsCopied, check_copy, copy_blobs, copy_tables, shown_url

db_app = typer.Typer(
    help="Cơ sở dữ liệu (nâng cấp lược đồ, thống kê, chuyển sang cơ sở dữ liệu khác).",
    no_args_is_help=True,
)
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


class BlobTarget(StrEnum):
    files = "files"
    database = "database"


@db_app.command("copy")
def db_copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option("--to", help="URL SQLAlchemy của cơ sở dữ liệu đích (trống)."),
    ],
    blob_store: Annotated[
        BlobTarget,
        typer.Option(
            "--blob-store",
            help="Nơi lưu bản gốc sau khi chuyển: database (bảng `blob` của cơ sở dữ liệu "
            "đích, mặc định) hoặc files (thư mục dữ liệu, mọi máy phải dùng chung).",
        ),
    ] = BlobTarget.database,
    as_json: Json = False,
) -> None:
    """Sao chép toàn bộ cơ sở dữ liệu đang dùng (và bản gốc) sang cơ sở dữ liệu trống ở URL."""
    settings: Settings = ctx.obj
    _source_exists(settings)
    try:
        source, target = engine_of(settings), engine_at(to)
        check_copy(source, target)
        upgrade(target)
    except StoreError as error:
        raise fail(str(error)) from error
    except ArgumentError as error:
        raise fail(f"URL cơ sở dữ liệu đích không dùng được: {error}") from error
    except DBAPIError as error:  # no such server or database, refused login…
        raise fail(f"không mở được cơ sở dữ liệu: {_first_line(error)}") from error
    _warn_if_running(source)
    target_blobs: Blobs = (
        DatabaseBlobs(target) if blob_store is BlobTarget.database else BlobStore(settings.blob_dir)
    )
    # Blobs first: they need no transaction, and a copy stopped among them is run again.
    try:
        blobs = _copy_blobs(
            settings.blobs(source), target_blobs, expected=kept_hashes(source), quiet=as_json
        )
    except DBAPIError as error:  # the target's disk is full, its server went away…
        raise fail(
            f"chép bản gốc thất bại ({_first_line(error)}); chưa bảng nào được ghi, những bản "
            "đã chép được giữ lại: chạy lại lệnh"
        ) from error
    tables = _copy_tables(source, target, quiet=as_json)
    if as_json:
        print_json(
            {
                "tables": tables,
                "blobs": {
                    "copied": blobs.copied,
                    "bytes": blobs.bytes,
                    "skipped": blobs.skipped,
                    "unreadable": blobs.unreadable,
                },
                "target": shown_url(to),
                "blob_store": blob_store.value,
            }
        )
    else:
        console.print(
            f"Đã sao chép {_number(sum(tables.values()))} dòng của {len(tables)} bảng và "
            f"{_number(blobs.copied)} bản gốc ({_number(blobs.bytes)} byte; "
            f"{_number(blobs.skipped)} bản đã có) sang {shown_url(to)}."
        )
        console.print(
            "Từ nay trên mọi máy: QMSAUDIT_DATABASE_URL là URL đích, "
            f"QMSAUDIT_BLOB_STORE={blob_store.value}"
            + (
                f" (mọi máy phải dùng chung thư mục {settings.blob_dir.resolve()})"
                if blob_store is BlobTarget.files
                else ""
            )
            + "."
        )
    if blobs.unreadable:
        raise typer.Exit(_unreadable(blobs))


@db_app.command("blobs-to-database")
def db_blobs_to_database(ctx: typer.Context, as_json: Json = False) -> None:
    """Chép các bản gốc trong thư mục dữ liệu vào bảng `blob` của cơ sở dữ liệu đang dùng
    (trước khi đặt QMSAUDIT_BLOB_STORE=database); chạy lại không sao."""
    settings: Settings = ctx.obj
    engine = open_engine(settings)
    blobs = _copy_blobs(
        BlobStore(settings.blob_dir),
        DatabaseBlobs(engine),
        expected=kept_hashes(engine),
        quiet=as_json,
    )
    if as_json:
        print_json(
            {
                "copied": blobs.copied,
                "bytes": blobs.bytes,
                "skipped": blobs.skipped,
                "unreadable": blobs.unreadable,
            }
        )
    else:
        console.print(
            f"Đã chép {_number(blobs.copied)} bản gốc ({_number(blobs.bytes)} byte) vào cơ sở "
            f"dữ liệu; {_number(blobs.skipped)} bản đã có. Từ nay: QMSAUDIT_BLOB_STORE=database."
        )
    if blobs.unreadable:
        raise typer.Exit(_unreadable(blobs))


def _warn_if_running(engine: Engine) -> None:
    """Say so when a run is running: the tables are copied as they are when the copy reads
    them, so what the run commits afterwards (and its evidence) is not in the target."""
    with open_session(engine) as session:
        running = session.exec(select(Run.id).where(col(Run.running) == HELD)).first()
    if running is not None:
        errors.print(
            f"[yellow]Cảnh báo:[/] lượt chạy {running} đang chạy trên cơ sở dữ liệu nguồn: "
            "những gì nó ghi sau lúc sao chép sẽ không có ở đích (nên dừng lịch và lượt "
            "chạy trước khi sao chép)"
        )


def _source_exists(settings: Settings) -> None:
    """Refuse a SQLite source that does not exist (a wrong data folder): opening it would
    make an empty database, and the copy would say its schema is behind."""
    url = make_url(settings.effective_database_url)
    path = url.database if url.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not Path(path).exists():
        raise fail(
            f"không có cơ sở dữ liệu nguồn {path}: kiểm tra QMSAUDIT_DATA_DIR "
            "hoặc QMSAUDIT_DATABASE_URL"
        )


def _copy_blobs(
    source: Blobs, target: Blobs, *, expected: Collection[str], quiet: bool
) -> BlobsCopied:
    """Copy the blobs, with a counter on a terminal, and say how many unless `quiet`."""
    if quiet or not console.is_terminal:
        done = copy_blobs(source, target, expected=expected)
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Bản gốc", total=None)

            def shown(done: BlobsCopied) -> None:
                progress.update(task, completed=done.copied + done.skipped)

            done = copy_blobs(source, target, expected=expected, progress=shown)
    if not quiet:
        console.print(
            f"Bản gốc: {_number(done.copied)} bản đã chép ({_number(done.bytes)} byte), "
            f"{_number(done.skipped)} bản đã có"
        )
    return done


def _copy_tables(source: Engine, target: Engine, *, quiet: bool) -> dict[str, int]:
    """Copy the tables, a line per table (and a bar on a terminal) unless `quiet`; a copy
    the target refuses exits 2, nothing written."""
    try:
        if quiet:
            return copy_tables(source, target)
        if not console.is_terminal:
            return copy_tables(source, target, progress=_table_done)
        tasks: dict[str, TaskID] = {}
        with Progress(console=console, transient=True) as progress:

            def shown(table: str, done: int, total: int) -> None:
                if table not in tasks:
                    tasks[table] = progress.add_task(f"Bảng {table}", total=total)
                progress.update(tasks[table], completed=done)
                _table_done(table, done, total)

            return copy_tables(source, target, progress=shown)
    except StoreError as error:
        raise fail(str(error)) from error
    except DBAPIError as error:  # a row the target refuses: the transaction is undone
        raise fail(
            f"cơ sở dữ liệu đích từ chối dữ liệu ({_first_line(error)}); không bảng nào được "
            "ghi, sửa rồi chạy lại lệnh"
        ) from error


def _first_line(error: DBAPIError) -> str:
    """The database's own words, first line (psycopg adds DETAIL and HINT lines)."""
    return (str(error.orig) or str(error)).strip().splitlines()[0]


def _table_done(table: str, done: int, total: int) -> None:
    if done == total:
        console.print(f"{table}: {_number(done)} dòng")


def _unreadable(blobs: BlobsCopied) -> int:
    """Say which blobs could not be copied; the exit code: 1, the rest was copied."""
    first = ", ".join(blobs.unreadable[:5])
    more = "…" if len(blobs.unreadable) > 5 else ""
    errors.print(
        f"[red]Lỗi:[/] không đọc được {_number(len(blobs.unreadable))} bản gốc "
        f"(hỏng hoặc mất): {first}{more}; phần còn lại đã được chép"
    )
    return 1


def _number(value: int) -> str:
    """Thousands separated by dots, as Vietnamese writes them: 1.234.567."""
    return f"{value:,}".replace(",", ".")
