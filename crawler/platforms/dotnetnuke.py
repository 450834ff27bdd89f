"""DotNetNuke (DNN): pages by tab id, one ASP.NET form per page.

Pages are `/tabid/<N>/Default.aspx` (or `/Default.aspx?tabid=N`) under the portal's alias,
which is the site; files are under `/Portals/<N>/` or behind `LinkClick.aspx?fileticket=…`
(`&link=` for a plain link). A document grid pages and the search box searches by postback.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.platforms.aspnet import postback_pages, postback_searches
from crawler.platforms.base import PageListing, PlatformAdapter, PlatformRequest

__all__ = ["DotNetNukeAdapter"]

_TAB = re.compile(r"^(.*?/)tabid/\d+/", re.I)


class DotNetNukeAdapter(PlatformAdapter):
    name = "dotnetnuke"
    generator = re.compile(r"dotnetnuke|\bdnn\b", re.I)
    path_cues = re.compile(r"/tabid/\d+/|linkclick\.aspx|/portals/\d+/|[?&]tabid=\d+", re.I)
    download_handlers = (re.compile(r"linkclick\.aspx\?(?:.*&)?(?:fileticket|link)=", re.I),)

    def site_prefix(self, path: str) -> str | None:
        match = _TAB.match(path)
        return match.group(1) if match else None

    def searches(
        self, page: Selector, base_url: str, queries: tuple[str, ...]
    ) -> list[PlatformRequest]:
        return postback_searches(page, base_url, queries)

    def listing(self, page: Selector, base_url: str) -> PageListing:
        return PageListing(next_pages=tuple(postback_pages(page, base_url)))
