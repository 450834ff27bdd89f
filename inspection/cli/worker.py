"""`qmsaudit worker`: a distributed-mode worker, serving the agency queue on Redis."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from inspection.cli.app import app, errors, fail, open_engine
from inspection.distributed.worker import run_worker
from inspection.settings import Settings


@app.command()
def worker(
    ctx: typer.Context,
    agencies: Annotated[
        int | None,
        typer.Option(
            "--agencies",
            min=1,
            help="Số cơ quan nhận cùng lúc cho một tiến trình con (hai nhóm mỗi lúc).",
        ),
    ] = None,
) -> None:
    """Tiến trình kiểm tra của chế độ phân tán: nhận từng cơ quan từ hàng đợi Redis,
    thu thập, đọc, đánh giá và lưu (cần QMSAUDIT_REDIS_URL và cơ sở dữ liệu dùng chung)."""
    settings: Settings = ctx.obj
    if not settings.redis_url:
        raise fail("chưa đặt QMSAUDIT_REDIS_URL: tiến trình kiểm tra nhận việc từ hàng đợi Redis")
    if agencies is not None:
        settings = settings.model_copy(update={"worker_agencies": agencies})
    engine = open_engine(settings)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    run_worker(settings, engine, errors.print)
