"""Read documents in child processes with a time and a memory limit, and stop them at will.

A PDF bomb, a zip bomb inside a DOCX or a parser that hangs must end as a Reading with an
error, not as a dead or stuck inspection. Each worker process:
- leads a session (and process group) of its own, so that a terminal's Ctrl-C reaches the
  parent only, and ignores SIGINT as well: the parent decides when reading stops;
- sets an address-space limit on itself, which the programs it runs inherit;
- keeps its temporary files (and those of pdftoppm, tesseract…) in a folder of its own.
The parent kills a worker's whole process group when a read overruns its time or the
worker dies, and removes the worker's folder whenever the worker is replaced or stopped.

Exceptions: `ReadingInterrupted` (from `IsolatedReader.read` and `read_all`) says that
`IsolatedReader.cancel()` cut a read short. An interruption is not a property of the file,
so it never becomes a Reading; only a worker that dies on its own (killed for memory, a
crash) gives a Reading with an error.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import resource
import shutil
import signal
import socket
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from queue import Queue
from types import TracebackType

from extractors.formats import sniff_format
from extractors.reading import Reading

__all__ = ["IsolatedReader", "ReadLimits", "ReadRequest", "ReadingInterrupted"]

logger = logging.getLogger(__name__)

_START_SECONDS = 60.0  # for a new worker to report ready (the forkserver's first start too)
_GONE_SECONDS = 5.0  # for a killed group's processes to end before their folder is removed


class ReadingInterrupted(Exception):
    """`IsolatedReader.cancel()` was called: the document was not (fully) read."""


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


def _serve(connection: Connection, memory_bytes: int, folder: str) -> None:
    """The worker: leave the parent's group, set its limits, then read each request it is
    sent until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.setsid()
    from extractors import read_document  # preloaded by the forkserver: no time taken

    tempfile.tempdir = folder
    os.environ["TMPDIR"] = folder  # for the programs it runs
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    connection.send(os.getpgid(0))
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


class _Cancellation:
    """A flag that any thread or a signal handler may raise, with a socket that becomes
    readable when it is, so that threads waiting on their workers wake at once.

    Raising it only sets an attribute and sends a byte (no lock that the interrupted
    thread could be holding); a closed socket refuses the byte without touching any file
    descriptor that may have been reused since."""

    def __init__(self) -> None:
        self.waitable, self._sender = socket.socketpair()
        self._sender.setblocking(False)
        self.raised = False

    def raise_flag(self) -> None:
        if self.raised:
            return
        self.raised = True
        # OSError: the buffer is full (the socket is readable already) or the reader closed
        with contextlib.suppress(OSError):
            self._sender.send(b"\0")

    def check(self) -> None:
        if self.raised:
            raise ReadingInterrupted("reading was cancelled")

    def close(self) -> None:
        self._sender.close()
        self.waitable.close()


class _Worker:
    """One child process, the pipe to it and its folder; stopped whenever it overruns or
    dies, and started afresh by the next read."""

    def __init__(self, context: multiprocessing.context.BaseContext, limits: ReadLimits) -> None:
        self._context = context
        self._limits = limits
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._folder: Path | None = None
        self._group: int | None = None  # its process group, once it has said it leads one

    def start(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="qmsaudit-reader-"))
        connection, child = self._context.Pipe()
        process = self._context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(child, self._limits.memory_bytes, str(folder)),
            daemon=True,
        )
        try:
            process.start()
        except BaseException:  # not started: nothing to stop later, only what was made for it
            connection.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            child.close()
        self._process, self._connection, self._folder = process, connection, folder

    def read(self, request: ReadRequest, cancellation: _Cancellation) -> Reading:
        if self._process is None:
            self.start()
        try:
            answer = self._exchange(request, cancellation)
        except BaseException:
            self.stop()  # cut mid-read: its late answer must not pass for the next one's
            raise
        if isinstance(answer, Reading):
            return answer
        self.stop()
        return _failed(request, answer)

    def _exchange(self, request: ReadRequest, cancellation: _Cancellation) -> Reading | str:
        """The worker's reading, or why there is none; raises ReadingInterrupted."""
        assert self._connection is not None and self._process is not None
        try:
            if self._group is None:
                if not self._answered(cancellation, _START_SECONDS):
                    return f"extractor process did not start within {_START_SECONDS:g} s"
                self._group = int(self._connection.recv())
            self._connection.send(request)
            if not self._answered(cancellation, self._limits.seconds):
                return f"timed out after {self._limits.seconds:g} s"
            reading: Reading = self._connection.recv()
            return reading
        except (EOFError, OSError):
            self._process.join(1.0)  # it has closed its end: its exit code is at hand
            return f"extractor process died (exit code {self._process.exitcode})"

    def _answered(self, cancellation: _Cancellation, seconds: float) -> bool:
        """Whether the worker said something (or died) within `seconds`."""
        assert self._connection is not None
        ready = wait([self._connection, cancellation.waitable], seconds)
        cancellation.check()
        return bool(ready)

    def stop(self) -> None:
        """Kill the worker and every process of its group, then remove its folder."""
        process, connection, folder, group = (
            self._process,
            self._connection,
            self._folder,
            self._group,
        )
        self._process = self._connection = self._folder = self._group = None
        if process is None or connection is None or folder is None:
            return
        if group is not None:
            _kill_group(group)
        if process.is_alive():
            process.kill()  # it had not yet left the parent's group
        process.join(_GONE_SECONDS)
        connection.close()
        if group is not None:
            _wait_until_gone(group)
        try:
            shutil.rmtree(folder)
        except OSError as error:
            logger.warning("could not remove the folder of a stopped reader: %s", error)


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # every process of it has ended already
        os.killpg(group, signal.SIGKILL)


def _group_alive(group: int) -> bool:
    """Whether a process of `group` still runs (a zombie only waits to be reaped)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # it ended while being looked at
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            return True
    return False


def _wait_until_gone(group: int) -> None:
    deadline = time.monotonic() + _GONE_SECONDS
    while _group_alive(group):
        if time.monotonic() > deadline:
            logger.warning("process group %d still runs %g s after SIGKILL", group, _GONE_SECONDS)
            return
        time.sleep(0.01)


class IsolatedReader:
    """A pool of worker processes that read documents under `limits`.

    Use as a context manager; `read` for one document, `read_all` for many in parallel
    (results in the order of the requests). `cancel()` (from any thread, or a signal
    handler) stops the reads in flight at once: they, and every later one, raise
    ReadingInterrupted.
    """

    def __init__(self, *, workers: int = 1, limits: ReadLimits | None = None) -> None:
        self._size = max(1, workers)
        self._limits = limits or ReadLimits()
        self._cancellation = _Cancellation()
        self._idle: Queue[_Worker] = Queue()
        self._workers: list[_Worker] = []

    def __enter__(self) -> IsolatedReader:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["extractors"])
        try:
            for _ in range(self._size):
                worker = _Worker(context, self._limits)
                self._workers.append(worker)
                self._idle.put(worker)
                worker.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.cancel()  # a read in flight in another thread ends now and gives its worker back
        workers = [self._idle.get() for _ in self._workers]
        for worker in workers:
            worker.stop()
        for worker in workers:
            self._idle.put(worker)  # for a thread still waiting for one: it will find it cancelled
        self._cancellation.close()

    def cancel(self) -> None:
        """Stop reading: reads in flight end now (their workers are killed) and raise
        ReadingInterrupted, as does every later read. Safe from any thread and from a
        signal handler; calling it again does nothing."""
        self._cancellation.raise_flag()

    def read(self, request: ReadRequest) -> Reading:
        """Read one document; raises ReadingInterrupted once `cancel()` has been called."""
        self._cancellation.check()
        worker = self._idle.get()
        try:
            self._cancellation.check()
            return worker.read(request, self._cancellation)
        finally:
            self._idle.put(worker)

    def read_all(self, requests: Iterable[ReadRequest]) -> Iterator[Reading]:
        """Readings in request order; only a few requests are held in memory at a time.

        Raises ReadingInterrupted once `cancel()` has been called. A KeyboardInterrupt
        while waiting here cancels the reader."""
        with ThreadPoolExecutor(max_workers=self._size) as pool:
            pending: deque[Future[Reading]] = deque()
            try:
                for request in requests:
                    pending.append(pool.submit(self.read, request))
                    if len(pending) >= 2 * self._size:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            except KeyboardInterrupt:
                self.cancel()
                raise
            finally:
                for future in pending:
                    future.cancel()  # those not started; the pool waits for the others
