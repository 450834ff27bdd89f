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
            "--preset",
            "skeleton",
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


def test_serve_a_generated_province_without_a_mirror(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "sandbox", "serve", "--preset", "province"),
            *("--agencies", "45", "--as-of", "2026-11-21", "--out", str(tmp_path), "--hold", "1s"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline())
        truth = json.loads(Path(ready["truth"]).read_text("utf-8"))
        assert len(truth["agencies"]) == 45
        assert not (tmp_path / "sites").exists()
        home = fetch(ready["port"], "so-tuphap.tinhdemo.localhost", "/van-ban?page=2")
        assert home.status == 200 and "Tải về" in home.body.decode("utf-8")
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0 and stderr == ""


def test_generate_a_thousand_agencies(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "sandbox", "generate", "--out", str(tmp_path)),
            *("--preset", "province", "--agencies", "1000", "--as-of", "2026-11-21"),
        ],
        capture_output=True,
        timeout=600,  # a hang guard: 10 s on an idle machine, 60+ under two CPU burners
        check=True,
    )
    assert json.loads(done.stdout)["truth"] == str(tmp_path / "truth.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.csv", "truth.json"]
    registry = (tmp_path / "registry.csv").read_text("utf-8-sig").splitlines()
    assert len(registry) == 1001 and registry[0].startswith("STT,Mã,Tên cơ quan,Cấp")


RENDER_ONE_AGENCY = """
import hashlib, sys
from datetime import date
from sandbox import generate_province
province = generate_province(seed=2, as_of=date(2026, 11, 21), port=8080, preset="province")
digest = hashlib.sha256()
for site in province.sites:
    for path in sorted(site.resources):
        if site.host.startswith(("so-tuphap.", "vpubnd.", "cc-thuyloi.", "isodientu.")):
            digest.update(path.encode() + site.resources[path].body)
print(digest.hexdigest())
"""


def test_generated_pages_and_files_are_the_same_in_another_process(tmp_path: Path) -> None:
    digests, truths = set(), set()
    for hash_seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        rendered = subprocess.run(
            [sys.executable, "-c", RENDER_ONE_AGENCY],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        digests.add(rendered.stdout)
        out = tmp_path / hash_seed
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sandbox",
                "generate",
                "--preset",
                "province",
                "--out",
                str(out),
                "--as-of",
                "2026-11-21",
                "--seed",
                "2",
            ],
            env=environment,
            capture_output=True,
            timeout=60,
            check=True,
        )
        truths.add((out / "truth.json").read_bytes() + (out / "registry.csv").read_bytes())
    assert len(digests) == 1 and len(truths) == 1
