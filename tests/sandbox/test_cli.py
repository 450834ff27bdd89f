"""`python -m sandbox`: the ready line, serving, stopping on SIGTERM, generating files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sandbox.cli import parse_latency
from tests.sandbox.conftest import fetch


def test_serve_prints_its_ready_line_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sandbox",
            "serve",
            "--port",
            "0",
            "--as-of",
            "2026-05-04",
            "--out",
            str(tmp_path),
            "--latency",
            "5ms",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline())
        assert set(ready) == {"port", "registry", "truth", "as_of"}
        assert ready["as_of"] == "2026-05-04"
        assert Path(ready["registry"]).is_file() and Path(ready["truth"]).is_file()
        truth = json.loads(Path(ready["truth"]).read_text("utf-8"))
        assert str(ready["port"]) in truth["agencies"][1]["website"]
        home = fetch(ready["port"], "so-khcn.tinhdemo.localhost", "/")
        assert home.status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert stderr == ""


def test_serve_without_out_cleans_up_its_temporary_directory() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "serve", "--as-of", "2026-05-04"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline())
        assert Path(ready["truth"]).is_file()
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
    assert process.returncode == 0
    assert not Path(ready["truth"]).exists()


def test_generate_writes_the_files_without_serving(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sandbox",
            "generate",
            "--out",
            str(tmp_path),
            "--port",
            "8123",
            "--seed",
            "3",
            "--as-of",
            "2026-01-10",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    truth = json.loads((tmp_path / "truth.json").read_text("utf-8"))
    assert truth["seed"] == 3 and truth["as_of"] == "2026-01-10"
    assert "localhost:8123/" in (tmp_path / "registry.csv").read_text("utf-8-sig")


@pytest.mark.parametrize(
    ("text", "seconds"), [("0ms", 0.0), ("150ms", 0.15), ("0.5s", 0.5), ("20", 0.02)]
)
def test_latency_accepts_milliseconds_and_seconds(text: str, seconds: float) -> None:
    assert parse_latency(text) == pytest.approx(seconds)


def test_generation_is_the_same_in_another_process(tmp_path: Path) -> None:
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        command = ["generate", "--out", str(out), "--as-of", "2026-11-21"]
        subprocess.run(
            [sys.executable, "-m", "sandbox", *command],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            timeout=60,
            check=True,
        )
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]
