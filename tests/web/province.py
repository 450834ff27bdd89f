"""Databases of published agencies for the dashboard's tests and benchmark, built through
the real run machinery (claim, commit per agency, publish) without a crawl.

Each agency is given a site as a crawl would find it (`tests.inspection.agency_files.Site`)
whose documents are the sandbox's own papers. Every distinct file is read once and its
reading reused for every agency that publishes the same bytes, so 2,000 agencies take
seconds, not the minutes that reading each copy again would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import col, select

from extractors import Reading, read_document
from inspection.runs import RunRequest, claim_run
from inspection.runs.job import CrawledAgency, commit_agency
from inspection.runs.reading import AgencyReadings
from rules import load_profile
from store import Agency, Blobs, Document, open_session
from tests.inspection.agency_files import (
    Site,
    complete_set,
    objectives_docx,
    publish_committed,
    set_of_2008,
)

AS_OF = date(2026, 6, 1)


def files_for(status: str) -> dict[str, bytes]:
    """The files of a site whose crawl the rules judge as `status` (as of AS_OF)."""
    files = complete_set()
    if status == "compliant":
        return files
    if status == "incomplete":
        return {k: v for k, v in files.items() if k != "qd-cong-bo.docx"}
    if status == "stale":
        del files["muc-tieu-2026.docx"]
        return {**files, "muc-tieu-2025.docx": objectives_docx(2025)}
    if status == "outdated":
        return set_of_2008()
    if status in ("not_published", "unreachable"):
        return {}
    raise ValueError(f"no site for status {status!r}")


@dataclass
class Readings:
    """Readings of distinct bytes, made once (real extractors, in this process)."""

    cache: dict[str, Reading] = field(default_factory=dict)
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)

    def site(self, status: str, website: str) -> Site:
        # Rendering a DOCX costs more than reading it: each status's files are made once.
        if status not in self.files:
            self.files[status] = files_for(status)
        return Site(website, self.files[status], down=status == "unreachable")

    def of(self, engine: Engine, blobs: Blobs, crawled: CrawledAgency) -> AgencyReadings:
        agency_id = crawled.agency.id
        with open_session(engine) as session:
            own = {
                document.sha256: document
                for document in session.exec(
                    select(Document).where(Document.agency_id == agency_id)
                ).all()
            }
        read: dict[str, Reading] = {}
        for fetch in crawled.fetches:
            sha256 = fetch.sha256
            if not fetch.readable or sha256 is None or sha256 in own:
                continue
            if sha256 not in self.cache:
                self.cache[sha256] = read_document(
                    blobs.get(sha256), content_type=fetch.result.content_type, url=fetch.url
                )
            read[sha256] = self.cache[sha256]
        return AgencyReadings(own=own, copied={}, read=read)


def crawl_run(
    engine: Engine,
    blobs: Blobs,
    plan: Mapping[str, str],
    *,
    as_of: date = AS_OF,
    readings: Readings | None = None,
    publish: bool = True,
) -> int:
    """One run over `plan` (agency code -> the status its site shows), published unless
    `publish` is False; returns the run's id."""
    readings = readings or Readings()
    profile = load_profile(None)
    with open_session(engine) as session:
        agencies = {
            agency.code: agency
            for agency in session.exec(select(Agency).where(col(Agency.code).in_(list(plan)))).all()
        }
    run = claim_run(engine, RunRequest(as_of=as_of, selection=list(plan)), agencies=len(plan))
    assert run.id is not None
    for code, status in plan.items():
        agency = agencies[code]
        if agency.website is None:
            crawled = CrawledAgency(agency=agency, outcome=None)
        else:
            crawled = readings.site(status, agency.website).crawled(agency, blobs)
        with open_session(engine) as session:
            commit_agency(
                session,
                run,
                crawled,
                readings.of(engine, blobs, crawled),
                as_of=as_of,
                profile=profile,
            )
    if publish:
        publish_committed(engine, run.id)
    return run.id


def register_generated(engine: Engine, *, agencies: int, seed: int = 1) -> dict[str, str]:
    """The sandbox's generated province of `agencies` agencies, registered (names, levels,
    websites as its registry has them); code -> the status its truth says."""
    from sandbox.province import generate_province

    province = generate_province(
        seed=seed, as_of=AS_OF, port=8000, preset="province", agencies=agencies
    )
    with open_session(engine) as session:
        for row in province.registry:
            session.add(
                Agency(
                    code=row.code,
                    name=row.name,
                    level=row.level,
                    website=row.website,
                    parent=row.parent,
                    established=row.established,
                )
            )
        session.commit()
    return {agency.code: agency.status for agency in province.truth}


def night_after(plan: Mapping[str, str], *, every: int = 40) -> dict[str, str]:
    """The same province a night later: every `every`-th agency's site changed (an agency
    that published stops answering, one that did not publishes everything)."""
    later = dict(plan)
    for index, code in enumerate(sorted(plan)):
        if index % every == every - 1:
            later[code] = "compliant" if plan[code] != "compliant" else "unreachable"
    return later
