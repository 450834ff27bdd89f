"""A real WordPress tier of the sandbox province: Debian's WordPress, PHP-FPM, MariaDB, nginx.

`running_wordpress(root, port, as_of=…)` starts MariaDB (its own data folder, a socket and
a 127.0.0.1 port), PHP-FPM (its own pool on a unix socket) and nginx (a free 127.0.0.1
port) from Debian's packages, lays out one WordPress install per agency (`TIER`), runs
each installer, and fills each site through WordPress's REST API: media library uploads,
announcement posts, pages, categories, a menu, attachment pages, plain and pretty
permalinks, paged news, a hard negative. It yields the tier's registry rows and truth (the
same shapes as the province's) and on exit stops every server and removes its files.
`with_tier(province, tier)` adds them to a province's registry and truth.

Each agency is a WordPress install of its own rather than a site of one multisite network:
multisite refuses a port other than 80 or 443, and agencies run separate installs in life.
`python -m sandbox.wordpress serve` does the same from the command line.
"""

from sandbox.wordpress.agencies import TIER, Habit, TierAgency, tier_registry
from sandbox.wordpress.errors import MissingPackageError, ServiceError, WordPressError
from sandbox.wordpress.publish import FilledSite
from sandbox.wordpress.tier import RunningWordPress, running_wordpress, with_tier

__all__ = [
    "TIER",
    "FilledSite",
    "Habit",
    "MissingPackageError",
    "RunningWordPress",
    "ServiceError",
    "TierAgency",
    "WordPressError",
    "running_wordpress",
    "tier_registry",
    "with_tier",
]
