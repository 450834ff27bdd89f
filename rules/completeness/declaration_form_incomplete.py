"""DOC007 declaration-form-incomplete: the declaration lacks a number, a date, the head's
signature or a scope."""

from __future__ import annotations

from collections.abc import Iterator

from rules.completeness.declarations import declarations_to_check
from rules.completeness.heads import head_of, signs_as_head
from rules.documents import document_label, fold
from rules.facts import AgencyFacts, DocumentFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule

# Words by which Điều 1 names what the QMS covers ("các thủ tục hành chính thuộc phạm vi …").
SCOPE_WORDS = (
    "pham vi",
    "danh muc",
    "phu luc",
    "linh vuc",
    "thu tuc hanh chinh",
    "tthc",
    "hoat dong",
    "cong viec",
    "kem theo",
)


class DeclarationFormIncomplete(Rule):
    """The declaration decision lacks part of its required form: a number, a date, the
    signature of the agency's head, or the scope it declares.

    ## What it checks
    The newest dated declaration (each declaration when none is dated) has a number
    ("Số: 12/QĐ-SKHCN"), an issue date, a signer whose position heads the agency (Chủ tịch
    or Phó Chủ tịch of a People's Committee, Giám đốc or Phó Giám đốc of a Sở, Chi cục
    trưởng of a chi cục…; for an agency of unknown kind, any head), and a scope: its Điều 1
    names the activities or procedures covered, or the decision lists or attaches them. The
    finding names each missing part. A signature title read without a name (an old reading)
    is not judged. Advisory: it counts toward the status only where the profile says so.

    ## Why it matters
    The declaration is a decision of the agency's head on the Annex I form of QĐ 19/2014:
    signed by the head, numbered and dated, declaring the QMS for the administrative
    procedures in its scope. A declaration signed "TL." by the office chief, or without a
    scope, does not show what was declared and by whom.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3) (declaration on the Annex I form) and Art. 3(1) (the QMS
    covers every administrative procedure); NĐ 30/2020/NĐ-CP Art. 8 (number, date and
    signature of an administrative document); TT 26/2014/TT-BKHCN Art. 36(1)(a).

    ## Failing example
    "Quyết định số 12/QĐ-STP" signed "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG", whose Điều 1 only
    says "Công bố Hệ thống quản lý chất lượng của Sở phù hợp TCVN ISO 9001:2015."

    ## Passing example
    "Số: 87/QĐ-SKHCN … ngày 15 tháng 9 năm 2025", Điều 1 declares the QMS "đối với các
    thủ tục hành chính tại Danh mục kèm theo", signed "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC".
    """

    code = "DOC007"
    name = "declaration-form-incomplete"
    severity = Severity.WARNING
    verdict = Status.INCOMPLETE
    advisory = True
    legal_basis = (
        "Khoản 3 Điều 4 và Khoản 1 Điều 3 Quyết định 19/2014/QĐ-TTg (mẫu Phụ lục I); Điều 8 "
        "Nghị định 30/2020/NĐ-CP; Điểm a Khoản 1 Điều 36 Thông tư 26/2014/TT-BKHCN"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        for declaration in declarations_to_check(agency):
            missing = missing_parts(declaration, agency.name)
            if missing:
                yield self.about_document(
                    declaration,
                    f"Quyết định công bố HTQLCL {document_label(declaration)} chưa đúng thể "
                    f"thức: {'; '.join(missing)}.",
                )


def missing_parts(declaration: DocumentFacts, agency_name: str) -> list[str]:
    """What the declaration lacks, each in Vietnamese."""
    missing = []
    if not declaration.number:
        missing.append("không ghi số, ký hiệu")
    if declaration.issued is None:
        missing.append("không ghi ngày ban hành")
    if not declaration.signer:
        missing.append("không xác định được người ký")
    elif declaration.signer_title and not signs_as_head(declaration.signer_title, agency_name):
        head = head_of(agency_name) or "người đứng đầu"
        missing.append(
            f"người ký ({declaration.signer}, “{declaration.signer_title}”) không phải "
            f"{head} hoặc cấp phó của người đứng đầu cơ quan"
        )
    if not names_scope(declaration):
        missing.append("không nêu phạm vi áp dụng, cũng không có danh mục thủ tục kèm theo")
    return missing


def names_scope(declaration: DocumentFacts) -> bool:
    if declaration.scope_list:
        return True
    scope = fold(declaration.scope or "")
    return any(word in scope for word in SCOPE_WORDS)
