"""Request slots per host, shared on one Redis by every crawl process of a distributed run.

A crawl process keeps at most `per_site_concurrency` requests in flight to one host
(Scrapy's per-domain slots), but each process counts only its own. In distributed mode a
provincial portal that hosts many communes' pages would get that many requests from every
worker's crawl at once. With shared slots, a request first takes one of its host's slots
in Redis and gives it back when its answer (or failure) arrives.

A host's slots are a sorted set of tokens scored by when their lease ends, on Redis's own
clock (workers' clocks may differ). Each token names its process (its holder), which says
it is alive with a key that expires unless renewed (`renew`, and every `take`). Taking a
slot first drops the tokens whose holder is gone, so the slots of a process killed
mid-download are free again within `holder_ttl`, and those whose lease ended, the
backstop for a token a live process never gave back.

A host's pace is shared the same way: a request taking a slot says how long the host
must rest after it (its process's delay for the host: AutoThrottle's, at least the
robots.txt Crawl-delay), and no slot of the host is given before that time has passed,
whoever asks. So a site asking for 10 s between requests gets them 10 s apart from the
whole run, not from each process.
"""

from __future__ import annotations

import uuid
from typing import NamedTuple

import redis

__all__ = ["RENEW_EVERY", "HostSlots", "Turn"]

KEY_PREFIX = "qmsaudit:host-slots:"
PACE_PREFIX = "qmsaudit:host-pace:"  # when the host's next request may start (ms, Redis clock)
HOLDER_PREFIX = "qmsaudit:host-slot-holder:"
HOLDER_TTL = 15.0  # seconds; the crawl renews it every few seconds (`RENEW_EVERY`)
RENEW_EVERY = 5.0

# KEYS[1]: the host's set, KEYS[2]: the taker's holder key, KEYS[3]: the host's pace.
# ARGV: the host's limit, the lease in ms, the new token ("<holder>:<id>"), the holder
# keys' prefix, their TTL in ms, the rest the host needs after this request in ms.
# Returns {1, 0} when the slot is taken, else {0, ms until the host's pace allows one}.
TAKE = """
redis.call('SET', KEYS[2], '1', 'PX', ARGV[5])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local next_start = tonumber(redis.call('GET', KEYS[3]) or '0')
if now < next_start then
  return {0, next_start - now}
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for _, token in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local holder = string.match(token, '^([^:]+):')
  if holder == nil or redis.call('EXISTS', ARGV[4] .. holder) == 0 then
    redis.call('ZREM', KEYS[1], token)
  end
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return {0, 0}
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local rest = tonumber(ARGV[6])
if rest > 0 then
  redis.call('SET', KEYS[3], now + rest, 'PX', rest)
end
return {1, 0}
"""


class Turn(NamedTuple):
    """What `take` gives: a slot's token, or None and how long to wait before asking again
    (the host's rest after its last request; 0 when its slots are all in use)."""

    token: str | None
    wait: float = 0.0


class HostSlots:
    """At most `limit` requests per host in flight across every process using this Redis.

    lease: seconds after which a slot not given back is free again; longer than any
    request may hold one (its wait for the site's delay and its download).
    holder_ttl: seconds this process counts as alive after its last `take` or `renew`.
    """

    def __init__(
        self, client: redis.Redis, *, limit: int, lease: float, holder_ttl: float = HOLDER_TTL
    ) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        self.client = client
        self.limit = limit
        self.lease_ms = _ms(lease)
        self.holder = uuid.uuid4().hex
        self.holder_ttl_ms = _ms(holder_ttl)
        self._take = client.register_script(TAKE)

    @classmethod
    def from_url(cls, url: str, *, limit: int, lease: float) -> HostSlots:
        # A short socket timeout: the calls run on the crawl's reactor thread.
        client = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        return cls(client, limit=limit, lease=lease)

    def take(self, host: str, *, rest: float = 0.0) -> Turn:
        """One of `host`'s slots, if one is free and the host has rested since its last
        request; the host then rests `rest` seconds after this one."""
        token = f"{self.holder}:{uuid.uuid4().hex}"
        keys = [KEY_PREFIX + host, HOLDER_PREFIX + self.holder, PACE_PREFIX + host]
        args: list[str | int] = [
            self.limit,
            self.lease_ms,
            token,
            HOLDER_PREFIX,
            self.holder_ttl_ms,
            round(rest * 1000) if rest > 0 else 0,
        ]
        taken, wait_ms = self._take(keys=keys, args=args)
        return Turn(token, 0.0) if taken else Turn(None, int(wait_ms) / 1000)

    def renew(self) -> None:
        """This process is alive: its slots stay taken for `holder_ttl` more."""
        self.client.set(HOLDER_PREFIX + self.holder, "1", px=self.holder_ttl_ms)

    def give_back(self, host: str, token: str) -> None:
        self.client.zrem(KEY_PREFIX + host, token)

    def in_flight(self, host: str) -> int:
        """Slots of `host` taken now (leases that ended included until the next take)."""
        return int(self.client.zcard(KEY_PREFIX + host))

    def close(self) -> None:
        """Gives up this process's slots at once (its holder key) and the connection."""
        self.client.delete(HOLDER_PREFIX + self.holder)
        self.client.close()


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
