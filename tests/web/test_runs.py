"""Crawls from the pages: claimed here, executed by a child process, followed by the pages;
one run at a time, with a Vietnamese message when busy."""

from __future__ import annotations

import os
import re
import signal
import time

from sqlmodel import col, select

from inspection.runs import RunRequest, claim_run, end_run, log_path
from store import AuditEntry, Run, open_session
from tests.web.conftest import Board, token


def _runs(board: Board) -> list[Run]:
    with open_session(board.engine) as session:
        return list(session.exec(select(Run).order_by(col(Run.id))).all())


def _start(board: Board, **form: str | list[str]) -> str:
    page = board.client.get("/agencies")
    answer = board.client.post(
        "/runs", data={**form, "csrf_token": token(page.text)}, follow_redirects=True
    )
    assert answer.status_code == 200
    return answer.text


def test_a_second_run_is_refused_with_a_vietnamese_message(board: Board) -> None:
    board.sign_in("kiemtra")
    held = claim_run(board.engine, RunRequest(trigger="manual"), agencies=8)
    try:
        page = _start(board, scope="selected", code="SO-TP", back="/agencies/SO-TP")
        assert f"Chưa thể bắt đầu: đang có lượt kiểm tra #{held.id} (dòng lệnh" in page
        assert "chỉ chạy một lượt mỗi lúc" in page
        assert "<h1>Sở Tư pháp</h1>" in page  # back on the agency's page
        assert [run.id for run in _runs(board)] == [1, 2, held.id]
    finally:
        assert held.id is not None
        end_run(board.engine, held.id, "interrupted", "kết thúc kiểm thử")


def test_a_viewer_cannot_start_a_run(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/agencies")
    answer = board.client.post("/runs", data={"scope": "all", "csrf_token": token(page.text)})
    assert answer.status_code == 403 and "Không có quyền" in answer.text
    assert len(_runs(board)) == 2


def test_unknown_codes_and_empty_selections_are_said_so(board: Board) -> None:
    board.sign_in("kiemtra")
    assert "Không có cơ quan mã KHONG-CO." in _start(board, scope="selected", code="KHONG-CO")
    assert "Chưa chọn cơ quan nào." in _start(board, scope="selected")
    assert "Chưa chọn cơ quan nào." in _start(board, scope="filter", q="không khớp gì")
    assert len(_runs(board)) == 2


def test_a_complete_runs_page_shows_its_changes_progress_and_log(board: Board) -> None:
    board.sign_in("xem")
    log = log_path(board.settings.data_dir, 2)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("Lượt #2: 7/7 cơ quan (100%), còn dưới 1 phút\n<b>không phải HTML</b>\n")
    page = board.client.get("/runs/2").text
    assert "Thay đổi trạng thái (1)" in page and 'href="/agencies/SO-TP"' in page
    assert "Lượt #2: 7/7 cơ quan (100%)" in page
    assert "&lt;b&gt;không phải HTML&lt;/b&gt;" in page
    progress = board.client.get("/runs/2/progress").json()
    assert progress == {
        "id": 2,
        "state": "complete",
        "state_label": "Hoàn thành",
        "phase_label": "",
        "done": 7,
        "total": 7,
        "reason": None,
        "finished": True,
    }
    full = board.client.get("/runs/2/log")
    assert full.headers["content-type"].startswith("text/plain")
    missing = board.client.get("/runs/1/log")
    assert missing.status_code == 404 and "không có nhật ký" in missing.text
    assert board.client.get("/runs/99").status_code == 404


def test_a_crawl_started_from_the_page_runs_in_a_child_and_finishes(board: Board) -> None:
    """The child crawls XA-DH's site, which is on loopback: refused (no private targets
    here), so the run is quick and touches no network."""
    board.sign_in("kiemtra")
    page = _start(board, scope="selected", code="XA-DH", back="/agencies/XA-DH")
    assert "Đã bắt đầu lượt kiểm tra #3 (1 cơ quan)." in page
    assert 'data-progress-url="/runs/3/progress"' in page
    try:
        for _ in range(1200):  # polled like the page does, at most two minutes
            progress = board.client.get("/runs/3/progress").json()
            if progress["finished"]:
                break
            time.sleep(0.1)
        assert progress["state"] == "complete", progress
        assert (progress["done"], progress["total"]) == (1, 1)
    finally:
        (run,) = [r for r in _runs(board) if r.id == 3]
        if run.state == "running" and run.pid:
            os.kill(run.pid, signal.SIGTERM)
    assert run.trigger == "web" and run.requested_by == "kiemtra"
    assert run.selection == ["XA-DH"]
    assert run.pid != os.getpid()  # executed by the child, never by the web process
    log = log_path(board.settings.data_dir, 3).read_text("utf-8")
    assert "Lượt #3: bắt đầu, 1 cơ quan" in log
    with open_session(board.engine) as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == "run_start"))
    assert (entry.username, entry.target) == ("kiemtra", "#3")
    finished = board.client.get("/runs/3").text
    assert re.search(r"Hoàn thành</strong>", finished)
