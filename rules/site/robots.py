"""Whether a site's robots.txt forbade the crawl (shared by the two site rules)."""

from __future__ import annotations

from rules.facts import SiteFacts

ROBOTS_FAILURE = "robots"  # the crawler's FailureKind.ROBOTS value


def forbidden_by_robots(site: SiteFacts) -> bool:
    return site.robots_forbidden or site.failure == ROBOTS_FAILURE
