"""FRESH003 objectives-year-unknown: the objectives' year cannot be told, so neither can
whether they are current."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import document_label
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity
from rules.freshness.objectives import read_objectives
from rules.rule import AuditContext, Rule


class ObjectivesYearUnknown(Rule):
    """Some quality objectives state no year and no issue date, and none of known year is
    current, so FRESH001 cannot decide.

    ## What it checks
    Objectives with neither a stated year nor an issue date, when no objectives of known
    year are current. Each such document gets an info finding; the verdict is unchanged.

    ## Why it matters
    Staff should look at these documents by hand rather than trust a verdict the rules
    could not reach.

    ## Legal basis
    As FRESH001: good practice (TCVN ISO 9001:2015 clause 6.2).

    ## Failing example
    The only objectives are a page titled "Mục tiêu chất lượng" with no year and no date.

    ## Passing example
    "Mục tiêu chất lượng năm 2026", or objectives issued on 15/01/2026.
    """

    code = "FRESH003"
    name = "objectives-year-unknown"
    severity = Severity.INFO
    verdict = None
    legal_basis = (
        "Thực hành tốt: mục tiêu chất lượng được thiết lập hằng năm (mục 6.2 TCVN ISO 9001:2015)"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        reading = read_objectives(agency, context)
        if reading is None or reading.current:
            return
        for doc in reading.undated:
            yield self.about_document(
                doc,
                f"Không xác định được năm của mục tiêu chất lượng {document_label(doc)} "
                "(không ghi năm, không có ngày ban hành); chưa đánh giá được mục tiêu chất "
                f"lượng năm {reading.due_year} đã được ban hành hay chưa.",
            )
