from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from inspection.auditing import audit_agencies
from rules import RULES
from store import (
    Agency,
    CrawlRun,
    Document,
    Fetch,
    Finding,
    SiteVisit,
    Verdict,
    create_schema,
    make_engine,
    open_session,
    sqlite_url,
)

AS_OF = date(2026, 6, 1)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    create_schema(engine)
    return open_session(engine)


def _crawled_agency(session: Session, doc_types: list[str]) -> Agency:
    agency = Agency(code="SKHCN", name="Sở KH&CN", level="department", website="http://s.vn/")
    run = CrawlRun()
    session.add_all([agency, run])
    session.commit()
    assert agency.id is not None and run.id is not None
    session.add(SiteVisit(run_id=run.id, agency_id=agency.id, reachable=True, pages=3))
    _add_documents(session, agency, run, doc_types)
    return agency


def _add_documents(session: Session, agency: Agency, run: CrawlRun, doc_types: list[str]) -> None:
    assert agency.id is not None and run.id is not None
    for index, doc_type in enumerate(doc_types):
        fetch = Fetch(run_id=run.id, agency_id=agency.id, url=f"http://s.vn/{doc_type}.pdf")
        session.add(fetch)
        session.commit()
        assert fetch.id is not None
        session.add(
            Document(
                agency_id=agency.id,
                fetch_id=fetch.id,
                run_id=run.id,
                url=fetch.url,
                sha256=f"{run.id}-{index}-{doc_type}",
                doc_type=doc_type,
                iso_version="2015" if doc_type == "declaration" else None,
                year=2026 if doc_type == "quality_objectives" else None,
                issued=date(2024, 3, 5),
            )
        )
    session.commit()


# The design's status rules; advisory checks (no yearly records published, …) are left out.
STATUS_RULES = {code for code, rule in RULES.items() if not rule.advisory}


def _open_rules(session: Session) -> set[str]:
    rows = session.exec(select(Finding).where(col(Finding.resolved_at).is_(None))).all()
    return {row.rule for row in rows} & STATUS_RULES


def test_verdict_and_findings_are_stored(session: Session) -> None:
    agency = _crawled_agency(session, ["quality_policy", "quality_objectives", "process_list"])
    assert audit_agencies(session, [agency], as_of=AS_OF) == 1
    assert agency.id is not None
    verdict = session.get(Verdict, agency.id)
    assert verdict is not None
    assert (verdict.status, verdict.as_of) == ("incomplete", AS_OF)
    assert _open_rules(session) == {"DOC002"}


def test_a_finding_seen_again_keeps_its_first_seen_and_a_gone_one_is_resolved(
    session: Session,
) -> None:
    agency = _crawled_agency(session, ["quality_policy", "quality_objectives", "process_list"])
    audit_agencies(session, [agency], as_of=AS_OF)
    first = session.exec(select(Finding).where(Finding.rule == "DOC002")).one()
    audit_agencies(session, [agency], as_of=AS_OF)
    again = session.exec(select(Finding).where(Finding.rule == "DOC002")).one()
    assert again.id == first.id and again.first_seen == first.first_seen
    assert again.last_seen >= first.last_seen

    run = CrawlRun()
    session.add(run)
    session.commit()
    assert agency.id is not None and run.id is not None
    session.add(SiteVisit(run_id=run.id, agency_id=agency.id, reachable=True))
    _add_documents(
        session,
        agency,
        run,
        ["declaration", "quality_policy", "quality_objectives", "process_list"],
    )
    audit_agencies(session, [agency], as_of=AS_OF)
    resolved = session.get(Finding, first.id)
    assert resolved is not None and resolved.resolved_at is not None
    assert _open_rules(session) == set()
    verdict = session.get(Verdict, agency.id)
    assert verdict is not None and verdict.status == "compliant"


def test_an_agency_never_crawled_gets_no_verdict(session: Session) -> None:
    agency = Agency(code="MOI", name="Mới", level="commune", website="http://m.vn/")
    session.add(agency)
    session.commit()
    assert audit_agencies(session, [agency], as_of=AS_OF) == 0
    assert session.exec(select(Verdict)).all() == []
