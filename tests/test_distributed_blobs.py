"""Distributed mode with no shared folder: two `qmsaudit worker` processes, the `crawl`
that follows the run and the dashboard each have a `QMSAUDIT_DATA_DIR` of their own, and the
evidence lives in PostgreSQL (`QMSAUDIT_BLOB_STORE=database`). Every agency still gets its
true status, and any machine can read a document's stored bytes."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from inspection.settings import Settings
from inspection.users import Actor, add_user
from inspection.web import create_app
from store import make_engine, open_session
from tests.distributed_province import Province, distributed_province, workers
from tests.qmsaudit_process import qmsaudit
from tests.web.conftest import token
from tests.web.server import serving

AGENCIES = 6


@pytest.fixture
def province(tmp_path: Path, empty_postgresql_url: str) -> Iterator[Province]:
    with distributed_province(
        tmp_path,
        *("--agencies", str(AGENCIES), "--latency", "30ms"),
        database_url=empty_postgresql_url,
        blob_store="database",
        worker_agencies="2",
    ) as province:
        yield province


def _machine(province: Province, folder: Path) -> dict[str, str]:
    """The environment of another machine: the same services, a data folder of its own."""
    return {**province.env, "QMSAUDIT_DATA_DIR": str(folder)}


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query)).all()]
    finally:
        engine.dispose()


def test_workers_without_a_shared_folder_share_evidence_in_postgresql(
    province: Province, tmp_path: Path
) -> None:
    machines = [tmp_path / f"machine-{n}" for n in range(4)]
    first, second, starter, reader = (_machine(province, folder) for folder in machines)
    with workers(first, 1), workers(second, 1):
        crawl = qmsaudit(["crawl", "--all"], starter, timeout=900)
    assert crawl.returncode == 0, crawl.stderr
    assert re.search(rf"hoàn thành: {AGENCIES}/{AGENCIES} cơ quan", crawl.stdout), crawl.stdout

    status = qmsaudit(["status", "--json"], reader)
    assert status.returncode == 0, status.stderr
    truth = {agency["code"]: agency["status"] for agency in province.sandbox.truth["agencies"]}
    assert {row["code"]: row["status"] for row in json.loads(status.stdout)} == truth

    # no machine kept bytes in a folder of its own
    url = province.database_url
    assert not any((folder / "blobs").exists() for folder in machines)
    # every fetch's bytes are in the database, once, and say what their hash says
    missing = _rows(
        url,
        'SELECT count(*) FROM "fetch" f LEFT JOIN blob b ON b.sha256 = f.sha256 '
        "WHERE f.sha256 IS NOT NULL AND b.sha256 IS NULL",
    )
    assert missing == [(0,)]
    blobs = _rows(url, "SELECT sha256, size, data FROM blob")
    assert blobs
    assert all(hashlib.sha256(bytes(data)).hexdigest() == sha for sha, _, data in blobs)  # type: ignore[arg-type]
    assert all(size == len(bytes(data)) for _, size, data in blobs)  # type: ignore[arg-type]

    stats = qmsaudit(["db", "stats", "--json"], reader)
    assert stats.returncode == 0, stats.stderr
    stored = json.loads(stats.stdout)["blobs"]
    assert stored["store"] == "database"
    assert stored["files"] == len(blobs) == json.loads(stats.stdout)["rows"]["blob"]
    assert stored["bytes"] == sum(size for _, size, _ in blobs)  # type: ignore[misc]
    assert 0 < stored["evidence_bytes"] <= stored["bytes"]

    # the dashboard, on a machine of its own, serves a QMS document's stored bytes
    code, sha256 = _rows(
        url,
        "SELECT a.code, d.sha256 FROM document d JOIN agency a ON a.id = d.agency_id "
        "WHERE d.doc_type <> 'not_qms' ORDER BY d.id LIMIT 1",
    )[0]
    app = create_app(Settings(data_dir=machines[3], database_url=url, blob_store="database"))
    engine = make_engine(url)
    with open_session(engine) as session:
        add_user(session, "xem", "mat-khau-xem", "viewer", actor=Actor(None, via="test"))
        session.commit()
    engine.dispose()
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        login = client.get("/login")
        client.post(
            "/login",
            data={"username": "xem", "password": "mat-khau-xem", "csrf_token": token(login.text)},
        )
        answer = client.get(f"/agencies/{code}/stored/{sha256}")
    assert answer.status_code == 200, answer.text
    assert hashlib.sha256(answer.content).hexdigest() == sha256
