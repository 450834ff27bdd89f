"""DOC002 missing-declaration: no QMS declaration decision on the agency's website."""

from __future__ import annotations

from rules.completeness.required_item import RequiredItemRule
from rules.facts import AgencyFacts
from rules.findings import Severity, Status


class MissingDeclaration(RequiredItemRule):
    """The agency publishes QMS documents but not its declaration decision.

    ## What it checks
    That a declaration decision ("Quyết định công bố Hệ thống quản lý chất lượng phù hợp
    TCVN ISO 9001", a re-declaration counts) is among the agency's documents, when the
    profile requires it of the agency's level.

    ## Why it matters
    The declaration is the one QMS document the law requires on the website. Without it the
    agency has not shown that its QMS was declared.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3): the agency declares conformity (Annex I form), notifies the
    coordinating unit and posts the declaration at its office and on its website.

    ## Failing example
    The ISO page lists the quality policy and twenty procedures, but no declaration.

    ## Passing example
    "Quyết định số 12/QĐ-SKHCN ngày 05/03/2024 về việc công bố Hệ thống quản lý chất lượng
    phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015" is on the site.
    """

    code = "DOC002"
    name = "missing-declaration"
    severity = Severity.ERROR
    verdict = Status.INCOMPLETE
    legal_basis = "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg"
    item = "declaration"
    satisfied_by = frozenset({"declaration"})

    def missing_message(self, agency: AgencyFacts) -> str:
        return (
            "Không tìm thấy quyết định công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001 "
            f"trên trang thông tin điện tử {agency.website}; theo Khoản 3 Điều 4 Quyết định "
            "19/2014/QĐ-TTg, quyết định công bố phải được đăng tải trên trang thông tin điện tử "
            "của cơ quan."
        )
