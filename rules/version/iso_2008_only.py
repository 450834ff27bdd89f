"""VER001 iso-2008-only: every document that states an edition states a withdrawn one."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import day, edition, newest_dated, qms_documents, stated_versions
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule


class Iso2008Only(Rule):
    """The agency's QMS is still on a withdrawn edition of TCVN ISO 9001 (2008).

    ## What it checks
    Among the agency's documents that state which edition they adopt, whether every one
    states a withdrawn edition (the profile's `editions.withdrawn`, 2008 by default).
    Documents that state no edition are not counted; if none states one, the rule is silent.

    ## Why it matters
    TCVN ISO 9001:2008 was cancelled on 31/12/2015 and agencies had to finish converting to
    TCVN ISO 9001:2015 before 30/06/2021. A QMS still on 2008 is out of date.

    ## Legal basis
    Công văn 419/BKHCN-TĐC (21/02/2018), conversion before 30/06/2021; QĐ 4108/QĐ-BKHCN and
    QĐ 4109/QĐ-BKHCN (31/12/2015); QĐ 19/2014/QĐ-TTg Art. 4(4), last paragraph (MOST
    guidance on revised standards).

    ## Failing example
    The declaration and the procedures all say "TCVN ISO 9001:2008".

    ## Passing example
    The declaration says "TCVN ISO 9001:2015" (with or without older procedures: those are
    VER002).
    """

    code = "VER001"
    name = "iso-2008-only"
    severity = Severity.ERROR
    verdict = Status.OUTDATED
    legal_basis = (
        "Công văn 419/BKHCN-TĐC ngày 21/02/2018 (hoàn thành chuyển đổi trước 30/06/2021); "
        "Quyết định 4108/QĐ-BKHCN và 4109/QĐ-BKHCN ngày 31/12/2015; Khoản 4 Điều 4 "
        "Quyết định 19/2014/QĐ-TTg"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        stating = [doc for doc in qms_documents(agency) if doc.iso_version]
        withdrawn = context.profile.editions.withdrawn
        if not stating or any(doc.iso_version not in withdrawn for doc in stating):
            return
        declarations = [doc for doc in stating if doc.doc_type == "declaration"]
        evidence = newest_dated(declarations) or newest_dated(stating) or stating[0]
        versions = sorted(stated_versions(stating))
        found = ", ".join(edition(v) for v in versions)
        current = ", ".join(edition(v) for v in context.profile.editions.current)
        yield self.about_document(
            evidence,
            f"{_all_stating(len(stating))} áp dụng {found}, "
            f"phiên bản đã bị hủy bỏ; chưa có tài liệu nào theo {current}"
            f"{_deadlines(versions, context)}.",
        )


def _deadlines(versions: list[str], context: AuditContext) -> str:
    """The profile's deadlines to leave those editions: " (hạn chuyển đổi trước 30/06/2021)"."""
    entries = [context.profile.editions.of(version) for version in versions]
    days = sorted({entry.convert_by for entry in entries if entry and entry.convert_by})
    return f" (hạn chuyển đổi trước {', '.join(day(d) for d in days)})" if days else ""


def _all_stating(count: int) -> str:
    if count == 1:
        return "Tài liệu duy nhất có ghi phiên bản tiêu chuẩn"
    return f"Cả {count} tài liệu có ghi phiên bản tiêu chuẩn đều"
