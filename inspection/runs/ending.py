"""How a run ends: its outcome, and ending one without publishing (interrupted or failed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from store import Run, open_session, utcnow

__all__ = ["RunOutcome", "end_run", "run_outcome"]


@dataclass(frozen=True)
class RunOutcome:
    """How a run ended."""

    run_id: int
    state: str  # "complete", "interrupted" or "failed"
    agencies: int
    done: int
    fetches: int
    documents_read: int
    reason: str | None


def run_outcome(run: Run) -> RunOutcome:
    assert run.id is not None
    return RunOutcome(
        run_id=run.id,
        state=run.state,
        agencies=run.agencies,
        done=run.agencies_done,
        fetches=run.fetches,
        documents_read=run.documents_read,
        reason=run.reason,
    )


def end_run(engine: Engine, run_id: int, state: str, reason: str | None) -> RunOutcome:
    """Mark the run ended without publishing anything of it; it frees the running slot."""
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        run.state, run.reason, run.running, run.finished_at = state, reason, None, utcnow()
        run.phase = None
        session.add(run)
        session.commit()
        return run_outcome(run)
