"""The store on a real PostgreSQL server: the same tables and queries as on SQLite."""

from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from inspection.auditing import audit_agencies
from inspection.registry import import_registry
from store import (
    Agency,
    CrawlRun,
    Document,
    Fetch,
    SiteVisit,
    Verdict,
    create_schema,
    make_engine,
    open_session,
)


def test_registry_import_and_audit_on_postgresql(postgresql_url: str, tmp_path: Path) -> None:
    engine = make_engine(postgresql_url)
    try:
        _import_and_audit(engine, tmp_path)
    finally:
        engine.dispose()


def _import_and_audit(engine: Engine, tmp_path: Path) -> None:
    create_schema(engine)
    registry = tmp_path / "ds.csv"
    registry.write_text(
        "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Ngày thành lập\n"
        "SXD,Sở Xây dựng,department,https://sxd.vn/,2025-07-01\n",
        "utf-8",
    )
    with open_session(engine) as session:
        assert import_registry(session, registry).created == 1
        agency = session.exec(select(Agency)).one()
        run = CrawlRun()
        session.add(run)
        session.commit()
        assert agency.id is not None and run.id is not None
        fetch = Fetch(run_id=run.id, agency_id=agency.id, url="https://sxd.vn/cb.pdf")
        session.add(SiteVisit(run_id=run.id, agency_id=agency.id, reachable=True))
        session.add(fetch)
        session.commit()
        assert fetch.id is not None
        session.add(
            Document(
                agency_id=agency.id,
                fetch_id=fetch.id,
                run_id=run.id,
                url=fetch.url,
                sha256="ab" * 32,
                doc_type="declaration",
                iso_version="2015",
                versions_mentioned=["2015", "2008"],
                issued=date(2024, 3, 5),
                details={"cues": ["tiêu đề: công bố HTQLCL"]},
            )
        )
        session.commit()
        audit_agencies(session, [agency], as_of=date(2026, 6, 1))
        verdict = session.get(Verdict, agency.id)
        document = session.exec(select(Document)).one()
    assert verdict is not None
    # The declaration predates the 2025-07-01 merger, and the good-practice items are missing.
    assert verdict.status == "incomplete"
    assert document.versions_mentioned == ["2015", "2008"]
    assert document.details == {"cues": ["tiêu đề: công bố HTQLCL"]}
