"""Accounts (admins): list, add, disable and enable again."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from inspection.users import (
    MIN_PASSWORD,
    ROLE_LABELS,
    ROLES,
    Actor,
    UserError,
    add_user,
    find_user,
    list_users,
    set_active,
)
from inspection.web.deps import DbSession, client_address, require
from inspection.web.pages import NotFound, redirect, render, sentence
from store import User

router = APIRouter()

Admin = Annotated[User, Depends(require("manage_users"))]


def _page(request: Request, session: DbSession, *, error: str | None = None) -> Response:
    return render(
        request,
        "users.html",
        {
            "users": list_users(session),
            "roles": [(role, ROLE_LABELS[role]) for role in reversed(ROLES)],
            "min_password": MIN_PASSWORD,
            "error": error,
        },
        status=400 if error else 200,
    )


@router.get("/users")
def users(request: Request, session: DbSession, admin: Admin) -> Response:
    return _page(request, session)


@router.post("/users")
def add(
    request: Request,
    session: DbSession,
    admin: Admin,
    username: Annotated[str, Form(max_length=200)],
    role: Annotated[str, Form(max_length=32)],
    password: Annotated[str, Form(max_length=2000)],
) -> Response:
    try:
        user = add_user(
            session,
            username,
            password,
            role,
            actor=Actor(admin.username, client_address(request)),
        )
    except UserError as error:
        session.rollback()
        return _page(request, session, error=sentence(str(error)))
    session.commit()
    return redirect(request, "/users", f"Đã thêm tài khoản {user.username}.")


def _switch(request: Request, session: DbSession, admin: User, name: str, active: bool) -> Response:
    user = find_user(session, name)
    if user is None:
        raise NotFound(f"Không có tài khoản {name}.")
    try:
        set_active(session, user, active, actor=Actor(admin.username, client_address(request)))
    except UserError as error:
        session.rollback()
        return redirect(request, "/users", sentence(str(error)), error=True)
    session.commit()
    done = "Đã mở khóa" if active else "Đã khóa"
    return redirect(request, "/users", f"{done} tài khoản {user.username}.")


@router.post("/users/{name}/disable")
def disable(request: Request, session: DbSession, admin: Admin, name: str) -> Response:
    return _switch(request, session, admin, name, False)


@router.post("/users/{name}/enable")
def enable(request: Request, session: DbSession, admin: Admin, name: str) -> Response:
    return _switch(request, session, admin, name, True)
