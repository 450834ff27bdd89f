"""Signing in and out, and changing one's own password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from inspection.users import Actor, UserError, authenticate, change_password
from inspection.web.deps import DbSession, client_address, current_user, dashboard
from inspection.web.pages import redirect, render, sentence
from inspection.web.sessions import (
    LOGIN_COOKIE,
    MAX_AGE,
    SESSION_COOKIE,
    SessionData,
    new_token,
    password_stamp,
)
from store import AuditEntry, User

router = APIRouter()

FAILED = "Tên đăng nhập hoặc mật khẩu không đúng."


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never another host (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _set_session(request: Request, response: Response, user: User) -> None:
    assert user.id is not None
    data = SessionData(user.id, password_stamp(user.password_changed_at), new_token())
    response.set_cookie(
        SESSION_COOKIE,
        dashboard(request).signer.session_cookie(data),
        max_age=int(MAX_AGE.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _login_form(
    request: Request, *, next_url: str, error: str | None = None, status: int = 200
) -> Response:
    signer = dashboard(request).signer
    token = signer.login_token(request.cookies.get(LOGIN_COOKIE)) or new_token()
    request.state.csrf = token
    response = render(request, "login.html", {"next_url": next_url, "error": error}, status=status)
    response.set_cookie(
        LOGIN_COOKIE,
        signer.login_cookie(token),
        max_age=3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return _login_form(request, next_url=_safe_next(next))


@router.post("/login")
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=2000)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    board = dashboard(request)
    address = client_address(request)
    name = username.strip().lower()
    wait = board.throttle.wait(address, name)
    if wait:
        minutes = max(1, -(-wait // 60))
        return _login_form(
            request,
            next_url=_safe_next(next),
            error=f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút.",
            status=429,
        )
    user = authenticate(session, name, password)
    if user is None:
        board.throttle.failed(address, name)
        session.add(AuditEntry(action="login_failed", target=name[:64], address=address))
        session.commit()
        return _login_form(request, next_url=_safe_next(next), error=FAILED, status=401)
    board.throttle.succeeded(address, name)
    session.add(AuditEntry(username=user.username, action="login", address=address))
    session.commit()
    response = redirect(request, _safe_next(next))
    _set_session(request, response, user)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(
    request: Request, session: DbSession, user: Annotated[User, Depends(current_user)]
) -> Response:
    session.add(
        AuditEntry(username=user.username, action="logout", address=client_address(request))
    )
    session.commit()
    response = redirect(request, "/login", "Đã đăng xuất.")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account")
def account(request: Request, user: Annotated[User, Depends(current_user)]) -> Response:
    return render(request, "account.html", {"error": None})


@router.post("/account/password")
def account_password(
    request: Request,
    session: DbSession,
    user: Annotated[User, Depends(current_user)],
    current: Annotated[str, Form(max_length=2000)],
    new: Annotated[str, Form(max_length=2000)],
    again: Annotated[str, Form(max_length=2000)],
) -> Response:
    throttle, address = dashboard(request).throttle, client_address(request)
    error = None
    if throttle.wait(address, user.username):
        error = "Nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau."
    elif authenticate(session, user.username, current) is None:
        throttle.failed(address, user.username)
        error = "Mật khẩu hiện tại không đúng."
    elif new != again:
        error = "Hai lần nhập mật khẩu mới không khớp."
    else:
        try:
            change_password(session, user, new, actor=Actor(user.username, address))
        except UserError as problem:
            error = sentence(str(problem))
    if error is not None:
        session.rollback()
        return render(request, "account.html", {"error": error}, status=400)
    session.commit()
    response = redirect(request, "/account", "Đã đổi mật khẩu.")
    _set_session(request, response, user)  # the old session ended with the old password
    return response
