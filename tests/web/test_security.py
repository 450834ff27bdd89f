"""Security over the whole app: CSRF on every state-changing route, roles checked on each,
output escaped, restrictive headers; checked against the app's own list of routes so that a
route added later is covered too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from sqlmodel import select

from inspection.settings import Settings
from inspection.web import create_app
from inspection.web.routes import ROUTERS
from store import AuditEntry, Override, Run, User, open_session
from tests.web.conftest import XSS_NAME, Board, token

PARAMS = {
    "code": "SO-TP",
    "finding_id": "1",
    "sha256": "a" * 64,
    "override_id": "1",
    "name": "xem",
    "run_id": "2",
}
OPEN_TO_EVERYONE = {"/login", "/logout", "/account/password"}


def _posts() -> list[str]:
    paths = [
        route.path
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and "POST" in route.methods
    ]
    return [re.sub(r"{(\w+)}", lambda m: PARAMS[m.group(1)], path) for path in paths]


POSTS = _posts()


def _state(board: Board) -> tuple[int, int, int, int]:
    with open_session(board.engine) as session:
        return (
            len(session.exec(select(Run)).all()),
            len(session.exec(select(Override)).all()),
            len(session.exec(select(User)).all()),
            len([u for u in session.exec(select(User)).all() if u.active]),
        )


def test_every_state_changing_route_is_known_here() -> None:
    assert len(POSTS) == 11
    assert "/runs" in POSTS and "/agencies/SO-TP/findings/1/override" in POSTS


@pytest.mark.parametrize("path", POSTS)
def test_every_post_without_the_form_token_is_refused(board: Board, path: str) -> None:
    board.sign_in("quantri")
    before = _state(board)
    answer = board.client.post(path, data={"scope": "all", "reason": "lý do đủ dài"})
    assert answer.status_code == 403
    assert "Yêu cầu bị từ chối" in answer.text
    assert _state(board) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_post_from_another_site_is_refused_even_with_a_token(
    board: Board, headers: dict[str, str]
) -> None:
    board.sign_in("kiemtra")
    page = board.client.get("/agencies")
    answer = board.client.post(
        "/runs", data={"scope": "all", "csrf_token": token(page.text)}, headers=headers
    )
    assert answer.status_code == 403
    assert _state(board)[0] == 2


def test_a_token_from_another_session_is_refused(board: Board) -> None:
    other = board.sign_in("kiemtra", board.new_client())
    stolen = token(other.get("/agencies").text)
    board.sign_in("kiemtra")
    answer = board.client.post("/runs", data={"scope": "all", "csrf_token": stolen})
    assert answer.status_code == 403


@pytest.mark.parametrize("path", sorted(set(POSTS) - OPEN_TO_EVERYONE))
def test_a_viewer_is_refused_every_change(board: Board, path: str) -> None:
    board.sign_in("xem")
    page = board.client.get("/")
    before = _state(board)
    answer = board.client.post(
        path, data={"scope": "all", "reason": "lý do đủ dài", "csrf_token": token(page.text)}
    )
    assert answer.status_code == 403 and "Không có quyền" in answer.text
    assert _state(board) == before


def test_an_agency_name_with_markup_is_shown_as_text(board: Board) -> None:
    board.sign_in("xem")
    escaped = "UBND xã &lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt; &amp; &#34;Hòa&#34;"
    for path in ("/agencies", "/agencies/XA-XSS", "/agencies?q=script"):
        page = board.client.get(path).text
        assert escaped in page, path
        assert XSS_NAME not in page and "<script>alert" not in page


def test_pages_carry_a_restrictive_policy_and_load_only_our_script(board: Board) -> None:
    board.sign_in("quantri")
    for path in ("/login", "/", "/agencies", "/agencies/SO-TP", "/runs/2", "/users"):
        answer = board.client.get(path)
        policy = answer.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["cache-control"] == "no-store"
        scripts = re.findall(r"<script\b[^>]*>", answer.text)
        assert scripts == ['<script src="/static/app.js" defer>'], path
        assert " style=" not in answer.text and "<style" not in answer.text
    static = board.client.get("/static/app.css")
    assert static.headers["cache-control"] == "no-cache" and static.headers["etag"]


def test_the_session_cookie_is_httponly_and_samesite(board: Board) -> None:
    page = board.client.get("/login")
    login_cookie = page.headers["set-cookie"].lower()
    assert "httponly" in login_cookie and "samesite=lax" in login_cookie
    answer = board.client.post(
        "/login",
        data={"username": "xem", "password": "mat-khau-xem", "csrf_token": token(page.text)},
        follow_redirects=False,
    )
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "qmsaudit_session=" in c)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie


def test_the_default_serving_address_is_loopback_only() -> None:
    import inspect

    from inspection.cli.serve import serve

    host = inspect.signature(serve).parameters["host"].default
    assert host == "127.0.0.1"


def test_failed_and_successful_sign_ins_are_logged(board: Board) -> None:
    board.sign_in("xem")
    with open_session(board.engine) as session:
        entries = session.exec(select(AuditEntry)).all()
    assert [(e.action, e.username, e.address) for e in entries][-1] == ("login", "xem", "127.0.0.1")


def test_the_app_factory_needs_no_environment(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    app = create_app(Settings(data_dir=folder))
    assert (folder / "qmsaudit.db").exists()
    assert (folder / "web-secret").stat().st_mode & 0o077 == 0
    assert app.state.dashboard.settings.data_dir == folder
    app.state.dashboard.engine.dispose()
