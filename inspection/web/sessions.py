"""Signed session cookies: who is signed in, since which password, and the CSRF token.

The cookie holds no secret of its own: the user's id, a stamp of the password it was
signed in with (a password change or a disabled account ends every session at once, see
`web.deps`) and a random CSRF token, HMAC-signed with the installation's key (itsdangerous)
and valid for `MAX_AGE`. Before signing in, a
short-lived signed cookie carries the login form's CSRF token the same way.

The key is made once per data folder (`web-secret`, readable by its owner only), so that
sessions survive a restart of `qmsaudit serve`.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

__all__ = [
    "LOGIN_COOKIE",
    "MAX_AGE",
    "SESSION_COOKIE",
    "Flash",
    "SessionData",
    "Signer",
    "password_stamp",
    "signing_key",
]

SESSION_COOKIE = "qmsaudit_session"
LOGIN_COOKIE = "qmsaudit_login"
MAX_AGE = timedelta(hours=12)  # a working day; then sign in again
LOGIN_MAX_AGE = timedelta(hours=1)


def signing_key(data_dir: Path) -> bytes:
    """The installation's signing key, made on first use (owner-only file)."""
    path = data_dir / "web-secret"
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text("ascii").strip()
        if len(key) >= 32:
            return key.encode("ascii")
        raise RuntimeError(f"{path} is too short to be a signing key; delete it") from None
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key.encode("ascii")


def password_stamp(changed_at: datetime) -> str:
    """What a session remembers of the password it was signed in with."""
    # Naive and aware forms of one moment (SQLite vs PostgreSQL) give the same stamp.
    return changed_at.replace(tzinfo=None).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class SessionData:
    user_id: int
    stamp: str  # password_stamp() of the user's password at sign-in
    csrf: str


class Signer:
    """Turns session data and login tokens into cookie values and back."""

    def __init__(self, key: bytes) -> None:
        self._sessions = URLSafeTimedSerializer(key, salt="qmsaudit.session")
        self._logins = URLSafeTimedSerializer(key, salt="qmsaudit.login")
        self._flashes = URLSafeTimedSerializer(key, salt="qmsaudit.flash")

    def session_cookie(self, data: SessionData) -> str:
        return self._sessions.dumps([data.user_id, data.stamp, data.csrf])

    def session(self, cookie: str | None) -> SessionData | None:
        """The session a cookie holds, or None (absent, forged or expired)."""
        if not cookie:
            return None
        try:
            value = self._sessions.loads(cookie, max_age=int(MAX_AGE.total_seconds()))
        except BadSignature:
            return None
        match value:
            case [int(user_id), str(stamp), str(csrf)]:
                return SessionData(user_id, stamp, csrf)
        return None

    def login_cookie(self, token: str) -> str:
        return self._logins.dumps(token)

    def login_token(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            value = self._logins.loads(cookie, max_age=int(LOGIN_MAX_AGE.total_seconds()))
        except BadSignature:
            return None
        return value if isinstance(value, str) else None

    def flash_cookie(self, message: str, *, error: bool = False) -> str:
        return self._flashes.dumps([message, error])

    def flash(self, cookie: str | None) -> Flash | None:
        """The message a redirect left for the next page, or None."""
        if not cookie:
            return None
        try:
            value = self._flashes.loads(cookie, max_age=300)
        except BadSignature:
            return None
        match value:
            case [str(message), bool(error)]:
                return Flash(message, error)
        return None


@dataclass(frozen=True)
class Flash:
    message: str
    error: bool


def new_token() -> str:
    return secrets.token_urlsafe(32)
