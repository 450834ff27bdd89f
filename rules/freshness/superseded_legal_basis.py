"""FRESH007 superseded-legal-basis: a procedure, process list or manual still cites a legal
text that no longer applies, past the 3 months allowed to update it."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import DOC_TYPE_LABELS, capitalized, day, document_label, of_type
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule
from rules.superseded import SupersededText

# The documents that carry the QMS's work and are updated when the law changes.
UPDATED_TYPES = ("procedure", "process_list", "quality_manual")


class SupersededLegalBasis(Rule):
    """A procedure, process list or quality manual cites a legal text replaced more than
    three months ago.

    ## What it checks
    The legal texts each procedure, process list and quality manual cites (in its "Căn cứ"
    lines, its "Tài liệu viện dẫn", its steps) against the profile's table of texts no
    longer in force (`rules/data/superseded.toml`: QĐ 144/2006 and QĐ 118/2009 replaced by
    QĐ 19/2014, NĐ 110/2004 and NĐ 09/2010 by NĐ 30/2020, NĐ 61/2018 by NĐ 118/2025, …).
    A document citing one once the grace period (3 months from the day the text ceased to
    apply) is over gets a finding naming the document, each such text and its replacement.
    Advisory: it counts toward the status only where the profile says so.

    ## Why it matters
    Procedures must follow the law in force: an agency has 3 months to bring a new text into
    its QMS. A procedure still citing the old one-stop-shop decree a year after the new one
    took effect was not updated, and may lead staff to apply repealed rules. Inspectors check
    "legal-change updates" on every inspection.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(4)(a): update the QMS within 3 months of a relevant legal text
    taking effect; TT 26/2014/TT-BKHCN Art. 7(2)(i) and 36(2)(d).

    ## Failing example
    As of 01/06/2026, "Quy trình cấp Phiếu lý lịch tư pháp" lists "Nghị định số
    61/2018/NĐ-CP" among its references (NĐ 118/2025/NĐ-CP applies from 01/07/2025).

    ## Passing example
    The procedure cites "Nghị định số 118/2025/NĐ-CP"; or, as of 15/09/2025, it still cites
    NĐ 61/2018/NĐ-CP within the grace period.
    """

    code = "FRESH007"
    name = "superseded-legal-basis"
    severity = Severity.WARNING
    verdict = Status.STALE
    advisory = True
    legal_basis = (
        "Điểm a Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (cập nhật trong 03 tháng kể từ ngày "
        "văn bản có hiệu lực); Điểm i Khoản 2 Điều 7, Điểm d Khoản 2 Điều 36 Thông tư "
        "26/2014/TT-BKHCN"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        table = context.profile.superseded
        for document in of_type(agency, *UPDATED_TYPES):
            texts = _superseded_texts(document.cited, context)
            if not texts:
                continue
            kind = DOC_TYPE_LABELS.get(document.doc_type, "tài liệu")
            cited = "; ".join(
                f"{text.name} (hết hiệu lực từ ngày {day(text.ceased)}, được thay thế bởi "
                f"{text.replaced_by}; hạn cập nhật đến ngày {day(table.grace_end(text))})"
                for text in texts
            )
            yield self.about_document(
                document,
                f"{capitalized(kind)} {document_label(document)} vẫn viện dẫn văn bản đã hết "
                f"hiệu lực quá {table.grace_months:02d} tháng: {cited}.",
            )


def _superseded_texts(cited: tuple[str, ...], context: AuditContext) -> list[SupersededText]:
    """The texts among `cited` that ceased to apply and whose grace is over on as_of."""
    table = context.profile.superseded
    found: dict[str, SupersededText] = {}
    for number in cited:
        text = table.text_cited(number)
        if text is not None and context.as_of >= table.grace_end(text):
            found.setdefault(text.key, text)
    return list(found.values())
