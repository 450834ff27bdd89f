"""SITE001 site-unreachable: the agency's website could not be crawled."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.documents import day
from rules.facts import AgencyFacts, SiteFacts
from rules.findings import Finding, Severity, Status
from rules.rule import AuditContext, Rule, Stage
from rules.site.robots import forbidden_by_robots

# The crawler's FailureKind values, in Vietnamese. Unknown kinds fall back to OTHER_FAILURE.
FAILURE_DESCRIPTIONS: dict[str, str] = {
    "dns": "không phân giải được tên miền (lỗi DNS)",
    "refused": "không kết nối được (máy chủ từ chối kết nối)",
    "timeout": "hết thời gian chờ máy chủ phản hồi",
    "tls": "lỗi chứng chỉ hoặc kết nối bảo mật TLS",
    "private": "địa chỉ mạng nội bộ, không được phép truy cập",
    "too_large": "trang chủ quá lớn, đã dừng tải",
    "redirect_loop": "chuyển hướng lặp vô hạn",
    "connection": "không kết nối được (kết nối bị ngắt giữa chừng)",
}
OTHER_FAILURE = "không truy cập được (lỗi không xác định)"
HTTP_STATUS = re.compile(r"\b([1-5]\d\d)\b")


def describe_failure(site: SiteFacts) -> str:
    """The crawl failure in Vietnamese, naming the HTTP status when there is one."""
    if site.failure == "http":
        match = HTTP_STATUS.search(site.failure_detail or "")
        if match is None:
            return "máy chủ trả về lỗi HTTP"
        status = int(match.group(1))
        return f"lỗi máy chủ HTTP {status}" if status >= 500 else f"trang trả về lỗi HTTP {status}"
    if site.failure is None:
        return "không kết nối được"
    return FAILURE_DESCRIPTIONS.get(site.failure, OTHER_FAILURE)


def still_standing(site: SiteFacts, context: AuditContext) -> bool:
    """The site failed, but was reached before and has been down for fewer days than the
    profile allows: its last known documents and status stand."""
    if site.reachable or site.robots_forbidden or site.last_reached is None:
        return False
    down_since = site.down_since or context.as_of
    return (context.as_of - down_since).days < context.profile.unreachable_after_days


class SiteUnreachable(Rule):
    """The agency's website could not be crawled, and has not been for days.

    ## What it checks
    That the start page of the agency's website answered. A DNS error, a refused or dropped
    connection, a timeout, a TLS error or an HTTP error status on the start page fires this
    rule, naming the kind of failure, when the site was never reached, or has failed in
    every run for at least the profile's `unreachable_after_days` (3 by default). Before
    that, its last known results stand and SITE003 says since when it is down. A site
    closed by robots.txt is SITE002; an agency with no website registered is SITE004.

    ## Why it matters
    The declaration must be published on the agency's website; a site nobody can open
    publishes nothing. No other rule runs for an unreachable site. But a server down for one
    night has not unpublished anything: inspectors judge what was published.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3): the declaration is posted on the agency's website.

    ## Failing example
    The start page answers HTTP 500, or the connection times out.

    ## Passing example
    The start page answers 200 OK.
    """

    code = "SITE001"
    name = "site-unreachable"
    severity = Severity.ERROR
    verdict = Status.UNREACHABLE
    legal_basis = "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg (đăng tải trên trang thông tin điện tử)"
    stage = Stage.SITE

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        site = agency.site
        if not site.registered or site.reachable or forbidden_by_robots(site):
            return
        if still_standing(site, context):
            return
        message = f"Không truy cập được trang thông tin điện tử {agency.website}"
        if site.last_reached is not None:
            since = day(site.down_since or context.as_of)
            message += f" từ ngày {since} (lần truy cập được gần nhất: {day(site.last_reached)})"
        yield self.about_site(
            agency, f"{message}: {describe_failure(site)}.", snippet=site.failure_detail
        )
