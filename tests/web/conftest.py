"""A small province published by two real runs, three accounts, and the dashboard over it.

The province is built once per session into a folder (SQLite database and blob store);
each test gets its own copy, so tests that write (sign-ins, corrections, accounts) never
see each other's rows.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from inspection.settings import Settings
from inspection.users import Actor, add_user
from inspection.web import create_app
from store import Agency, Blobs, BlobStore, make_engine, open_session, prepare
from tests.web.province import AS_OF, Readings, crawl_run
from tests.web.server import serving

XSS_NAME = 'UBND xã <script>alert("xss")</script> & "Hòa"'
# code, name, level, the status its site shows in the first run, then in the second
AGENCIES = [
    ("SO-KHCN", "Sở Khoa học và Công nghệ", "department", "compliant", "compliant"),
    ("SO-TP", "Sở Tư pháp", "department", "compliant", "incomplete"),
    ("SO-XD", "Sở Xây dựng", "department", "outdated", "outdated"),
    ("CC-TDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "branch", "stale", "stale"),
    ("XA-AB", "UBND xã An Bình", "commune", "not_published", "not_published"),
    ("XA-DH", "UBND xã Đông Hòa", "commune", "unreachable", "unreachable"),
    ("XA-XSS", XSS_NAME, "commune", "compliant", "compliant"),
]
UNCHECKED = ("XA-MOI", "UBND xã Mới", "commune")  # imported after the runs
PASSWORDS = {"quantri": "mat-khau-quan-tri", "kiemtra": "mat-khau-kiem-tra", "xem": "mat-khau-xem"}
ROLES = {"quantri": "admin", "kiemtra": "inspector", "xem": "viewer"}


def website(code: str) -> str:
    return f"http://{code.lower()}.tinhdemo.localhost/"


READINGS = Readings()  # the documents are the same in every province built: read them once


def build_province(engine: Engine, blobs: Blobs) -> tuple[int, int]:
    """The agencies, two published runs and the accounts; the runs' ids."""
    with open_session(engine) as session:
        for code, name, level, _, _ in AGENCIES:
            session.add(Agency(code=code, name=name, level=level, website=website(code)))
        session.commit()
    readings = READINGS
    first = crawl_run(engine, blobs, {a[0]: a[3] for a in AGENCIES}, readings=readings)
    second = crawl_run(engine, blobs, {a[0]: a[4] for a in AGENCIES}, readings=readings)
    with open_session(engine) as session:
        code, name, level = UNCHECKED
        session.add(Agency(code=code, name=name, level=level, website=website(code)))
        for username, password in PASSWORDS.items():
            add_user(session, username, password, ROLES[username], actor=Actor(None, via="test"))
        session.commit()
    return first, second


@pytest.fixture(scope="session")
def province_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("province") / "data"
    engine = make_engine(Settings(data_dir=folder).effective_database_url)
    prepare(engine)
    build_province(engine, BlobStore(folder / "blobs"))
    engine.dispose()
    return folder


@dataclass
class Board:
    """The dashboard of one test (served on loopback), its settings, and a database engine
    to look behind it."""

    settings: Settings
    url: str
    client: httpx.Client
    engine: Engine

    def sign_in(self, username: str, client: httpx.Client | None = None) -> httpx.Client:
        client = client or self.client
        page = client.get("/login")
        answer = client.post(
            "/login",
            data={
                "username": username,
                "password": PASSWORDS[username],
                "csrf_token": token(page.text),
            },
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return client

    def new_client(self) -> httpx.Client:
        """Another browser: its own cookies (closed with the board)."""
        client = httpx.Client(base_url=self.url, timeout=30, follow_redirects=True)
        self._clients.append(client)
        return client

    _clients: list[httpx.Client] = field(default_factory=list)


def token(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "no form token on the page"
    return found.group(1)


def settings_for(folder: Path, database_url: str | None = None) -> Settings:
    return Settings(data_dir=folder, database_url=database_url, as_of=AS_OF)


@pytest.fixture
def board(province_folder: Path, tmp_path: Path) -> Iterator[Board]:
    folder = tmp_path / "data"
    shutil.copytree(province_folder, folder)
    settings = settings_for(folder)
    engine = make_engine(settings.effective_database_url)
    with (
        serving(create_app(settings)) as url,
        httpx.Client(base_url=url, timeout=30, follow_redirects=True) as client,
    ):
        board = Board(settings, url, client, engine)
        yield board
        for other in board._clients:
            other.close()
    engine.dispose()
