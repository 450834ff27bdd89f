"""Judging the published results again without the network: `qmsaudit audit`.

A re-audit judges, for each agency, exactly what its published result was judged on (the
same site visit and documents), at a date and with the overrides in force now. Saved, it
is a run of its own (kind "audit") that publishes like a crawl; a preview writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from inspection.overrides import load_overrides
from inspection.runs.ending import RunOutcome, end_run, run_outcome
from inspection.runs.facts import facts_of_result
from inspection.runs.job import record_result
from inspection.runs.judging import Judgement, judge
from inspection.runs.lock import RunRequest, claim_run
from inspection.runs.publish import publish_run
from rules import Profile
from store import Agency, AgencyResult, Run, Verdict, open_session

__all__ = ["AgencyPreview", "judge_published", "preview_audit", "save_audit"]


@dataclass(frozen=True)
class AgencyPreview:
    """What a re-audit at some date would say of one agency."""

    agency: Agency
    judgement: Judgement


def judge_published(
    session: Session, agency: Agency, *, as_of: date, profile: Profile
) -> Judgement | None:
    """The agency's published result judged again; None when nothing is published."""
    assert agency.id is not None
    verdict = session.get(Verdict, agency.id)
    if verdict is None or verdict.result_id is None:
        return None
    result = session.get(AgencyResult, verdict.result_id)
    assert result is not None
    overrides = load_overrides(session, agency.id)
    judged = facts_of_result(session, agency, result, overrides)
    return judge(session, judged, as_of=as_of, profile=profile, overrides=overrides)


def preview_audit(
    engine: Engine, agencies: Sequence[Agency], *, as_of: date, profile: Profile
) -> list[AgencyPreview]:
    """Judge every published agency again as of `as_of`; nothing is written."""
    previews = []
    with open_session(engine) as session:
        for agency in agencies:
            judgement = judge_published(session, agency, as_of=as_of, profile=profile)
            if judgement is not None:
                previews.append(AgencyPreview(agency, judgement))
    return previews


def save_audit(
    engine: Engine,
    agencies: Sequence[Agency],
    *,
    as_of: date,
    profile: Profile,
    request: RunRequest,
) -> RunOutcome:
    """A run of kind "audit": judge every published agency again and publish the results."""
    claimed = claim_run(engine, request, agencies=len(agencies))
    assert claimed.id is not None
    try:
        with open_session(engine) as session:
            run = session.get(Run, claimed.id)
            assert run is not None
            for agency in agencies:
                judgement = judge_published(session, agency, as_of=as_of, profile=profile)
                if judgement is not None:
                    record_result(session, run, agency, judgement, as_of)
                    run.agencies_done += 1
            session.flush()
            publish_run(session, run)
            session.commit()
            return run_outcome(run)
    except Exception as error:
        end_run(engine, claimed.id, "failed", f"lỗi trong khi đánh giá lại: {error!r}")
        raise
