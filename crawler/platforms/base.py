"""What a platform adapter is: the hooks the spider calls, and the values they return.

An adapter knows one CMS family as agencies run it: how to tell its pages (generator meta,
paths, markup), where a site's own area starts when the registry gives a page deep inside it
(`/tabid/36/default.aspx`, `/Pages/default.aspx`, `/vi/`), the URLs of its download
handlers, how its search is asked (a button's `data-url`, an ASP.NET postback, a POST form)
and the listing data that is not in `<a href>`s (a SharePoint list's inline `ListData`,
postback paging of a grid, a JSON page method paged by `pageIndex`).

Adapters read pages and return plain values; they import nothing of the crawler's link
handling (the spider scores, scopes and queues what they return), so `crawler.links` can
ask them which URLs are download handlers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from parsel import Selector

__all__ = [
    "DEFAULT_PAGES",
    "Listed",
    "PageListing",
    "PlatformAdapter",
    "PlatformRequest",
    "generator_of",
    "path_and_query",
]

# The file names a site's entry page goes by: a start URL naming one stands for its folder.
DEFAULT_PAGES = re.compile(
    r"^(?:default|index|home|trang-?chu|main)\.(?:aspx?|php|html?|jsp|do)$", re.I
)


@dataclass(frozen=True)
class Listed:
    """A link read out of a page's data rather than its anchors: where, and its title."""

    href: str
    text: str


@dataclass(frozen=True)
class PlatformRequest:
    """A request an adapter asks for: a search, or a list's next page that only a POST gets.

    identity: what makes two such requests to one host the same (a grid's page: the page's
    path, the postback's target and argument; a search: its target and query, whichever
    page posts it). The page's `__VIEWSTATE` changes on every fetch: the body cannot say it.
    text: what the request is about, scored like an anchor's text (the query, the list).
    page_field: the field of a JSON body that numbers the page asked (`pageIndex`); its next
    page is the same request with it one higher (`next_page`).
    """

    url: str
    text: str = ""
    method: str = "GET"
    body: bytes = b""
    content_type: str | None = None
    identity: str | None = None
    page_field: str | None = None

    def next_page(self) -> PlatformRequest | None:
        """The same request for the next page; None when it is not paged by a JSON field."""
        if self.page_field is None:
            return None
        fields = json.loads(self.body)
        fields[self.page_field] = int(fields[self.page_field]) + 1
        body = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()
        return replace(self, body=body, identity=f"json:{urlsplit(self.url).path}:{body.decode()}")


@dataclass(frozen=True)
class PageListing:
    """Listing data an adapter read on a page: the entries, and the requests for next pages."""

    links: tuple[Listed, ...] = ()
    next_pages: tuple[PlatformRequest, ...] = ()


def generator_of(page: Selector) -> str:
    """The page's `<meta name="generator">` (any case), or ''."""
    found = page.xpath(
        "//meta[translate(@name, 'GENERATOR', 'generator')='generator']/@content"
    ).get()
    return (found or "").strip()


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


class PlatformAdapter:
    """The generic fallback, and the base of every adapter: each hook does nothing here.

    Per-platform knowledge is data on the subclass (`generator`, `path_cues`,
    `download_handlers`) and overridden hooks; per-site differences (a site's language
    folder, its portal number, its list's name) are read from the site, never written here.
    """

    name = "generic"
    generator: re.Pattern[str] | None = None  # matches the generator meta's content
    path_cues: re.Pattern[str] | None = None  # matches a path (and query) only it makes
    download_handlers: tuple[re.Pattern[str], ...] = ()  # match a URL's path and query

    def detects(self, page: Selector, url: str) -> bool:
        """The page is served by this platform: its generator meta, or its URL says so."""
        if self.generator is not None and self.generator.search(generator_of(page)):
            return True
        return self.path_cues is not None and bool(self.path_cues.search(path_and_query(url)))

    def is_download(self, url: str) -> bool:
        """The URL is one of the platform's download handlers."""
        target = path_and_query(url)
        return any(pattern.search(target) for pattern in self.download_handlers)

    def site_prefix(self, path: str) -> str | None:
        """The path prefix of a site whose page is at `path`, when the platform's URL scheme
        tells it (`/btdkt/Pages/default.aspx` -> `/btdkt/`); None when it does not."""
        return None

    def searches(
        self, page: Selector, base_url: str, queries: tuple[str, ...]
    ) -> list[PlatformRequest]:
        """Requests that ask the page's search (beyond plain GET forms) each query."""
        return []

    def listing(self, page: Selector, base_url: str) -> PageListing:
        """Listing data the page holds outside its anchors, and how to get its next pages."""
        return PageListing()
