"""Distributed mode on real services: PostgreSQL, Redis, two `qmsaudit worker` processes and
the sandbox province; one worker is killed (SIGKILL) while it inspects an agency, and the
run still completes with every agency at its true status and nothing stored twice."""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from inspection.runs import RunRequest, claim_run
from tests.distributed_province import Province, distributed_province, workers
from tests.qmsaudit_process import kill_group, qmsaudit, start, wait_for

DOUBLED = {
    # a second commit of the same crawl would repeat each fetch with its very time
    "fetches": 'SELECT agency_id, url, fetched_at FROM "fetch" WHERE run_id = :run '
    "GROUP BY agency_id, url, fetched_at HAVING count(*) > 1",
    "documents": "SELECT agency_id, sha256 FROM document WHERE run_id = :run "
    "GROUP BY agency_id, sha256 HAVING count(*) > 1",
    "sightings": "SELECT agency_id, document_id FROM documentsighting WHERE run_id = :run "
    "GROUP BY agency_id, document_id, fetch_id HAVING count(*) > 1",
    "visits": "SELECT agency_id FROM sitevisit WHERE run_id = :run "
    "GROUP BY agency_id HAVING count(*) > 1",
    "results": "SELECT agency_id FROM agencyresult WHERE run_id = :run "
    "GROUP BY agency_id HAVING count(*) > 1",
    "findings": "SELECT agency_id, rule, subject FROM runfinding WHERE run_id = :run "
    "GROUP BY agency_id, rule, subject HAVING count(*) > 1",
}


@pytest.fixture
def province(tmp_path: Path, empty_postgresql_url: str) -> Iterator[Province]:
    with distributed_province(
        tmp_path,
        *("--agencies", "8", "--latency", "30ms"),
        database_url=empty_postgresql_url,
        visibility_timeout="5",
        worker_agencies="2",
    ) as province:
        yield province


def _children(pid: int) -> list[int]:
    """A process's children, whichever of its threads started them."""
    found: list[int] = []
    for listed in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(child) for child in listed.read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _agencies_of(child: int) -> list[str]:
    """The agency codes a `qmsaudit runs agency RUN CODE…` child inspects."""
    try:
        arguments = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return []
    words = [word.decode() for word in arguments if word]
    if "agency" not in words:
        return []
    return words[words.index("agency") + 2 :]


def _committed(province: Province) -> int:
    engine = create_engine(province.database_url)
    try:
        with engine.connect() as connection:
            done = connection.execute(text("SELECT max(agencies_done) FROM run")).scalar()
    finally:
        engine.dispose()
    return int(done or 0)


def _committed_codes(province: Province) -> set[str]:
    engine = create_engine(province.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT a.code FROM agencyresult r JOIN agency a ON a.id = r.agency_id")
            ).all()
    finally:
        engine.dispose()
    return {row[0] for row in rows}


def _scalar(engine_url: str, query: str, **parameters: object) -> object:
    engine = create_engine(engine_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(query), parameters).scalar()
    finally:
        engine.dispose()


def test_a_killed_worker_s_agency_is_done_again_and_the_run_completes(
    province: Province,
) -> None:
    with workers(province.env, 2) as (doomed, survivor):
        crawl = start(["crawl", "--all"], province.env)
        try:
            # mid-run: an agency committed, and the doomed worker inside another one
            assert wait_for(
                lambda: (
                    _committed(province) >= 1
                    and any(_agencies_of(child) for child in _children(doomed.pid))
                ),
                process=crawl,
            ), "the doomed worker never held an agency mid-run"
            held = [code for child in _children(doomed.pid) for code in _agencies_of(child)]
            unfinished = set(held) - _committed_codes(province)
            orphans = _children(doomed.pid)
            os.kill(doomed.pid, signal.SIGKILL)
            out, err = crawl.communicate(timeout=900)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.communicate(timeout=60)
        assert survivor.poll() is None, "the surviving worker stopped"
    assert crawl.returncode == 0, err
    assert unfinished, "the killed worker held no agency still to commit"
    # its children noticed their worker had gone and stopped without committing
    assert all(not Path(f"/proc/{child}").exists() for child in orphans)
    match = re.search(r"Lượt kiểm tra #(\d+) hoàn thành: 8/8 cơ quan", out)
    assert match, out
    assert "cơ quan đã đăng tải tài liệu HTQLCL" in out
    run_id = int(match.group(1))

    status = qmsaudit(["status", "--json"], province.env)
    assert status.returncode == 0, status.stderr
    truth = {agency["code"]: agency["status"] for agency in province.sandbox.truth["agencies"]}
    published = {row["code"]: row["status"] for row in json.loads(status.stdout)}
    assert published == truth
    assert unfinished <= set(published)

    url = province.database_url
    for what, query in DOUBLED.items():
        assert _scalar(url, f"SELECT count(*) FROM ({query}) AS doubled", run=run_id) == 0, what
    results = _scalar(url, "SELECT count(*) FROM agencyresult WHERE run_id = :run", run=run_id)
    assert results == len(truth)
    # the run's counters add each agency once: they match the rows
    fetched = _scalar(url, 'SELECT count(*) FROM "fetch" WHERE run_id = :run', run=run_id)
    assert _scalar(url, "SELECT fetches FROM run WHERE id = :run", run=run_id) == fetched
    assert _scalar(url, "SELECT agencies_done FROM run WHERE id = :run", run=run_id) == 8
    assert _scalar(url, "SELECT state FROM run WHERE id = :run", run=run_id) == "complete"


def _state(province: Province, run_id: int) -> object:
    return _scalar(province.database_url, "SELECT state FROM run WHERE id = :r", r=run_id)


def test_no_wait_returns_at_once_and_the_workers_publish_the_run(province: Province) -> None:
    """Also a run claimed elsewhere (the schedule, the dashboard) and handed to `runs
    execute` goes to the workers."""
    queued = qmsaudit(["crawl", "--all", "--no-wait"], province.env)
    assert queued.returncode == 0, queued.stderr
    match = re.search(r"Lượt kiểm tra #(\d+) \(8 cơ quan\) đã được gửi", queued.stdout)
    assert match, queued.stdout
    run_id = int(match.group(1))
    assert _state(province, run_id) == "running"
    with workers(province.env, 2) as started:
        assert wait_for(lambda: _state(province, run_id) != "running", process=started[0])
        assert _state(province, run_id) == "complete"
        status = json.loads(qmsaudit(["status", "--json"], province.env).stdout)
        truth = {a["code"]: a["status"] for a in province.sandbox.truth["agencies"]}
        assert {row["code"]: row["status"] for row in status} == truth

        engine = create_engine(province.database_url)
        try:
            scheduled = claim_run(engine, RunRequest(trigger="schedule"), agencies=8)
        finally:
            engine.dispose()
        executed = qmsaudit(["runs", "execute", str(scheduled.id)], province.env)
    assert executed.returncode == 0, executed.stderr
    assert f"Lượt kiểm tra #{scheduled.id} hoàn thành: 8/8 cơ quan" in executed.stdout
    executor = "SELECT executor FROM run WHERE id = :r"
    assert _scalar(province.database_url, executor, r=scheduled.id) == "distributed"


def test_ctrl_c_on_a_worker_lets_its_batches_finish_and_fails_nothing(province: Province) -> None:
    latest = "SELECT state FROM run ORDER BY id DESC LIMIT 1"
    with workers(province.env, 1) as (stopped,):
        crawl = start(["crawl", "--all"], province.env)
        try:
            assert wait_for(
                lambda: any(_agencies_of(child) for child in _children(stopped.pid)),
                process=crawl,
            )
            kill_group(stopped, signal.SIGINT)  # Ctrl-C in the worker's terminal
            assert stopped.wait(timeout=600) == 0
            assert _scalar(province.database_url, latest) == "running"
            with workers(province.env, 1):
                out, err = crawl.communicate(timeout=900)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.communicate(timeout=60)
    assert crawl.returncode == 0, err
    assert "hoàn thành: 8/8 cơ quan" in out
    assert _scalar(province.database_url, latest) == "complete"


def test_a_worker_without_redis_says_what_is_missing(province: Province) -> None:
    env = {**province.env}
    env.pop("QMSAUDIT_REDIS_URL")
    refused = qmsaudit(["worker"], env, timeout=120)
    assert refused.returncode == 2
    assert "QMSAUDIT_REDIS_URL" in refused.stderr
