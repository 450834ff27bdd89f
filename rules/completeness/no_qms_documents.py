"""DOC001 no-qms-documents: a reachable site with no QMS document of the agency's own."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import qms_documents
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule, Stage


class NoQmsDocuments(Rule):
    """The website answers but publishes no QMS document at all.

    ## What it checks
    That at least one document of the agency's quality-management system (declaration,
    policy, objectives, process list, procedure, manual, plan, report…) was found on its
    own site. When none is, this is the only completeness finding: the missing items are
    not listed one by one. A link named as a QMS document that could not be downloaded or
    read means the agency did publish something: DOC006 names it instead.

    ## Why it matters
    The declaration decision must be posted on the agency's website; an agency that
    publishes nothing about its QMS has, as far as the public can see, not declared it.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3); TT 26/2014/TT-BKHCN Art. 7(2)(h).

    ## Failing example
    The site answers 200 OK and has news and administrative-procedure pages, but no ISO page
    and no QMS file.

    ## Passing example
    The site has an "ISO" menu with the declaration decision as a PDF.
    """

    code = "DOC001"
    name = "no-qms-documents"
    severity = Severity.ERROR
    verdict = Status.NOT_PUBLISHED
    legal_basis = (
        "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg; Điểm h Khoản 2 Điều 7 Thông tư 26/2014/TT-BKHCN"
    )
    stage = Stage.PRESENCE

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        if qms_documents(agency) or agency.unreadable:
            return
        yield self.about_site(
            agency,
            f"Trang thông tin điện tử {agency.website} truy cập được nhưng không có tài liệu "
            "nào của hệ thống quản lý chất lượng theo TCVN ISO 9001 (quyết định công bố, "
            "chính sách, mục tiêu chất lượng, danh mục quy trình…).",
        )
