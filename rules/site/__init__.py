"""Site rules: whether the agency's website could be crawled at all."""

from rules.site.crawl_forbidden_by_robots import CrawlForbiddenByRobots
from rules.site.site_unreachable import SiteUnreachable

__all__ = ["CrawlForbiddenByRobots", "SiteUnreachable"]
