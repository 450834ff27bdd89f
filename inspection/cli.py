"""The `qmsaudit` command line: a thin layer over inspection's services (a contract)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy import Engine
from sqlmodel import col, select

from inspection.auditing import audit_agencies
from inspection.export import FORMATS, write_export
from inspection.registry import RegistryFileError, import_registry
from inspection.report import publishing_line, status_rows
from inspection.run import UnknownAgencyError, inspect_agencies, progress_bar, select_agencies
from inspection.settings import Settings
from inspection.views import agencies_table, findings_table, status_table
from store import Agency, BlobStore, create_schema, make_engine, open_session

app = typer.Typer(help="Kiểm tra việc công bố HTQLCL theo TCVN ISO 9001 trên trang web cơ quan.")
agencies_app = typer.Typer(help="Danh sách cơ quan (nhập, xem).")
app.add_typer(agencies_app, name="agencies")

console = Console()
errors = Console(stderr=True)

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
) -> None:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    try:
        ctx.obj = Settings(**overrides)
    except ValidationError as error:
        errors.print(f"[red]Lỗi cấu hình:[/] {error}")
        raise typer.Exit(2) from error


def _engine(settings: Settings) -> Engine:
    engine = make_engine(settings.effective_database_url)
    create_schema(engine)
    return engine


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


@agencies_app.command("import")
def agencies_import(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]
) -> None:
    """Nhập danh sách cơ quan từ CSV hoặc XLSX (cập nhật theo mã)."""
    settings: Settings = ctx.obj
    engine = _engine(settings)
    with open_session(engine) as session:
        try:
            report = import_registry(session, file)
        except RegistryFileError as error:
            errors.print(f"[red]Lỗi:[/] {error}")
            raise typer.Exit(2) from error
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
    with open_session(_engine(ctx.obj)) as session:
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
        _print_json(rows)
    else:
        console.print(agencies_table(rows))


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
) -> None:
    """Thu thập, đọc tài liệu và đánh giá các cơ quan."""
    settings: Settings = ctx.obj
    if all_agencies == bool(agency):
        errors.print("[red]Lỗi:[/] chọn --all hoặc --agency MÃ")
        raise typer.Exit(2)
    updates: dict[str, Any] = {}
    if allow_private is not None:
        updates["allow_private"] = allow_private
    if pages is not None:
        updates["pages_per_agency"] = pages
    settings = settings.model_copy(update=updates)
    engine = _engine(settings)
    try:
        agencies = select_agencies(engine, None if all_agencies else agency)
    except UnknownAgencyError as error:
        errors.print(f"[red]Lỗi:[/] không có cơ quan mã {error}")
        raise typer.Exit(2) from error
    if not agencies:
        errors.print("Chưa có cơ quan nào: dùng `qmsaudit agencies import TỆP` trước.")
        raise typer.Exit(2)
    with progress_bar() as progress:
        summary = inspect_agencies(
            engine,
            BlobStore(settings.blob_dir),
            agencies,
            options=settings.crawl_options(),
            as_of=as_of or settings.effective_as_of(),
            progress=progress,
            read_workers=settings.read_workers,
            read_limits=settings.read_limits(),
        )
    console.print(
        f"Đã kiểm tra {summary.audited}/{summary.agencies} cơ quan, "
        f"{summary.fetches} lượt tải, {summary.documents_read} tài liệu mới được đọc."
    )
    with open_session(engine) as session:
        console.print(publishing_line(status_rows(session)))


@app.command()
def audit(ctx: typer.Context, as_of: AsOf = None) -> None:
    """Chạy lại các quy tắc trên dữ liệu đã lưu (không truy cập mạng)."""
    settings: Settings = ctx.obj
    engine = _engine(settings)
    with open_session(engine) as session:
        agencies = session.exec(select(Agency)).all()
        audited = audit_agencies(session, agencies, as_of=as_of or settings.effective_as_of())
        console.print(f"Đã đánh giá {audited} cơ quan.")
        console.print(publishing_line(status_rows(session)))


@app.command()
def status(ctx: typer.Context, as_json: Json = False) -> None:
    """Trạng thái của từng cơ quan."""
    with open_session(_engine(ctx.obj)) as session:
        rows = status_rows(session)
    if as_json:
        _print_json(rows)
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
    with open_session(_engine(ctx.obj)) as session:
        rows = [row for row in status_rows(session) if agency is None or row["code"] == agency]
    if agency is not None and not rows:
        errors.print(f"[red]Lỗi:[/] không có cơ quan mã {agency}")
        raise typer.Exit(2)
    if as_json:
        _print_json(
            [{**finding, "agency": row["code"]} for row in rows for finding in row["findings"]]
        )
    else:
        console.print(findings_table(rows))


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp kết quả.")],
    fmt: Annotated[str, typer.Option("--format", help="csv hoặc json.")] = "csv",
    status_filter: Annotated[
        list[str] | None, typer.Option("--status", help="Chỉ các trạng thái này.")
    ] = None,
) -> None:
    """Xuất danh sách cơ quan và kết quả ra CSV hoặc JSON."""
    if fmt not in FORMATS:
        errors.print(f"[red]Lỗi:[/] định dạng {fmt!r} không hỗ trợ (dùng: {', '.join(FORMATS)})")
        raise typer.Exit(2)
    with open_session(_engine(ctx.obj)) as session:
        rows = status_rows(session, statuses=status_filter or ())
    write_export(rows, output, fmt=fmt)
    console.print(f"Đã xuất {len(rows)} cơ quan ra {output}")


@app.command()
def classify(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Đường dẫn tệp hoặc URL.")],
    as_json: Json = False,
) -> None:
    """Đọc và phân loại một tài liệu."""
    from inspection.classify import ClassifyError, classify_source

    try:
        result = classify_source(source, ctx.obj)
    except ClassifyError as error:
        errors.print(f"[red]Lỗi:[/] {error}")
        raise typer.Exit(2) from error
    if as_json:
        _print_json(result)
        return
    for key, value in result.items():
        if key != "text":
            console.print(f"[bold]{key}[/]: {value}")


@app.command()
def demo(ctx: typer.Context) -> None:
    """Chạy tỉnh mô phỏng: nhập danh sách, thu thập, đánh giá, in kết quả."""
    from inspection.demo import run_demo

    raise typer.Exit(run_demo(ctx.obj, console))


def main() -> None:
    app()
