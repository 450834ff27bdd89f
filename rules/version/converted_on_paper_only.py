"""VER003 converted-on-paper-only: a document adopts a current edition but is worded in a
withdrawn one's terms."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import DOC_TYPE_LABELS, capitalized, document_label, edition, qms_documents
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule

# The QMS's own documents; plans and reports may quote old wording when they tell history.
SYSTEM_TYPES = frozenset(
    {"quality_policy", "quality_objectives", "quality_manual", "process_list", "procedure"}
)


class ConvertedOnPaperOnly(Rule):
    """A document says it follows TCVN ISO 9001:2015 but is still written in 2008 terms.

    ## What it checks
    Each policy, objectives, manual, process list and procedure that adopts a current
    edition (the profile's, 2015 by default) and whose body (outside its "Căn cứ" lines)
    uses phrases only a withdrawn edition uses: "hành động phòng ngừa", "đại diện lãnh
    đạo", "sản phẩm không phù hợp", "tạo sản phẩm", "mục 4.2.3"… (the vocabulary is data,
    `extractors/editions.toml`). The finding quotes the phrases found. Advisory: it counts
    toward the status only where the profile says so.

    ## Why it matters
    Converting the QMS to TCVN ISO 9001:2015 means rewriting it, not changing the title: a
    2015 procedure that still prescribes preventive actions and a management representative
    was converted on paper only. Inspectors check that the system really follows the
    standard in force.

    ## Legal basis
    Công văn 419/BKHCN-TĐC (21/02/2018): convert to TCVN ISO 9001:2015 before 30/06/2021;
    QĐ 19/2014/QĐ-TTg Art. 4(4), last paragraph; TT 26/2014/TT-BKHCN Art. 36(1)(c).

    ## Failing example
    "Quy trình hành động khắc phục" titled "theo TCVN ISO 9001:2015" whose steps say "Đại
    diện lãnh đạo phê duyệt hành động phòng ngừa".

    ## Passing example
    The same procedure speaks of "rủi ro và cơ hội" and "thông tin dạng văn bản", and of no
    preventive action.
    """

    code = "VER003"
    name = "converted-on-paper-only"
    severity = Severity.WARNING
    verdict = Status.STALE
    advisory = True
    legal_basis = (
        "Công văn 419/BKHCN-TĐC ngày 21/02/2018 (chuyển đổi sang TCVN ISO 9001:2015); Khoản 4 "
        "Điều 4 Quyết định 19/2014/QĐ-TTg; Điểm c Khoản 1 Điều 36 Thông tư 26/2014/TT-BKHCN"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        editions = context.profile.editions
        for document in qms_documents(agency):
            if (
                document.doc_type not in SYSTEM_TYPES
                or document.iso_version not in editions.current
            ):
                continue
            old = [
                (year, phrase) for year, phrase in document.vocabulary if year in editions.withdrawn
            ]
            if not old:
                continue
            phrases = ", ".join(f"“{phrase}”" for _, phrase in old)
            years = ", ".join(edition(year) for year in sorted({year for year, _ in old}))
            kind = DOC_TYPE_LABELS.get(document.doc_type, "tài liệu")
            yield self.about_document(
                document,
                f"{capitalized(kind)} {document_label(document)} ghi áp dụng "
                f"{edition(document.iso_version)} nhưng nội dung vẫn dùng thuật ngữ của "
                f"{years} ({phrases}): có thể chỉ chuyển đổi trên hình thức, cần rà soát.",
            )
