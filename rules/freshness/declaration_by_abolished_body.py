"""FRESH008 declaration-by-abolished-body: the declaration was issued in the name of a body
that no longer exists (a district People's Committee after 01/07/2025)."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import day, document_label, newest_dated, of_type
from rules.facts import AgencyFacts, DocumentFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule
from rules.superseded import AbolishedBody


class DeclarationByAbolishedBody(Rule):
    """The agency's declaration was issued by a body that no longer exists, and no
    declaration by an existing body followed.

    ## What it checks
    The issuing body in the header of each declaration against the profile's table of
    bodies that no longer exist (`rules/data/superseded.toml`: Ủy ban nhân dân huyện, quận,
    thị xã, thị trấn from 01/07/2025). When, on the as-of date, a declaration was issued by
    such a body and no declaration by another body was issued since the body ceased to
    exist (an undated one by another body counts as issued since), the newest such
    declaration gets a finding. Whether a declaration predates the
    agency's `established` date is FRESH002, which keeps deciding the status; this rule
    also catches agencies whose registry row has no established date. Advisory: it counts
    toward the status only where the profile says so.

    ## Why it matters
    Since the two-tier local government of 01/07/2025 there are no district People's
    Committees: the communes and wards that took over their procedures have a new legal
    identity and a new scope, and must declare their own QMS. A declaration of the former
    "UBND huyện" left on the site declares nothing for the agency that exists now.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(4)(c): re-declare when the scope is adjusted, extended or
    narrowed; TT 26/2014/TT-BKHCN Art. 7(2)(l) and 36(2)(đ); Luật Tổ chức chính quyền địa
    phương 72/2025/QH15 (two-tier local government).

    ## Failing example
    As of 01/06/2026, the only declaration on a commune's site is headed "ỦY BAN NHÂN DÂN
    HUYỆN CHÂU THÀNH", "Số: 2310/QĐ-UBND … ngày 9 tháng 12 năm 2015".

    ## Passing example
    The commune has since published a declaration headed "ỦY BAN NHÂN DÂN XÃ AN PHÚ",
    dated 15/09/2025.
    """

    code = "FRESH008"
    name = "declaration-by-abolished-body"
    severity = Severity.WARNING
    verdict = Status.STALE
    advisory = True
    legal_basis = (
        "Điểm c Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (công bố lại khi thay đổi phạm vi); "
        "Điểm l Khoản 2 Điều 7, Điểm đ Khoản 2 Điều 36 Thông tư 26/2014/TT-BKHCN; Luật Tổ chức "
        "chính quyền địa phương số 72/2025/QH15"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        table = context.profile.superseded
        declarations = of_type(agency, "declaration")
        abolished = [
            (doc, body)
            for doc in declarations
            if doc.issuer and (body := table.body_of(doc.issuer)) is not None
            if context.as_of >= body.ceased
        ]
        if not abolished or _redeclared(declarations, abolished):
            return
        newest = newest_dated(doc for doc, _ in abolished) or abolished[0][0]
        body = next(body for doc, body in abolished if doc is newest)
        yield self.about_document(
            newest,
            f"Quyết định công bố HTQLCL {document_label(newest)} do {newest.issuer} ban hành; "
            f"cơ quan này không còn tồn tại từ ngày {day(body.ceased)}, nay là "
            f"{body.replaced_by}. Chưa thấy quyết định công bố của cơ quan hiện nay; cần "
            "công bố lại hệ thống quản lý chất lượng.",
        )


def _redeclared(
    declarations: tuple[DocumentFacts, ...], abolished: list[tuple[DocumentFacts, AbolishedBody]]
) -> bool:
    """A declaration by another body was issued on or after the earliest abolition date (or
    on a date that could not be read: it is not judged)."""
    since = min(body.ceased for _, body in abolished)
    return any(
        (doc.issued is None or doc.issued >= since) and not any(doc is old for old, _ in abolished)
        for doc in declarations
    )
