"""SITE002 crawl-forbidden-by-robots: robots.txt forbids crawling the agency's website."""

from __future__ import annotations

from collections.abc import Iterator

from rules.facts import AgencyFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule, Stage
from rules.site.robots import forbidden_by_robots


class CrawlForbiddenByRobots(Rule):
    """The website's robots.txt forbids the crawl.

    ## What it checks
    Whether the crawler was refused by the site's robots.txt (the crawler obeys it).

    ## Why it matters
    Documents an automated inspection may not read cannot be checked remotely; the agency
    is reported unreachable so that staff inspect it by hand or ask it to open the QMS pages.
    No other rule runs.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3): the declaration is posted on the agency's website.

    ## Failing example
    robots.txt says `User-agent: *` / `Disallow: /`.

    ## Passing example
    robots.txt allows the start page and the QMS pages, or there is no robots.txt.
    """

    code = "SITE002"
    name = "crawl-forbidden-by-robots"
    severity = Severity.ERROR
    verdict = Status.UNREACHABLE
    legal_basis = "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg (đăng tải trên trang thông tin điện tử)"
    stage = Stage.SITE

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        if not forbidden_by_robots(agency.site):
            return
        yield self.about_site(
            agency,
            f"Tệp robots.txt của trang {agency.website} không cho phép thu thập tự động; "
            "không kiểm tra được tài liệu HTQLCL, cần kiểm tra trực tiếp.",
            snippet=agency.site.failure_detail,
        )
