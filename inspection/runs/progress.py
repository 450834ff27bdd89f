"""Following a run: what the executor reports as it goes, and a Rich bar that shows it."""

from __future__ import annotations

from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["BarObserver", "RunObserver", "progress_bar"]


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
