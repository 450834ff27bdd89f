"""The store on a real PostgreSQL server: the same tables, runs and queries as on SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import select

from inspection.registry import import_registry
from inspection.runs import RunRequest, claim_run
from inspection.runs.publish import publish_run
from inspection.status import status_rows
from store import Agency, BlobStore, Document, Run, make_engine, open_session, prepare
from tests.inspection.agency_files import Site, complete_set, judge_and_commit


def test_import_crawl_results_and_publishing_on_postgresql(
    empty_postgresql_url: str, tmp_path: Path
) -> None:
    engine = make_engine(empty_postgresql_url)
    try:
        prepare(engine)
        registry = tmp_path / "ds.csv"
        registry.write_text(
            "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Ngày thành lập\n"
            "SXD,Sở Xây dựng,department,https://sxd.vn/,2025-07-01\n",
            "utf-8",
        )
        with open_session(engine) as session:
            assert import_registry(session, registry).created == 1
            agency = session.exec(select(Agency)).one()
        blobs = BlobStore(tmp_path / "blobs")
        files = {k: v for k, v in complete_set().items() if k != "chinh-sach.docx"}
        run = claim_run(engine, RunRequest(as_of=date(2026, 6, 1)), agencies=1)
        judge_and_commit(
            engine,
            blobs,
            run,
            Site("https://sxd.vn/", files).crawled(agency, blobs),
            as_of=date(2026, 6, 1),
        )
        with open_session(engine) as session:
            fresh = session.get(Run, run.id)
            assert fresh is not None
            publish_run(session, fresh)
            session.commit()
            (row,) = status_rows(session)
            declaration = session.exec(
                select(Document).where(Document.doc_type == "declaration")
            ).one()
    finally:
        engine.dispose()
    assert row["status"] == "incomplete"  # the quality policy is missing
    # DOC008: the declaration is issued as SKHCN on Sở Xây dựng's site (advisory findings
    # of the default profile, which change no status, are listed too).
    assert {f["rule"] for f in row["findings"]} == {"DOC003", "DOC008", "FRESH005", "FRESH006"}
    assert declaration.versions_mentioned == ["2008", "2015"]  # JSON kept as written
    assert declaration.details["number"] == "12/QĐ-SKHCN"
