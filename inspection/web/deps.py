"""Dependencies every route uses: the database session, the signed-in user and what the
user's role permits (checked here, in one place), the CSRF guard, the client's address.

A session cookie counts only while its user is active and still has the password it was
signed in with: disabling an account or changing its password ends its sessions at once.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from sqlmodel import Session

from inspection.users import permits
from inspection.web.dashboard import Dashboard
from inspection.web.sessions import LOGIN_COOKIE, SESSION_COOKIE, password_stamp
from store import User, open_session

__all__ = [
    "CsrfRejected",
    "DbSession",
    "Forbidden",
    "LoginRequired",
    "client_address",
    "csrf_guard",
    "current_user",
    "dashboard",
    "require",
]

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"


class LoginRequired(Exception):
    """No valid session: the request goes to the sign-in page."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this (the message says what, in Vietnamese)."""


class CsrfRejected(Exception):
    """A state-changing request without this session's form token, or from another site."""


def dashboard(request: Request) -> Dashboard:
    found: Dashboard = request.app.state.dashboard
    return found


def db(request: Request) -> Iterator[Session]:
    with open_session(dashboard(request).engine) as session:
        yield session


DbSession = Annotated[Session, Depends(db)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def current_user(request: Request, session: DbSession) -> User:
    """The signed-in user; raises LoginRequired."""
    data = dashboard(request).signer.session(request.cookies.get(SESSION_COOKIE))
    if data is None:
        raise LoginRequired
    user = session.get(User, data.user_id)
    if user is None or not user.active or password_stamp(user.password_changed_at) != data.stamp:
        raise LoginRequired
    request.state.user = user
    request.state.csrf = data.csrf
    return user


def require(action: str) -> Callable[..., User]:
    """A dependency: the signed-in user, if the role permits `action` (users.PERMISSIONS)."""

    def allowed(user: Annotated[User, Depends(current_user)]) -> User:
        if not permits(user.role, action):
            raise Forbidden(action)
        return user

    return allowed


def _expected_token(request: Request) -> str | None:
    signer = dashboard(request).signer
    data = signer.session(request.cookies.get(SESSION_COOKIE))
    if data is not None:
        return data.csrf
    return signer.login_token(request.cookies.get(LOGIN_COOKIE))


def _same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site or origin."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not sent by every client; the token still decides
    parts = urlsplit(origin)
    return parts.netloc == request.headers.get("host") and parts.scheme == request.url.scheme


async def csrf_guard(request: Request) -> None:
    """Every state-changing request carries the session's (or the sign-in form's) token."""
    if request.method in SAFE_METHODS:
        return
    expected = _expected_token(request)
    sent = (await request.form()).get(CSRF_FIELD)
    if (
        not _same_origin(request)
        or expected is None
        or not isinstance(sent, str)
        or not hmac.compare_digest(sent.encode(), expected.encode())
    ):
        raise CsrfRejected
