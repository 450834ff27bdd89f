"""Platform adapters: what the crawler knows of the CMS families agencies run.

One module per platform (`nukeviet`, `dotnetnuke`, `sharepoint`, `liferay`, `joomla`,
`wordpress`, `iso_query`, and the `generic` fallback), each an adapter object with the hooks
of `PlatformAdapter` (`crawler.platforms.base`). The spider detects the platform of every
page it reads (`detect`) and asks that adapter for its search requests and listing data;
download handlers (`is_download_handler`) and the site area of a start URL with a path
(`site_prefix`) are asked of every adapter, as a link or a registry URL may name any
platform before a page of it is seen.
"""

from __future__ import annotations

from parsel import Selector

from crawler.platforms.base import (
    Listed,
    PageListing,
    PlatformAdapter,
    PlatformRequest,
)
from crawler.platforms.dotnetnuke import DotNetNukeAdapter
from crawler.platforms.generic import GenericAdapter
from crawler.platforms.iso_query import IsoQueryAdapter
from crawler.platforms.joomla import JoomlaAdapter
from crawler.platforms.liferay import LiferayAdapter
from crawler.platforms.nukeviet import NukeVietAdapter
from crawler.platforms.sharepoint import SharePointAdapter
from crawler.platforms.wordpress import WordPressAdapter

__all__ = [
    "ADAPTERS",
    "GENERIC",
    "Listed",
    "PageListing",
    "PlatformAdapter",
    "PlatformRequest",
    "detect",
    "is_download_handler",
    "site_prefix",
]

GENERIC = GenericAdapter()
# In the order they are asked: the first that detects a page serves it.
ADAPTERS: tuple[PlatformAdapter, ...] = (
    NukeVietAdapter(),
    DotNetNukeAdapter(),
    SharePointAdapter(),
    LiferayAdapter(),
    JoomlaAdapter(),
    WordPressAdapter(),
    IsoQueryAdapter(),
)


def detect(page: Selector, url: str) -> PlatformAdapter:
    """The adapter of the platform serving `page` (at `url`); the generic one if none."""
    return next((adapter for adapter in ADAPTERS if adapter.detects(page, url)), GENERIC)


def is_download_handler(url: str) -> bool:
    """The URL is a download handler of some platform (`LinkClick.aspx?fileticket=`, …)."""
    return any(adapter.is_download(url) for adapter in ADAPTERS)


def site_prefix(path: str) -> str | None:
    """The path prefix of the site whose page is at `path`, as a platform's URL scheme (or
    a language folder) tells it; None when nothing does."""
    for adapter in (*ADAPTERS, GENERIC):
        prefix = adapter.site_prefix(path)
        if prefix is not None:
            return prefix
    return None
