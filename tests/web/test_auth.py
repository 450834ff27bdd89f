"""Signing in and out: every page but the sign-in page needs a session; sessions are signed
HttpOnly cookies that end with the account or its password; sign-ins are rate-limited."""

from __future__ import annotations

import pytest
from sqlmodel import select

from inspection.users import Actor, change_password, find_user, set_active
from store import AuditEntry, open_session
from tests.web.conftest import PASSWORDS, Board, token

PAGES = [
    "/",
    "/agencies",
    "/agencies/SO-KHCN",
    "/runs",
    "/runs/1",
    "/overrides",
    "/downloads",
    "/users",
    "/registry",
    "/audit",
    "/account",
    "/runs/1/progress",
    "/overrides.csv",
    "/downloads/export?format=csv",
    "/agencies/SO-KHCN/stored/" + "0" * 64,
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_needs_a_session(board: Board, path: str) -> None:
    answer = board.client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
    assert "Sở Khoa học" not in answer.text


def test_the_sign_in_page_and_static_files_are_open(board: Board) -> None:
    page = board.client.get("/login")
    assert page.status_code == 200
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert board.client.get("/static/app.css").status_code == 200


def test_after_signing_in_the_user_lands_where_they_were_going(board: Board) -> None:
    first = board.client.get("/agencies?status=stale", follow_redirects=False)
    target = first.headers["location"]
    page = board.client.get(target)
    assert 'value="/agencies?status=stale"' in page.text
    answer = board.client.post(
        "/login",
        data={
            "username": "xem",
            "password": PASSWORDS["xem"],
            "next": "/agencies?status=stale",
            "csrf_token": token(page.text),
        },
        follow_redirects=False,
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/agencies?status=stale")
    cookie = answer.headers["set-cookie"].lower()
    assert "qmsaudit_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "Chi cục Tiêu chuẩn" in board.client.get("/agencies?status=stale").text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_signing_in_never_redirects_to_another_site(board: Board, target: str) -> None:
    page = board.client.get("/login")
    answer = board.client.post(
        "/login",
        data={
            "username": "xem",
            "password": PASSWORDS["xem"],
            "next": target,
            "csrf_token": token(page.text),
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"


def test_a_wrong_password_is_refused_in_vietnamese_and_logged(board: Board) -> None:
    page = board.client.get("/login")
    answer = board.client.post(
        "/login",
        data={"username": "xem", "password": "sai-mat-khau", "csrf_token": token(page.text)},
    )
    assert answer.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in answer.text
    assert "qmsaudit_session" not in board.client.cookies
    with open_session(board.engine) as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == "login_failed"))
    assert (entry.target, entry.address) == ("xem", "127.0.0.1")


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(board: Board) -> None:
    page = board.client.get("/login")
    answer = board.client.post(
        "/login",
        data={"username": "khong-co", "password": "x" * 12, "csrf_token": token(page.text)},
    )
    assert answer.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in answer.text


def test_sign_ins_are_rate_limited_per_name_and_address(board: Board) -> None:
    page = board.client.get("/login")
    form = {"username": "kiemtra", "password": "sai-mat-khau", "csrf_token": token(page.text)}
    codes = [board.client.post("/login", data=form).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    right = {**form, "password": PASSWORDS["kiemtra"]}
    refused = board.client.post("/login", data=right, follow_redirects=False)
    assert refused.status_code == 429  # even the right password, until the window passes
    assert "Đăng nhập sai quá nhiều lần" in refused.text
    other = {**form, "username": "xem", "password": PASSWORDS["xem"]}
    assert board.client.post("/login", data=other, follow_redirects=False).status_code == 303


def test_a_forged_or_tampered_session_cookie_is_not_a_session(board: Board) -> None:
    board.sign_in("quantri")
    value = board.client.cookies["qmsaudit_session"]
    forged = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
    board.client.cookies.set("qmsaudit_session", forged)
    answer = board.client.get("/users", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_disabling_an_account_ends_its_sessions_at_once(board: Board) -> None:
    board.sign_in("kiemtra")
    assert board.client.get("/agencies").status_code == 200
    with open_session(board.engine) as session:
        user = find_user(session, "kiemtra")
        assert user is not None
        set_active(session, user, False, actor=Actor("quantri"))
        session.commit()
    assert board.client.get("/agencies", follow_redirects=False).status_code == 303


def test_a_password_change_ends_other_sessions_but_not_ones_own(board: Board) -> None:
    other = board.sign_in("xem", board.new_client())
    board.sign_in("xem")
    page = board.client.get("/account")
    answer = board.client.post(
        "/account/password",
        data={
            "current": PASSWORDS["xem"],
            "new": "mat-khau-moi-123",
            "again": "mat-khau-moi-123",
            "csrf_token": token(page.text),
        },
    )
    assert answer.status_code == 200 and "Đã đổi mật khẩu" in answer.text
    assert board.client.get("/agencies").status_code == 200
    assert other.get("/agencies", follow_redirects=False).status_code == 303


def test_changing_ones_password_needs_the_current_one(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/account")
    answer = board.client.post(
        "/account/password",
        data={
            "current": "khong-dung-dau",
            "new": "mat-khau-moi-123",
            "again": "mat-khau-moi-123",
            "csrf_token": token(page.text),
        },
    )
    assert answer.status_code == 400 and "Mật khẩu hiện tại không đúng" in answer.text
    short = board.client.post(
        "/account/password",
        data={
            "current": PASSWORDS["xem"],
            "new": "ngan",
            "again": "ngan",
            "csrf_token": token(page.text),
        },
    )
    assert short.status_code == 400 and "ít nhất 8 ký tự" in short.text


def test_a_cli_password_change_also_ends_web_sessions(board: Board) -> None:
    board.sign_in("xem")
    with open_session(board.engine) as session:
        user = find_user(session, "xem")
        assert user is not None
        change_password(session, user, "doi-tu-dong-lenh", actor=Actor(None, via="cli"))
        session.commit()
    assert board.client.get("/", follow_redirects=False).status_code == 303


def test_signing_out_ends_the_session(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/")
    answer = board.client.post(
        "/logout", data={"csrf_token": token(page.text)}, follow_redirects=False
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
    assert board.client.get("/", follow_redirects=False).status_code == 303
    with open_session(board.engine) as session:
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions[-2:] == ["login", "logout"]
