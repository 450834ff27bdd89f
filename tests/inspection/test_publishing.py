"""Runs publish only when complete; findings keep their identity; sites down keep their results.

Agencies are committed as a run's job commits them (real documents, read in process), then
the run is published or ended, and what staff see is read back through `status_rows`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from inspection.runs import RunRequest, claim_run, end_run, preview_audit, save_audit
from inspection.runs.publish import publish_run
from inspection.status import status_rows
from rules import load_profile
from store import (
    HELD,
    Agency,
    BlobStore,
    Finding,
    Run,
    RunFinding,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
)
from tests.inspection.agency_files import Site, complete_set, judge_and_commit, publish_committed

WEBSITE = "http://skhcn.example.localhost/"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    with open_session(engine) as session:
        session.add(
            Agency(
                code="SKHCN",
                name="Sở Khoa học và Công nghệ",
                level="department",
                website=WEBSITE,
                established=date(2025, 7, 1),
            )
        )
        session.add(Agency(code="XA-A", name="UBND xã A", level="commune", website=None))
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def _agency(engine: Engine, code: str = "SKHCN") -> Agency:
    with open_session(engine) as session:
        return session.exec(select(Agency).where(Agency.code == code)).one()


def _run(engine: Engine, blobs: BlobStore, site: Site, *, as_of: date, publish: bool = True) -> int:
    """One run of the SKHCN agency seeing `site`; published unless `publish` is False."""
    run = claim_run(engine, RunRequest(as_of=as_of), agencies=1)
    assert run.id is not None
    judge_and_commit(engine, blobs, run, site.crawled(_agency(engine), blobs), as_of=as_of)
    if publish:
        publish_committed(engine, run.id)
    return run.id


def _row(engine: Engine, code: str = "SKHCN") -> dict[str, object]:
    with open_session(engine) as session:
        (row,) = [row for row in status_rows(session) if row["code"] == code]
    return row


# Advisory findings (no internal audit or management review published) come with every
# agency of these sites; they count towards no status in the default profile.
ADVISORY = ("FRESH005", "FRESH006")


def _open(engine: Engine) -> list[Finding]:
    """The open findings, advisory ones aside."""
    with open_session(engine) as session:
        rows = session.exec(select(Finding).where(Finding.open == HELD)).all()
    return [row for row in rows if row.rule not in ADVISORY]


def _rules(row: dict[str, object]) -> list[str]:
    return [f["rule"] for f in row["findings"] if f["rule"] not in ADVISORY]  # type: ignore[attr-defined]


JUNE = date(2026, 6, 1)


def test_nothing_is_published_until_the_run_completes(engine: Engine, blobs: BlobStore) -> None:
    run_id = _run(engine, blobs, Site(WEBSITE, complete_set()), as_of=JUNE, publish=False)
    assert _row(engine)["status"] is None
    assert _row(engine)["documents"] == []
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        publish_run(session, run)
        session.commit()
    row = _row(engine)
    assert row["status"] == "compliant"
    assert {d["doc_type"] for d in row["documents"]} == {  # type: ignore[union-attr]
        "declaration",
        "quality_policy",
        "quality_objectives",
        "process_list",
    }


def test_an_interrupted_run_changes_nothing_staff_see(engine: Engine, blobs: BlobStore) -> None:
    _run(engine, blobs, Site(WEBSITE, complete_set()), as_of=JUNE)
    before = _row(engine)
    files = {k: v for k, v in complete_set().items() if k != "qd-cong-bo.docx"}
    run_id = _run(engine, blobs, Site(WEBSITE, files), as_of=JUNE, publish=False)
    end_run(engine, run_id, "interrupted", "dừng theo yêu cầu (Ctrl-C)")
    assert _row(engine) == before
    assert _open(engine) == []
    with open_session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None and (run.state, run.running) == ("interrupted", None)
        # What the run saw is kept in its history, unpublished.
        assert session.exec(select(RunFinding).where(RunFinding.run_id == run_id)).all()


def test_a_finding_keeps_its_identity_across_runs(engine: Engine, blobs: BlobStore) -> None:
    without_policy = {k: v for k, v in complete_set().items() if k != "chinh-sach.docx"}
    _run(engine, blobs, Site(WEBSITE, without_policy), as_of=JUNE)
    (first,) = _open(engine)
    assert (first.rule, first.subject) == ("DOC003", "")
    _run(engine, blobs, Site(WEBSITE, without_policy), as_of=JUNE)
    (again,) = _open(engine)
    assert (again.id, again.first_seen) == (first.id, first.first_seen)
    assert again.last_seen > first.last_seen
    _run(engine, blobs, Site(WEBSITE, complete_set()), as_of=JUNE)
    assert _open(engine) == []
    with open_session(engine) as session:
        resolved = session.get(Finding, first.id)
        assert resolved is not None and resolved.resolved_at is not None
    _run(engine, blobs, Site(WEBSITE, without_policy), as_of=JUNE)
    (reopened,) = _open(engine)
    assert reopened.id != first.id


def test_at_most_one_open_finding_per_key_is_a_constraint(engine: Engine, blobs: BlobStore) -> None:
    without_policy = {k: v for k, v in complete_set().items() if k != "chinh-sach.docx"}
    _run(engine, blobs, Site(WEBSITE, without_policy), as_of=JUNE)
    (open_one,) = _open(engine)
    with open_session(engine) as session:
        session.add(
            Finding(
                agency_id=open_one.agency_id,
                rule="DOC003",
                subject="",
                severity="warning",
                message="bản sao",
            )
        )
        with pytest.raises(IntegrityError):
            session.commit()


def test_auditing_at_other_dates_is_a_preview_and_never_piles_up_findings(
    engine: Engine, blobs: BlobStore
) -> None:
    _run(engine, blobs, Site(WEBSITE, complete_set()), as_of=JUNE)
    agencies = [_agency(engine)]
    profile = load_profile(None)
    with open_session(engine) as session:
        stored = session.exec(select(func.count()).select_from(RunFinding)).one()
    for year in (2027, 2028, 2029, 2030, 2031):
        (preview,) = preview_audit(engine, agencies, as_of=date(year, 6, 1), profile=profile)
        assert preview.judgement.status.value == "stale"  # 2026's objectives only
    assert _row(engine)["status"] == "compliant"
    with open_session(engine) as session:
        assert session.exec(select(func.count()).select_from(RunFinding)).one() == stored
    for year in (2027, 2028, 2027, 2029, 2030):
        save_audit(
            engine,
            agencies,
            as_of=date(year, 6, 1),
            profile=profile,
            request=RunRequest(kind="audit", as_of=date(year, 6, 1)),
        )
    (fresh,) = _open(engine)
    assert fresh.rule == "FRESH001"
    with open_session(engine) as session:
        all_rows = session.exec(select(Finding).where(Finding.rule == "FRESH001")).all()
        kinds = session.exec(select(Run.kind).order_by(col(Run.id))).all()
    assert len(all_rows) == 1  # five audits, one finding: first seen at the first one
    assert kinds == ["crawl", "audit", "audit", "audit", "audit", "audit"]
    assert _row(engine)["status"] == "stale"


def test_a_site_down_for_a_day_keeps_its_documents_and_status(
    engine: Engine, blobs: BlobStore
) -> None:
    _run(engine, blobs, Site(WEBSITE, complete_set()), as_of=JUNE)
    before = _row(engine)
    _run(engine, blobs, Site(WEBSITE, down=True), as_of=date(2026, 6, 2))
    row = _row(engine)
    assert row["status"] == "compliant"
    assert row["documents"] == before["documents"]
    assert (row["last_reached"], row["unreachable_since"]) == ("2026-06-01", "2026-06-02")
    (down,) = [f for f in row["findings"] if f["rule"] not in ADVISORY]  # type: ignore[attr-defined]
    assert down["rule"] == "SITE003"
    assert "từ ngày 02/06/2026" in down["message"]
    _run(engine, blobs, Site(WEBSITE, down=True), as_of=date(2026, 6, 4))
    assert _row(engine)["status"] == "compliant"  # down two days: still standing
    _run(engine, blobs, Site(WEBSITE, down=True), as_of=date(2026, 6, 5))
    row = _row(engine)
    assert row["status"] == "unreachable"  # three days: judged unreachable
    assert _rules(row) == ["SITE001"]
    assert row["unreachable_since"] == "2026-06-02"
    _run(engine, blobs, Site(WEBSITE, complete_set()), as_of=date(2026, 6, 6))
    row = _row(engine)
    assert (row["status"], row["unreachable_since"]) == ("compliant", None)


def test_a_site_never_reached_is_unreachable_at_once(engine: Engine, blobs: BlobStore) -> None:
    _run(engine, blobs, Site(WEBSITE, down=True), as_of=JUNE)
    row = _row(engine)
    assert row["status"] == "unreachable"
    assert _rules(row) == ["SITE001"]
    assert row["last_reached"] is None


def test_an_unreadable_declaration_is_named_not_reported_missing(
    engine: Engine, blobs: BlobStore
) -> None:
    files = {**complete_set(), "qd-cong-bo.docx": b"PK\x03\x04 not really a docx"}
    site = Site(WEBSITE, files, links={"qd-cong-bo.docx": "Quyết định công bố HTQLCL"})
    _run(engine, blobs, site, as_of=JUNE)
    row = _row(engine)
    rules = {f["rule"] for f in row["findings"]}  # type: ignore[union-attr]
    assert "DOC002" not in rules and "DOC006" in rules
    (named,) = [f for f in row["findings"] if f["rule"] == "DOC006"]  # type: ignore[union-attr]
    assert named["evidence_url"] == WEBSITE + "qd-cong-bo.docx"
    assert row["status"] == "compliant"  # present, unverified: a warning, not a gap


def test_an_override_changes_the_status_at_once_and_survives_a_recrawl(
    engine: Engine, blobs: BlobStore
) -> None:
    from inspection.corrections import override_finding, revoke_override
    from store import Override

    without_declaration = {k: v for k, v in complete_set().items() if k != "qd-cong-bo.docx"}
    _run(engine, blobs, Site(WEBSITE, without_declaration), as_of=JUNE)
    assert _row(engine)["status"] == "incomplete"
    profile = load_profile(None)
    with open_session(engine) as session:
        (missing,) = session.exec(select(Finding).where(Finding.rule == "DOC002")).all()
        override = override_finding(
            session,
            missing,
            reason="Quyết định công bố đăng ở cổng tỉnh",
            user="thanh",
            profile=profile,
        )
        session.commit()
        override_id = override.id
    row = _row(engine)
    assert (row["status"], row["rule_status"]) == ("compliant", "incomplete")
    (shown,) = [f for f in row["findings"] if f["rule"] == "DOC002"]  # type: ignore[attr-defined]
    assert shown["override"]["by"] == "thanh"
    _run(engine, blobs, Site(WEBSITE, without_declaration), as_of=JUNE)  # same evidence
    assert _row(engine)["status"] == "compliant"
    with open_session(engine) as session:
        held = session.get(Override, override_id)
        assert held is not None
        revoke_override(session, held, user="admin", profile=profile)
        session.commit()
    assert _row(engine)["status"] == "incomplete"


def test_a_corrected_document_type_is_judged_again(engine: Engine, blobs: BlobStore) -> None:
    from inspection.corrections import override_document_type

    files = {k: v for k, v in complete_set().items() if k != "chinh-sach.docx"}
    _run(engine, blobs, Site(WEBSITE, files), as_of=JUNE)
    row = _row(engine)
    assert row["status"] == "incomplete"
    (manual,) = [d for d in row["documents"] if d["doc_type"] == "process_list"]  # type: ignore[union-attr]
    with open_session(engine) as session:
        override_document_type(
            session,
            _agency(engine),
            sha256=manual["sha256"],
            doc_type="quality_policy",
            reason="Danh mục này kèm chính sách chất lượng ở trang 2",
            user="thanh",
            profile=load_profile(None),
        )
        session.commit()
    row = _row(engine)
    types = {d["doc_type"] for d in row["documents"]}  # type: ignore[union-attr]
    assert "quality_policy" in types and "process_list" not in types
    assert _rules(row) == ["DOC005"]
