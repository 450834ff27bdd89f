"""Real agency documents and crawled agencies for run-level tests, without a crawl.

The documents are the sandbox's own papers rendered to DOCX (real bytes the extractors
read); a crawled agency is what the crawler would report for a site that links them.
`judge_and_commit` reads them in process (no child workers) and commits the agency as a
run's job does; `publish_committed` then publishes the run as its end does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from crawler.model import FailureKind, FetchResult, SiteOutcome
from extractors import read_document
from inspection.runs.job import CrawledAgency, commit_agency
from inspection.runs.publish import publish_run
from inspection.runs.reading import AgencyReadings, CrawledFetch
from rules import load_profile
from sandbox.paperwork import Issuer
from sandbox.qms_texts import declaration, process_list, quality_objectives, quality_policy
from sandbox.render_docx import paper_to_docx
from store import Agency, Blobs, Document, Run, open_session

ISSUER = Issuer(
    parent="ỦY BAN NHÂN DÂN TỈNH DEMO",
    name="Sở Khoa học và Công nghệ",
    code="SKHCN",
    place="Tỉnh Demo",
    head_title="GIÁM ĐỐC",
)
SIGNER = "Nguyễn Văn An"


def declaration_docx(number: str = "12/QĐ-SKHCN", issued: date = date(2025, 9, 15)) -> bytes:
    paper = declaration(ISSUER, number=number, issued=issued, signer=SIGNER, sectors=("KH&CN",))
    return paper_to_docx(paper)


def policy_docx() -> bytes:
    paper = quality_policy(ISSUER, decision="13/QĐ-SKHCN", issued=date(2025, 9, 15), signer=SIGNER)
    return paper_to_docx(paper)


def objectives_docx(year: int = 2026) -> bytes:
    paper = quality_objectives(
        ISSUER, decision="14/QĐ-SKHCN", issued=date(year, 1, 10), signer=SIGNER, year=year
    )
    return paper_to_docx(paper)


def process_list_docx() -> bytes:
    paper = process_list(
        ISSUER,
        number="15/QĐ-SKHCN",
        issued=date(2025, 9, 15),
        signer=SIGNER,
        procedures=("Kiểm soát thông tin dạng văn bản", "Đánh giá nội bộ"),
    )
    return paper_to_docx(paper)


def set_of_2008() -> dict[str, bytes]:
    """A system declared on TCVN ISO 9001:2008 and never converted."""
    from sandbox import qms2008_texts as old

    issued = date(2014, 6, 2)
    return {
        "qd-cong-bo-2014.docx": paper_to_docx(
            old.declaration(
                ISSUER, number="45/QĐ-SKHCN", issued=issued, signer=SIGNER, sectors=("KH&CN",)
            )
        ),
        "chinh-sach-2014.docx": paper_to_docx(
            old.quality_policy(ISSUER, issued=issued, signer=SIGNER)
        ),
    }


def complete_set() -> dict[str, bytes]:
    """File name -> bytes of everything the default profile requires, current in 2026."""
    return {
        "qd-cong-bo.docx": declaration_docx(),
        "chinh-sach.docx": policy_docx(),
        "muc-tieu-2026.docx": objectives_docx(2026),
        "danh-muc-quy-trinh.docx": process_list_docx(),
    }


HOME = b"<html><head><title>Trang chu</title></head><body><p>Xin chao</p></body></html>"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _result(
    code: str,
    url: str,
    *,
    body: bytes | None,
    is_document: bool,
    start: bool = False,
    failure: FailureKind | None = None,
    link_text: str | None = None,
) -> FetchResult:
    return FetchResult(
        agency_code=code,
        url=url,
        final_url=None,
        status=None if failure else 200,
        failure=failure,
        failure_detail="Connection refused" if failure else None,
        content_type=DOCX if is_document else "text/html; charset=utf-8",
        filename=None,
        body=body,
        is_document=is_document,
        depth=0 if start else 1,
        referer=None,
        link_text=link_text,
        fetched_at=datetime.now(UTC),
        start=start,
    )


@dataclass
class Site:
    """A site as a crawl would find it: a home page and files, or down."""

    website: str
    files: dict[str, bytes] = field(default_factory=dict)
    down: bool = False
    links: dict[str, str] = field(default_factory=dict)  # file name -> link text

    def crawled(self, agency: Agency, blobs: Blobs) -> CrawledAgency:
        code = agency.code
        if self.down:
            start = _result(
                code,
                self.website,
                body=None,
                is_document=False,
                start=True,
                failure=FailureKind.REFUSED,
            )
            fetches = [CrawledFetch(result=start, sha256=None, size=None)]
            outcome = SiteOutcome(
                agency_code=code,
                reachable=False,
                robots_forbidden=False,
                failure=FailureKind.REFUSED,
                failure_detail="Connection refused",
                pages=0,
                documents=0,
            )
            return CrawledAgency(agency=agency, outcome=outcome, fetches=fetches)
        results = [_result(code, self.website, body=HOME, is_document=False, start=True)]
        for name, data in self.files.items():
            results.append(
                _result(
                    code,
                    self.website + name,
                    body=data,
                    is_document=True,
                    link_text=self.links.get(name),
                )
            )
        fetches = [
            CrawledFetch(
                result=r,
                sha256=blobs.put(r.body) if r.body is not None else None,
                size=len(r.body) if r.body is not None else None,
            )
            for r in results
        ]
        outcome = SiteOutcome(
            agency_code=code,
            reachable=True,
            robots_forbidden=False,
            failure=None,
            failure_detail=None,
            pages=1,
            documents=len(self.files),
        )
        return CrawledAgency(agency=agency, outcome=outcome, fetches=fetches)


def read_in_process(engine: Engine, blobs: Blobs, crawled: CrawledAgency) -> AgencyReadings:
    """Readings as `read_agency` gives them, read in this process (tests only)."""
    from sqlmodel import col, select

    assert crawled.agency.id is not None
    own: dict[str, Document] = {}
    read = {}
    with open_session(engine) as session:
        for fetch in crawled.fetches:
            if not fetch.readable or fetch.sha256 is None:
                continue
            known = session.exec(
                select(Document)
                .where(Document.agency_id == crawled.agency.id, Document.sha256 == fetch.sha256)
                .order_by(col(Document.id))
            ).first()
            if known is not None:
                own[fetch.sha256] = known
            else:
                read[fetch.sha256] = read_document(
                    blobs.get(fetch.sha256),
                    content_type=fetch.result.content_type,
                    url=fetch.url,
                )
    return AgencyReadings(own=own, copied={}, read=read)


def judge_and_commit(
    engine: Engine, blobs: Blobs, run: Run, crawled: CrawledAgency, *, as_of: date
) -> None:
    readings = read_in_process(engine, blobs, crawled)
    with open_session(engine) as session:
        commit_agency(session, run, crawled, readings, as_of=as_of, profile=load_profile(None))


def publish_committed(engine: Engine, run_id: int | None) -> None:
    """Publish the run (every agency committed): what staff see becomes its results."""
    with open_session(engine) as session:
        fresh = session.get(Run, run_id)
        assert fresh is not None
        publish_run(session, fresh)
        session.commit()
