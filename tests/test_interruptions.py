"""A killed, interrupted or overlapped run never changes what staff see as published.

A good database is made by one clean crawl of a sandbox province; then re-crawls of it are
killed (SIGKILL) at points observed in the database, stopped with Ctrl-C, or overlapped by a
second crawl. After each, `status --json` (statuses, documents, open findings) must equal
the clean baseline, before and after `qmsaudit audit`; and a full crawl afterwards too.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.qmsaudit_process import (
    environment,
    kill_group,
    published,
    qmsaudit,
    run_state,
    sandbox_process,
    start,
    wait_for,
)

AGENCIES = "16"


@dataclass(frozen=True)
class Baseline:
    env: dict[str, str]
    published: dict[str, Any]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Baseline]:
    root = tmp_path_factory.mktemp("interruptions")
    with sandbox_process(root / "sandbox", "--agencies", AGENCIES, "--latency", "20ms") as box:
        env = environment(root / "data", box.truth["as_of"])
        imported = qmsaudit(["agencies", "import", str(box.registry)], env)
        assert imported.returncode == 0, imported.stderr
        crawled = qmsaudit(["crawl", "--all"], env)
        assert crawled.returncode == 0, crawled.stderr
        snapshot = published(env)
        assert {row["status"] for row in snapshot.values()} >= {"compliant", "not_published"}
        yield Baseline(env, snapshot)


def _last_run(env: dict[str, str]) -> int:
    row = run_state(env, "SELECT max(id) FROM run")
    assert row is not None and row[0] is not None
    return int(row[0])


KILL_POINTS = {
    # the crawl has started, nothing is committed yet
    "crawling": "state = 'running' AND agencies_done = 0 AND fetches = 0 AND phase = 'crawling'",
    # some agencies read and committed while others are still crawled
    "reading": "state = 'running' AND agencies_done >= 2",
    "most-done": "state = 'running' AND agencies_done >= agencies - 2",
    # every agency committed: publishing or about to
    "all-done": "state = 'running' AND agencies_done = agencies",
}


def _kill_at(env: dict[str, str], point: str) -> bool:
    """Re-crawl, SIGKILL it when the point is reached; False if it finished first."""
    after = _last_run(env)
    crawl = start(["crawl", "--all"], env)
    where = KILL_POINTS[point]
    reached = wait_for(
        lambda: run_state(env, f"SELECT id FROM run WHERE id > {after} AND {where}") is not None,
        process=crawl,
    )
    if reached:
        kill_group(crawl, signal.SIGKILL)
    crawl.communicate(timeout=120)
    return reached and crawl.returncode == -signal.SIGKILL


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_recrawl_changes_nothing_published(baseline: Baseline, point: str) -> None:
    killed = any(_kill_at(baseline.env, point) for _ in range(3))
    assert killed, f"the re-crawl always finished before {point}"
    assert published(baseline.env) == baseline.published
    audited = qmsaudit(["audit"], baseline.env)
    assert audited.returncode == 0, audited.stderr
    assert published(baseline.env) == baseline.published
    state = run_state(
        baseline.env, "SELECT state, running FROM run ORDER BY id DESC LIMIT 1 OFFSET 1"
    )
    assert state == ("interrupted", None)  # the killed run, found dead by the audit's claim


def test_ctrl_c_stops_the_run_says_so_and_publishes_nothing(baseline: Baseline) -> None:
    after = _last_run(baseline.env)
    crawl = start(["crawl", "--all"], baseline.env)
    assert wait_for(
        lambda: (
            run_state(baseline.env, f"SELECT id FROM run WHERE id > {after} AND agencies_done >= 2")
            is not None
        ),
        process=crawl,
    )
    kill_group(crawl, signal.SIGINT)  # the whole group, as a terminal sends it
    _, stderr = crawl.communicate(timeout=120)
    assert crawl.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "Đã dừng lượt kiểm tra" in stderr and "không công bố" in stderr
    row = run_state(baseline.env, f"SELECT state, running, reason FROM run WHERE id > {after}")
    assert row is not None and row[:2] == ("interrupted", None)
    assert "Ctrl-C" in row[2]
    assert published(baseline.env) == baseline.published


def test_sigterm_stops_the_run_with_143(baseline: Baseline) -> None:
    after = _last_run(baseline.env)
    crawl = start(["crawl", "--all"], baseline.env)
    assert wait_for(
        lambda: run_state(baseline.env, f"SELECT id FROM run WHERE id > {after}") is not None,
        process=crawl,
    )
    crawl.send_signal(signal.SIGTERM)
    _, stderr = crawl.communicate(timeout=120)
    assert crawl.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert published(baseline.env) == baseline.published


def test_a_second_crawl_is_refused_while_one_runs(baseline: Baseline) -> None:
    after = _last_run(baseline.env)
    first = start(["crawl", "--all"], baseline.env)
    assert wait_for(
        lambda: run_state(baseline.env, f"SELECT id FROM run WHERE id > {after}") is not None,
        process=first,
    )
    second = qmsaudit(["crawl", "--all"], baseline.env)
    assert second.returncode == 75
    assert "đang có lượt kiểm tra" in second.stderr and "--wait" in second.stderr
    waiting = start(["crawl", "--agency", next(iter(baseline.published)), "--wait"], baseline.env)
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err
    _, waited_err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, waited_err
    assert "Đang chờ" in waited_err
    runs = run_state(baseline.env, f"SELECT count(*) FROM run WHERE id > {after}")
    assert runs == (2,)
    assert published(baseline.env) == baseline.published


def test_a_full_crawl_after_all_that_matches_the_baseline(baseline: Baseline) -> None:
    crawled = qmsaudit(["crawl", "--all"], baseline.env)
    assert crawled.returncode == 0, crawled.stderr
    assert published(baseline.env) == baseline.published
