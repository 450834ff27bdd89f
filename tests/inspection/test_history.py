"""`runs`, `history` and `changes` on SQLite and PostgreSQL, after a site that changes
between runs: a document added, one removed, one replaced at the same URL, a status change."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspection.cli import app
from inspection.runs import RunRequest, claim_run, end_run
from store import Agency, BlobStore, make_engine, open_session, prepare, sqlite_url
from tests.inspection.agency_files import (
    Site,
    complete_set,
    declaration_docx,
    judge_and_commit,
    objectives_docx,
    publish_committed,
)

WEBSITE = "http://skhcn.example.localhost/"
JUNE = date(2026, 6, 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "q.db")
    value: str = request.getfixturevalue("empty_postgresql_url")
    return value


def _run(url: str, blobs: BlobStore, site: Site, *, publish: bool = True) -> int:
    engine = make_engine(url)
    try:
        with open_session(engine) as session:
            agency = session.get(Agency, 1)
            assert agency is not None
        run = claim_run(engine, RunRequest(as_of=JUNE), agencies=1)
        assert run.id is not None
        judge_and_commit(engine, blobs, run, site.crawled(agency, blobs), as_of=JUNE)
        if publish:
            publish_committed(engine, run.id)
        else:
            end_run(engine, run.id, "interrupted", "dừng theo yêu cầu (Ctrl-C)")
        return run.id
    finally:
        engine.dispose()


@pytest.fixture
def history(url: str, tmp_path: Path) -> Iterator[list[int]]:
    """Four runs: complete; complete after the site changed; interrupted; complete."""
    engine = make_engine(url)
    prepare(engine)
    with open_session(engine) as session:
        session.add(
            Agency(id=1, code="SKHCN", name="Sở KH&CN", level="department", website=WEBSITE)
        )
        session.commit()
    engine.dispose()
    blobs = BlobStore(tmp_path / "blobs")
    first = complete_set()
    changed = {k: v for k, v in first.items() if k != "chinh-sach.docx"}  # policy removed
    changed["qd-cong-bo.docx"] = declaration_docx("20/QĐ-SKHCN", date(2026, 2, 1))  # replaced
    changed["muc-tieu-2027.docx"] = objectives_docx(2027)  # added
    yield [
        _run(url, blobs, Site(WEBSITE, first)),
        _run(url, blobs, Site(WEBSITE, changed)),
        _run(url, blobs, Site(WEBSITE, first), publish=False),
        _run(url, blobs, Site(WEBSITE, changed)),
    ]


def _json(url: str, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["--database-url", url, *args, "--json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_runs_lists_every_run_newest_first(url: str, history: list[int]) -> None:
    rows = _json(url, "runs")
    assert [row["id"] for row in rows] == history[::-1]
    assert [row["state"] for row in rows] == ["complete", "interrupted", "complete", "complete"]
    assert all(row["trigger"] == "manual" and row["agencies"] == 1 for row in rows)
    assert rows[-1]["statuses"] == {"compliant": 1}
    assert rows[-2]["statuses"] == {"incomplete": 1}


def test_history_has_one_entry_per_run(url: str, history: list[int]) -> None:
    rows = _json(url, "history", "--agency", "SKHCN")
    assert [row["run"] for row in rows] == history
    assert [row["status"] for row in rows] == ["compliant", "incomplete", "compliant", "incomplete"]
    assert [row["published"] for row in rows] == [True, True, False, True]
    assert [row["documents"] for row in rows] == [4, 4, 4, 4]
    assert rows[1]["findings_opened"] == 1  # DOC003: the policy is gone
    assert rows[0]["findings_resolved"] == 0


def test_changes_of_a_run_against_the_previous_published_one(url: str, history: list[int]) -> None:
    rows = _json(url, "changes", "--run", str(history[1]))
    found = {
        (row["kind"], row["detail"] if "document" in str(row["kind"]) else None) for row in rows
    }
    assert ("status", None) in found
    assert ("document_added", WEBSITE + "muc-tieu-2027.docx") in found
    assert ("document_removed", WEBSITE + "chinh-sach.docx") in found
    assert ("document_changed", WEBSITE + "qd-cong-bo.docx") in found
    (status,) = [row for row in rows if row["kind"] == "status"]
    assert (status["from"], status["to"], status["agency"]) == ("compliant", "incomplete", "SKHCN")
    assert {row["kind"] for row in rows if row["kind"].startswith("finding")} == {  # type: ignore[union-attr]
        "finding_opened"
    }


def test_an_interrupted_run_is_not_a_change(url: str, history: list[int]) -> None:
    # The last run compares with the second (the interrupted third never published).
    rows = _json(url, "changes")
    assert rows == []
    since = _json(url, "changes", "--since", "2000-01-01")
    assert {row["run"] for row in since} == {history[0], history[1]}
