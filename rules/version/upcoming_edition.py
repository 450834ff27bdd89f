"""VER004 upcoming-edition: a document adopts an edition not yet in force (ISO 9001:2026)."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import DOC_TYPE_LABELS, capitalized, document_label, edition, qms_documents
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity
from rules.rule import AuditContext, Rule


class UpcomingEdition(Rule):
    """A document adopts an edition of ISO 9001 that is not yet the one in force.

    ## What it checks
    Documents that adopt an edition the profile lists as upcoming (ISO 9001:2026 by
    default, until TCVN adopts it and the profile makes it current). Each gets an info
    finding; the agency is not outdated for it, and its version reads as that edition.

    ## Why it matters
    An agency may move to ISO 9001:2026 ahead of its adoption as a national standard and of
    MOST's guidance on the transition; staff should know who did, to follow up, not to
    blame.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(4), last paragraph: when the standard is revised, agencies
    follow the guidance of the Ministry of Science and Technology.

    ## Failing example
    "Sổ tay chất lượng theo ISO 9001:2026" while the profile lists 2026 as upcoming.

    ## Passing example
    Every document adopts TCVN ISO 9001:2015, or the profile lists 2026 as current.
    """

    code = "VER004"
    name = "upcoming-edition"
    severity = Severity.INFO
    verdict = None
    legal_basis = (
        "Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (áp dụng tiêu chuẩn sửa đổi theo hướng dẫn "
        "của Bộ Khoa học và Công nghệ)"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        editions = context.profile.editions
        current = ", ".join(edition(year) for year in editions.current)
        for document in qms_documents(agency):
            if document.iso_version not in editions.upcoming:
                continue
            kind = DOC_TYPE_LABELS.get(document.doc_type, "tài liệu")
            yield self.about_document(
                document,
                f"{capitalized(kind)} {document_label(document)} áp dụng ISO 9001:"
                f"{document.iso_version}, phiên bản chưa được áp dụng chính thức (phiên bản "
                f"hiện hành: {current}); theo dõi hướng dẫn chuyển đổi của Bộ Khoa học và "
                "Công nghệ.",
            )
