"""A process that reads with an IsolatedReader while a test watches it from outside.

    python -m tests.extractors.reader_probe MODE

Run by tests/extractors/test_isolation.py in a fresh interpreter, with stand-in programs
first on PATH (the reader's forkserver keeps the environment it started with, so a test
cannot change a running one's) and TMPDIR pointing at a folder of the test's. The
document read is a PDF without a text layer, so the worker runs pdftoppm on it. Prints
one JSON object: what the reads gave.

Modes:
- timeout: one read under a 2-second limit.
- crash: a read whose worker is killed from outside (as the OOM killer would), then one
  that should go through.
- cancel: a read in another thread, cancelled once the stand-in program has started.
- sigint: two reads in parallel; SIGINT cancels the reader (a handler calls cancel()).
- sigint-default: the same without a handler: Python's KeyboardInterrupt.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from extractors.isolation import IsolatedReader, ReadingInterrupted, ReadLimits, ReadRequest
from tests.extractors.documents import make_blank_pdf

SCAN = ReadRequest(data=make_blank_pdf(), filename="scan.pdf")
PAGE = ReadRequest(data=b"<html><body><p>Trang tin</p></body></html>", filename="a.html")


def _started(count: int) -> None:
    """Wait until `count` stand-in programs have written their line in $HANG_LOG."""
    log = Path(os.environ["HANG_LOG"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.exists() and len(log.read_text().splitlines()) >= count:
            return
        time.sleep(0.02)
    raise RuntimeError("the stand-in program never started")


def timeout() -> dict[str, object]:
    with IsolatedReader(limits=ReadLimits(seconds=2)) as reader:
        return {"error": reader.read(SCAN).error}


def crash() -> dict[str, object]:
    with IsolatedReader(limits=ReadLimits(seconds=600)) as reader:
        first = reader.read(SCAN)
        second = reader.read(PAGE)
    return {"error": first.error, "next": [second.format, second.error]}


def cancel() -> dict[str, object]:
    outcome: dict[str, object] = {}

    def read() -> None:
        try:
            outcome["reading"] = repr(reader.read(SCAN))
        except ReadingInterrupted as error:
            outcome["interrupted"] = str(error)

    with IsolatedReader(limits=ReadLimits(seconds=600)) as reader:
        thread = threading.Thread(target=read)
        thread.start()
        _started(1)
        reader.cancel()
        thread.join(60)
        outcome["thread_alive"] = thread.is_alive()
    return outcome


def sigint(handle: bool) -> dict[str, object]:
    # Python's own KeyboardInterrupt, even when started with SIGINT ignored (as a
    # non-interactive shell starts its background jobs): that is what this mode tests.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with IsolatedReader(workers=2, limits=ReadLimits(seconds=600)) as reader:
        if handle:

            def on_sigint(signum: int, frame: FrameType | None) -> None:
                reader.cancel()

            signal.signal(signal.SIGINT, on_sigint)
        print(json.dumps({"reading": True}), flush=True)
        try:
            readings = list(reader.read_all([SCAN, SCAN, PAGE]))
        except ReadingInterrupted:
            return {"interrupted": True}
        except KeyboardInterrupt:
            return {"keyboard_interrupt": True}
    return {"readings": [reading.error for reading in readings]}


def main() -> None:
    mode = sys.argv[1]
    if mode.startswith("sigint"):
        result = sigint(handle=mode == "sigint")
    else:
        result = {"timeout": timeout, "crash": crash, "cancel": cancel}[mode]()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
