"""A recrawl of a page whose visitor counter, clock or view state changed, and nothing it
says: recorded as the earlier page (not read as new, its new bytes not kept); a page whose
words changed is read anew."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from crawler.model import FetchResult
from extractors.isolation import IsolatedReader
from inspection.runs import RunRequest, claim_run
from inspection.runs.ending import end_run
from inspection.runs.job import CrawledAgency, commit_agency
from inspection.runs.reading import AgencyReadings, CrawledFetch, read_agency
from inspection.storage import remove_unreferenced
from rules import load_profile
from store import (
    Agency,
    BlobStore,
    Document,
    Fetch,
    Run,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
)
from tests.inspection.agency_files import Site

WEBSITE = "http://skhcn.example.localhost/"
AS_OF = date(2026, 7, 1)
POST = WEBSITE + "he-thong-quan-ly-chat-luong.html"
SAID = (
    "Sở Khoa học và Công nghệ công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc "
    "gia TCVN ISO 9001:2015 tại Quyết định số 12/QĐ-SKHCN. Danh mục quy trình kèm theo."
)


def _page(*, visitors: int, clock: str, state: str, said: str = SAID) -> bytes:
    """A portal page as CMSs serve it: today's date in the header, a hidden view state, a
    visitor counter in a side block, the post in the main column."""
    return f"""<html><head><title>Hệ thống quản lý chất lượng</title></head><body>
<div id="header"><span class="date">{clock}</span></div>
<form><input type="hidden" name="__VIEWSTATE" value="{state}"></form>
<div class="container"><div class="row">
<div class="col-md-9"><div class="news-detail"><h1>Hệ thống quản lý chất lượng</h1>
<p>{said}</p></div></div>
<div class="col-md-3"><div class="block"><h3>Thống kê truy cập</h3>
<p>Lượt truy cập: {visitors}</p><p>Đang trực tuyến: 12</p></div></div>
</div></div><div id="footer">Bản quyền © Sở KH&amp;CN</div></body></html>""".encode()


def _crawled(agency: Agency, blobs: BlobStore, posts: tuple[bytes, ...]) -> CrawledAgency:
    crawled = Site(WEBSITE).crawled(agency, blobs)
    start = crawled.fetches[0].result
    result: FetchResult = replace(start, url=POST, start=False, depth=1, body=None)
    fetches = [CrawledFetch(result=result, sha256=blobs.put(p), size=len(p)) for p in posts]
    return replace(crawled, fetches=[*crawled.fetches, *fetches])


def _recrawl(engine: Engine, blobs: BlobStore, agency: Agency, *posts: bytes) -> AgencyReadings:
    crawled = _crawled(agency, blobs, posts)
    run = claim_run(engine, RunRequest(as_of=AS_OF), agencies=1)
    with IsolatedReader() as reader, open_session(engine) as session:
        assert agency.id is not None
        readings = read_agency(session, blobs, reader, agency.id, crawled.fetches)
        stored = session.get(Run, run.id)
        assert stored is not None
        commit_agency(session, stored, crawled, readings, as_of=AS_OF, profile=load_profile(None))
    assert run.id is not None
    end_run(engine, run.id, "complete", None)
    return readings


def _post_fetches(engine: Engine) -> list[Fetch]:
    with open_session(engine) as session:
        return list(session.exec(select(Fetch).where(Fetch.url == POST).order_by(col(Fetch.id))))


def _agency(tmp_path: Path) -> tuple[Engine, BlobStore, Agency]:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    with open_session(engine) as session:
        agency = Agency(code="SKHCN", name="Sở KH&CN", level="department", website=WEBSITE)
        session.add(agency)
        session.commit()
        session.refresh(agency)
    return engine, BlobStore(tmp_path / "blobs"), agency


def test_a_page_that_only_counts_and_ticks_is_the_earlier_page(tmp_path: Path) -> None:
    engine, blobs, agency = _agency(tmp_path)
    first = _page(visitors=12345, clock="Thứ Tư, 01/07/2026 10:15", state="/wEPDwUKabc")
    again = _page(visitors=12399, clock="Thứ Năm, 02/07/2026 02:01", state="/wEPDwUKxyz")
    changed = _page(
        visitors=12480,
        clock="Thứ Sáu, 03/07/2026 02:01",
        state="/wEPDwUKq",
        said=(SAID.replace("12/QĐ-SKHCN", "45/QĐ-SKHCN")),
    )

    read = _recrawl(engine, blobs, agency, first)
    assert read.documents_read == 2 and not read.unchanged  # the home page and the post

    ticked = _recrawl(engine, blobs, agency, again)
    assert ticked.documents_read == 0
    assert [d.url for d in ticked.unchanged.values()] == [POST]
    fetches = _post_fetches(engine)
    assert fetches[1].sha256 == fetches[0].sha256  # recorded as the earlier bytes
    with open_session(engine) as session:
        assert len(session.exec(select(Document).where(Document.url == POST)).all()) == 1
    new_bytes = next(iter(ticked.unchanged))
    assert new_bytes in blobs
    removed = remove_unreferenced(engine, blobs)
    assert removed.files == 1 and new_bytes not in blobs
    assert fetches[0].sha256 in blobs  # the evidence stays

    edited = _recrawl(engine, blobs, agency, changed)
    assert edited.documents_read == 1 and not edited.unchanged
    fetches = _post_fetches(engine)
    assert fetches[2].sha256 != fetches[0].sha256
    with open_session(engine) as session:
        prints = session.exec(select(Document.fingerprint).where(Document.url == POST)).all()
    assert len(prints) == 2 and None not in prints and len(set(prints)) == 2
    assert remove_unreferenced(engine, blobs).files == 0


def test_each_thing_one_url_says_is_known_again(tmp_path: Path) -> None:
    """A list whose second page is posted back to the same URL (ASP.NET) says two things
    there; on the recrawl each is its earlier page."""
    engine, blobs, agency = _agency(tmp_path)
    second = SAID.replace("Danh mục quy trình", "Trang 2: kế hoạch đánh giá nội bộ")
    first_night = (
        _page(visitors=1, clock="01/07/2026 10:15", state="/wEPDwUKa"),
        _page(visitors=2, clock="01/07/2026 10:16", state="/wEPDwUKb", said=second),
    )
    next_night = (
        _page(visitors=9, clock="02/07/2026 02:01", state="/wEPDwUKc"),
        _page(visitors=10, clock="02/07/2026 02:02", state="/wEPDwUKd", said=second),
    )
    assert _recrawl(engine, blobs, agency, *first_night).documents_read == 3
    again = _recrawl(engine, blobs, agency, *next_night)
    assert again.documents_read == 0 and len(again.unchanged) == 2
    assert len({d.id for d in again.unchanged.values()}) == 2
