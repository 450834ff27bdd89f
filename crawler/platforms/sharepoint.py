"""SharePoint, on which many provincial portals are built.

A site's pages are `/<site>/Pages/<name>.aspx`, its lists `/<site>/Lists/<list>/…` and its
libraries `/<site>/<library>/Forms/AllItems.aspx`: the site is the part before them. A list
view is drawn in the browser from an inline script (`var WPQ2ListData = { "Row": […] }`):
each row's `FileRef` (with `/` written `\\u002f`) is the file, its `Title` (or
`FileLeafRef`) names it, and `NextHref` is the view's next page.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from parsel import Selector

from crawler.platforms.base import Listed, PageListing, PlatformAdapter, PlatformRequest

__all__ = ["SharePointAdapter"]

_SITE = re.compile(r"^(.*?/)(?:pages|sitepages|lists|_layouts)/", re.I)
_LIBRARY = re.compile(r"^(.*?/)[^/]+/forms/[^/]+\.aspx$", re.I)
_LIST_DATA = re.compile(r"ListData\s*=\s*\{")
MAX_ROWS = 2000


def _object_at(script: str, start: int) -> object:
    """The JSON object literal that opens at `start` (the `{`), or None."""
    try:
        value, _ = json.JSONDecoder().raw_decode(script, start)
    except ValueError:
        return None
    return value


def _row_link(row: object) -> Listed | None:
    if not isinstance(row, dict) or not isinstance(row.get("FileRef"), str):
        return None
    title = row.get("Title") or row.get("FileLeafRef") or ""
    return Listed(href=row["FileRef"], text=str(title))


class SharePointAdapter(PlatformAdapter):
    name = "sharepoint"
    generator = re.compile(r"sharepoint", re.I)
    path_cues = re.compile(
        r"/pages/[^/]+\.aspx|/lists/[^/]+/|/forms/allitems\.aspx|/_layouts/", re.I
    )
    download_handlers = (re.compile(r"/_layouts/(?:\d+/)?download\.aspx\?", re.I),)

    def site_prefix(self, path: str) -> str | None:
        match = _SITE.match(path) or _LIBRARY.match(path)
        return match.group(1) if match else None

    def listing(self, page: Selector, base_url: str) -> PageListing:
        links: list[Listed] = []
        next_pages: list[PlatformRequest] = []
        for script in page.xpath("//script[not(@src)]/text()").getall():
            for match in _LIST_DATA.finditer(script):
                data = _object_at(script, match.end() - 1)
                if not isinstance(data, dict):
                    continue
                rows = data.get("Row")
                if not isinstance(rows, list):
                    rows = []
                links.extend(link for row in rows[:MAX_ROWS] if (link := _row_link(row)))
                following = data.get("NextHref")
                if isinstance(following, str) and following.strip():
                    next_pages.append(PlatformRequest(url=urljoin(base_url, following.strip())))
        return PageListing(links=tuple(links), next_pages=tuple(next_pages))
