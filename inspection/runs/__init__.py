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
from inspection.runs.progress import BarObserver, LogObserver, RunObserver, progress_bar
from inspection.runs.reaudit import AgencyPreview, preview_audit, save_audit
from inspection.runs.selection import agencies_of, select_agencies
from inspection.runs.spawn import log_path, spawn_executor

__all__ = [
    "AgencyPreview",
    "BarObserver",
    "ExecutionOptions",
    "LogObserver",
    "OutagePolicy",
    "RunBusyError",
    "RunObserver",
    "RunOutcome",
    "RunRequest",
    "Stop",
    "adopt_run",
    "agencies_of",
    "claim_run",
    "end_run",
    "execute_crawl",
    "log_path",
    "preview_audit",
    "progress_bar",
    "running_run",
    "save_audit",
    "select_agencies",
    "spawn_executor",
]
