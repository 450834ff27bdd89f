"""Provincial ISO platforms: one ASP.NET application publishing every unit's QMS documents,
each unit a query (`/Portal/DonVi.aspx?DonViID=13`), its document list loaded by a script
from a page method (`DonVi.aspx/LayDanhSachTaiLieu`) POSTed `{donViId, pageIndex}` as JSON.

Which unit a page is is the scope's business (`crawler.scope`: an agency addressed by a
query keeps to its own pages); the adapter reads the page method calls, whose fields are
the page's own.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.platforms.aspnet import page_method_calls
from crawler.platforms.base import PageListing, PlatformAdapter

__all__ = ["IsoQueryAdapter"]


class IsoQueryAdapter(PlatformAdapter):
    name = "iso_query"
    path_cues = re.compile(r"\.aspx\?(?:.*&)?(?:don_?vi|dv|ma_?dv)_?id=\d+", re.I)

    def detects(self, page: Selector, url: str) -> bool:
        return super().detects(page, url) or bool(page_method_calls(_scripts(page), url))

    def listing(self, page: Selector, base_url: str) -> PageListing:
        return PageListing(next_pages=tuple(page_method_calls(_scripts(page), base_url)))


def _scripts(page: Selector) -> list[str]:
    return [text for text in page.xpath("//script[not(@src)]/text()").getall() if ".aspx/" in text]
