"""The official report's parts that come from history: changes since the previous run,
inspectors' corrections, and a report of a past run (`--run N`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from inspection.cli import app
from inspection.corrections import override_finding
from inspection.runs import RunRequest, claim_run
from rules import load_profile
from store import Agency, BlobStore, Finding, make_engine, open_session, prepare, sqlite_url
from tests.inspection.agency_files import Site, complete_set, judge_and_commit, publish_committed

JUNE = date(2026, 6, 1)


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "q.db")
    engine = make_engine(url)
    prepare(engine)
    blobs = BlobStore(tmp_path / "blobs")
    with open_session(engine) as session:
        session.add_all(
            [
                Agency(
                    code="SKHCN",
                    name="Sở Khoa học và Công nghệ",
                    level="department",
                    website="http://skhcn.vn/",
                ),
                Agency(code="STP", name="Sở Tư pháp", level="department", website="http://stp.vn/"),
            ]
        )
        session.commit()
        agencies = list(session.exec(select(Agency).order_by(Agency.code)).all())  # type: ignore[arg-type]
    full = complete_set()
    no_policy = {k: v for k, v in full.items() if k != "chinh-sach.docx"}
    for sites in ((full, full), (no_policy, full)):  # run 1: both complete; run 2: SKHCN not
        run = claim_run(engine, RunRequest(as_of=JUNE), agencies=2)
        for agency, files in zip(agencies, sites, strict=True):
            site = Site(agency.website or "", files)
            judge_and_commit(engine, blobs, run, site.crawled(agency, blobs), as_of=JUNE)
        publish_committed(engine, run.id)
    with open_session(engine) as session:
        (missing,) = session.exec(select(Finding).where(Finding.rule == "DOC003")).all()
        override_finding(
            session,
            missing,
            reason="Chính sách đăng ở mục Giới thiệu, bản ảnh",
            user="thanh",
            profile=load_profile(None),
        )
        session.commit()
    engine.dispose()
    return url


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_report_names_changes_and_corrections(database: str, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    result = CliRunner().invoke(app, ["--database-url", database, "report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert "Thay đổi so với lần kiểm tra trước" in text
    assert "Có 1 cơ quan, đơn vị thay đổi kết quả" in text
    assert "Có 1 tài liệu HTQLCL không còn trên Trang thông tin điện tử của: Sở Khoa học" in text
    assert "Điều chỉnh của cán bộ kiểm tra" in text
    assert "Chính sách đăng ở mục Giới thiệu, bản ảnh" in text and "thanh" in text
    assert "2/2 cơ quan đã đăng tải tài liệu HTQLCL" in text


def test_a_report_of_a_past_run_shows_that_run(database: str, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-1.docx"
    runner = CliRunner()
    result = runner.invoke(
        app, ["--database-url", database, "report", "--run", "1", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert "Không có điều chỉnh nào của cán bộ kiểm tra" in text  # none were made then
    assert "Đây là lần kiểm tra đầu tiên" in text
    assert "Không có cơ quan nào đăng tải chưa đầy đủ" in text
    missing = runner.invoke(
        app, ["--database-url", database, "report", "--run", "9", "-o", str(tmp_path / "x.docx")]
    )
    assert missing.exit_code == 2 and "#9" in missing.output
