"""Read a sitemap (a `urlset` or a `sitemapindex`, plain or gzipped) into its URLs.

Only sitemaps a site declares in its robots.txt are read: guessing `/sitemap.xml` would
record a 404 for every agency that has none.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from io import BytesIO

from lxml import etree

__all__ = ["SitemapEntries", "read_sitemap"]

MAX_ENTRIES = 5000
MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own limit
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
)


@dataclass(frozen=True)
class SitemapEntries:
    """The URLs a sitemap lists; `nested` when they are sitemaps themselves (an index)."""

    urls: tuple[str, ...]
    nested: bool


def _unzipped(body: bytes) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=BytesIO(body)) as stream:
            return stream.read(MAX_UNZIPPED)
    except (OSError, EOFError, zlib.error):
        return b""


def read_sitemap(body: bytes) -> SitemapEntries:
    """The entries of a sitemap; none when the bytes are not one."""
    text = _unzipped(body).strip()
    if not text:
        return SitemapEntries(urls=(), nested=False)
    try:
        root = etree.fromstring(text, parser=_PARSER)
    except etree.XMLSyntaxError:
        return SitemapEntries(urls=(), nested=False)
    if root is None or etree.QName(root).localname not in ("urlset", "sitemapindex"):
        return SitemapEntries(urls=(), nested=False)
    locations = root.xpath("//*[local-name()='loc']/text()")
    urls = tuple(str(loc).strip() for loc in locations[:MAX_ENTRIES] if str(loc).strip())
    return SitemapEntries(urls=urls, nested=etree.QName(root).localname == "sitemapindex")
