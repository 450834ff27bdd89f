"""Every document of the CMS tiers is served at its truth URL and reads as its format says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sandbox import RunningSandbox
from sandbox.files import read_registry
from tests.sandbox.conftest import fetch, tier_agencies
from tests.sandbox.documents import MAGIC, TITLE_WORDS, document_text, plain


def test_every_truth_document_of_the_tiers_is_served_in_its_format(
    running_platforms: RunningSandbox,
) -> None:
    documents = [(a, d) for a in tier_agencies(running_platforms.province) for d in a.documents]
    assert len(documents) > 100
    for agency, document in documents:
        parts = urlsplit(document.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        answer = fetch(running_platforms.port, parts.hostname or "", path)
        assert answer.status == 200, document.url
        assert int(answer.headers["content-length"]) == len(answer.body)
        assert answer.body.startswith(MAGIC[document.format]), document.url
        text = plain(document_text(document.format, answer))
        assert TITLE_WORDS[document.doc_type] in text, (agency.code, document.url)
        assert f"ISO 9001:{document.iso_version}" in text, document.url


def test_the_command_line_adds_the_tiers_on_request(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sandbox", "generate", "--agencies", "2", "--port", "8000"]
    plain_run = subprocess.run(
        [*command, "--out", str(tmp_path / "a")], capture_output=True, timeout=120, check=True
    )
    tiers_run = subprocess.run(
        [*command, "--platforms", "1", "--out", str(tmp_path / "b")],
        capture_output=True,
        timeout=120,
        check=True,
    )
    plain_files, tier_files = json.loads(plain_run.stdout), json.loads(tiers_run.stdout)
    assert len(read_registry(Path(plain_files["registry"]))) == 2
    registry = read_registry(Path(tier_files["registry"]))
    truth = json.loads(Path(tier_files["truth"]).read_text("utf-8"))["agencies"]
    assert len(registry) == len(truth) == 2 + 6
    assert [row.code for row in registry] == [agency["code"] for agency in truth]
    platforms = {tag for agency in truth for tag in agency["tags"] if tag.startswith("platform_")}
    assert len(platforms) == 6
    assert set(truth[2]) == set(truth[0])  # the same JSON shape as every agency
