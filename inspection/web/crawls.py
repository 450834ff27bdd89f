"""Starting a crawl from the dashboard: claim the one running slot, hand the run to a child
`qmsaudit runs execute N` in a session of its own, and log who asked.

The web process never crawls. The child outlives a closed browser and a restarted server;
pages follow the run's row. A thread waits for the child so that it leaves no zombie, and
ends the run as failed if the child exited without ending it (it crashed before it could).
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence

from sqlalchemy import Engine

from inspection.errors import InspectionError
from inspection.runs import RunRequest, claim_run, end_run, log_path, select_agencies
from inspection.runs.spawn import spawn_executor
from inspection.settings import Settings
from store import AuditEntry, Run, open_session

__all__ = ["NoAgenciesError", "start_crawl"]


class NoAgenciesError(InspectionError):
    """There is nothing to crawl (an empty registry, or an empty selection)."""


def start_crawl(
    settings: Settings,
    engine: Engine,
    codes: Sequence[str] | None,
    *,
    user: str,
    address: str | None,
) -> Run:
    """Claim and spawn a crawl of `codes` (None: every agency); RunBusyError when another
    run holds the slot, UnknownAgencyError for a code not in the registry."""
    if codes is not None and not codes:
        raise NoAgenciesError("chưa chọn cơ quan nào")
    agencies = select_agencies(engine, codes)
    if not agencies:
        raise NoAgenciesError("chưa có cơ quan nào: quản trị viên cần nhập danh sách trước")
    request = RunRequest(
        trigger="web",
        selection=list(codes) if codes is not None else None,
        as_of=settings.effective_as_of(),
        requested_by=user,
    )
    run = claim_run(engine, request, agencies=len(agencies))
    assert run.id is not None
    with open_session(engine) as session:
        session.add(
            AuditEntry(
                username=user,
                action="run_start",
                target=f"#{run.id}",
                address=address,
                detail={"agencies": len(agencies), "selection": request.selection},
            )
        )
        session.commit()
    child = spawn_executor(
        settings.command_line(), run.id, log=log_path(settings.data_dir, run.id), detach=True
    )
    threading.Thread(
        target=_follow, args=(engine, run.id, child), name=f"run-{run.id}", daemon=True
    ).start()
    return run


def _follow(engine: Engine, run_id: int, child: subprocess.Popen[bytes]) -> None:
    code = child.wait()
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        still_running = run is not None and run.state == "running"
    if still_running:
        end_run(engine, run_id, "failed", f"tiến trình thực hiện thoát với mã {code}")
