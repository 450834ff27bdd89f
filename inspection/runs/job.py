"""An agency job: what one agency's crawl fetched and read, judged, committed as one unit.

Everything a run learns of one agency — its fetches, site visit, the documents read, the
documents sighted, the result and findings — is written in one transaction, once the
agency's crawl and reading are over. A job that dies before its commit leaves nothing,
and the next run simply does it again. Nothing here is published: that is
`inspection.runs.publish`, for a complete run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import update
from sqlmodel import Session, col

from crawler.model import SiteOutcome
from extractors import NOT_QMS, Reading
from inspection.overrides import load_overrides
from inspection.runs.facts import facts_after_crawl
from inspection.runs.judging import Judgement, judge
from inspection.runs.reading import AgencyReadings, CrawledFetch
from rules import Finding, Profile
from store import (
    Agency,
    AgencyResult,
    Document,
    DocumentSighting,
    Fetch,
    Run,
    RunFinding,
    SiteVisit,
    Verdict,
)

__all__ = ["CrawledAgency", "commit_agency", "record_result"]


@dataclass
class CrawledAgency:
    """What the crawl reported for one agency; `outcome` None when it had no website."""

    agency: Agency
    outcome: SiteOutcome | None
    fetches: list[CrawledFetch] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.agency.code


def _fetch_row(
    run_id: int, agency_id: int, fetch: CrawledFetch, readings: AgencyReadings, *, gap: bool
) -> Fetch:
    result = fetch.result
    return Fetch(
        run_id=run_id,
        agency_id=agency_id,
        url=result.url,
        final_url=result.final_url,
        status=result.status,
        error=result.failure.value if result.failure else None,
        error_detail=result.failure_detail,
        fetched_at=result.fetched_at,
        content_type=result.content_type,
        filename=result.filename,
        size=fetch.size,
        sha256=readings.recorded_sha256(fetch.sha256),
        etag=result.etag,
        last_modified=result.last_modified,
        is_document=result.is_document,
        depth=result.depth,
        referer=result.referer,
        link_text=result.link_text,
        start=result.start,
        gap=gap,
    )


def _visit(run_id: int, agency_id: int, outcome: SiteOutcome) -> SiteVisit:
    return SiteVisit(
        run_id=run_id,
        agency_id=agency_id,
        reachable=outcome.reachable,
        robots_forbidden=outcome.robots_forbidden,
        failure=outcome.failure.value if outcome.failure else None,
        failure_detail=outcome.failure_detail,
        pages=outcome.pages,
        documents=outcome.documents,
        retried=outcome.retried,
    )


def _read_document(reading: Reading, fetch: Fetch) -> Document:
    """A fresh reading's Document. An ordinary page (not a file, not QMS) keeps no text,
    only that it was read, so that its bytes are not read again."""
    assert fetch.sha256 is not None and fetch.id is not None
    found = reading.classification
    ordinary_page = found.doc_type == NOT_QMS and not fetch.is_document
    return Document(
        agency_id=fetch.agency_id,
        fetch_id=fetch.id,
        run_id=fetch.run_id,
        url=fetch.final_url or fetch.url,
        sha256=fetch.sha256,
        doc_type=found.doc_type,
        iso_version=found.iso_version,
        versions_mentioned=list(found.versions_mentioned),
        year=found.year,
        number=found.number,
        issued=found.issued,
        title=reading.title,
        text="" if ordinary_page else reading.text,
        ocr=reading.ocr,
        extraction_error=reading.error,
        details={} if ordinary_page else reading.as_dict(),
        fingerprint=None if fetch.is_document else reading.fingerprint,
    )


def _copied_document(known: Document, fetch: Fetch) -> Document:
    fields = known.model_dump(
        exclude={"id", "agency_id", "fetch_id", "run_id", "url", "first_seen"}
    )
    assert fetch.id is not None
    return Document(
        **fields,
        agency_id=fetch.agency_id,
        fetch_id=fetch.id,
        run_id=fetch.run_id,
        url=fetch.final_url or fetch.url,
    )


def _documents(
    session: Session, rows: Sequence[Fetch], readings: AgencyReadings
) -> list[tuple[Fetch, Document]]:
    """Each distinct byte string's Document (stored now if new) with its first fetch."""
    documents: list[tuple[Fetch, Document]] = []
    seen: set[str] = set()
    for row in rows:
        sha256 = row.sha256
        if sha256 is None or row.error is not None or sha256 in seen:
            continue
        seen.add(sha256)
        if (known := readings.document(sha256)) is not None:
            document = known
        elif sha256 in readings.copied:
            document = _copied_document(readings.copied[sha256], row)
            session.add(document)
        elif sha256 in readings.read:
            document = _read_document(readings.read[sha256], row)
            session.add(document)
        else:
            continue
        documents.append((row, document))
    session.flush()
    return documents


def record_result(
    session: Session, run: Run, agency: Agency, judgement: Judgement, as_of: date
) -> AgencyResult:
    """The run's result and findings for one agency (append-only rows). Of two findings with
    one identity (rule, subject), the first is kept."""
    assert run.id is not None and agency.id is not None
    judged, result = judgement.judged, judgement.audit
    kept: dict[tuple[str, str], Finding] = {}
    for finding in result.findings:
        kept.setdefault((finding.rule, finding.subject), finding)
    findings = list(kept.values())
    row = AgencyResult(
        run_id=run.id,
        agency_id=agency.id,
        visit_run_id=judged.visit_run_id,
        facts_run_id=judged.facts_run_id,
        status=judgement.status.value,
        rule_status=result.status.value,
        iso_version=result.iso_version,
        as_of=as_of,
        reachable=judged.reachable,
        last_reached=judged.last_reached,
        unreachable_since=judged.unreachable_since,
        documents=len(judged.facts.documents),
        findings=len(findings),
    )
    session.add(row)
    for finding in findings:
        session.add(
            RunFinding(
                run_id=run.id,
                agency_id=agency.id,
                rule=finding.rule,
                subject=finding.subject,
                severity=finding.severity.value,
                message=finding.message,
                evidence_url=finding.evidence_url,
                evidence_fetch_id=finding.evidence_id,
                snippet=finding.snippet,
            )
        )
    return row


def commit_agency(
    session: Session,
    run: Run,
    crawled: CrawledAgency,
    readings: AgencyReadings,
    *,
    as_of: date,
    profile: Profile,
) -> AgencyResult:
    """Write the agency's fetches, visit, documents, sightings, result and findings, and
    count it done in the run; one commit."""
    agency = crawled.agency
    assert run.id is not None and agency.id is not None
    visit = None
    if crawled.outcome is not None:
        gaps = {gap.url for gap in crawled.outcome.gaps}
        last = {fetch.result.url: index for index, fetch in enumerate(crawled.fetches)}
        rows = [
            # a URL out of reach: its last try is the gap (an earlier try may be its first)
            _fetch_row(
                run.id,
                agency.id,
                fetch,
                readings,
                gap=fetch.result.url in gaps and last[fetch.result.url] == index,
            )
            for index, fetch in enumerate(crawled.fetches)
        ]
        session.add_all(rows)
        visit = _visit(run.id, agency.id, crawled.outcome)
        session.add(visit)
        session.flush()
        for fetch, document in _documents(session, rows, readings):
            if document.doc_type != NOT_QMS:
                assert document.id is not None and fetch.id is not None
                session.add(
                    DocumentSighting(
                        run_id=run.id,
                        agency_id=agency.id,
                        document_id=document.id,
                        fetch_id=fetch.id,
                        url=fetch.final_url or fetch.url,
                    )
                )
        session.flush()
    overrides = load_overrides(session, agency.id)
    judged = facts_after_crawl(
        session,
        agency,
        visit,
        as_of=as_of,
        previous=session.get(Verdict, agency.id),
        overrides=overrides,
    )
    judgement = judge(session, judged, as_of=as_of, profile=profile, overrides=overrides)
    result = record_result(session, run, agency, judgement, as_of)
    session.execute(
        update(Run)
        .where(col(Run.id) == run.id)
        .values(
            agencies_done=col(Run.agencies_done) + 1,
            fetches=col(Run.fetches) + len(crawled.fetches),
            documents_read=col(Run.documents_read) + readings.documents_read,
        )
    )
    session.commit()
    return result
