"""Distributed mode: a run's agencies inspected by `qmsaudit worker` processes on any number
of machines, fed from Redis by Dramatiq, stored in one PostgreSQL database.

Whoever triggers the run claims it as on one machine (`inspection.runs.lock`), then sends
one message per agency (`queue`). A worker takes a batch of messages and inspects those
agencies in a child process (`agency`: one crawl; each agency read, judged and committed
as one unit, at most once per run and agency, then acknowledged). Whoever sees the last
agency committed ends the run (`finishing`): the same outage rule and the same publishing
as the local executor. `dispatch` is the triggering side: claim, enqueue, follow.
"""

from inspection.distributed.dispatch import dispatch_run, follow_run
from inspection.distributed.finishing import settle_run
from inspection.distributed.queue import agency_broker
from inspection.distributed.worker import run_worker

__all__ = ["agency_broker", "dispatch_run", "follow_run", "run_worker", "settle_run"]
