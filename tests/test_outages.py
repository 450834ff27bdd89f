"""A night without network, or a site down for a day, does not rewrite the inspection.

(a) every site down: the run fails, exits non-zero with the reason, publishes nothing;
(b) one site down: it keeps its status and documents with a "since" finding, and becomes
    unreachable only after the threshold; back up, it is judged normally again;
(c) a site down during the first half of a run and back for the late retry is judged
    normally; (d) a site never reached is unreachable at once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.servers import Reply, VirtualHosts, page, serve, serve_later
from tests.inspection.agency_files import DOCX, complete_set
from tests.qmsaudit_process import environment, published, qmsaudit, sandbox_process


@dataclass
class Province:
    env: dict[str, str]
    registry: Path
    truth: dict[str, Any]
    baseline: dict[str, Any]
    stop_serving: Callable[[], None]


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Province]:
    root = tmp_path_factory.mktemp("outages")
    with ExitStack() as stack:
        box = stack.enter_context(sandbox_process(root / "sandbox", "--preset", "skeleton"))
        env = environment(root / "data", box.truth["as_of"], timeout="5")
        assert qmsaudit(["agencies", "import", str(box.registry)], env).returncode == 0
        crawled = qmsaudit(["crawl", "--all"], env)
        assert crawled.returncode == 0, crawled.stderr
        yield Province(env, box.registry, box.truth, published(env), stack.close)


def _rows(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    result = qmsaudit(["status", "--json"], env)
    assert result.returncode == 0, result.stderr
    return {row["code"]: row for row in json.loads(result.stdout)}


def test_d_a_site_never_reached_is_unreachable_at_once(province: Province) -> None:
    rows = _rows(province.env)
    unreachable = [a["code"] for a in province.truth["agencies"] if a["status"] == "unreachable"]
    assert unreachable and all(rows[code]["status"] == "unreachable" for code in unreachable)
    # Those whose server never answered (not those whose robots.txt forbids the crawl):
    dead = [code for code in unreachable if not rows[code]["crawl"]["robots_forbidden"]]
    assert dead and all(rows[code]["last_reached"] is None for code in dead)
    assert all([f["rule"] for f in rows[code]["findings"]] == ["SITE001"] for code in dead)


def _registry_with(province: Province, code: str, website: str, out: Path) -> Path:
    with province.registry.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:  # the sandbox writes the registry with Vietnamese headers
        if row["Mã"] == code:
            row["Trang thông tin điện tử"] = website
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_b_a_site_down_keeps_its_results_then_turns_unreachable(
    province: Province, tmp_path: Path
) -> None:
    code = next(a["code"] for a in province.truth["agencies"] if a["status"] == "compliant")
    website = next(a["website"] for a in province.truth["agencies"] if a["code"] == code)
    down = website.replace(website.rsplit(":", 1)[1].split("/")[0], "1")  # port 1: refused
    env = province.env
    day = date.fromisoformat(env["QMSAUDIT_AS_OF"])
    moved = _registry_with(province, code, down, tmp_path / "down.csv")
    assert qmsaudit(["agencies", "import", str(moved)], env).returncode == 0
    for days, status in ((1, "compliant"), (3, "compliant"), (4, "unreachable")):
        later = {**env, "QMSAUDIT_AS_OF": (day + timedelta(days=days)).isoformat()}
        crawled = qmsaudit(["crawl", "--agency", code], later)
        assert crawled.returncode == 0, crawled.stderr
        row = _rows(later)[code]
        assert row["status"] == status, (days, row["findings"])
        assert row["last_reached"] == day.isoformat()
        assert row["unreachable_since"] == (day + timedelta(days=1)).isoformat()
        if status == "compliant":
            assert published(later)[code]["documents"] == province.baseline[code]["documents"]
            (since,) = [f for f in row["findings"] if f["rule"] == "SITE003"]
            assert f"từ ngày {day + timedelta(days=1):%d/%m/%Y}" in since["message"]
        else:
            assert [f["rule"] for f in row["findings"]] == ["SITE001"]
    back = {**env, "QMSAUDIT_AS_OF": (day + timedelta(days=5)).isoformat()}
    assert qmsaudit(["agencies", "import", str(province.registry)], back).returncode == 0
    assert qmsaudit(["crawl", "--agency", code], back).returncode == 0
    assert published(back)[code] == province.baseline[code]
    assert _rows(back)[code]["unreachable_since"] is None


def test_c_a_site_down_until_the_late_retry_is_judged_normally(tmp_path: Path) -> None:
    files = complete_set()
    links = "".join(f'<li><a href="/files/{name}">{name}</a></li>' for name in files)
    site: dict[str, Any] = {
        "/": page(f"<h1>Hệ thống quản lý chất lượng ISO 9001</h1><ul>{links}</ul>"),
        **{
            f"/files/{name}": Reply(body=data, headers={"Content-Type": DOCX})
            for name, data in files.items()
        },
    }
    later = VirtualHosts(sites={"later.localhost": site})
    other = VirtualHosts(sites={})
    with serve_later(later) as (later_port, open_later), serve(other) as port:

        def other_home(path: str) -> Reply:
            open_later()  # the first agency was refused and parked before this one opened
            return page("<p>Tin tức</p>")

        other.sites["other.localhost"] = {"*": other_home}
        registry = tmp_path / "ds.csv"
        registry.write_text(
            "code,name,level,website\n"
            f"A-LATER,Sở Khoa học và Công nghệ,department,http://later.localhost:{later_port}/\n"
            f"B-OTHER,Sở Tư pháp,department,http://other.localhost:{port}/\n",
            "utf-8",
        )
        env = environment(tmp_path / "data", "2026-06-01", timeout="2", open_agencies="1")
        assert qmsaudit(["agencies", "import", str(registry)], env).returncode == 0
        crawled = qmsaudit(["crawl", "--all"], env)
    assert crawled.returncode == 0, crawled.stderr
    row = _rows(env)["A-LATER"]
    assert row["crawl"]["retried"] is True and row["crawl"]["reachable"] is True
    assert row["status"] not in ("unreachable", "not_published")
    assert {d["doc_type"] for d in row["documents"]} >= {"declaration", "quality_policy"}
    assert not [f for f in row["findings"] if f["rule"].startswith("SITE")]
    assert row["crawl"]["failures"] == []  # the refused first try was recovered


def test_a_every_site_down_fails_the_run_and_keeps_every_status(province: Province) -> None:
    province.stop_serving()  # the province's server goes away: a night without network
    crawled = qmsaudit(["crawl", "--all"], province.env)
    assert crawled.returncode == 1
    assert "thất bại" in crawled.stderr and "không kết nối được" in crawled.stderr
    assert "giữ nguyên" in crawled.stderr
    assert published(province.env) == province.baseline
