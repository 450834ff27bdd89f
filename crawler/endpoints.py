"""JSON endpoints that a page's scripts load, and the links such an endpoint returns.

Some portals render their document lists in the browser: a script fetches
`/api/van-ban?loai=iso` and builds the table. The scripts of a page (inline, or same-site
files) are scanned for the URLs they request (`fetch("…")`, `$.getJSON("…")`,
`url: "…"`, `xhr.open("GET", "…")`, or any literal naming `/api/…`, `….json`, `….ashx`),
and the JSON answer is read for the URLs it holds, each with the titles beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from parsel import Selector

from crawler.anchors import Anchor, absolute_url
from crawler.links import fold

__all__ = [
    "MAX_SCRIPTS",
    "endpoint_anchors",
    "inline_scripts",
    "page_script_sources",
    "script_endpoints",
]

MAX_SCRIPTS = 3  # same-site script files read per page
MAX_JSON_BYTES = 5 * 1024 * 1024
MAX_JSON_LINKS = 2000
MAX_TEXT = 300

_CALLS = (
    r"""fetch\(\s*(['"`])(?P<u1>[^'"`]+)\1""",
    r"""\$\.(?:getJSON|get|post|ajax)\(\s*(['"])(?P<u2>[^'"]+)\3""",
    r"""axios(?:\.get|\.post)?\(\s*(['"`])(?P<u3>[^'"`]+)\5""",
    r"""\.open\(\s*['"](?:GET|POST)['"]\s*,\s*(['"])(?P<u4>[^'"]+)\7""",
    r"""\burl\s*:\s*(['"])(?P<u5>[^'"]+)\9""",
    r"""(['"])(?P<u6>(?:https?://[^'"\s/]+)?(?=/)[^'"\s]*?(?:/api/|\.json\b|\.ashx\b|/ajax/|"""
    r"""/services?/|/handlers?/)[^'"\s]*)\11""",
)
_ENDPOINT_CALL = re.compile("|".join(_CALLS), re.I)
_TEMPLATE = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}")
_CONCATENATED = re.compile(r"\s*\+")
_LIBRARY = re.compile(
    r"jquery|bootstrap|popper|angular|react|vue|lodash|moment|analytics|gtag|googletag"
    r"|recaptcha|swiper|slick|owl\.carousel|fancybox|select2|datepicker|fontawesome|\.min\.js",
    re.I,
)
_TITLE_KEYS = (
    "title", "name", "ten", "tieu de", "tieude", "trich yeu", "trichyeu", "ten van ban",
    "tenvanban", "ten tai lieu", "mo ta", "description", "label", "text", "noi dung", "so hieu",
)  # fmt: skip
_NEXT_KEYS = frozenset({"next", "next page", "nextpage", "next url", "trang sau"})


def script_endpoints(script: str, base_url: str) -> list[str]:
    """The absolute URLs of the data a script requests, in order, without duplicates."""
    found: dict[str, None] = {}
    for match in _ENDPOINT_CALL.finditer(script):
        raw = next(value for name, value in match.groupdict().items() if value and name[0] == "u")
        if _TEMPLATE.search(raw) or _CONCATENATED.match(script, match.end()):
            continue  # built at run time: the literal is only a part of the URL
        url = absolute_url(base_url, raw)
        if url is not None and not _is_script_file(url):
            found.setdefault(url, None)
    return list(found)


def _is_script_file(url: str) -> bool:
    return urlsplit(url).path.lower().endswith((".js", ".css", ".html", ".htm"))


def page_script_sources(html: Selector, base_url: str) -> list[str]:
    """Same-host script files of a page that may load data (libraries left out)."""
    host = urlsplit(base_url).netloc.lower()
    sources: dict[str, None] = {}
    for src in html.xpath("//script/@src").getall():
        url = absolute_url(base_url, src)
        if url is None or urlsplit(url).netloc.lower() != host or _LIBRARY.search(url):
            continue
        sources.setdefault(url, None)
    return list(sources)[:MAX_SCRIPTS]


def inline_scripts(html: Selector) -> list[str]:
    """The text of the page's inline scripts."""
    return [text for text in html.xpath("//script[not(@src)]/text()").getall() if text.strip()]


def _looks_like_url(value: str) -> bool:
    value = value.strip()
    if not value or len(value) > 2000 or any(ch.isspace() for ch in value):
        return False
    if value.startswith(("http://", "https://", "/")):
        return not value.startswith("//") or "." in value[2:].split("/", 1)[0]
    last = value.rsplit("/", 1)[-1]
    return "/" in value and "." in last


def _title_of(item: dict[str, object]) -> str:
    folded = {fold(str(key)): value for key, value in item.items()}
    titles = [str(folded[key]) for key in _TITLE_KEYS if isinstance(folded.get(key), str)]
    if not titles:
        titles = [v for v in item.values() if isinstance(v, str) and not _looks_like_url(v)]
    return re.sub(r"\s+", " ", " ".join(titles)).strip()[:MAX_TEXT]


def _walk(value: object, title: str) -> Iterator[tuple[str, str, bool]]:
    """(url, describing text, is a next-page link) for every URL in a JSON value."""
    if isinstance(value, dict):
        own = _title_of(value) or title
        for key, item in value.items():
            if isinstance(item, str) and _looks_like_url(item):
                yield item, own, fold(str(key)) in _NEXT_KEYS
            elif isinstance(item, dict | list):
                yield from _walk(item, own)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str) and _looks_like_url(item):
                yield item, title, False
            else:
                yield from _walk(item, title)


def endpoint_anchors(body: bytes, base_url: str) -> tuple[list[Anchor], list[str]]:
    """The links a JSON answer holds, and the URLs of its next pages; none if not JSON."""
    if len(body) > MAX_JSON_BYTES:
        return [], []
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return [], []
    anchors: dict[str, Anchor] = {}
    next_pages: dict[str, None] = {}
    for raw, text, is_next in _walk(data, ""):
        url = absolute_url(base_url, raw)
        if url is None:
            continue
        if is_next or urlsplit(url).path.lower().endswith(".json"):
            next_pages.setdefault(url, None)
        elif url not in anchors and len(anchors) < MAX_JSON_LINKS:
            anchors[url] = Anchor(url=url, text=text)
    return list(anchors.values()), list(next_pages)
