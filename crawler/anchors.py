"""The links of an HTML page, each with the text that describes where it leads.

The text is the anchor's own text (with its `title` and image `alt`); when the anchor only
says "Tải về", "Download", "Xem" or is an icon, the text of the entry around it is used
instead, which is where document lists name their files. Otherwise that entry's other text
is kept as the anchor's context ("QĐ 12/QĐ-UBND" in a row that says "công bố HTQLCL"). An
entry is a table row, a list item or definition, or the card of a list: the nearest
ancestor repeated beside siblings of its kind (a news module's `div.news_column` holding
title, date and summary; a download component's `div.pd-filebox`). The texts of every link
to one URL are combined (a document module links each entry by its number, then by its
summary). Embedded viewers (`iframe`, `embed`, `object`), `window.open('…pdf')` handlers,
download URLs kept in a data attribute (`data-downloadurl`, the `href` being `#`) and script
redirects (`window.location = '/portal/'`, common on the home pages of government sites)
count too. A link inside the site's navigation (a `nav`, a menu) is marked as such: its
label may be long ("Giới thiệu chung về Sở …") without being a post's title.

The work is linear in the page: the text of an entry is built once, however many links it
holds (an old FrontPage site puts thousands of links in one `<p>`), and at most
`max_links` links of a page are read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from parsel import Selector
from w3lib.url import safe_url_string

from crawler.links import fold, is_generic_anchor, says_pagination

__all__ = ["MAX_LINKS", "Anchor", "absolute_url", "page_anchors"]

MAX_LINKS = 5000  # links read per page (`CrawlBudget.links_per_page`)
MAX_TEXT = 300
_SPACE = re.compile(r"\s+")
_ONCLICK_URL = re.compile(r"""['"]([^'"]+?\.(?:pdf|docx?|xlsx?|odt|rtf))['"]""", re.I)
_SCRIPT_REDIRECT = re.compile(
    r"""location(?:\.href)?\s*=\s*['"]([^'"]+)['"]|location\.(?:replace|assign)\(\s*['"]([^'"]+)['"]"""
)
_LIST_ENTRIES = frozenset({"tr", "li", "dd", "p", "article"})
_BLOCKS = frozenset({"div", "section", "dt", "td", "span"})  # a card when repeated
_ENTRY_LEVELS = 6  # ancestors climbed looking for the entry around a link
_NAVIGATION = (
    "ancestor::*[self::nav or contains(@class, 'menu') or contains(@id, 'menu')"
    " or contains(@class, 'nav') or contains(@id, 'nav')]"
)
_DATA_URL_NAMES = ("data-downloadurl", "data-download-url", "data-href", "data-file")
_DATA_URLS = "//*[@data-downloadurl or @data-download-url or @data-href or @data-file]"
# Asked of every link: compiled once, and run on lxml's element, not through a Selector
# per result (a third of a crawl's CPU went to link extraction that way).
_TEXTS = etree.XPath(".//text()")
_IMAGE_ALTS = etree.XPath(".//img/@alt")
_IN_NAVIGATION = etree.XPath(f"boolean({_NAVIGATION})")


@dataclass(frozen=True)
class Anchor:
    """A link found on a page: the absolute URL (no fragment) and its describing text."""

    url: str
    text: str
    context: str = ""  # the rest of the entry (row, list item, card) around the link
    navigation: bool = False  # inside the site's navigation: a menu label, not a post


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:MAX_TEXT]


def _text_of(node: Any) -> str:
    return _clean(" ".join(_TEXTS(node)))


def _container_text(node: Any, built: dict[Any, str]) -> str:
    """The text of an entry, built once per page: `built` holds it by lxml element.

    lxml keeps one proxy per node for as long as it is referenced (here, by the dict).
    """
    text = built.get(node)
    if text is None:
        text = built[node] = _entry_text(node)
    return text


def _entry_text(node: Any) -> str:
    return _clean(" ".join(node.itertext()))


def _repeated(node: Any) -> bool:
    """A block repeated beside a sibling of the same tag and class: a card of a list."""
    kind = (node.tag, node.get("class"))
    if not node.get("class"):
        return False
    neighbours = (node.getprevious(), node.getnext())
    return any(n is not None and (n.tag, n.get("class")) == kind for n in neighbours)


def _entry(node: Any) -> Any | None:
    """The entry around a link: a row, list item or definition, or a repeated card."""
    for _ in range(_ENTRY_LEVELS):
        node = node.getparent()
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "form"):
            return None
        if node.tag in _LIST_ENTRIES or (node.tag in _BLOCKS and _repeated(node)):
            return node
    return None


def _anchor_text(a: Any, containers: dict[Any, str]) -> tuple[str, str]:
    """The text describing the link (an lxml element), and the other text of its entry."""
    own = _text_of(a)
    extras = [a.get("title", ""), *_IMAGE_ALTS(a)]
    text = _clean(" ".join([own, *extras]))
    entry = _entry(a)
    row = _container_text(entry, containers) if entry is not None else ""
    if not is_generic_anchor(own) and own:
        return text, _clean(row.replace(own, " ")) if own in row else row
    return row or text, ""


def _combined(first: str, more: str) -> str:
    """Two texts of links to one URL, the second added unless it says nothing new (a
    pager's "2" and "Trang sau ›" stay a pager's text)."""
    if not more or is_generic_anchor(more) or says_pagination(more) or fold(more) in fold(first):
        return first
    if not first or is_generic_anchor(first):
        return more
    return _clean(f"{first} {more}")


def absolute_url(base_url: str, href: str) -> str | None:
    """The absolute http(s) URL of `href`, or None for anything else or anything malformed."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        joined = urljoin(base_url, href)
    except ValueError:
        return None
    return _http_url(joined)


@lru_cache(maxsize=8192)  # a site's menus resolve to the same URLs on every page
def _http_url(url: str) -> str | None:
    """`url` made safe (percent-encoded) without its fragment, if it is a valid http(s) URL."""
    try:
        absolute = urldefrag(safe_url_string(url))[0]
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return None
    return absolute if parts.scheme in ("http", "https") and parts.hostname else None


def page_anchors(html: Selector, base_url: str, *, max_links: int = MAX_LINKS) -> list[Anchor]:
    """Every distinct link of the page, in document order, with the texts of all its links.

    `base_url` is the page's base (its URL, or its `<base href>`), against which relative
    links are resolved. Only the first `max_links` `<a href>` of the page are read (then
    `onclick` handlers and data attributes, up to the same count in all); those past it are
    not looked at, so a link farm costs bounded work, and a promising link after more than
    `max_links` others is not seen. Within the cap nothing is lost to a farm: the frontier
    still queues a promising link after thousands of irrelevant ones (`AgencyFrontier.offer`).
    """
    found: dict[str, Anchor] = {}
    containers: dict[Any, str] = {}

    def add(href: str | None, text: str, context: str = "", navigation: bool = False) -> None:
        url = absolute_url(base_url, href or "")
        if url is None:
            return
        known = found.get(url)
        if known is None:
            found[url] = Anchor(url=url, text=text, context=context, navigation=navigation)
        else:
            found[url] = Anchor(
                url=url,
                text=_combined(known.text, text),
                context=_combined(known.context, context),
                navigation=known.navigation and navigation,
            )

    links = [a.root for a in html.xpath("(//a[@href])[position() <= $n]", n=max_links)]
    for a in links:
        add(a.get("href"), *_anchor_text(a, containers), bool(_IN_NAVIGATION(a)))
    title = _clean(" ".join(html.xpath("//h1//text() | //title//text()").getall()))
    for source in html.xpath("//iframe/@src | //embed/@src | //object/@data").getall():
        add(source, title)
    for script in html.xpath("//script/text()").getall():
        for match in _SCRIPT_REDIRECT.finditer(script):
            add(match.group(1) or match.group(2), title)
    room = max(0, max_links - len(links))
    for element in html.xpath(f"({_DATA_URLS})[position() <= $n]", n=room):
        attributes = element.attrib
        href = next(attributes[name] for name in _DATA_URL_NAMES if name in attributes)
        add(href, *_anchor_text(element.root, containers))
    handlers = html.xpath("(//*[@onclick])[position() <= $n]", n=room)
    for element in handlers:
        for match in _ONCLICK_URL.finditer(element.attrib.get("onclick", "")):
            add(match.group(1), *_anchor_text(element.root, containers))
    return list(found.values())
