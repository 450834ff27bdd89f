"""The dashboard's own queries against SQLite and PostgreSQL: they must say what
`status_rows` and `history.changes` say, for every agency."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import select

from inspection.history import changes
from inspection.status import status_rows
from inspection.web.queries.agencies import AgencyFilter, agency_page, listed_agencies
from inspection.web.queries.agency import agency_status
from inspection.web.queries.overview import by_level, next_scheduled_run, status_changes
from store import Agency, BlobStore, make_engine, open_session, prepare, sqlite_url
from tests.web.conftest import build_province


@dataclass
class Built:
    engine: Engine
    runs: tuple[int, int]


def _fresh_postgresql(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("queries")
    if request.param == "sqlite":
        url = sqlite_url(folder / "q.db")
    else:
        url = request.getfixturevalue("postgresql_url")
        _fresh_postgresql(url)
    engine = make_engine(url)
    prepare(engine)
    runs = build_province(engine, BlobStore(folder / "blobs"))
    yield Built(engine, runs)
    engine.dispose()


def _normal(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "findings": sorted(row["findings"], key=lambda f: (f["rule"], f["subject"]))}


def test_an_agencys_row_is_its_status_rows_row(built: Built) -> None:
    with open_session(built.engine) as session:
        expected = {row["code"]: _normal(row) for row in status_rows(session)}
        agencies = session.exec(select(Agency)).all()
        assert len(agencies) == len(expected) == 8
        for agency in agencies:
            assert _normal(agency_status(session, agency)) == expected[agency.code]


def test_the_list_counts_what_status_rows_holds(built: Built) -> None:
    with open_session(built.engine) as session:
        rows = {row["code"]: row for row in status_rows(session)}
        listed = listed_agencies(session)
    assert {a.code for a in listed} == set(rows)
    for agency in listed:
        row = rows[agency.code]
        assert (agency.status, agency.rule_status, agency.iso_version) == (
            row["status"],
            row["rule_status"],
            row["iso_version"],
        )
        assert (agency.documents, agency.findings) == (len(row["documents"]), len(row["findings"]))
    assert {a.code: a.documents for a in listed}["SO-KHCN"] == 4


@pytest.mark.parametrize(
    ("wanted", "codes"),
    [
        (AgencyFilter(status="stale"), ["CC-TDC"]),
        (AgencyFilter(status="none"), ["XA-MOI"]),
        (AgencyFilter(level="department"), ["SO-KHCN", "SO-TP", "SO-XD"]),
        (AgencyFilter(version="2008"), ["SO-XD"]),
        (AgencyFilter(version="none", level="commune"), ["XA-AB", "XA-DH", "XA-MOI"]),
        (AgencyFilter(text="dong hoa"), ["XA-DH"]),
        (AgencyFilter(text="ĐÔNG HÒA"), ["XA-DH"]),
        (AgencyFilter(text="so "), ["SO-KHCN", "SO-TP", "SO-XD"]),
        (AgencyFilter(text="khcn"), ["SO-KHCN"]),
        (AgencyFilter(text="tieu chuan do luong"), ["CC-TDC"]),
        (AgencyFilter(text="xã", status="compliant"), ["XA-XSS"]),
        (AgencyFilter(text="không có"), []),
    ],
)
def test_filters_and_diacritics_insensitive_search(
    built: Built, wanted: AgencyFilter, codes: list[str]
) -> None:
    with open_session(built.engine) as session:
        found = agency_page(session, wanted)
    assert [row.code for row in found.rows] == codes
    assert found.total == len(codes)


def test_sorting_and_paging(built: Built) -> None:
    with open_session(built.engine) as session:
        first = agency_page(session, AgencyFilter(sort="status", per_page=3))
        last = agency_page(session, AgencyFilter(sort="status", per_page=3, page=99))
        by_findings = agency_page(session, AgencyFilter(sort="-findings"))
        by_name = agency_page(session, AgencyFilter(sort="name", level="commune"))
    assert (first.total, first.pages, first.page) == (8, 3, 1)
    assert [r.status for r in first.rows] == ["unreachable", "not_published", "outdated"]
    assert last.page == 3 and [r.code for r in last.rows] == ["XA-XSS", "XA-MOI"]
    assert by_findings.rows[0].code == "SO-XD"  # three findings
    # "Đông" among the D's, before "Mới" (by code points Đ would come after every Latin letter)
    assert [r.code for r in by_name.rows] == ["XA-XSS", "XA-AB", "XA-DH", "XA-MOI"]


def test_counts_by_level_are_the_lists(built: Built) -> None:
    with open_session(built.engine) as session:
        listed = listed_agencies(session)
        levels = by_level(session)
    expected: dict[str, Counter[str | None]] = {}
    for agency in listed:
        expected.setdefault(agency.level, Counter())[agency.status] += 1
    assert levels == expected
    assert levels["commune"] == Counter(
        {"not_published": 1, "unreachable": 1, "compliant": 1, None: 1}
    )


def test_status_changes_are_historys_status_changes(built: Built) -> None:
    first, second = built.runs
    with open_session(built.engine) as session:
        for run_id in (first, second):
            expected = sorted(
                (c.agency, c.before, c.after)
                for c in changes(session, run_id=run_id)
                if c.kind == "status"
            )
            found = [(c.code, c.before, c.after) for c in status_changes(session, run_id)]
            assert found == expected
        second_changes = status_changes(session, second)
    assert [(c.code, c.before, c.after) for c in second_changes] == [
        ("SO-TP", "compliant", "incomplete")
    ]


def test_the_next_run_is_computed_from_the_schedule_without_a_scheduler(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    before = datetime.now(UTC)
    due = next_scheduled_run(engine, "30 2 * * *", "Asia/Ho_Chi_Minh")
    assert due is not None
    local = due.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.hour, local.minute) == (2, 30)
    assert before < due <= before + timedelta(days=1)
    assert next_scheduled_run(engine, "không phải cron", "Asia/Ho_Chi_Minh") is None
    engine.dispose()


def test_the_next_run_is_the_schedulers_when_it_keeps_one(tmp_path: Path) -> None:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.date import DateTrigger

    from inspection.schedule import JOB_ID, scheduled_run

    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    when = datetime(2031, 3, 4, 5, 6, tzinfo=UTC)
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine)})
    scheduler.start(paused=True)
    scheduler.add_job(scheduled_run, DateTrigger(when), id=JOB_ID)
    scheduler.shutdown(wait=False)
    assert next_scheduled_run(engine, "0 1 * * *", "Asia/Ho_Chi_Minh") == when
    engine.dispose()
