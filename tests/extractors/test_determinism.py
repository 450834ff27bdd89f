"""The same bytes give the same reading in every process.

Reading workers are forked from a forkserver that is a fresh interpreter each run, with
its own string-hash seed: any set or dict of strings iterated into the text would make
one run read a document differently from the next.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.extractors.renderings import RENDERINGS
from tests.extractors.test_docx import _merged_tables_docx

REPOSITORY = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
LINES = [
    line
    for line in (CORPUS / "decl_2015_sokhcn.txt").read_text("utf-8").splitlines()
    if line.strip()
]
# every format and repair but the OCRed ones (Tesseract is not ours to vouch for)
RENDERED = [name for name in RENDERINGS if name not in ("scan", "photo")]
READ_ALL = """
import json, sys
from pathlib import Path
from extractors import read_document
readings = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    reading = read_document(path.read_bytes(), filename=path.name)
    readings[path.name] = [reading.text, reading.as_dict()]
print(json.dumps(readings, ensure_ascii=False, default=str))
"""


def _read_in_a_process(folder: Path, hash_seed: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", READ_ALL, str(folder)],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    readings: dict[str, object] = json.loads(done.stdout)
    return readings


def test_readings_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    for name in RENDERED:
        fmt, render = RENDERINGS[name]
        (tmp_path / f"{name}.{fmt}").write_bytes(render(LINES))
    (tmp_path / "merged.docx").write_bytes(_merged_tables_docx()[0])
    for path in sorted(CORPUS.glob("*.txt"))[:40]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    first, second = (_read_in_a_process(tmp_path, seed) for seed in ("1", "2"))
    assert len(first) == len(RENDERED) + 41
    assert first == second
