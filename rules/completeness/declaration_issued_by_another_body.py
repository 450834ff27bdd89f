"""DOC008 declaration-issued-by-another-body: the declaration's number carries another
body's symbol."""

from __future__ import annotations

from collections.abc import Iterator

from rules.completeness.declarations import declarations_to_check
from rules.completeness.heads import decision_symbol, own_symbol
from rules.documents import document_label
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule


class DeclarationIssuedByAnotherBody(Rule):
    """The declaration's number names another issuing body than the agency.

    ## What it checks
    The symbol after "QĐ-" in the number of the newest dated declaration (each one when
    none is dated) against the agency: a symbol made of the leading letters of the words of
    its name, in order ("SKHCN" for Sở Khoa học và Công nghệ, "SNgV", "UBND" for a People's
    Committee), or its registry code or a part of it, is its own. "/QĐ-UBND" on a Sở's
    declaration, or the symbol of the body an agency was merged from, is not. Numbers that
    are not a decision's are not judged. Advisory: it counts toward the status only where
    the profile says so.

    ## Why it matters
    The agency declares its own QMS by a decision of its own head. A declaration numbered
    by the People's Committee, by the steering committee ("/QĐ-BCĐISO") or by a former body
    was not issued by the agency as it is now, or is another agency's document published on
    its pages.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3); TT 26/2014/TT-BKHCN Art. 7(2)(h): the agency itself
    declares; NĐ 30/2020/NĐ-CP Art. 8(2)(c): the number carries the issuer's symbol.

    ## Failing example
    Sở Khoa học và Công nghệ publishes "Quyết định số 391/QĐ-UBND … công bố Hệ thống quản
    lý chất lượng".

    ## Passing example
    Sở Khoa học và Công nghệ publishes "Số: 87/QĐ-SKHCN"; Ủy ban nhân dân xã An Phú
    publishes "Số: 42/QĐ-UBND".
    """

    code = "DOC008"
    name = "declaration-issued-by-another-body"
    severity = Severity.WARNING
    verdict = Status.INCOMPLETE
    advisory = True
    legal_basis = (
        "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg; Điểm h Khoản 2 Điều 7 Thông tư "
        "26/2014/TT-BKHCN; Điểm c Khoản 2 Điều 8 Nghị định 30/2020/NĐ-CP"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        for declaration in declarations_to_check(agency):
            symbol = decision_symbol(declaration.number or "")
            if symbol is None or own_symbol(symbol, agency.name, agency.code):
                continue
            yield self.about_document(
                declaration,
                f"Quyết định công bố HTQLCL {document_label(declaration)} mang ký hiệu "
                f"“{symbol}”, không phải ký hiệu của {agency.name}; quyết định công bố phải do "
                "người đứng đầu chính cơ quan ban hành (hoặc đây là văn bản của cơ quan khác).",
            )
