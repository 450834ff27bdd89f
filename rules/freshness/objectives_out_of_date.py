"""FRESH001 objectives-out-of-date: the newest quality objectives are for a past year."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import day, document_label
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.freshness.objectives import read_objectives
from rules.rule import AuditContext, Rule


class ObjectivesOutOfDate(Rule):
    """The newest published quality objectives are for a year that is over.

    ## What it checks
    The year of the newest objectives (the year they are for, else their issue year)
    against the as-of date. From the profile's grace day (1 April by default) of year Y,
    objectives for Y are due; before it, objectives for Y-1 still count. When some
    objectives have no known year, the rule does not fire (FRESH003 says so instead).

    ## Why it matters
    Objectives are set every year; objectives for a past year mean the QMS is not being
    maintained, or the site is not kept up to date.

    ## Legal basis
    Good practice: objectives are set yearly (TCVN ISO 9001:2015 clause 6.2); the QMS is
    maintained and improved (QĐ 19/2014/QĐ-TTg Art. 4(4)).

    ## Failing example
    As of 01/04/2026, the newest objectives are "Mục tiêu chất lượng năm 2025".

    ## Passing example
    As of 31/03/2026, the newest objectives are for 2025; or as of 01/04/2026, for 2026.
    """

    code = "FRESH001"
    name = "objectives-out-of-date"
    severity = Severity.WARNING
    verdict = Status.STALE
    legal_basis = (
        "Thực hành tốt: mục tiêu chất lượng được thiết lập hằng năm (mục 6.2 TCVN ISO "
        "9001:2015); duy trì, cải tiến HTQLCL theo Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg"
    )

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        reading = read_objectives(agency, context)
        if reading is None or reading.current or reading.undated or reading.newest is None:
            return
        yield self.about_document(
            reading.newest,
            f"Mục tiêu chất lượng mới nhất là của năm {reading.newest_year} "
            f"({document_label(reading.newest)}); tại ngày {day(context.as_of)} cần có mục "
            f"tiêu chất lượng năm {reading.due_year}.",
        )
