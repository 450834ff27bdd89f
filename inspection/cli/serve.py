"""`qmsaudit serve`: the staff dashboard (uvicorn), on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
from sqlmodel import func, select

from inspection.cli.app import app, console, errors, fail, open_engine
from inspection.settings import Settings
from store import User, open_session


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio turns Nagle off only on sockets that say TCP,
    # and with it on, every answer on a kept-alive connection waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise fail(f"không mở được cổng {host}:{port}: {error.strerror or error}") from error
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Địa chỉ lắng nghe (mặc định chỉ máy này: 127.0.0.1).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Cổng (0: một cổng trống bất kỳ).", min=0, max=65535)
    ] = 8000,
) -> None:
    """Chạy trang quản lý (đăng nhập tại /login) cho tới khi dừng (Ctrl-C)."""
    import uvicorn

    from inspection.web import create_app

    settings: Settings = ctx.obj
    engine = open_engine(settings)
    with open_session(engine) as session:
        users = session.exec(select(func.count()).select_from(User)).one()
    engine.dispose()
    if not users:
        errors.print(
            "[yellow]Chưa có tài khoản nào:[/] tạo tài khoản quản trị bằng "
            "`qmsaudit users add TÊN --role admin`."
        )
    sock = _listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    console.print(f"Trang quản lý: http://{shown}:{bound}/ (Ctrl-C để dừng)", highlight=False)
    config = uvicorn.Config(
        create_app(settings),
        proxy_headers=True,
        server_header=False,
        log_level="info",
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
