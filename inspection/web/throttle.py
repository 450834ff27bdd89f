"""Rate limits on signing in: failed attempts counted per address and per (address, name).

Five wrong passwords for one name from one address, or twenty from one address whatever
the names, within `WINDOW` lock that address (for that name, or for all) until the oldest
failure leaves the window. A success clears the (address, name) count. Counts live in the
serving process, which is one process (`qmsaudit serve`); behind a reverse proxy the
address is the client's as the proxy reports it (uvicorn's proxy headers).
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["LoginLimits", "LoginThrottle"]

SWEEP_AT = 10_000


@dataclass(frozen=True, kw_only=True)
class LoginLimits:
    per_name: int = 5  # failures for one name from one address
    per_address: int = 20  # failures from one address, any names
    window: float = 15 * 60.0  # seconds


class LoginThrottle:
    """Counts failed sign-ins; `wait` says how long an address must wait, 0 if not."""

    def __init__(
        self, limits: LoginLimits | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or LoginLimits()
        self._clock = clock
        self._failures: dict[tuple[str, str | None], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str | None], now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] >= self.limits.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return deque()
        return times

    def wait(self, address: str, username: str) -> int:
        """Seconds (rounded up) before this address may try this name again; 0: now."""
        now = self._clock()
        with self._lock:
            waits = [
                self._wait(self._recent((address, username.lower()), now), self.limits.per_name),
                self._wait(self._recent((address, None), now), self.limits.per_address),
            ]
        return max(math.ceil(w - now) if w > now else 0 for w in waits)

    def _wait(self, times: deque[float], limit: int) -> float:
        if len(times) < limit:
            return 0.0
        return times[-limit] + self.limits.window  # when one of the last `limit` expires

    def failed(self, address: str, username: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) >= SWEEP_AT:  # many addresses: drop the expired ones
                for key in list(self._failures):
                    self._recent(key, now)
            self._failures[(address, username.lower())].append(now)
            self._failures[(address, None)].append(now)

    def succeeded(self, address: str, username: str) -> None:
        with self._lock:
            self._failures.pop((address, username.lower()), None)
