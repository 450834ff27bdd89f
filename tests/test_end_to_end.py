"""The whole inspection against the sandbox province on loopback, through the CLI; the
province has two agencies per CMS platform tier (NukeViet, DotNetNuke, SharePoint, Liferay,
Joomla, the ISO platform addressing units by query) beside its generated sites, and the
agencies of the real WordPress tier (Debian's WordPress, MariaDB, PHP-FPM, nginx)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.qmsaudit_process import sandbox_process

QMSAUDIT = [sys.executable, "-m", "inspection"]


@dataclass(frozen=True)
class Inspected:
    truth: dict[str, Any]
    status: list[dict[str, Any]]
    env: dict[str, str]
    crawl_output: str
    registry: str


def _run(
    args: list[str], env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        QMSAUDIT + args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def inspected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Inspected]:
    root = tmp_path_factory.mktemp("e2e")
    with (
        # two agencies per CMS tier (issue 9)
        sandbox_process(root / "sandbox", "--platforms", "2") as box,
        sandbox_process(
            root / "wordpress", "--as-of", box.truth["as_of"], module="sandbox.wordpress"
        ) as wordpress,
    ):
        truth = {**box.truth, "agencies": box.truth["agencies"] + wordpress.truth["agencies"]}
        env = {
            **os.environ,
            "QMSAUDIT_DATA_DIR": str(root / "data"),
            "QMSAUDIT_ALLOW_PRIVATE": "1",
            "QMSAUDIT_AS_OF": truth["as_of"],
            "QMSAUDIT_TIMEOUT": "5",
            "QMSAUDIT_RETRIES": "1",
        }
        env.pop("QMSAUDIT_DATABASE_URL", None)
        for registry in (box.registry, wordpress.registry):
            imported = _run(["agencies", "import", str(registry)], env)
            assert imported.returncode == 0, imported.stderr
        crawled = _run(["crawl", "--all"], env)
        assert crawled.returncode == 0, crawled.stderr
        status = _run(["status", "--json"], env)
        assert status.returncode == 0, status.stderr
        yield Inspected(truth, json.loads(status.stdout), env, crawled.stdout, str(box.registry))


def _truth_by_code(inspected: Inspected) -> dict[str, dict[str, Any]]:
    return {agency["code"]: agency for agency in inspected.truth["agencies"]}


def test_every_agency_gets_its_true_status(inspected: Inspected) -> None:
    truth = _truth_by_code(inspected)
    got = {row["code"]: row["status"] for row in inspected.status}
    expected = {code: agency["status"] for code, agency in truth.items()}
    assert got == expected


def test_every_agency_gets_its_true_iso_version(inspected: Inspected) -> None:
    truth = _truth_by_code(inspected)
    wrong = {
        row["code"]: (row["iso_version"], truth[row["code"]]["iso_version"])
        for row in inspected.status
        if row["status"] not in ("unreachable", "not_published")
        and row["iso_version"] != truth[row["code"]]["iso_version"]
    }
    assert wrong == {}


def test_every_truth_document_is_found_with_its_type(inspected: Inspected) -> None:
    found = {
        (row["code"], document["url"]): document["doc_type"]
        for row in inspected.status
        for document in row["documents"]
    }
    missing = {
        (agency["code"], document["url"]): document["doc_type"]
        for agency in inspected.truth["agencies"]
        for document in agency["documents"]
        if found.get((agency["code"], document["url"])) != document["doc_type"]
    }
    assert missing == {}


def test_no_document_is_attributed_to_the_wrong_agency(inspected: Inspected) -> None:
    truth_urls = {
        agency["code"]: {document["url"] for document in agency["documents"]}
        for agency in inspected.truth["agencies"]
    }
    extra = {
        (row["code"], document["url"], document["doc_type"])
        for row in inspected.status
        for document in row["documents"]
        if document["url"] not in truth_urls[row["code"]]
    }
    assert extra == set()


def test_every_fault_is_recorded_as_the_right_failure(inspected: Inspected) -> None:
    crawls = {row["code"]: row["crawl"] for row in inspected.status}
    missed = []
    for agency in inspected.truth["agencies"]:
        crawl = crawls[agency["code"]]
        for fault in agency["faults"]:
            if fault["failure"] == "unreadable":
                recorded = any(u["url"] == fault["url"] for u in crawl["unreadable"])
            elif fault["url"] == agency["website"]:
                recorded = not crawl["reachable"] and crawl["failure"] == fault["failure"]
            else:
                recorded = {"url": fault["url"], "failure": fault["failure"]} in [
                    {"url": f["url"], "failure": f["failure"]} for f in crawl["failures"]
                ]
            if not recorded:
                missed.append((agency["code"], fault, crawl["failure"]))
    assert missed == []
    assert {f["failure"] for a in inspected.truth["agencies"] for f in a["faults"]} >= {
        *("refused", "http", "timeout", "robots", "redirect_loop", "too_large", "unreadable"),
    }


def test_the_crawl_prints_the_inspectors_count_line(inspected: Inspected) -> None:
    publishing = sum(
        agency["status"] not in ("unreachable", "not_published")
        for agency in inspected.truth["agencies"]
    )
    line = f"{publishing}/{len(inspected.truth['agencies'])} cơ quan đã đăng tải tài liệu HTQLCL"
    assert line in inspected.crawl_output


def test_unreachable_agencies_have_a_finding_naming_the_failure(inspected: Inspected) -> None:
    for row in inspected.status:
        if row["status"] == "unreachable":
            assert [f["rule"] for f in row["findings"]] in (["SITE001"], ["SITE002"]), row


def test_audit_without_network_reproduces_the_statuses(inspected: Inspected) -> None:
    audited = _run(["audit"], inspected.env, timeout=60)
    assert audited.returncode == 0, audited.stderr
    again = json.loads(_run(["status", "--json"], inspected.env, timeout=60).stdout)
    assert {r["code"]: r["status"] for r in again} == {
        r["code"]: r["status"] for r in inspected.status
    }


def test_export_lists_only_the_agencies_asked_for(inspected: Inspected, tmp_path: Path) -> None:
    out = tmp_path / "chua-dang-tai.json"
    exported = _run(
        ["export", "--format", "json", "--status", "not_published", "-o", str(out)],
        inspected.env,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    rows = json.loads(out.read_text("utf-8"))
    expected = {a["code"] for a in inspected.truth["agencies"] if a["status"] == "not_published"}
    assert {row["code"] for row in rows} == expected


def test_without_allow_private_a_loopback_site_is_refused(
    inspected: Inspected, tmp_path: Path
) -> None:
    code = next(a["code"] for a in inspected.truth["agencies"] if a["status"] == "compliant")
    env = {**inspected.env, "QMSAUDIT_ALLOW_PRIVATE": "0", "QMSAUDIT_DATA_DIR": str(tmp_path)}
    assert _run(["agencies", "import", inspected.registry], env).returncode == 0
    crawled = _run(["crawl", "--agency", code], env)
    assert crawled.returncode == 0, crawled.stderr
    row = json.loads(_run(["status", "--json"], env).stdout)
    (agency,) = [r for r in row if r["code"] == code]
    assert agency["status"] == "unreachable"
    assert [f["rule"] for f in agency["findings"]] == ["SITE001"]
    assert agency["documents"] == []


def _byte_strings_stored(env: dict[str, str]) -> tuple[int, int]:
    """Distinct byte strings stored: all of them, and those read as QMS documents."""
    with closing(sqlite3.connect(Path(env["QMSAUDIT_DATA_DIR"]) / "qmsaudit.db")) as db:
        (every,) = db.execute("SELECT COUNT(DISTINCT sha256) FROM document").fetchone()
        (qms,) = db.execute(
            "SELECT COUNT(DISTINCT sha256) FROM document WHERE doc_type != 'not_qms'"
        ).fetchone()
    return int(every), int(qms)


def _urls_read_first_in_last_run(env: dict[str, str]) -> tuple[set[str], set[str]]:
    """The URLs of the documents the last run read first, and the URLs that answered
    before it."""
    with closing(sqlite3.connect(Path(env["QMSAUDIT_DATA_DIR"]) / "qmsaudit.db")) as db:
        (last,) = db.execute("SELECT MAX(id) FROM run").fetchone()
        new = {url for (url,) in db.execute("SELECT url FROM document WHERE run_id = ?", (last,))}
        answered = "SELECT url FROM fetch WHERE run_id < ? AND error IS NULL AND sha256 IS NOT NULL"
        before = {url for (url,) in db.execute(answered, (last,))}
    return new, before


def _runs_requests_and_sightings(env: dict[str, str]) -> list[tuple[int, set[tuple[int, str]]]]:
    """Per crawl, oldest first: how many requests it made, and where it saw QMS documents."""
    with closing(sqlite3.connect(Path(env["QMSAUDIT_DATA_DIR"]) / "qmsaudit.db")) as db:
        runs = [run for (run,) in db.execute("SELECT id FROM run WHERE kind = 'crawl' ORDER BY id")]
        count = "SELECT COUNT(*) FROM fetch WHERE run_id = ?"
        sightings = "SELECT agency_id, url FROM documentsighting WHERE run_id = ?"
        return [
            (db.execute(count, (run,)).fetchone()[0], set(db.execute(sightings, (run,))))
            for run in runs
        ]


def test_a_recrawl_reads_no_unchanged_document_again(inspected: Inspected) -> None:
    # The platform tiers' pages change on every fetch (a visitor counter, the clock,
    # __VIEWSTATE): a page that says what it said is the earlier page, not a new one.
    stored = _byte_strings_stored(inspected.env)
    recrawled = _run(["crawl", "--all"], inspected.env)
    assert recrawled.returncode == 0, recrawled.stderr
    match = re.search(r" (\d+) tài liệu mới được đọc", recrawled.stdout)
    assert match, recrawled.stdout
    every, qms = _byte_strings_stored(inspected.env)
    assert int(match.group(1)) == every - stored[0]
    assert qms == stored[1]
    # Only pages fetched for the first time are read: which ordinary pages the crawl
    # explores may differ from one crawl to the next (answers arrive in another order).
    new, fetched_before = _urls_read_first_in_last_run(inspected.env)
    assert new & fetched_before == set()
    again = json.loads(_run(["status", "--json"], inspected.env, timeout=60).stdout)
    assert {r["code"]: r["status"] for r in again} == {
        r["code"]: r["status"] for r in inspected.status
    }
    # Pages explored for nothing the night before are not asked again (the revisit
    # policy), and every QMS document is seen where it was seen before.
    (first, seen_first), *_, (last, seen_last) = _runs_requests_and_sightings(inspected.env)
    assert last < first
    assert seen_last == seen_first


def test_agencies_made_for_a_rule_get_exactly_its_findings(inspected: Inspected) -> None:
    expected = {
        agency["code"]: sorted(agency["findings"])
        for agency in inspected.truth["agencies"]
        if agency.get("findings")
    }
    assert expected  # the province has the rule cases
    got = {
        row["code"]: sorted({finding["rule"] for finding in row["findings"]})
        for row in inspected.status
        if row["code"] in expected
    }
    assert got == expected
