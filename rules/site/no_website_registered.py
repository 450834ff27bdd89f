"""SITE004 no-website-registered: the registry names no website for the agency."""

from __future__ import annotations

from collections.abc import Iterator

from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule, Stage


class NoWebsiteRegistered(Rule):
    """The agency list gives no website for the agency, so nothing could be checked.

    ## What it checks
    That the registry (the agency list staff import) names the agency's website. An agency
    without one is kept in the list and judged unreachable with this finding, rather than
    dropped from the count.

    ## Why it matters
    The declaration must be posted on the agency's website if it has one; the inspection
    cannot say whether it is, and an agency silently missing from the list would make the
    count line ("X/Y cơ quan …") wrong. Staff either add the address or record that the
    agency has no website.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3): the declaration is posted "trên Trang thông tin điện tử
    (nếu có)".

    ## Failing example
    A commune's row in the agency list has an empty "Trang thông tin điện tử" cell.

    ## Passing example
    The row gives `https://xaa.tinh.gov.vn/`.
    """

    code = "SITE004"
    name = "no-website-registered"
    severity = Severity.WARNING
    verdict = Status.UNREACHABLE
    legal_basis = "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg (trang thông tin điện tử, nếu có)"
    stage = Stage.SITE

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        if agency.site.registered:
            return
        yield self.about_site(
            agency,
            "Danh sách cơ quan chưa ghi địa chỉ trang thông tin điện tử của cơ quan này nên "
            "chưa kiểm tra được việc đăng tải; bổ sung địa chỉ vào danh sách (hoặc ghi nhận "
            "cơ quan không có trang thông tin điện tử).",
        )
