"""FRESH002 declaration-predates-establishment: the agency has not re-declared since it was
created or reorganised."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import day, document_label
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.freshness.declarations import read_declarations
from rules.rule import AuditContext, Rule


class DeclarationPredatesEstablishment(Rule):
    """The newest declaration is older than the agency itself.

    ## What it checks
    The issue date of the newest dated declaration against the agency's `established` date
    (when it was created, merged or last reorganised). Silent when the agency has no
    established date or no declaration; when a declaration has no issue date, FRESH004
    reports it instead of this rule.

    ## Why it matters
    Agencies created or merged in the 2025 reorganisation have a new legal identity and a
    new list of administrative procedures; a declaration issued by the former body does not
    cover the new one, which must declare (again).

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(4)(c): re-declare when the scope is adjusted, extended or
    narrowed; TT 26/2014/TT-BKHCN Art. 7(2)(l).

    ## Failing example
    Established 01/07/2025; the newest declaration is "Quyết định số 12/QĐ-UBND ngày
    05/03/2020".

    ## Passing example
    Established 01/07/2025; a declaration dated 15/09/2025 is published.
    """

    code = "FRESH002"
    name = "declaration-predates-establishment"
    severity = Severity.ERROR
    verdict = Status.STALE
    legal_basis = (
        "Điểm c Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (công bố lại khi điều chỉnh, mở rộng, "
        "thu hẹp phạm vi); Điểm l Khoản 2 Điều 7 Thông tư 26/2014/TT-BKHCN"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        reading = read_declarations(agency)
        if reading is None or reading.redeclared or reading.undated or reading.newest is None:
            return
        yield self.about_document(
            reading.newest,
            f"Quyết định công bố HTQLCL mới nhất ({document_label(reading.newest)}) ban hành "
            f"trước ngày cơ quan được thành lập hoặc sắp xếp lại ({day(reading.established)}); "
            "cần công bố lại hệ thống quản lý chất lượng.",
        )
