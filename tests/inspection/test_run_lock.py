"""One run at a time per database: the running slot, its holder's death, racing claimants."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlmodel import col, select

from inspection.runs import RunBusyError, RunRequest, claim_run, end_run
from inspection.runs.lock import LEASE, Heartbeat
from store import Run, make_engine, open_session, prepare, sqlite_url, utcnow


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "q.db")
    else:
        url = request.getfixturevalue("empty_postgresql_url")
    engine = make_engine(url)
    prepare(engine)
    yield engine
    engine.dispose()


def test_a_second_claim_is_refused_while_the_first_runs(engine: Engine) -> None:
    first = claim_run(engine, RunRequest(trigger="schedule"), agencies=60)
    with pytest.raises(RunBusyError) as refused:
        claim_run(engine, RunRequest(), agencies=1)
    assert refused.value.run.id == first.id
    assert f"#{first.id}" in str(refused.value) and "theo lịch" in str(refused.value)
    assert first.id is not None
    end_run(engine, first.id, "complete", None)
    second = claim_run(engine, RunRequest(), agencies=1)
    assert second.id != first.id


def _set(engine: Engine, run_id: int | None, **values: object) -> None:
    with engine.begin() as connection:
        connection.execute(update(Run).where(col(Run.id) == run_id).values(**values))


def test_a_run_whose_process_died_is_interrupted_and_its_slot_taken(engine: Engine) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    run = claim_run(engine, RunRequest(), agencies=5)
    _set(engine, run.id, pid=int(dead.stdout))
    taken = claim_run(engine, RunRequest(), agencies=5)
    with open_session(engine) as session:
        old = session.get(Run, run.id)
    assert old is not None
    assert (old.state, old.running) == ("interrupted", None)
    assert old.reason and "dừng đột ngột" in old.reason
    assert taken.running == 1


def test_a_run_on_another_host_is_alive_while_its_heartbeat_is_fresh(engine: Engine) -> None:
    run = claim_run(engine, RunRequest(executor="redis"), agencies=5)
    _set(engine, run.id, host="worker-7", pid=1, heartbeat_at=utcnow() - LEASE / 2)
    with pytest.raises(RunBusyError):
        claim_run(engine, RunRequest(), agencies=1)
    _set(engine, run.id, heartbeat_at=utcnow() - LEASE - timedelta(seconds=1))
    claim_run(engine, RunRequest(), agencies=1)


def test_the_heartbeat_keeps_a_run_alive(engine: Engine) -> None:
    run = claim_run(engine, RunRequest(), agencies=1)
    assert run.id is not None
    old = utcnow() - LEASE * 2
    _set(engine, run.id, heartbeat_at=old)
    with Heartbeat(engine, run.id, every=0.05):
        for _ in range(400):  # bounded wait for the first beat; nothing is timed
            threading.Event().wait(0.05)
            with open_session(engine) as session:
                fresh = session.get(Run, run.id)
            assert fresh is not None and fresh.heartbeat_at is not None
            if fresh.heartbeat_at.replace(tzinfo=None) > old.replace(tzinfo=None):
                break
        with pytest.raises(RunBusyError):
            claim_run(engine, RunRequest(), agencies=1)


def test_racing_claimants_in_other_processes_leave_exactly_one_running(engine: Engine) -> None:
    script = (
        "import sys\n"
        "from inspection.runs import RunBusyError, RunRequest, claim_run\n"
        "from store import make_engine\n"
        "engine = make_engine(sys.argv[1])\n"
        "sys.stdin.readline()\n"  # all start claiming at once
        "try:\n"
        "    claim_run(engine, RunRequest(), agencies=1)\n"
        "    print('won')\n"
        "except RunBusyError:\n"
        "    print('busy')\n"
        "import time; time.sleep(1)\n"  # keep the winner alive while the others look
    )
    url = engine.url.render_as_string(hide_password=False)
    claimants = [
        subprocess.Popen(
            [sys.executable, "-c", script, url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ},
        )
        for _ in range(4)
    ]
    for claimant in claimants:
        assert claimant.stdin is not None
        claimant.stdin.write("go\n")
        claimant.stdin.flush()
    answers = sorted(claimant.communicate(timeout=60)[0].strip() for claimant in claimants)
    assert answers == ["busy"] * 3 + ["won"]
    with open_session(engine) as session:
        runs = session.exec(select(Run)).all()
    assert len(runs) == 1


def test_runs_says_when_a_running_run_has_no_live_executor(engine: Engine) -> None:
    from inspection.history import runs_table

    run = claim_run(engine, RunRequest(), agencies=1)
    with open_session(engine) as session:
        (row,) = runs_table(session)
    assert (row["state"], row["alive"]) == ("running", True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _set(engine, run.id, pid=int(dead.stdout))
    with open_session(engine) as session:
        (row,) = runs_table(session)
    assert (row["state"], row["alive"]) == ("running", False)
