"""What a recrawl learns from earlier runs, read from their fetches in a real SQLite store:
the pages it need not ask again yet (`settled_pages`, the revisit policy) and the
validators of the documents it asks for conditionally (`known_documents`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from crawler.model import Validators
from inspection.runs.recrawl import (
    KNOWN_DAYS,
    crawl_targets,
    known_documents,
    revisit_after,
    settled_pages,
)
from store import Agency, Document, DocumentSighting, Fetch, Run, make_engine, prepare, sqlite_url

SITE = "http://ubnd.example.localhost/"
FETCHED = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "qmsaudit.db"))
    prepare(engine)
    yield engine
    engine.dispose()


def _crawl(session: Session, agency: Agency, tree: list[tuple[str, str | None, dict]]) -> Run:
    """A finished run whose fetches are `tree`: (path, referer path, Fetch fields); a path
    with `qms` in its fields is read as a QMS document."""
    run = Run(state="complete", started_at=FETCHED)
    session.add(run)
    session.flush()
    run.running = None  # ended: the running slot is free for the next run
    session.flush()
    for path, referer, fields in tree:
        qms = fields.pop("qms", False)
        fetch = Fetch(
            run_id=run.id or 0,
            agency_id=agency.id or 0,
            url=SITE + path,
            referer=SITE + referer if referer is not None else None,
            status=fields.pop("status", 200),
            sha256=f"{path:0>64}"[-64:],
            fetched_at=fields.pop("fetched_at", FETCHED),
            **fields,
        )
        session.add(fetch)
        session.flush()
        if qms:
            document = Document(
                agency_id=agency.id or 0,
                fetch_id=fetch.id or 0,
                run_id=run.id or 0,
                url=fetch.url,
                sha256=fetch.sha256 or "",
                doc_type="declaration",
            )
            session.add(document)
            session.flush()
            session.add(
                DocumentSighting(
                    run_id=run.id or 0,
                    agency_id=agency.id or 0,
                    document_id=document.id or 0,
                    fetch_id=fetch.id or 0,
                    url=fetch.url,
                )
            )
    session.commit()
    return run


def _agency(session: Session) -> Agency:
    agency = Agency(code="UBND-X", name="UBND xã X", level="commune", website=SITE)
    session.add(agency)
    session.commit()
    return agency


# start ─┬─ gioi-thieu ── co-cau-to-chuc          (led nowhere: settled)
#        ├─ gioi-thieu-iso ── iso.pdf (QMS)        (on the way: asked)
#        ├─ van-ban ── quy-trinh (QMS, an HTML page)
#        ├─ lien-he ── ban-do (timed out)          (a failure below: asked)
#        └─ hoi-dap ── bieu-mau.docx (a file, not QMS)
TREE: list[tuple[str, str | None, dict]] = [
    ("", None, {"start": True}),
    ("gioi-thieu", "", {}),
    ("co-cau-to-chuc", "gioi-thieu", {}),
    ("gioi-thieu-iso", "", {}),
    ("iso.pdf", "gioi-thieu-iso", {"is_document": True, "qms": True}),
    ("van-ban", "", {}),
    ("quy-trinh", "van-ban", {"qms": True}),
    ("lien-he", "", {}),
    ("ban-do", "lien-he", {"status": None, "error": "timeout"}),
    ("hoi-dap", "", {}),
    ("bieu-mau.docx", "hoi-dap", {"is_document": True}),
]


def test_pages_that_led_nowhere_are_settled_and_nothing_on_the_way(engine: Engine) -> None:
    with Session(engine) as session:
        agency = _agency(session)
        _crawl(session, agency, [(p, r, dict(f)) for p, r, f in TREE])
        got = settled_pages(
            session, [agency.id or 0], now=FETCHED + timedelta(hours=23), revisit_days=7
        )
    assert got == {agency.id: frozenset({SITE + "gioi-thieu", SITE + "co-cau-to-chuc"})}


def test_a_settled_page_falls_due_after_its_share_of_the_window(engine: Engine) -> None:
    page = SITE + "gioi-thieu"
    due = revisit_after(page, 7)
    assert timedelta(days=3.5) <= due <= timedelta(days=7)
    with Session(engine) as session:
        agency = _agency(session)
        _crawl(session, agency, [(p, r, dict(f)) for p, r, f in TREE])
        ids = [agency.id or 0]
        before = settled_pages(
            session, ids, now=FETCHED + due - timedelta(minutes=1), revisit_days=7
        )
        after = settled_pages(
            session, ids, now=FETCHED + due + timedelta(minutes=1), revisit_days=7
        )
        never = settled_pages(session, ids, now=FETCHED + timedelta(hours=1), revisit_days=0)
    assert page in before[agency.id or 0]
    assert page not in after.get(agency.id or 0, frozenset())
    assert never == {}


def test_the_last_crawl_of_a_page_decides(engine: Engine) -> None:
    # Last night "Giới thiệu" led nowhere; tonight it links the ISO page: asked again.
    with Session(engine) as session:
        agency = _agency(session)
        _crawl(session, agency, [(p, r, dict(f)) for p, r, f in TREE])
        later = [
            ("", None, {"start": True}),
            ("gioi-thieu", "", {}),
            ("iso-moi", "gioi-thieu", {"qms": True}),
        ]
        _crawl(session, agency, later)
        got = settled_pages(
            session, [agency.id or 0], now=FETCHED + timedelta(hours=2), revisit_days=7
        )
    assert got == {agency.id: frozenset({SITE + "co-cau-to-chuc"})}


def test_the_crawler_is_given_each_agencys_settled_pages(engine: Engine) -> None:
    with Session(engine) as session:
        agency = _agency(session)
        _crawl(session, agency, [(p, r, dict(f)) for p, r, f in TREE])
        (target,) = crawl_targets(
            session, [agency], now=FETCHED + timedelta(hours=20), revisit_days=7
        )
    assert (target.code, target.website) == ("UBND-X", SITE)
    assert target.settled == {SITE + "gioi-thieu", SITE + "co-cau-to-chuc"}


def test_the_newest_validators_of_each_document_are_sent_again(engine: Engine) -> None:
    days_ago = [FETCHED - timedelta(days=n) for n in (0, 3, KNOWN_DAYS + 1)]
    document = {"is_document": True}
    with Session(engine) as session:
        agency = _agency(session)
        _crawl(
            session,
            agency,
            [
                ("qd.pdf", None, {**document, "etag": '"v1"', "fetched_at": days_ago[1]}),
                ("cu.pdf", None, {**document, "etag": '"cu"', "fetched_at": days_ago[2]}),
            ],
        )
        _crawl(
            session,
            agency,
            [
                ("qd.pdf", None, {**document, "etag": '"v2"'}),
                ("ct.pdf", None, {**document, "last_modified": "Mon, 02 Nov 2026 08:00:00 GMT"}),
                ("mt.pdf", None, {**document}),  # no validators: nothing to send
                ("qt.pdf", None, {**document, "etag": '"x"', "status": None, "error": "timeout"}),
                ("gioi-thieu", None, {"etag": '"p"'}),  # a page: asked in full
            ],
        )
        known = known_documents(session, [agency.id or 0], now=FETCHED + timedelta(hours=20))
    assert known == {
        agency.id: {
            SITE + "qd.pdf": Validators(etag='"v2"', sha256=f"{'qd.pdf':0>64}"),
            SITE + "ct.pdf": Validators(
                last_modified="Mon, 02 Nov 2026 08:00:00 GMT", sha256=f"{'ct.pdf':0>64}"
            ),
        }
    }
