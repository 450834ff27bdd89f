"""The agency queue: Dramatiq's Redis broker, one message per agency of a run.

Dramatiq rather than a home-made protocol on Redis lists: a message a worker has taken sits
in that worker's unacked set until the worker acknowledges it, every worker's broker
heartbeats in Redis, and the broker's maintenance puts the unacked messages of a worker
silent for longer than `heartbeat_timeout` back on the queue. That is the visibility
timeout a dead worker's agency needs; RQ moves such a job to its failed registry instead,
and scrapy-redis's Redis-fed spider pops start URLs with no acknowledgement at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from dramatiq import Message
from dramatiq.brokers.redis import RedisBroker

__all__ = ["ACTOR", "QUEUE", "agency_broker", "enqueue_agencies"]

QUEUE = "agencies"
ACTOR = "inspect_agency"
NAMESPACE = "qmsaudit"
# Out of a million broker commands, how many also return dead workers' messages to the
# queue. Each worker sends a heartbeat command every second, so with two workers a dead
# one's agencies are back within a few seconds of its visibility timeout; the maintenance
# scans Redis keys, which is why it is not done on every command.
MAINTENANCE_CHANCE = 100_000


def agency_broker(redis_url: str, *, visibility_timeout: float) -> RedisBroker:
    """The broker of the agency queue. No middleware: workers consume it directly, retry a
    failed agency themselves, and a crawl's budget bounds an agency's time."""
    broker = RedisBroker(  # type: ignore[no-untyped-call]  # Dramatiq's __init__ is untyped
        url=redis_url,
        middleware=[],
        namespace=NAMESPACE,
        heartbeat_timeout=int(visibility_timeout * 1000),
        maintenance_chance=MAINTENANCE_CHANCE,
    )
    broker.declare_queue(QUEUE)
    return broker


def enqueue_agencies(broker: RedisBroker, run_id: int, codes: Iterable[str]) -> int:
    """One message per agency of the run; returns how many were sent."""
    sent = 0
    for code in codes:
        broker.enqueue(
            Message(queue_name=QUEUE, actor_name=ACTOR, args=(run_id, code), kwargs={}, options={})
        )
        sent += 1
    return sent
