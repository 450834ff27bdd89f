"""`qmsaudit crawl|audit|demo`: inspect agencies, re-judge what is stored, the sandbox demo."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from sqlmodel import select

from inspection.auditing import audit_agencies
from inspection.cli.app import AsOf, app, console, errors, fail, open_engine
from inspection.run import UnknownAgencyError, inspect_agencies, progress_bar, select_agencies
from inspection.settings import Settings
from inspection.status import publishing_line, status_rows
from store import Agency, BlobStore, open_session


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
        raise fail("chọn --all hoặc --agency MÃ")
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
    engine = open_engine(settings)
    with open_session(engine) as session:
        agencies = session.exec(select(Agency)).all()
        audited = audit_agencies(session, agencies, as_of=as_of or settings.effective_as_of())
        console.print(f"Đã đánh giá {audited} cơ quan.")
        console.print(publishing_line(status_rows(session)))


@app.command()
def demo(ctx: typer.Context) -> None:
    """Chạy tỉnh mô phỏng: nhập danh sách, thu thập, đánh giá, in kết quả."""
    from inspection.demo import run_demo

    raise typer.Exit(run_demo(ctx.obj, console))
