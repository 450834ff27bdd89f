"""`qmsaudit users add|list|passwd|disable|enable`: dashboard accounts (the first one too)."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from sqlmodel import Session

from inspection.cli.app import Json, app, console, fail, open_engine, print_json
from inspection.users import (
    ROLE_LABELS,
    Actor,
    UserError,
    add_user,
    change_password,
    find_user,
    list_users,
    set_active,
)
from store import User, open_session

users_app = typer.Typer(help="Tài khoản dùng trang quản lý (thêm, xem, đổi mật khẩu, khóa).")
app.add_typer(users_app, name="users", no_args_is_help=True)

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn."),
]


def _actor() -> Actor:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        who = None
    return Actor(username=who, via="cli")


def _read_password(from_stdin: bool) -> str:
    """From stdin's first line, or asked twice at the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("Mật khẩu", hide_input=True)
    again = typer.prompt("Nhập lại mật khẩu", hide_input=True)
    if first != again:
        raise fail("hai lần nhập mật khẩu không khớp")
    return str(first)


def _user(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise fail(f"không có tài khoản {escape(name)}")
    return user


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Tên đăng nhập.")],
    role: Annotated[str, typer.Option(help="admin, inspector hoặc viewer.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Thêm một tài khoản (tài khoản đầu tiên nên là admin)."""
    engine = open_engine(ctx.obj)
    password = _read_password(password_stdin)
    with open_session(engine) as session:
        try:
            user = add_user(session, name, password, role, actor=_actor())
        except UserError as error:
            raise fail(escape(str(error))) from error
        session.commit()
    console.print(f"Đã thêm tài khoản {escape(user.username)} ({ROLE_LABELS[user.role]}).")


@users_app.command("list")
def users_list(ctx: typer.Context, as_json: Json = False) -> None:
    """Liệt kê các tài khoản."""
    with open_session(open_engine(ctx.obj)) as session:
        rows = [
            {
                "username": user.username,
                "role": user.role,
                "active": user.active,
                "created_at": user.created_at.isoformat(),
            }
            for user in list_users(session)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table(title="Tài khoản")
    for header in ("Tên đăng nhập", "Vai trò", "Trạng thái", "Ngày tạo"):
        table.add_column(header)
    for row in rows:
        table.add_row(
            escape(str(row["username"])),
            ROLE_LABELS.get(str(row["role"]), str(row["role"])),
            "Đang hoạt động" if row["active"] else "Đã khóa",
            str(row["created_at"])[:10],
        )
    console.print(table)


@users_app.command("passwd")
def users_passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Tên đăng nhập.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Đặt mật khẩu mới cho một tài khoản (các phiên đăng nhập cũ hết hiệu lực)."""
    engine = open_engine(ctx.obj)
    with open_session(engine) as session:
        user = _user(session, name)
        password = _read_password(password_stdin)
        try:
            change_password(session, user, password, actor=_actor())
        except UserError as error:
            raise fail(escape(str(error))) from error
        session.commit()
    console.print(f"Đã đổi mật khẩu của {escape(user.username)}.")


def _set_active(ctx: typer.Context, name: str, active: bool) -> None:
    with open_session(open_engine(ctx.obj)) as session:
        user = _user(session, name)
        try:
            set_active(session, user, active, actor=_actor())
        except UserError as error:
            raise fail(escape(str(error))) from error
        session.commit()
    console.print(f"Đã {'mở khóa' if active else 'khóa'} tài khoản {escape(user.username)}.")


@users_app.command("disable")
def users_disable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Tên đăng nhập.")]
) -> None:
    """Khóa một tài khoản (không đăng nhập được; phiên đang mở kết thúc)."""
    _set_active(ctx, name, False)


@users_app.command("enable")
def users_enable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Tên đăng nhập.")]
) -> None:
    """Mở khóa một tài khoản đã khóa."""
    _set_active(ctx, name, True)
