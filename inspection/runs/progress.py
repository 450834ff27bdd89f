"""Following a run: what the executor reports as it goes, and a Rich bar that shows it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["BarObserver", "LogObserver", "RunObserver", "progress_bar", "remaining"]


class RunObserver(Protocol):
    """Told, from the executor's threads, when an agency is crawled and when it is done."""

    def crawled(self, code: str) -> None: ...

    def committed(self, code: str) -> None: ...


def progress_bar(*, transient: bool = False) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=transient,
    )


class BarObserver:
    """Two bars: sites crawled, agencies read and judged (the run's progress)."""

    def __init__(self, progress: Progress, total: int, *, crawled_total: int) -> None:
        self._progress = progress
        self._crawling = progress.add_task("Đang thu thập", total=crawled_total)
        self._judging = progress.add_task("Đã đọc và đánh giá", total=total)

    def crawled(self, code: str) -> None:
        self._progress.update(self._crawling, advance=1, description=f"Đã thu thập {code}")

    def committed(self, code: str) -> None:
        self._progress.update(self._judging, advance=1)


def remaining(seconds: float) -> str:
    """A Vietnamese estimate of time left: "khoảng 3 phút", "dưới 1 phút"."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "dưới 1 phút"
    if minutes < 90:
        return f"khoảng {minutes} phút"
    return f"khoảng {minutes // 60} giờ {minutes % 60} phút"


class LogObserver:
    """Progress lines a log reader can follow: every `every` agencies or `seconds`, whichever
    comes first, with the share done and an estimate of the time left."""

    def __init__(
        self,
        run_id: int,
        total: int,
        write: Callable[[str], None],
        *,
        every: int = 10,
        seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._run_id, self._total, self._write = run_id, total, write
        self._every, self._seconds, self._clock = every, seconds, clock
        self._started = self._last = clock()
        self._done = self._reported = 0
        self._lock = threading.Lock()

    def crawled(self, code: str) -> None:
        """Crawled sites are not progress yet: an agency is done once read and judged."""

    def committed(self, code: str) -> None:
        with self._lock:
            self._done += 1
            now = self._clock()
            due = self._done - self._reported >= self._every or now - self._last >= self._seconds
            if not due and self._done < self._total:
                return
            self._reported, self._last = self._done, now
            elapsed = now - self._started
            left = elapsed / self._done * (self._total - self._done)
            share = 100 * self._done // max(1, self._total)
            self._write(
                f"Lượt #{self._run_id}: {self._done}/{self._total} cơ quan ({share}%), "
                f"còn {remaining(left)}"
            )
