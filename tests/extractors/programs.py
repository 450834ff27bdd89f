"""Stand-ins for the programs the extractors run (pdftoppm, tesseract, antiword…), put
first on PATH by a test: one that records what it was given, one that hangs."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def fake_program(folder: Path, name: str, body: str) -> Path:
    """Write an executable Python script `name` into `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def path_with(folder: Path) -> str:
    """PATH with `folder` first."""
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


# Records the size of each image it is given (the PGM header) in $TESSERACT_SIZES, one
# "width height" line a call, and reads no word.
RECORDING_TESSERACT = """\
import os, sys
with open(sys.argv[1], "rb") as image:
    image.readline()
    size = image.readline().decode().strip()
with open(os.environ["TESSERACT_SIZES"], "a") as log:
    log.write(size + "\\n")
print("level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth"
      "\\theight\\tconf\\ttext")
"""

# Writes its process group and its last argument (where its output would go) as JSON to
# $HANG_LOG, then sleeps far longer than any test waits: a tool stuck on a hostile file.
HANGING = """\
import json, os, sys, time
with open(os.environ["HANG_LOG"], "a") as log:
    log.write(json.dumps({"pid": os.getpid(), "pgid": os.getpgid(0), "target": sys.argv[-1]}))
    log.write("\\n")
time.sleep(600)
"""

# Writes its line in $HANG_LOG as HANGING does, then kills the process that ran it (the
# reading worker), as the kernel's OOM killer would.
KILLING_ITS_PARENT = """\
import json, os, signal, sys
with open(os.environ["HANG_LOG"], "a") as log:
    log.write(json.dumps({"pid": os.getpid(), "pgid": os.getpgid(0), "target": sys.argv[-1]}))
    log.write("\\n")
os.kill(os.getppid(), signal.SIGKILL)
"""
