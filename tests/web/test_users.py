"""Accounts: the service (used by CLI and web) and `qmsaudit users`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from typer.testing import CliRunner

from inspection.cli import app
from inspection.users import (
    Actor,
    UserError,
    add_user,
    authenticate,
    find_user,
    permits,
    set_active,
)
from store import AuditEntry, User, make_engine, open_session, prepare, sqlite_url

ADMIN = Actor("quantri", "10.0.0.5")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    yield engine
    engine.dispose()


def test_an_account_is_stored_with_an_argon2_hash_and_logged(engine: Engine) -> None:
    with open_session(engine) as session:
        add_user(session, " Thanh.NV ", "mat-khau-dai", "inspector", actor=ADMIN)
        session.commit()
        user = find_user(session, "thanh.nv")
        assert user is not None and user.role == "inspector" and user.active
        assert user.password_hash.startswith("$argon2id$")
        assert "mat-khau-dai" not in user.password_hash
        (entry,) = session.exec(select(AuditEntry)).all()
    assert (entry.username, entry.action, entry.target, entry.address) == (
        "quantri",
        "user_add",
        "thanh.nv",
        "10.0.0.5",
    )
    assert entry.detail == {"role": "inspector"}


def test_authentication_needs_the_right_password_and_an_active_account(engine: Engine) -> None:
    with open_session(engine) as session:
        add_user(session, "lan", "mat-khau-cua-lan", "viewer", actor=ADMIN)
        add_user(session, "quantri", "mat-khau-quan-tri", "admin", actor=ADMIN)
        session.commit()
        assert authenticate(session, "LAN", "mat-khau-cua-lan") is not None
        assert authenticate(session, "lan", "mat-khau-sai") is None
        assert authenticate(session, "khong-co", "mat-khau-cua-lan") is None
        user = find_user(session, "lan")
        assert user is not None
        set_active(session, user, False, actor=ADMIN)
        session.commit()
        assert authenticate(session, "lan", "mat-khau-cua-lan") is None


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("a", "mat-khau-dai", "viewer", "tên đăng nhập"),
        ("tên có dấu", "mat-khau-dai", "viewer", "tên đăng nhập"),
        ("lan", "ngan", "viewer", "ít nhất 8"),
        ("lan", "mat-khau-dai", "superuser", "vai trò không hợp lệ"),
    ],
)
def test_bad_values_are_refused_with_a_reason(
    engine: Engine, name: str, password: str, role: str, message: str
) -> None:
    with open_session(engine) as session, pytest.raises(UserError, match=message):
        add_user(session, name, password, role, actor=ADMIN)


def test_a_name_is_taken_once(engine: Engine) -> None:
    with open_session(engine) as session:
        add_user(session, "lan", "mat-khau-dai", "viewer", actor=ADMIN)
        session.commit()
        with pytest.raises(UserError, match="đã có"):
            add_user(session, "LAN", "mat-khau-khac", "admin", actor=ADMIN)


def test_the_last_active_admin_cannot_be_disabled(engine: Engine) -> None:
    with open_session(engine) as session:
        first = add_user(session, "quantri", "mat-khau-dai", "admin", actor=ADMIN)
        second = add_user(session, "quantri2", "mat-khau-dai", "admin", actor=ADMIN)
        session.commit()
        set_active(session, second, False, actor=ADMIN)
        with pytest.raises(UserError, match="cuối cùng"):
            set_active(session, first, False, actor=ADMIN)


def test_each_role_allows_what_the_one_below_does_and_more() -> None:
    assert [permits("viewer", a) for a in ("read", "crawl", "override", "manage_users")] == [
        True,
        False,
        False,
        False,
    ]
    assert [permits("inspector", a) for a in ("read", "crawl", "override", "revoke")] == [
        True,
        True,
        True,
        False,
    ]
    assert all(
        permits("admin", a)
        for a in (
            "read",
            "crawl",
            "override",
            "revoke",
            "manage_users",
            "manage_agencies",
            "audit_log",
        )
    )
    assert not permits(None, "read") and not permits("root", "read")


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QMSAUDIT_DATABASE_URL", raising=False)
    return CliRunner()


def _users(tmp_path: Path) -> list[User]:
    engine = make_engine(sqlite_url(tmp_path / "data" / "qmsaudit.db"))
    with open_session(engine) as session:
        users = list(session.exec(select(User)).all())
    engine.dispose()
    return users


def test_cli_adds_the_first_admin_from_stdin(runner: CliRunner, tmp_path: Path) -> None:
    added = runner.invoke(
        app,
        ["users", "add", "quantri", "--role", "admin", "--password-stdin"],
        input="mat-khau-quan-tri\n",
    )
    assert added.exit_code == 0, added.output
    assert "Đã thêm tài khoản quantri (Quản trị)" in added.output
    listed = runner.invoke(app, ["users", "list", "--json"])
    (row,) = json.loads(listed.stdout)
    assert (row["username"], row["role"], row["active"]) == ("quantri", "admin", True)
    engine = make_engine(sqlite_url(tmp_path / "data" / "qmsaudit.db"))
    with open_session(engine) as session:
        assert authenticate(session, "quantri", "mat-khau-quan-tri") is not None
        (entry,) = session.exec(select(AuditEntry)).all()
        assert entry.detail["via"] == "cli"
    engine.dispose()


def test_cli_asks_twice_and_refuses_a_mismatch(runner: CliRunner, tmp_path: Path) -> None:
    mismatch = runner.invoke(
        app, ["users", "add", "lan", "--role", "viewer"], input="mat-khau-mot\nmat-khau-hai\n"
    )
    assert mismatch.exit_code == 2
    assert "không khớp" in mismatch.output
    assert _users(tmp_path) == []
    same = runner.invoke(
        app, ["users", "add", "lan", "--role", "viewer"], input="mat-khau-mot\nmat-khau-mot\n"
    )
    assert same.exit_code == 0, same.output
    assert [u.username for u in _users(tmp_path)] == ["lan"]


def test_cli_refuses_a_bad_role_and_a_short_password(runner: CliRunner) -> None:
    role = runner.invoke(
        app, ["users", "add", "lan", "--role", "root", "--password-stdin"], input="mat-khau-dai\n"
    )
    assert role.exit_code == 2 and "vai trò không hợp lệ" in role.output
    short = runner.invoke(
        app, ["users", "add", "lan", "--role", "viewer", "--password-stdin"], input="ngan\n"
    )
    assert short.exit_code == 2 and "ít nhất 8" in short.output


def test_cli_changes_a_password_and_disables_an_account(runner: CliRunner, tmp_path: Path) -> None:
    for name, role in (("quantri", "admin"), ("lan", "viewer")):
        runner.invoke(
            app,
            ["users", "add", name, "--role", role, "--password-stdin"],
            input="mat-khau-ban-dau\n",
        )
    changed = runner.invoke(
        app, ["users", "passwd", "lan", "--password-stdin"], input="mat-khau-moi-cua-lan\n"
    )
    assert changed.exit_code == 0, changed.output
    disabled = runner.invoke(app, ["users", "disable", "lan"])
    assert disabled.exit_code == 0 and "Đã khóa tài khoản lan" in disabled.output
    last_admin = runner.invoke(app, ["users", "disable", "quantri"])
    assert last_admin.exit_code == 2 and "cuối cùng" in last_admin.output
    unknown = runner.invoke(app, ["users", "disable", "khong-co"])
    assert unknown.exit_code == 2 and "không có tài khoản" in unknown.output
    engine = make_engine(sqlite_url(tmp_path / "data" / "qmsaudit.db"))
    with open_session(engine) as session:
        lan = find_user(session, "lan")
        assert lan is not None and not lan.active
        lan.active = True  # to check the new password took
        assert authenticate(session, "lan", "mat-khau-moi-cua-lan") is not None
    engine.dispose()
