"""Read documents in child processes with a time and a memory limit.

A PDF bomb, a zip bomb inside a DOCX or a parser that hangs must end as a Reading with an
error, not as a dead or stuck inspection. Each worker process sets an address-space limit
on itself; the parent kills a worker that overruns its time and starts a fresh one.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from queue import Queue
from types import TracebackType

from extractors.formats import sniff_format
from extractors.reading import Reading

__all__ = ["IsolatedReader", "ReadLimits", "ReadRequest"]


@dataclass(frozen=True, kw_only=True)
class ReadLimits:
    """Limits for reading one document.

    seconds: wall-clock time for one document, after which its worker is killed.
    memory_bytes: the address-space limit of a worker process (RLIMIT_AS).
    """

    seconds: float = 120.0
    memory_bytes: int = 2 * 1024**3


@dataclass(frozen=True, kw_only=True)
class ReadRequest:
    data: bytes
    content_type: str | None = None
    filename: str | None = None
    url: str | None = None


def _serve(connection: Connection, memory_bytes: int) -> None:
    """The worker's loop: read each request it is sent until the pipe closes."""
    from extractors import read_document

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    while True:
        try:
            request: ReadRequest = connection.recv()
        except EOFError:
            return
        try:
            reading = read_document(
                request.data,
                content_type=request.content_type,
                filename=request.filename,
                url=request.url,
            )
        except MemoryError:
            reading = _failed(request, "out of memory while reading")
        except Exception as error:  # a bug in an extractor: reported as the reading's error
            reading = _failed(request, f"extractor crashed: {error!r}")
        connection.send(reading)


def _failed(request: ReadRequest, error: str) -> Reading:
    fmt = sniff_format(
        request.data, content_type=request.content_type, filename=request.filename, url=request.url
    )
    return Reading(format=fmt, error=error)


class _Worker:
    """One child process and the pipe to it; replaced whenever it dies or overruns."""

    def __init__(self, context: multiprocessing.context.BaseContext, limits: ReadLimits) -> None:
        self._context = context
        self._limits = limits
        self._start()

    def _start(self) -> None:
        self._connection, child = self._context.Pipe()
        self._process = self._context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, self._limits.memory_bytes), daemon=True
        )
        self._process.start()
        child.close()

    def read(self, request: ReadRequest) -> Reading:
        try:
            self._connection.send(request)
            if self._connection.poll(self._limits.seconds):
                reading: Reading = self._connection.recv()
                return reading
            error = f"timed out after {self._limits.seconds:g} s"
        except (EOFError, OSError):
            error = f"extractor process died (exit code {self._process.exitcode})"
        self._restart()
        return _failed(request, error)

    def _restart(self) -> None:
        self.stop()
        self._start()

    def stop(self) -> None:
        self._connection.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=10)


class IsolatedReader:
    """A pool of worker processes that read documents under `limits`.

    Use as a context manager; `read` for one document, `read_all` for many in parallel
    (results in the order of the requests).
    """

    def __init__(self, *, workers: int = 1, limits: ReadLimits | None = None) -> None:
        self._size = max(1, workers)
        self._limits = limits or ReadLimits()
        self._idle: Queue[_Worker] = Queue()
        self._workers: list[_Worker] = []

    def __enter__(self) -> IsolatedReader:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["extractors"])
        for _ in range(self._size):
            worker = _Worker(context, self._limits)
            self._workers.append(worker)
            self._idle.put(worker)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for worker in self._workers:
            worker.stop()

    def read(self, request: ReadRequest) -> Reading:
        worker = self._idle.get()
        try:
            return worker.read(request)
        finally:
            self._idle.put(worker)

    def read_all(self, requests: Iterable[ReadRequest]) -> Iterator[Reading]:
        """Readings in request order; only a few requests are held in memory at a time."""
        with ThreadPoolExecutor(max_workers=self._size) as pool:
            pending: deque[Future[Reading]] = deque()
            for request in requests:
                pending.append(pool.submit(self.read, request))
                if len(pending) >= 2 * self._size:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
