"""Runs: one model for the command line, the schedule, the web and the workers.

Whoever triggers a crawl claims the one running slot (`lock`), then an executor crawls,
reads and judges each agency, committing per agency (`job`); a complete run is published
(`publish`), an interrupted or failed one leaves what staff see unchanged. `reaudit` judges
the published results again without the network.
"""

from inspection.runs.ending import RunOutcome, end_run
from inspection.runs.executor import ExecutionOptions, Stop, execute_crawl
from inspection.runs.lock import RunBusyError, RunRequest, adopt_run, claim_run, running_run
from inspection.runs.outage import OutagePolicy
from inspection.runs.progress import BarObserver, RunObserver, progress_bar
from inspection.runs.reaudit import AgencyPreview, preview_audit, save_audit
from inspection.runs.selection import select_agencies

__all__ = [
    "AgencyPreview",
    "BarObserver",
    "ExecutionOptions",
    "OutagePolicy",
    "RunBusyError",
    "RunObserver",
    "RunOutcome",
    "RunRequest",
    "Stop",
    "adopt_run",
    "claim_run",
    "end_run",
    "execute_crawl",
    "preview_audit",
    "progress_bar",
    "running_run",
    "save_audit",
    "select_agencies",
]
