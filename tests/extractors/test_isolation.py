"""Reading in child processes: the same result as in-process, limits that hold, workers
that leave nothing behind and stop when told to."""

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from extractors import read_document
from extractors.isolation import IsolatedReader, ReadingInterrupted, ReadLimits, ReadRequest
from tests.extractors.documents import make_docx
from tests.extractors.programs import HANGING, KILLING_ITS_PARENT, fake_program, path_with
from tests.extractors.word97 import word97_document

REPOSITORY = Path(__file__).resolve().parents[2]
POLICY = (
    "<html><body><article><h1>CHÍNH SÁCH CHẤT LƯỢNG</h1>"
    "<p>Sở Khoa học và Công nghệ cam kết xây dựng, áp dụng, duy trì và cải tiến Hệ thống "
    "quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015.</p>"
    "</article></body></html>"
).encode()
# catdoc loops for ever on this damaged block depot (antiword refuses it): a read of
# DEFAULT_TIMEOUT (10 s) per tool in extractors.doc
HANGS_CATDOC = word97_document("QUYẾT ĐỊNH")[:2048]


def _large_docx(unpacked: int) -> bytes:
    """A valid DOCX whose body is `unpacked` bytes of 1,000-letter paragraphs: under the
    zip-bomb guard, but it takes about four times that much memory to read."""
    base = zipfile.ZipFile(io.BytesIO(make_docx(["x"])))
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in base.infolist():
            if member.filename != "word/document.xml":
                archive.writestr(member, base.read(member))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(unpacked // (1000 * len(paragraph))):
                part.write(paragraph * 1000)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def test_a_child_reads_what_the_parent_would() -> None:
    with IsolatedReader(workers=1) as reader:
        isolated = reader.read(ReadRequest(data=POLICY, content_type="text/html"))
    assert isolated == read_document(POLICY, content_type="text/html")
    assert isolated.classification.doc_type == "quality_policy"


def test_an_overrun_ends_as_an_error_and_the_next_document_is_still_read() -> None:
    with IsolatedReader(workers=1, limits=ReadLimits(seconds=1)) as reader:
        readings = list(
            reader.read_all(
                [ReadRequest(data=HANGS_CATDOC, filename="qd.doc"), ReadRequest(data=POLICY)]
            )
        )
    assert readings[0].error == "timed out after 1 s"
    assert (readings[0].format, readings[0].classification.doc_type) == ("doc", "not_qms")
    assert readings[1].classification.doc_type == "quality_policy"


def test_a_document_over_the_memory_limit_ends_as_an_error_and_the_run_goes_on() -> None:
    large = _large_docx(60 << 20)
    limits = ReadLimits(seconds=120, memory_bytes=256 << 20)
    with IsolatedReader(workers=1, limits=limits) as reader:
        requests = [ReadRequest(data=large, filename="lon.docx"), ReadRequest(data=POLICY)]
        readings = list(reader.read_all(requests))
    assert readings[0].error == "out of memory while reading"
    assert readings[0].format == "docx"
    assert readings[1].classification.doc_type == "quality_policy"


def test_a_scan_is_ocred_inside_a_worker_under_its_memory_limit() -> None:
    from tests.extractors.renderings import scanned
    from tests.extractors.test_read_formats import LINES

    limits = ReadLimits(seconds=120, memory_bytes=768 << 20)  # Tesseract inherits the limit
    with IsolatedReader(workers=1, limits=limits) as reader:
        reading = reader.read(ReadRequest(data=scanned(LINES), filename="qd.pdf"))
    assert (reading.error, reading.ocr) == (None, True)
    assert reading.classification.doc_type == "declaration"


def test_cancel_from_another_thread_interrupts_read_all() -> None:
    requests = [ReadRequest(data=HANGS_CATDOC, filename="qd.doc")] * 3
    with IsolatedReader(workers=2, limits=ReadLimits(seconds=600)) as reader:
        # whether it comes before the reads start or during them, each read must raise
        threading.Timer(0.5, reader.cancel).start()
        with pytest.raises(ReadingInterrupted):
            list(reader.read_all(requests))
        with pytest.raises(ReadingInterrupted):
            reader.read(ReadRequest(data=POLICY))


# --- seen from outside: a reader in a process of its own, stand-in programs on PATH ---


def _probe_environment(tmp_path: Path, program: str) -> dict[str, str]:
    """PATH with a stand-in `pdftoppm`, its log, and a TMPDIR that must end up empty."""
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "pdftoppm", program)
    (tmp_path / "tmp").mkdir()
    return {
        **os.environ,
        "PATH": path_with(bin_dir),
        "HANG_LOG": str(tmp_path / "started.jsonl"),
        "TMPDIR": str(tmp_path / "tmp"),
    }


def _start_probe(mode: str, environment: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.extractors.reader_probe", mode],
        cwd=REPOSITORY,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, so that a test can signal it whole
    )


def _run_probe(mode: str, environment: dict[str, str]) -> dict[str, object]:
    probe = _start_probe(mode, environment)
    stdout, stderr = probe.communicate(timeout=120)
    assert (probe.returncode, stderr) == (0, "")
    result: dict[str, object] = json.loads(stdout.splitlines()[-1])
    return result


def _started(tmp_path: Path) -> list[dict[str, object]]:
    lines = (tmp_path / "started.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def _live_members(group: int) -> list[int]:
    """The processes of `group` that still run (not zombies)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(pgrp) == group and state not in ("Z", "X"):
            members.append(int(stat.parent.name))
    return members


def _assert_nothing_left(tmp_path: Path, started: list[dict[str, object]]) -> None:
    for program in started:
        assert _live_members(int(str(program["pgid"]))) == []
        assert not Path(str(program["target"])).parent.exists()  # its qmsaudit-ocr-* folder
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_timed_out_read_leaves_no_process_and_no_file(tmp_path: Path) -> None:
    result = _run_probe("timeout", _probe_environment(tmp_path, HANGING))
    assert result == {"error": "timed out after 2 s"}
    (program,) = _started(tmp_path)
    worker_folder = Path(str(program["target"])).parent.parent
    assert worker_folder.parent == tmp_path / "tmp"
    assert worker_folder.name.startswith("qmsaudit-reader-")
    _assert_nothing_left(tmp_path, [program])


def test_a_worker_that_dies_on_its_own_gives_an_error_reading(tmp_path: Path) -> None:
    result = _run_probe("crash", _probe_environment(tmp_path, KILLING_ITS_PARENT))
    assert result == {"error": "extractor process died (exit code -9)", "next": ["html", None]}
    _assert_nothing_left(tmp_path, _started(tmp_path))


def test_cancel_interrupts_a_read_and_kills_the_program_it_waits_for(tmp_path: Path) -> None:
    result = _run_probe("cancel", _probe_environment(tmp_path, HANGING))
    assert result == {"interrupted": "reading was cancelled", "thread_alive": False}
    _assert_nothing_left(tmp_path, _started(tmp_path))


@pytest.mark.parametrize(
    ("mode", "said", "exit_code"),
    [("sigint", {"interrupted": True}, 0), ("sigint-default", {"keyboard_interrupt": True}, 0)],
)
def test_ctrl_c_reaches_the_parent_only(
    tmp_path: Path, mode: str, said: dict[str, bool], exit_code: int
) -> None:
    probe = _start_probe(mode, _probe_environment(tmp_path, HANGING))
    try:
        assert probe.stdout is not None
        assert json.loads(probe.stdout.readline()) == {"reading": True}
        _wait_for_lines(tmp_path / "started.jsonl", 2)
        os.killpg(probe.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
        stdout, stderr = probe.communicate(timeout=60)
    finally:
        if probe.poll() is None:
            probe.kill()
            probe.communicate(timeout=60)  # its workers' programs may hold the pipes
    assert (probe.returncode, stderr) == (exit_code, "")  # no worker's traceback
    assert json.loads(stdout.splitlines()[-1]) == said
    started = _started(tmp_path)
    assert all(program["pgid"] != probe.pid for program in started)
    _assert_nothing_left(tmp_path, started)


def _wait_for_lines(path: Path, count: int) -> None:
    for _ in range(3000):
        if path.exists() and len(path.read_text().splitlines()) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} never had {count} lines")


def test_a_reader_that_cannot_start_raises_why_and_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.context
    import tempfile

    def refuse(self: object) -> None:
        raise OSError("forkserver unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkServerProcess, "start", refuse)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(OSError, match="forkserver unavailable"), IsolatedReader(workers=2):
        pass
    assert list(tmp_path.iterdir()) == []
