"""Tiers of the province modelled on the CMS families agencies really run.

NukeViet 4.5, DotNetNuke, SharePoint provincial portals, Liferay portals, Joomla, and a
provincial ISO platform addressing units by `?DonViID=`: one module per platform, each
writing its own markup and URL shapes (studied from the CMSs' public sources) through
`PlatformSite`; what differs between sites of one platform is data (`roster.TierRow`:
level, scenario, file form, habits). `generate_province(..., platforms=N)` adds N agencies
per tier (`tier.platform_tiers`); their registry rows and truth entries are the province's,
with the habits they show as tags (`habits.TAGS` says what each tag means).
"""

from sandbox.platforms.habits import TAGS, Habit, Platform
from sandbox.platforms.tier import DEFAULT_PER_TIER, Tiers, platform_tiers

__all__ = ["DEFAULT_PER_TIER", "TAGS", "Habit", "Platform", "Tiers", "platform_tiers"]
