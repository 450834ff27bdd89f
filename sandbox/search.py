"""Site search of a generated portal: `<search path>?<param>=<query>[&page=N]` answers with
a results page in the site's own look, matching every query word (AND), diacritics folded."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from html import escape
from urllib.parse import parse_qs, urlencode, urlsplit

from extractors.vietnamese import fold
from sandbox.build import Route, SiteBuilder, charset_of
from sandbox.features import PortalStyle
from sandbox.model import Resource
from sandbox.styles import Entry, listing, pager

RESULTS_PAGE = 10  # results per page
SEARCH_TAG = "site_search"


@dataclass(frozen=True, kw_only=True)
class Findable:
    """What the search index holds of a post or a page: its title, link, date and text."""

    title: str
    href: str
    published: date | None = None  # pages have none and come after the posts
    text: str = ""

    @cached_property
    def words(self) -> frozenset[str]:
        """Its folded words, worked out at the first search (not when the site is built)."""
        return frozenset(search_words(f"{self.title} {self.text}"))

    @property
    def entry(self) -> Entry:
        note = f"{self.published:%d/%m/%Y}" if self.published else ""
        return (self.title, self.href, note)


def search_spot(style: PortalStyle, prefix: str) -> tuple[str, str] | None:
    """(action path, query parameter) of the search box of a `style` portal, if it has one."""
    if style is PortalStyle.CLASSIC:
        return f"{prefix}/tim-kiem", "q"
    if style is PortalStyle.PORTLET:
        return f"{prefix}/tim-kiem.aspx", "keyword"
    return None  # the table style's CMS has no search: its lists must be walked


def search_words(text: str) -> list[str]:
    """The words of `text` as the search compares them: "Quyết định ISO 9001:2015" ->
    ["quyet", "dinh", "iso", "9001", "2015"] (lower case, no diacritics, đ -> d)."""
    folded = fold(unicodedata.normalize("NFC", text))
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


def _page_number(values: list[str] | None) -> int:
    """The asked page: a positive number, or 1 for anything else."""
    if not values or not (values[0].isascii() and values[0].isdigit()):
        return 1
    return max(int(values[0]), 1)


def _ordered(findables: Sequence[Findable]) -> list[Findable]:
    """Posts newest first, then pages, each in the order given."""
    posts = [f for f in findables if f.published is not None]
    posts.sort(key=lambda f: f.published or date.min, reverse=True)
    return posts + [f for f in findables if f.published is None]


class SiteSearch:
    """The search of one site over its posts and pages; `route` answers its requests."""

    def __init__(self, site: SiteBuilder, findables: Sequence[Findable], *, home: str) -> None:
        if site.chrome.search is None:
            raise ValueError(f"{site.host} has no search box")
        self.action, self.param = site.chrome.search
        self.site = site
        self.findables = _ordered(findables)
        self.crumbs = (("Trang chủ", home), ("Tìm kiếm", self.action))

    def route(self, path: str) -> Resource | None:
        """The page for `path` (query included), or None (404) past the last results page."""
        parts = urlsplit(path)
        if parts.path != self.action:
            return None
        params = self._params(parts.query)
        query = " ".join(params.get(self.param, [""])[0].split())
        words = search_words(query)
        if not words:
            return self._render("Tìm kiếm", "<h2>Tìm kiếm</h2><p>Nhập từ khóa cần tìm.</p>")
        found = [f for f in self.findables if f.words.issuperset(words)]
        pages = max(1, -(-len(found) // RESULTS_PAGE))
        number = _page_number(params.get("page"))
        if number > pages:
            return None
        return self._render(f"Tìm kiếm: {query}", self._results(query, found, pages, number))

    def _params(self, query: str) -> dict[str, list[str]]:
        """The parameters, decoded as UTF-8; a query that is not UTF-8 (a browser submitting
        the form of a windows-1258 page) is read in the site's own code page."""
        try:
            return parse_qs(query, errors="strict")
        except UnicodeDecodeError:
            return parse_qs(query, encoding=charset_of(self.site.form), errors="replace")

    def _href(self, query: str, number: int) -> str:
        asked = {self.param: query} | ({"page": str(number)} if number > 1 else {})
        return f"{self.action}?{urlencode(asked)}"

    def _results(self, query: str, found: list[Findable], pages: int, number: int) -> str:
        shown = escape(query)
        if not found:
            return (
                "<h2>Kết quả tìm kiếm</h2>"
                f'<p class="search-summary">Không tìm thấy kết quả nào cho «{shown}».</p>'
            )
        style = self.site.chrome.style
        chunk = found[(number - 1) * RESULTS_PAGE : number * RESULTS_PAGE]
        html = (
            f'<p class="search-summary">Tìm thấy {len(found)} kết quả cho «{shown}»</p>\n'
            + listing(style, "Kết quả tìm kiếm", [f.entry for f in chunk])
        )
        if pages > 1:
            html += pager(style, self.action, pages, number, href=lambda n: self._href(query, n))
        return html

    def _render(self, title: str, content: str) -> Resource:
        return self.site.render(title=title, content=content, crumbs=self.crumbs)


def site_search(site: SiteBuilder, findables: Sequence[Findable], *, home: str) -> Route:
    """The route answering the search box of `site` (whose chrome must have one)."""
    return SiteSearch(site, findables, home=home).route
