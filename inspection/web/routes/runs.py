"""Runs: start a crawl (one agency, a selection, the filtered list, or all), follow its
progress live, read its log; `/runs` lists them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.responses import Response

from inspection.errors import UnknownAgencyError
from inspection.history import run_row, runs_table
from inspection.labels import RUN_STATE_LABELS
from inspection.runs import RunBusyError, log_path, running_run
from inspection.web.crawls import NoAgenciesError, start_crawl
from inspection.web.deps import DbSession, client_address, dashboard, require
from inspection.web.labels import PHASE_LABELS
from inspection.web.pages import BadRequest, NotFound, redirect, render, sentence
from inspection.web.queries.agencies import AgencyFilter, listed_agencies, matching
from inspection.web.queries.overview import status_changes
from store import Run, User

router = APIRouter()

RUNS_SHOWN = 100
LOG_TAIL = 64 * 1024  # bytes of the log shown on the run's page
CHANGES_SHOWN = 500


def _back(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/runs"


@router.post("/runs")
def start(
    request: Request,
    session: DbSession,
    user: Annotated[User, Depends(require("crawl"))],
    scope: Annotated[str, Form()],
    code: Annotated[list[str] | None, Form()] = None,
    q: Annotated[str, Form(max_length=200)] = "",
    status: Annotated[str, Form(max_length=32)] = "",
    level: Annotated[str, Form(max_length=32)] = "",
    version: Annotated[str, Form(max_length=32)] = "",
    back: Annotated[str, Form()] = "/runs",
) -> Response:
    """scope "all": every agency; "selected": the `code` fields (one from an agency's page,
    several from the list's boxes); "filter": every agency the list's filters match."""
    codes: list[str] | None
    if scope == "all":
        codes = None
    elif scope == "selected":
        codes = list(dict.fromkeys(code or []))
    elif scope == "filter":
        wanted = AgencyFilter(status=status, level=level, version=version, text=q)
        codes = [agency.code for agency in matching(listed_agencies(session, wanted), q)]
    else:
        raise BadRequest("Phạm vi kiểm tra không hợp lệ.")
    session.close()  # the claim and the audit entry are written on their own connections
    board = dashboard(request)
    try:
        run = start_crawl(
            board.settings,
            board.engine,
            codes,
            user=user.username,
            address=client_address(request),
        )
    except RunBusyError as busy:
        return redirect(request, _back(back), sentence(f"Chưa thể bắt đầu: {busy}"), error=True)
    except UnknownAgencyError as unknown:
        return redirect(request, _back(back), f"Không có cơ quan mã {unknown}.", error=True)
    except NoAgenciesError as empty:
        return redirect(request, _back(back), sentence(str(empty)), error=True)
    return redirect(
        request,
        f"/runs/{run.id}",
        f"Đã bắt đầu lượt kiểm tra #{run.id} ({run.agencies} cơ quan).",
    )


@router.get("/runs")
def runs(
    request: Request, session: DbSession, user: Annotated[User, Depends(require("read"))]
) -> Response:
    return render(
        request,
        "runs.html",
        {"runs": runs_table(session, limit=RUNS_SHOWN), "running": running_run(session)},
    )


def _run(session: DbSession, run_id: int) -> Run:
    run = session.get(Run, run_id)
    if run is None:
        raise NotFound(f"Không có lượt kiểm tra #{run_id}.")
    return run


def progress(run: Run) -> dict[str, Any]:
    """What the run's page shows live (and polls for)."""
    return {
        "id": run.id,
        "state": run.state,
        "state_label": RUN_STATE_LABELS.get(run.state, run.state),
        "phase_label": PHASE_LABELS.get(run.phase, run.phase or "")
        if run.state == "running"
        else "",
        "done": run.agencies_done,
        "total": run.agencies,
        "reason": run.reason,
        "finished": run.state != "running",
    }


def _log_tail(request: Request, run_id: int) -> str | None:
    path = log_path(dashboard(request).settings.data_dir, run_id)
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - LOG_TAIL))
        tail = handle.read()
    return tail.decode("utf-8", errors="replace")


@router.get("/runs/{run_id}")
def run_page(
    request: Request,
    session: DbSession,
    run_id: int,
    user: Annotated[User, Depends(require("read"))],
) -> Response:
    run = _run(session, run_id)
    changes = status_changes(session, run_id) if run.state == "complete" else []
    return render(
        request,
        "run.html",
        {
            "run": run_row(run),
            "progress": progress(run),
            "log": _log_tail(request, run_id),
            "changes": changes[:CHANGES_SHOWN],
            "changes_total": len(changes),
        },
    )


@router.get("/runs/{run_id}/progress")
def run_progress(
    session: DbSession, run_id: int, user: Annotated[User, Depends(require("read"))]
) -> Response:
    return JSONResponse(progress(_run(session, run_id)))


@router.get("/runs/{run_id}/log")
def run_log(
    request: Request,
    session: DbSession,
    run_id: int,
    user: Annotated[User, Depends(require("read"))],
) -> Response:
    _run(session, run_id)
    path = log_path(dashboard(request).settings.data_dir, run_id)
    if not path.is_file():
        raise NotFound(f"Lượt kiểm tra #{run_id} không có nhật ký.")
    return PlainTextResponse(path.read_text("utf-8", errors="replace"))
