"""AgencyFacts built for tests: a compliant agency, and documents to add or take away."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rules import AgencyFacts, DocumentFacts, SiteFacts, audit
from rules.facts import UnreadableCandidate

AS_OF = date(2026, 6, 1)
ESTABLISHED = date(2025, 7, 1)
WEBSITE = "https://skhcn.example.gov.vn"
_ids = itertools.count(1)


def doc(
    doc_type: str,
    *,
    iso_version: str | None = "2015",
    year: int | None = None,
    number: str | None = None,
    issued: date | None = None,
    title: str | None = None,
    **read: Any,
) -> DocumentFacts:
    """A document; `read` sets what else the reading found (signer, cited, held, …)."""
    evidence_id = next(_ids)
    return DocumentFacts(
        url=f"{WEBSITE}/iso/{doc_type}-{evidence_id}.pdf",
        doc_type=doc_type,
        iso_version=iso_version,
        year=year,
        number=number,
        issued=issued,
        title=title,
        evidence_id=evidence_id,
        **read,
    )


HEAD_SIGNATURE = {
    "issuer": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "signer": "Trương Thị Minh Thư",
    "signer_title": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
    "scope": "Công bố Hệ thống quản lý chất lượng của Sở phù hợp TCVN ISO 9001:2015 đối với "
    "các thủ tục hành chính tại Danh mục kèm theo.",
    "scope_list": True,
}


def declaration(
    issued: date | None = date(2025, 9, 15),
    *,
    iso_version: str | None = "2015",
    number: str | None = "87/QĐ-SKHCN",
    **read: Any,
) -> DocumentFacts:
    """A declaration in due form (signed by the head, with a scope) unless `read` says else."""
    return doc(
        "declaration",
        issued=issued,
        iso_version=iso_version,
        number=number,
        **{**HEAD_SIGNATURE, **read},
    )


def records(year: int = 2025, *held: str) -> DocumentFacts:
    """A yearly report on the QMS saying the internal audit and management review were held."""
    return doc(
        "report",
        year=year,
        number=f"12/BC-SKHCN-{year}",
        held=held or ("internal_audit", "management_review"),
    )


def objectives(
    year: int | None = 2026, *, issued: date | None = None, title: str | None = None
) -> DocumentFacts:
    return doc("quality_objectives", year=year, issued=issued, title=title)


def complete_documents() -> tuple[DocumentFacts, ...]:
    """Everything the default profile requires, on 2015, current as of AS_OF, with a
    declaration in due form and a report of last year's internal audit and review."""
    return (
        declaration(),
        doc("quality_policy"),
        objectives(2026, issued=date(2026, 1, 10)),
        doc("process_list"),
        doc("procedure", number="QT 02/CX-HCTP", cited=("118/2025/NĐ-CP",)),
        records(2025),
    )


def agency(
    documents: tuple[DocumentFacts, ...] | None = None,
    *,
    site: SiteFacts | None = None,
    established: date | None = ESTABLISHED,
    level: str = "department",
    unreadable: tuple[UnreadableCandidate, ...] = (),
) -> AgencyFacts:
    return AgencyFacts(
        code="SKHCN",
        name="Sở Khoa học và Công nghệ",
        level=level,
        website=WEBSITE,
        established=established,
        site=site or SiteFacts(reachable=True, start_url=WEBSITE + "/", evidence_id=1000),
        documents=complete_documents() if documents is None else documents,
        unreadable=unreadable,
    )


def without(documents: tuple[DocumentFacts, ...], *doc_types: str) -> tuple[DocumentFacts, ...]:
    return tuple(document for document in documents if document.doc_type not in doc_types)


def replacing(
    documents: tuple[DocumentFacts, ...], doc_type: str, *new: DocumentFacts
) -> tuple[DocumentFacts, ...]:
    return (*without(documents, doc_type), *new)


def unreachable(
    failure: str | None,
    detail: str | None = None,
    *,
    last_reached: date | None = None,
    down_since: date | None = None,
) -> SiteFacts:
    """A site that failed in the run judged; reached before on `last_reached`, if ever."""
    return SiteFacts(
        reachable=False,
        failure=failure,
        failure_detail=detail,
        start_url=WEBSITE,
        last_reached=last_reached,
        down_since=down_since,
    )


def unreadable_link(
    doc_type: str = "declaration",
    label: str = "Quyết định công bố HTQLCL (bản scan)",
    reason: str = "tệp PDF hỏng, không đọc được",
) -> UnreadableCandidate:
    return UnreadableCandidate(
        url=f"{WEBSITE}/upload/{doc_type}.pdf", label=label, doc_type=doc_type, reason=reason
    )


@dataclass(frozen=True, kw_only=True)
class Case:
    """An agency on which one rule must fire (fails) or must stay silent (passes)."""

    rule: str
    passes: bool
    label: str
    agency: AgencyFacts
    as_of: date = AS_OF

    @property
    def id(self) -> str:
        return f"{self.rule}-{'pass' if self.passes else 'fail'}-{self.label}"


def with_version(document: DocumentFacts, iso_version: str | None) -> DocumentFacts:
    return replace(document, iso_version=iso_version)


def check_case(case: Case) -> None:
    """Audit the case's agency and assert its rule fired, or did not."""
    codes = {finding.rule for finding in audit(case.agency, as_of=case.as_of).findings}
    if case.passes:
        assert case.rule not in codes, f"{case.id}: {case.rule} fired"
    else:
        assert case.rule in codes, f"{case.id}: {case.rule} did not fire (got {sorted(codes)})"
