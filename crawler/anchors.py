"""The links of an HTML page, each with the text that describes where it leads.

The text is the anchor's own text (with its `title` and image `alt`); when the anchor only
says "Tải về", "Download", "Xem" or is an icon, the text of the table row or list item
around it is used instead, which is where document lists name their files. Otherwise that
row's other text is kept as the anchor's context ("QĐ 12/QĐ-UBND" in a row that says
"công bố HTQLCL"). Embedded
viewers (`iframe`, `embed`, `object`), `window.open('…pdf')` handlers and script redirects
(`window.location = '/portal/'`, common on the home pages of government sites) count too.

The work is linear in the page: the text of a row or list item is built once, however many
links it holds (an old FrontPage site puts thousands of links in one `<p>`), and at most
`max_links` links of a page are read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from parsel import Selector
from w3lib.url import safe_url_string

from crawler.links import is_generic_anchor

__all__ = ["MAX_LINKS", "Anchor", "absolute_url", "page_anchors"]

MAX_LINKS = 5000  # links read per page (`CrawlBudget.links_per_page`)
MAX_TEXT = 300
_SPACE = re.compile(r"\s+")
_ONCLICK_URL = re.compile(r"""['"]([^'"]+?\.(?:pdf|docx?|xlsx?|odt|rtf))['"]""", re.I)
_SCRIPT_REDIRECT = re.compile(
    r"""location(?:\.href)?\s*=\s*['"]([^'"]+)['"]|location\.(?:replace|assign)\(\s*['"]([^'"]+)['"]"""
)
_CONTEXT_ANCESTORS = "ancestor::*[self::tr or self::li or self::dd or self::p][1]"


@dataclass(frozen=True)
class Anchor:
    """A link found on a page: the absolute URL (no fragment) and its describing text."""

    url: str
    text: str
    context: str = ""  # the rest of the row or list item around the link


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:MAX_TEXT]


def _text_of(node: Selector) -> str:
    return _clean(" ".join(node.xpath(".//text()").getall()))


def _container_text(node: Selector, built: dict[Any, str]) -> str:
    """The text of a row or list item, built once per page: `built` holds it by element.

    The key is the lxml element, which lxml keeps as the one proxy of its node for as long
    as it is referenced (here, by the dict itself).
    """
    text = built.get(node.root)
    if text is None:
        text = built[node.root] = _text_of(node)
    return text


def _anchor_text(a: Selector, containers: dict[Any, str]) -> tuple[str, str]:
    """The text describing the link, and the other text of its row."""
    own = _text_of(a)
    extras = [a.attrib.get("title", ""), *a.xpath(".//img/@alt").getall()]
    text = _clean(" ".join([own, *extras]))
    rows = a.xpath(_CONTEXT_ANCESTORS)
    row = _container_text(rows[0], containers) if rows else ""
    if not is_generic_anchor(own) and own:
        return text, _clean(row.replace(own, " ")) if own in row else row
    return row or text, ""


def absolute_url(base_url: str, href: str) -> str | None:
    """The absolute http(s) URL of `href`, or None for anything else or anything malformed."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        absolute = urldefrag(safe_url_string(urljoin(base_url, href)))[0]
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return None
    return absolute if parts.scheme in ("http", "https") and parts.hostname else None


def page_anchors(html: Selector, base_url: str, *, max_links: int = MAX_LINKS) -> list[Anchor]:
    """Every distinct link of the page, in document order; the first text found wins.

    `base_url` is the page's base (its URL, or its `<base href>`), against which relative
    links are resolved. Only the first `max_links` `<a href>` of the page are read (then
    `onclick` handlers, up to the same count in all); those past it are not looked at, so
    a link farm costs bounded work, and a promising link after more than `max_links` others
    is not seen. Within the cap nothing is lost to a farm: the frontier still queues a
    promising link after thousands of irrelevant ones (`AgencyFrontier.offer`).
    """
    found: dict[str, Anchor] = {}
    containers: dict[Any, str] = {}

    def add(href: str | None, text: str, context: str = "") -> None:
        url = absolute_url(base_url, href or "")
        if url is not None and url not in found:
            found[url] = Anchor(url=url, text=text, context=context)

    links = html.xpath("(//a[@href])[position() <= $n]", n=max_links)
    for a in links:
        add(a.attrib.get("href"), *_anchor_text(a, containers))
    title = _clean(" ".join(html.xpath("//h1//text() | //title//text()").getall()))
    for source in html.xpath("//iframe/@src | //embed/@src | //object/@data").getall():
        add(source, title)
    for script in html.xpath("//script/text()").getall():
        for match in _SCRIPT_REDIRECT.finditer(script):
            add(match.group(1) or match.group(2), title)
    handlers = html.xpath("(//*[@onclick])[position() <= $n]", n=max(0, max_links - len(links)))
    for element in handlers:
        for match in _ONCLICK_URL.finditer(element.attrib.get("onclick", "")):
            add(match.group(1), *_anchor_text(element, containers))
    return list(found.values())
