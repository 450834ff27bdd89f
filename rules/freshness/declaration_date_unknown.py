"""FRESH004 declaration-date-unknown: a declaration has no issue date, so whether it
postdates the agency's establishment cannot be told."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import day, document_label
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity
from rules.freshness.declarations import read_declarations
from rules.rule import AuditContext, Rule


class DeclarationDateUnknown(Rule):
    """A declaration has no issue date, and no dated one postdates the establishment.

    ## What it checks
    For an agency with an `established` date, declarations whose issue date could not be
    read, when no dated declaration was issued on or after that date. Each gets an info
    finding; the verdict is unchanged (FRESH002 does not fire).

    ## Why it matters
    Staff should check the date by hand rather than see the agency called stale, or
    current, on a guess.

    ## Legal basis
    As FRESH002: QĐ 19/2014/QĐ-TTg Art. 4(4)(c).

    ## Failing example
    Established 01/07/2025; the only declaration is a scan whose date could not be read.

    ## Passing example
    Established 01/07/2025; the declaration is dated 15/09/2025.
    """

    code = "FRESH004"
    name = "declaration-date-unknown"
    severity = Severity.INFO
    verdict = None
    legal_basis = (
        "Điểm c Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (công bố lại khi thay đổi phạm vi)"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        reading = read_declarations(agency)
        if reading is None or reading.redeclared:
            return
        for doc in reading.undated:
            yield self.about_document(
                doc,
                f"Không xác định được ngày ban hành của quyết định công bố {document_label(doc)}; "
                "chưa đánh giá được quyết định có ban hành sau ngày cơ quan được thành lập hoặc "
                f"sắp xếp lại ({day(reading.established)}) hay không.",
            )
