"""The agencies list: every agency's published status in a few light queries, filtered,
searched, sorted and paged.

Status, level and version filter in SQL; the text search folds diacritics ("so tu phap"
finds "Sở Tư pháp"), which neither SQLite nor a stock PostgreSQL does, so it runs over the
already filtered light rows in Python, as does the sort by Vietnamese name. For 2,000
agencies that is a few milliseconds (bench/web.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from math import ceil
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from extractors.vietnamese import fold
from inspection.official_report.labels import STATUS_ORDER
from store import HELD, Agency, DocumentSighting, Finding, Verdict

__all__ = [
    "NOT_CHECKED",
    "NO_VERSION",
    "SORTS",
    "AgencyFilter",
    "AgencyPage",
    "ListedAgency",
    "agency_page",
    "listed_agencies",
    "matching",
]

NOT_CHECKED = "none"  # the status filter's value for agencies without a verdict yet
NO_VERSION = "none"  # the version filter's value for agencies without a known version
SORTS = ("code", "name", "status", "level", "findings", "checked")
LEVEL_ORDER = ("province", "department", "branch", "district", "commune")
PER_PAGE = 50


@dataclass(frozen=True)
class ListedAgency:
    """One agency as the list and the overview show it."""

    code: str
    name: str
    level: str
    website: str | None
    status: str | None
    rule_status: str | None
    iso_version: str | None
    audited_at: datetime | None
    documents: int = 0
    findings: int = 0

    @property
    def overridden(self) -> bool:
        """The published status is an inspector's correction of the rules' own."""
        return self.rule_status is not None and self.rule_status != self.status


@dataclass(frozen=True, kw_only=True)
class AgencyFilter:
    """What the list is asked for; empty values do not filter."""

    status: str = ""
    level: str = ""
    version: str = ""
    text: str = ""
    sort: str = "code"  # one of SORTS, "-" in front for descending
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class AgencyPage:
    rows: Sequence[ListedAgency]
    total: int  # agencies matching the filter
    page: int
    pages: int


def listed_agencies(session: Session, wanted: AgencyFilter | None = None) -> list[ListedAgency]:
    """Every active agency matching the status, level and version filters, with counts."""
    wanted = wanted or AgencyFilter()
    query = (
        sql_select(
            col(Agency.id),
            col(Agency.code),
            col(Agency.name),
            col(Agency.level),
            col(Agency.website),
            col(Verdict.status),
            col(Verdict.rule_status),
            col(Verdict.iso_version),
            col(Verdict.audited_at),
        )
        .join(Verdict, col(Verdict.agency_id) == col(Agency.id), isouter=True)
        .where(col(Agency.retired_at).is_(None))
    )
    if wanted.status == NOT_CHECKED:
        query = query.where(col(Verdict.status).is_(None))
    elif wanted.status:
        query = query.where(col(Verdict.status) == wanted.status)
    if wanted.level:
        query = query.where(col(Agency.level) == wanted.level)
    if wanted.version == NO_VERSION:
        query = query.where(col(Verdict.iso_version).is_(None))
    elif wanted.version:
        query = query.where(col(Verdict.iso_version) == wanted.version)
    documents, findings = _document_counts(session), _finding_counts(session)
    return [
        ListedAgency(
            code=code,
            name=name,
            level=level,
            website=website,
            status=status,
            rule_status=rule_status,
            iso_version=iso_version,
            audited_at=audited_at,
            documents=documents.get(agency_id, 0),
            findings=findings.get(agency_id, 0),
        )
        for agency_id, code, name, level, website, status, rule_status, iso_version, audited_at in (
            session.execute(query).all()
        )
    ]


def _document_counts(session: Session) -> dict[int, int]:
    """Documents each verdict was judged on (those sighted in its facts run)."""
    rows = session.exec(
        select(DocumentSighting.agency_id, func.count())
        .join(
            Verdict,
            and_(
                col(Verdict.agency_id) == col(DocumentSighting.agency_id),
                col(Verdict.facts_run_id) == col(DocumentSighting.run_id),
            ),
        )
        .group_by(col(DocumentSighting.agency_id))
    ).all()
    return dict(rows)


def _finding_counts(session: Session) -> dict[int, int]:
    rows = session.exec(
        select(Finding.agency_id, func.count())
        .where(Finding.open == HELD)
        .group_by(col(Finding.agency_id))
    ).all()
    return dict(rows)


def matching(agencies: Sequence[ListedAgency], text: str) -> list[ListedAgency]:
    """The agencies whose name or code contains `text`, diacritics and case aside."""
    folded = fold(text.strip())
    if not folded:
        return list(agencies)
    return [a for a in agencies if folded in fold(a.name) or folded in fold(a.code)]


def _sort_key(sort: str) -> Callable[[ListedAgency], Any]:
    def status_rank(a: ListedAgency) -> int:
        return STATUS_ORDER.index(a.status) if a.status in STATUS_ORDER else len(STATUS_ORDER)

    keys = {
        "code": lambda a: a.code,
        "name": lambda a: (fold(a.name), a.name),
        "status": lambda a: (status_rank(a), a.code),
        "level": lambda a: (
            LEVEL_ORDER.index(a.level) if a.level in LEVEL_ORDER else len(LEVEL_ORDER),
            a.code,
        ),
        "findings": lambda a: (a.findings, a.code),
        "checked": lambda a: (
            a.audited_at is not None,
            a.audited_at.timestamp() if a.audited_at else 0.0,
            a.code,
        ),
    }
    return keys[sort]


def agency_page(session: Session, wanted: AgencyFilter) -> AgencyPage:
    """One page of the agencies matching `wanted`, sorted as asked."""
    rows = matching(listed_agencies(session, wanted), wanted.text)
    descending = wanted.sort.startswith("-")
    sort = wanted.sort.lstrip("-")
    rows.sort(key=_sort_key(sort if sort in SORTS else "code"), reverse=descending)
    pages = max(1, ceil(len(rows) / wanted.per_page))
    page = min(max(1, wanted.page), pages)
    start = (page - 1) * wanted.per_page
    return AgencyPage(
        rows=rows[start : start + wanted.per_page],
        total=len(rows),
        page=page,
        pages=pages,
    )
