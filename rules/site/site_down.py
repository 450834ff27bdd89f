"""SITE003 site-down: the site failed in this run; its last known results stand for now."""

from __future__ import annotations

from collections.abc import Iterator

from rules.documents import day
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity
from rules.rule import AuditContext, Rule, Stage
from rules.site.site_unreachable import describe_failure, still_standing


class SiteDown(Rule):
    """The website did not answer in this run, but did before: its last results stand.

    ## What it checks
    That the start page answered in the run judged. When it did not, but an earlier run
    reached the site, and the site has been failing for fewer days than the profile's
    `unreachable_after_days`, this rule says since when the site has been down and when it
    last answered; the agency keeps the documents and status of its last reachable run.
    After that many days, SITE001 takes over and the agency is unreachable.

    ## Why it matters
    Inspectors judge what an agency published. A server down for an afternoon, or a night
    without network at the inspecting end, has not unpublished the declaration; reporting
    the agency as unreachable at once would rewrite the inspection. But staff must see that
    the results are not fresh, and since when.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3): the declaration is posted on the agency's website; TT
    26/2014/TT-BKHCN Art. 37: findings rest on evidence, here the last reachable crawl.

    ## Failing example
    The site answered on 01/06 and refuses connections on 02/06: "không truy cập được từ
    ngày 02/06/2026; giữ kết quả lần kiểm tra ngày 01/06/2026".

    ## Passing example
    The start page answers 200 OK.
    """

    code = "SITE003"
    name = "site-down"
    severity = Severity.WARNING
    verdict = None
    legal_basis = "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg; Điều 37 Thông tư 26/2014/TT-BKHCN"
    stage = Stage.SITE

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        site = agency.site
        if not still_standing(site, context):
            return
        assert site.last_reached is not None
        since = day(site.down_since or context.as_of)
        yield self.about_site(
            agency,
            f"Trang thông tin điện tử {agency.website} không truy cập được từ ngày {since} "
            f"({describe_failure(site)}); giữ kết quả lần truy cập được gần nhất, ngày "
            f"{day(site.last_reached)}.",
            snippet=site.failure_detail,
        )
