"""Site rules: whether the agency's website could be crawled at all, and since when not."""

from rules.site.crawl_forbidden_by_robots import CrawlForbiddenByRobots
from rules.site.no_website_registered import NoWebsiteRegistered
from rules.site.site_down import SiteDown
from rules.site.site_unreachable import SiteUnreachable

__all__ = ["CrawlForbiddenByRobots", "NoWebsiteRegistered", "SiteDown", "SiteUnreachable"]
