"""`qmsaudit db copy` and `db blobs-to-database`: a province's database and evidence moved
to another database (SQLite or a real PostgreSQL) whole, or not at all."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import Engine, MetaData, func, inspect, text
from sqlmodel import col, select
from typer.testing import CliRunner

from inspection.cli import app
from inspection.registry import import_registry
from inspection.runs import RunRequest, claim_run
from inspection.users import Actor, add_user
from store import (
    Agency,
    BlobStore,
    DatabaseBlobs,
    Document,
    Override,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
)
from store.copy import (
    NOT_ROWS,
    TargetNotEmptyError,
    check_copy,
    copy_tables,
    same_database,
    shown_url,
)
from store.schema import migrate_to
from tests.inspection.agency_files import (
    Site,
    complete_set,
    judge_and_commit,
    publish_committed,
    set_of_2008,
)

AS_OF = date(2026, 6, 1)
REGISTRY = (
    "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử\n"
    "SXD,Sở Xây dựng,department,https://sxd.vn/\n"
    "STP,Sở Tư pháp,department,https://stp.vn/\n"
    "XA-A,UBND xã A,commune,https://xaa.vn/\n"
)


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The CLI on the data folder `tmp_path/data` (SQLite and the blob folder)."""
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QMSAUDIT_DATABASE_URL", raising=False)
    monkeypatch.delenv("QMSAUDIT_BLOB_STORE", raising=False)
    return CliRunner()


def _province(data: Path) -> BlobStore:
    """A province as one machine keeps it in `data`: two complete runs of three agencies
    (one with a full set, one on 2008, one down), a user, an override and the audit log."""
    engine = make_engine(sqlite_url(data / "qmsaudit.db"))
    blobs = BlobStore(data / "blobs")
    try:
        prepare(engine)
        registry = data / "ds.csv"
        registry.write_text(REGISTRY, "utf-8")
        with open_session(engine) as session:
            import_registry(session, registry)
            agencies = {a.code: a for a in session.exec(select(Agency)).all()}
            add_user(session, "thanh", "mat-khau-dai-du", "inspector", actor=Actor(None, via="cli"))
            session.commit()
        sites = {
            "SXD": Site("https://sxd.vn/", complete_set()),
            "STP": Site("https://stp.vn/", set_of_2008()),
            "XA-A": Site("https://xaa.vn/", down=True),
        }
        for _ in range(2):
            run = claim_run(engine, RunRequest(as_of=AS_OF), agencies=len(sites))
            for code, site in sites.items():
                crawled = site.crawled(agencies[code], blobs)
                judge_and_commit(engine, blobs, run, crawled, as_of=AS_OF)
            publish_committed(engine, run.id)
        with open_session(engine) as session:
            document = session.exec(
                select(Document).where(col(Document.doc_type) == "declaration")
            ).first()
            assert document is not None
            session.add(
                Override(
                    agency_id=document.agency_id,
                    kind="document_type",
                    document_sha256=document.sha256,
                    doc_type="declaration",
                    reason="Đúng là quyết định công bố",
                    created_by="thanh",
                )
            )
            session.commit()
    finally:
        engine.dispose()
    return blobs


def _counts(engine: Engine) -> dict[str, int]:
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in tables.sorted_tables
            if table.name not in NOT_ROWS
        }


def _json(result: Result) -> Any:
    return json.loads(result.stdout)


def test_a_province_moved_to_postgresql_keeps_its_history_and_evidence(
    runner: CliRunner, tmp_path: Path, empty_postgresql_url: str
) -> None:
    data = tmp_path / "data"
    blobs = _province(data)
    source = make_engine(sqlite_url(data / "qmsaudit.db"))
    counts = _counts(source)
    source.dispose()
    assert all(counts[name] > 0 for name in counts), counts  # every table has rows
    stored = {blob.sha256: blob.size for blob in blobs.stored()}
    before = runner.invoke(app, ["status", "--json"])
    # A password in the URL (the test server trusts everyone) is never printed.
    target_url = empty_postgresql_url.replace("//qms@", "//qms:bi-mat-123@")

    copied = runner.invoke(app, ["db", "copy", "--to", target_url, "--json"])

    assert copied.exit_code == 0, copied.output
    assert "bi-mat-123" not in copied.output
    report = _json(copied)
    assert report == {
        "tables": counts,
        "blobs": {
            "copied": len(stored),
            "bytes": sum(stored.values()),
            "skipped": 0,
            "unreadable": [],
        },
        "target": shown_url(target_url),
        "blob_store": "database",
    }
    on_target = ["--database-url", empty_postgresql_url, "--blob-store", "database"]
    after = runner.invoke(app, [*on_target, "status", "--json"])
    assert after.exit_code == 0, after.output
    assert _json(after) == _json(before)
    statuses = {row["code"]: row["status"] for row in _json(after)}
    assert statuses == {"SXD": "compliant", "STP": "outdated", "XA-A": "unreachable"}

    target = make_engine(empty_postgresql_url)
    try:
        assert _counts(target) == counts
        target_blobs = DatabaseBlobs(target)
        assert {sha256: blobs.get(sha256) for sha256 in stored} == {
            sha256: target_blobs.get(sha256) for sha256 in stored
        }
        with open_session(target) as session:  # the sequences were moved past the ids
            agency = Agency(code="MOI", name="Sở mới", level="department")
            session.add(agency)
            session.commit()
            assert agency.id == counts["agency"] + 1
        run = claim_run(target, RunRequest(as_of=AS_OF), agencies=1)
        assert run.id == counts["run"] + 1
    finally:
        target.dispose()

    # And back: PostgreSQL (blobs in its table) as the source, a new SQLite file the target.
    back_url = sqlite_url(tmp_path / "back.db")
    back = runner.invoke(app, [*on_target, "db", "copy", "--to", back_url, "--json"])
    assert back.exit_code == 0, back.output
    assert _json(back)["tables"] == {
        **counts,
        "agency": counts["agency"] + 1,
        "run": counts["run"] + 1,
    }
    assert _json(back)["blobs"]["copied"] == len(stored)
    back_status = runner.invoke(app, ["--database-url", back_url, "status", "--json"])
    assert {row["code"]: row["status"] for row in _json(back_status)} == {**statuses, "MOI": None}


def test_a_copy_the_target_refuses_midway_leaves_it_empty_and_can_be_run_again(
    runner: CliRunner, tmp_path: Path, empty_postgresql_url: str
) -> None:
    data = tmp_path / "data"
    _province(data)
    source = make_engine(sqlite_url(data / "qmsaudit.db"))
    with source.begin() as connection:  # SQLite keeps it; PostgreSQL's varchar(16) does not
        connection.execute(text("UPDATE verdict SET status = 'khong-hop-le-qua-dai-de-luu'"))

    refused = runner.invoke(app, ["db", "copy", "--to", empty_postgresql_url])

    assert refused.exit_code == 2
    assert "không bảng nào được ghi" in refused.output
    target = make_engine(empty_postgresql_url)
    try:
        assert set(_counts(target).values()) == {0}  # agency, run, fetch… were rolled back
        with source.begin() as connection:
            connection.execute(text("UPDATE verdict SET status = 'compliant'"))
        again = runner.invoke(app, ["db", "copy", "--to", empty_postgresql_url, "--json"])
        assert again.exit_code == 0, again.output
        report = _json(again)
        assert report["blobs"]["copied"] == 0
        assert report["blobs"]["skipped"] > 0
        assert _counts(target) == _counts(source)
    finally:
        target.dispose()
        source.dispose()


def test_a_target_holding_rows_or_the_source_itself_is_refused_and_left_alone(
    runner: CliRunner, tmp_path: Path
) -> None:
    _province(tmp_path / "data")
    target_url = sqlite_url(tmp_path / "other.db")
    target = make_engine(target_url)
    try:
        prepare(target)
        with open_session(target) as session:
            session.add(Agency(code="KHAC", name="Tỉnh khác", level="province"))
            session.commit()
        before = _counts(target)

        refused = runner.invoke(app, ["db", "copy", "--to", target_url])

        assert refused.exit_code == 2
        assert "đã có dữ liệu: agency (1 dòng)" in refused.output
        assert _counts(target) == before
        assert list(DatabaseBlobs(target).stored()) == []  # not even the blobs
    finally:
        target.dispose()
    itself = runner.invoke(
        app, ["db", "copy", "--to", sqlite_url(tmp_path / "data" / ".." / "data" / "qmsaudit.db")]
    )
    assert itself.exit_code == 2
    assert "chính là cơ sở dữ liệu đang dùng" in itself.output


def test_a_source_behind_the_schema_is_refused_before_the_target_is_touched(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = make_engine(sqlite_url(data / "qmsaudit.db"))
    migrate_to(source, "0003")
    source.dispose()
    target = tmp_path / "target.db"

    refused = runner.invoke(app, ["db", "copy", "--to", sqlite_url(target)])

    assert refused.exit_code == 2
    assert "qmsaudit db upgrade" in refused.output
    assert not target.exists()


def test_unreadable_blobs_are_reported_and_the_rest_copied(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    blobs = _province(data)
    stored = sorted(blob.sha256 for blob in blobs.stored())
    source = make_engine(sqlite_url(data / "qmsaudit.db"))
    with open_session(source) as session:
        declaration = session.exec(
            select(Document.sha256).where(col(Document.doc_type) == "declaration")
        ).first()
    source.dispose()
    assert declaration is not None
    broken = next(sha256 for sha256 in stored if sha256 != declaration)
    blobs.path(broken).unlink()
    blobs.path(broken).mkdir()  # listed by the folder, unreadable as a file
    blobs.path(declaration).unlink()  # evidence a finding stands on, gone
    target_url = sqlite_url(tmp_path / "target.db")

    copied = runner.invoke(app, ["db", "copy", "--to", target_url, "--json"])

    assert copied.exit_code == 1
    report = _json(copied)
    assert sorted(report["blobs"]["unreadable"]) == sorted([broken, declaration])
    assert report["blobs"]["copied"] == len(stored) - 2
    assert "không đọc được 2 bản gốc" in copied.stderr
    target = make_engine(target_url)
    try:
        assert sum(_counts(target).values()) > 0  # the tables were copied all the same
        assert len(list(DatabaseBlobs(target).stored())) == len(stored) - 2
    finally:
        target.dispose()


def test_sqlite_to_sqlite_keeping_the_blob_folder(runner: CliRunner, tmp_path: Path) -> None:
    blobs = _province(tmp_path / "data")
    target_url = sqlite_url(tmp_path / "copy" / "qmsaudit.db")
    before = runner.invoke(app, ["status", "--json"])
    source = make_engine(sqlite_url(tmp_path / "data" / "qmsaudit.db"))
    running = claim_run(source, RunRequest(as_of=AS_OF), agencies=3)  # a crawl meanwhile
    source.dispose()

    copied = runner.invoke(app, ["db", "copy", "--to", target_url, "--blob-store", "files"])

    assert copied.exit_code == 0, copied.output
    assert f"lượt chạy {running.id} đang chạy" in copied.stderr
    assert "agency: 3 dòng" in copied.output
    assert "0 bản gốc" in copied.output  # the folder stays where it is: nothing to copy
    after = runner.invoke(app, ["--database-url", target_url, "status", "--json"])
    assert _json(after) == _json(before)
    target = make_engine(target_url)
    try:
        assert list(DatabaseBlobs(target).stored()) == []
        assert len(list(blobs.stored())) > 0
        with open_session(target) as session:
            agency = Agency(code="MOI", name="Sở mới", level="department")
            session.add(agency)
            session.commit()
            assert agency.id == 4
    finally:
        target.dispose()


def test_blobs_to_database_moves_the_folder_into_the_blob_table_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    blobs = _province(tmp_path / "data")
    stored = {blob.sha256 for blob in blobs.stored()}
    before = runner.invoke(app, ["findings", "--json"])

    moved = runner.invoke(app, ["db", "blobs-to-database", "--json"])

    assert moved.exit_code == 0, moved.output
    assert _json(moved)["copied"] == len(stored)
    again = _json(runner.invoke(app, ["db", "blobs-to-database", "--json"]))
    assert (again["copied"], again["skipped"]) == (0, len(stored))
    engine = make_engine(sqlite_url(tmp_path / "data" / "qmsaudit.db"))
    try:
        in_table = DatabaseBlobs(engine)
        assert {blob.sha256 for blob in in_table.stored()} == stored
        assert all(in_table.get(sha256) == blobs.get(sha256) for sha256 in stored)
    finally:
        engine.dispose()
    after = runner.invoke(app, ["--blob-store", "database", "findings", "--json"])
    assert _json(after) == _json(before)


def test_same_database_sees_through_how_a_url_is_written(tmp_path: Path) -> None:
    assert same_database(sqlite_url(tmp_path / "a.db"), f"sqlite:///{tmp_path}/x/../a.db")
    assert not same_database(sqlite_url(tmp_path / "a.db"), sqlite_url(tmp_path / "b.db"))
    assert same_database(
        "postgresql+psycopg://a:x@db:5432/q", "postgresql://b@db:5432/q"
    )  # whoever logs in
    assert not same_database("postgresql://db:5432/q", "postgresql://db:5432/r")
    assert shown_url("postgresql://u:secret@db/q") == "postgresql://u:***@db/q"


def test_copy_tables_checks_nothing_was_written_meanwhile(tmp_path: Path) -> None:
    """`check_copy` then `copy_tables`: a row written into the target in between is found
    inside the copy's transaction, and nothing is copied."""
    source = make_engine(sqlite_url(tmp_path / "a.db"))
    target = make_engine(sqlite_url(tmp_path / "b.db"))
    try:
        prepare(source)
        check_copy(source, target)
        prepare(target)
        with open_session(target) as session:
            session.add(Agency(code="KHAC", name="Tỉnh khác", level="province"))
            session.commit()
        with pytest.raises(TargetNotEmptyError, match="đã có dữ liệu"):
            copy_tables(source, target)
        assert inspect(target).has_table("agency")
        assert _counts(target)["agency"] == 1
    finally:
        source.dispose()
        target.dispose()
