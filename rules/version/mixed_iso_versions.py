"""VER002 mixed-iso-versions: documents on a withdrawn edition alongside current ones."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import document_label, edition, qms_documents
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity
from rules.rule import AuditContext, Rule


class MixedIsoVersions(Rule):
    """Documents on a withdrawn edition are still published next to current ones.

    ## What it checks
    When at least one document adopts a current edition (2015), each document that adopts
    a withdrawn edition (2008) gets a finding. It does not change the verdict.

    ## Why it matters
    Old 2008 documents left on the site after the conversion mislead citizens and
    inspectors about which procedures apply; they should be withdrawn or replaced.

    ## Legal basis
    QĐ 4108/QĐ-BKHCN (31/12/2015) cancelled TCVN ISO 9001:2008; Công văn 419/BKHCN-TĐC.

    ## Failing example
    The 2021 declaration says 2015, but "Quy trình kiểm soát tài liệu" still says
    "TCVN ISO 9001:2008".

    ## Passing example
    Every document that states an edition states 2015.
    """

    code = "VER002"
    name = "mixed-iso-versions"
    severity = Severity.WARNING
    verdict = None
    legal_basis = (
        "Quyết định 4108/QĐ-BKHCN ngày 31/12/2015 (hủy bỏ TCVN ISO 9001:2008); "
        "Công văn 419/BKHCN-TĐC ngày 21/02/2018"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        editions = context.profile.editions
        documents = qms_documents(agency)
        if not any(doc.iso_version in editions.current for doc in documents):
            return
        current = ", ".join(edition(v) for v in editions.current)
        for doc in documents:
            if doc.iso_version in editions.withdrawn:
                yield self.about_document(
                    doc,
                    f"Tài liệu {document_label(doc)} vẫn áp dụng {edition(doc.iso_version)} "
                    f"(đã bị hủy bỏ) trong khi cơ quan đã áp dụng {current}; cần gỡ bỏ hoặc "
                    "thay thế.",
                )
