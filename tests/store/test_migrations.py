"""Schema migrations: a new database is made by migrating, an old one is upgraded with
nothing lost, and a database that is behind is refused until `qmsaudit db upgrade`."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlmodel import select
from typer.testing import CliRunner

from inspection.cli import app
from inspection.status import status_rows
from store import (
    HELD,
    Finding,
    Run,
    SchemaBehindError,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
    upgrade,
)
from store.models import metadata
from store.schema import BASELINE, current_revision, head_revision
from tests.store.baseline_data import COUNTS, baseline_database


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(sqlite_url(tmp_path / "q.db"))
    else:
        engine = make_engine(request.getfixturevalue("empty_postgresql_url"))
    yield engine
    engine.dispose()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in COUNTS
        }


def test_a_new_database_is_made_by_migrating_to_the_models_schema(engine: Engine) -> None:
    prepare(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


@pytest.mark.parametrize("without_revision", [False, True], ids=["baseline", "create_all"])
def test_upgrading_a_baseline_database_loses_nothing(
    engine: Engine, without_revision: bool
) -> None:
    baseline_database(engine, without_revision=without_revision)
    with pytest.raises(SchemaBehindError, match="qmsaudit db upgrade"):
        prepare(engine)
    done = upgrade(engine)
    assert (done.before, done.after) == (BASELINE, head_revision())
    assert _counts(engine) == COUNTS
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    with open_session(engine) as session:
        runs = session.exec(select(Run).order_by(Run.id)).all()  # type: ignore[arg-type]
        assert [(r.id, r.state, r.running) for r in runs] == [
            (1, "complete", None),
            (2, "interrupted", None),
        ]
        open_rules = {
            (f.agency_id, f.rule)
            for f in session.exec(select(Finding).where(Finding.open == HELD)).all()
        }
        assert open_rules == {(1, "DOC003"), (2, "SITE001")}
        kept = session.get(Finding, 1)
        assert kept is not None and kept.first_seen.isoformat().startswith("2026-04-01")
        rows = {row["code"]: row for row in status_rows(session)}
    assert rows["SKHCN"]["status"] == "incomplete"
    assert [d["number"] for d in rows["SKHCN"]["documents"]] == ["12/QĐ-SKHCN"]
    assert rows["SKHCN"]["crawl"]["pages"] == 1
    assert rows["XA-A"]["status"] == "unreachable"
    assert rows["XA-A"]["crawl"]["failures"][0]["failure"] == "refused"
    assert upgrade(engine).changed is False  # again: nothing to do


def test_a_command_on_a_database_that_is_behind_names_the_upgrade(tmp_path: Path) -> None:
    database = tmp_path / "q.db"
    engine = make_engine(sqlite_url(database))
    baseline_database(engine)
    engine.dispose()
    runner = CliRunner()
    url = ["--database-url", sqlite_url(database)]
    refused = runner.invoke(app, [*url, "status"])
    assert refused.exit_code == 2
    assert "qmsaudit db upgrade" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    upgraded = runner.invoke(app, [*url, "db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert runner.invoke(app, [*url, "status", "--json"]).exit_code == 0
    again = runner.invoke(app, [*url, "db", "upgrade"])
    assert again.exit_code == 0 and "đã ở phiên bản mới nhất" in again.output


def _prepare_after(url: str, start: Any) -> None:
    start.wait(timeout=60)
    engine = make_engine(url)
    try:
        prepare(engine)
    finally:
        engine.dispose()


def test_processes_that_find_a_new_database_at_once_make_it_once(engine: Engine) -> None:
    """The schedule and a staff crawl starting on a fresh data folder together: one makes
    the schema, the others wait for it and find it made."""
    context = multiprocessing.get_context("fork")
    start = context.Barrier(4)
    url = engine.url.render_as_string(hide_password=False)
    processes = [context.Process(target=_prepare_after, args=(url, start)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
