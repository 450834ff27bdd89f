"""What the rules are told of an agency, built from the store: its site, documents, links.

After a crawl, an agency whose site answered is judged on what this run saw. One whose site
failed keeps the documents of the last run that reached it (the published verdict says
which), with the dates the rules need to say since when it is down; one never reached has
none. A re-audit judges again exactly what a published result was judged on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from extractors.naming import doc_type_named
from inspection.document_facts import document_facts
from inspection.overrides import AgencyOverrides
from rules import AgencyFacts, DocumentFacts, SiteFacts
from rules.facts import UnreadableCandidate
from store import Agency, AgencyResult, Document, DocumentSighting, Fetch, SiteVisit, Verdict

__all__ = ["JudgedFacts", "facts_after_crawl", "facts_of_result", "run_documents"]

# Why a linked file could not be downloaded, in Vietnamese (crawler FailureKind values).
DOWNLOAD_FAILURES = {
    "dns": "không phân giải được tên miền",
    "refused": "máy chủ từ chối kết nối",
    "timeout": "hết thời gian chờ tải về",
    "tls": "lỗi kết nối bảo mật TLS",
    "http": "máy chủ trả về lỗi",
    "robots": "robots.txt không cho phép tải",
    "private": "địa chỉ mạng nội bộ",
    "too_large": "tệp quá lớn, vượt giới hạn tải về",
    "redirect_loop": "chuyển hướng lặp vô hạn",
    "connection": "kết nối bị ngắt khi đang tải",
}


@dataclass(frozen=True)
class JudgedFacts:
    """The facts to audit, and where they come from (for the result's row)."""

    facts: AgencyFacts
    visit_run_id: int | None
    facts_run_id: int | None
    reachable: bool
    last_reached: date | None
    unreachable_since: date | None


def run_documents(
    session: Session, agency_id: int, run_id: int
) -> list[tuple[DocumentSighting, Document]]:
    """The QMS documents of an agency sighted in a run, in the order they were seen."""
    rows = session.exec(
        select(DocumentSighting, Document)
        .join(Document, col(Document.id) == DocumentSighting.document_id)
        .where(DocumentSighting.run_id == run_id, DocumentSighting.agency_id == agency_id)
        .order_by(col(DocumentSighting.id))
    ).all()
    return [(sighting, document) for sighting, document in rows]


def _documents(
    session: Session, agency_id: int, run_id: int | None, overrides: AgencyOverrides
) -> tuple[DocumentFacts, ...]:
    """The documents sighted in a run, with the types inspectors corrected."""
    if run_id is None:
        return ()
    documents = []
    for sighting, document in run_documents(session, agency_id, run_id):
        facts = document_facts(document, url=sighting.url, evidence_id=sighting.fetch_id)
        corrected = overrides.document_types.get(document.sha256)
        documents.append(replace(facts, doc_type=corrected) if corrected else facts)
    return tuple(documents)


def _label(fetch: Fetch) -> str:
    path = urlsplit(fetch.url).path.rsplit("/", 1)[-1]
    return " ".join(part for part in (fetch.link_text, fetch.filename, path) if part)


def unreadable_candidates(
    session: Session, agency_id: int, run_id: int | None
) -> tuple[UnreadableCandidate, ...]:
    """Links named as QMS documents whose file could not be downloaded or read in the run."""
    if run_id is None:
        return ()
    fetches = session.exec(
        select(Fetch)
        .where(Fetch.run_id == run_id, Fetch.agency_id == agency_id, col(Fetch.start).is_(False))
        .order_by(col(Fetch.id))
    ).all()
    reached = {f.url for f in fetches if f.error is None} | {
        f.final_url for f in fetches if f.error is None and f.final_url
    }
    unread = _unread_documents(session, agency_id, {f.sha256 for f in fetches if f.sha256})
    found: dict[str, UnreadableCandidate] = {}
    for fetch in fetches:
        if fetch.url in reached and fetch.sha256 not in unread:
            continue
        if fetch.error is not None:
            reason = _download_failure(fetch)
        elif fetch.sha256 in unread:
            reason = f"không đọc được nội dung tệp ({unread[fetch.sha256]})"
        else:
            continue
        doc_type = doc_type_named(_label(fetch))
        if doc_type is not None and fetch.url not in found:
            found[fetch.url] = UnreadableCandidate(
                url=fetch.url,
                label=fetch.link_text or fetch.filename or urlsplit(fetch.url).path,
                doc_type=doc_type,
                reason=reason,
                evidence_id=fetch.id,
            )
    return tuple(found.values())


def _download_failure(fetch: Fetch) -> str:
    text = DOWNLOAD_FAILURES.get(fetch.error or "", "lỗi không xác định")
    if fetch.error == "http" and fetch.status is not None:
        text = f"{text} HTTP {fetch.status}"
    return f"tải về thất bại: {text}"


def _unread_documents(session: Session, agency_id: int, hashes: set[str]) -> dict[str, str]:
    """The readings of these bytes that failed, by sha256: the reading error."""
    if not hashes:
        return {}
    rows = session.exec(
        select(Document.sha256, Document.extraction_error).where(
            Document.agency_id == agency_id,
            col(Document.sha256).in_(sorted(hashes)),
            col(Document.extraction_error).is_not(None),
        )
    ).all()
    return {sha256: error or "" for sha256, error in rows}


def _start_fetch(session: Session, agency_id: int, run_id: int) -> Fetch | None:
    return session.exec(
        select(Fetch)
        .where(Fetch.run_id == run_id, Fetch.agency_id == agency_id)
        .order_by(col(Fetch.start).desc(), col(Fetch.depth), col(Fetch.id))
    ).first()


def _site(
    session: Session,
    agency: Agency,
    visit: SiteVisit | None,
    *,
    last_reached: date | None,
    down_since: date | None,
) -> SiteFacts:
    if agency.website is None:
        return SiteFacts(reachable=False, registered=False)
    if visit is None:
        return SiteFacts(reachable=False, failure="other", failure_detail="chưa thu thập")
    assert agency.id is not None
    start = _start_fetch(session, agency.id, visit.run_id)
    return SiteFacts(
        reachable=visit.reachable,
        robots_forbidden=visit.robots_forbidden,
        failure=visit.failure,
        failure_detail=visit.failure_detail,
        start_url=start.url if start else agency.website,
        evidence_id=start.id if start else None,
        last_reached=last_reached,
        down_since=down_since,
    )


def _agency(
    agency: Agency,
    site: SiteFacts,
    documents: tuple[DocumentFacts, ...],
    unreadable: tuple[UnreadableCandidate, ...],
) -> AgencyFacts:
    return AgencyFacts(
        code=agency.code,
        name=agency.name,
        level=agency.level,
        website=agency.website,
        established=agency.established,
        site=site,
        documents=documents,
        unreadable=unreadable,
    )


def facts_after_crawl(
    session: Session,
    agency: Agency,
    visit: SiteVisit | None,
    *,
    as_of: date,
    previous: Verdict | None,
    overrides: AgencyOverrides,
) -> JudgedFacts:
    """The facts of an agency just crawled (`visit`: its site visit in this run)."""
    assert agency.id is not None
    answered = visit is not None and (visit.reachable or visit.robots_forbidden)
    if visit is not None and answered:
        facts_run: int | None = visit.run_id if visit.reachable else None
        last_reached: date | None = as_of
        down_since: date | None = None
    else:
        before = previous.last_reached if previous is not None else None
        facts_run = previous.facts_run_id if previous is not None and before else None
        last_reached = before
        down_since = (previous.unreachable_since if previous else None) or as_of
    if agency.website is None:
        facts_run, last_reached, down_since = None, None, None
    site = _site(session, agency, visit, last_reached=last_reached, down_since=down_since)
    documents = _documents(session, agency.id, facts_run, overrides)
    unreadable = unreadable_candidates(session, agency.id, facts_run)
    return JudgedFacts(
        facts=_agency(agency, site, documents, unreadable),
        visit_run_id=visit.run_id if visit is not None else None,
        facts_run_id=facts_run,
        reachable=bool(visit is not None and visit.reachable),
        last_reached=last_reached,
        unreachable_since=down_since,
    )


def facts_of_result(
    session: Session, agency: Agency, result: AgencyResult, overrides: AgencyOverrides
) -> JudgedFacts:
    """The facts a result was judged on, to judge them again (at another date, say)."""
    assert agency.id is not None
    visit = None
    if result.visit_run_id is not None:
        visit = session.exec(
            select(SiteVisit).where(
                SiteVisit.run_id == result.visit_run_id, SiteVisit.agency_id == agency.id
            )
        ).first()
    site = _site(
        session,
        agency,
        visit,
        last_reached=result.last_reached,
        down_since=result.unreachable_since,
    )
    return JudgedFacts(
        facts=_agency(
            agency,
            site,
            _documents(session, agency.id, result.facts_run_id, overrides),
            unreadable_candidates(session, agency.id, result.facts_run_id),
        ),
        visit_run_id=result.visit_run_id,
        facts_run_id=result.facts_run_id,
        reachable=result.reachable,
        last_reached=result.last_reached,
        unreachable_since=result.unreachable_since,
    )
