"""The people who use the dashboard: accounts, argon2 passwords, roles; used by CLI and web.

Roles, each allowing what the one before it allows: `viewer` reads, `inspector` also starts
crawls and corrects results, `admin` also manages accounts and the agency list and reads
the audit log (`PERMISSIONS` is the one place that says so). Every change to an account is
written to the audit log (`store.AuditEntry`) in the caller's transaction; the caller
commits. Messages of `UserError` are Vietnamese, for users.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, func, select

from inspection.errors import InspectionError
from store import AuditEntry, User, utcnow

__all__ = [
    "MIN_PASSWORD",
    "PERMISSIONS",
    "ROLES",
    "ROLE_LABELS",
    "Actor",
    "UserError",
    "add_user",
    "authenticate",
    "change_password",
    "find_user",
    "list_users",
    "permits",
    "set_active",
]

ROLES = ("viewer", "inspector", "admin")  # from least to most allowed
ROLE_LABELS = {"viewer": "Người xem", "inspector": "Kiểm tra viên", "admin": "Quản trị"}

# The least role allowed to do each action.
PERMISSIONS = {
    "read": "viewer",
    "crawl": "inspector",
    "override": "inspector",
    "revoke": "admin",
    "manage_users": "admin",
    "manage_agencies": "admin",
    "audit_log": "admin",
}

MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 hashes anything, but a megabyte "password" is an attack
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    # Verified against when the user does not exist, so that a wrong name costs as much
    # time as a wrong password and does not tell which accounts exist.
    return _HASHER.hash("qmsaudit-no-such-user")


class UserError(InspectionError):
    """An account change that cannot be made (the message says why, in Vietnamese)."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change, for the audit log: a dashboard user (and address), or the CLI."""

    username: str | None
    address: str | None = None
    via: str = "web"  # "web" or "cli"


def permits(role: str | None, action: str) -> bool:
    """Whether `role` may do `action` (a key of PERMISSIONS)."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(PERMISSIONS[action])


def normalize_username(name: str) -> str:
    username = name.strip().lower()
    if not _USERNAME.match(username):
        raise UserError(
            "tên đăng nhập phải dài 2–64 ký tự, gồm chữ cái không dấu, chữ số và . _ - "
            f"(bắt đầu bằng chữ hoặc số): {name!r}"
        )
    return username


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"mật khẩu dài quá {MAX_PASSWORD} ký tự")
    return password


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"vai trò không hợp lệ: {role!r} (dùng: {', '.join(reversed(ROLES))})")
    return role


def _log(session: Session, actor: Actor, action: str, target: str, **detail: object) -> None:
    if actor.via != "web":
        detail["via"] = actor.via
    session.add(
        AuditEntry(
            username=actor.username,
            action=action,
            target=target,
            address=actor.address,
            detail=detail,
        )
    )


def find_user(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username.strip().lower())).first()


def list_users(session: Session) -> Sequence[User]:
    return session.exec(select(User).order_by(col(User.username))).all()


def add_user(session: Session, username: str, password: str, role: str, *, actor: Actor) -> User:
    """A new active account; UserError when the name is taken or a value is not valid."""
    name = normalize_username(username)
    _check_role(role)
    _check_password(password)
    if find_user(session, name) is not None:
        raise UserError(f"tên đăng nhập {name} đã có")
    user = User(username=name, password_hash=_HASHER.hash(password), role=role)
    session.add(user)
    _log(session, actor, "user_add", name, role=role)
    session.flush()
    return user


def change_password(session: Session, user: User, password: str, *, actor: Actor) -> None:
    """Set a new password; sessions signed in with the old one end (see web.sessions)."""
    user.password_hash = _HASHER.hash(_check_password(password))
    user.password_changed_at = utcnow()
    session.add(user)
    _log(session, actor, "password_change", user.username)


def _active_admins(session: Session) -> int:
    return session.exec(
        select(func.count()).select_from(User).where(User.role == "admin", col(User.active))
    ).one()


def set_active(session: Session, user: User, active: bool, *, actor: Actor) -> None:
    """Disable (or enable again) an account; the last active admin cannot be disabled."""
    if user.active == active:
        return
    if not active and user.role == "admin" and _active_admins(session) <= 1:
        raise UserError("không thể khóa quản trị viên cuối cùng còn hoạt động")
    user.active = active
    session.add(user)
    _log(session, actor, "user_enable" if active else "user_disable", user.username)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (whichever part is wrong).

    A hash made with weaker parameters than today's is upgraded on the way."""
    user = find_user(session, username)
    if user is None or len(password) > MAX_PASSWORD:
        _verify(_dummy_hash(), password[:MAX_PASSWORD])
        return None
    if not _verify(user.password_hash, password) or not user.active:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
        session.add(user)
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
