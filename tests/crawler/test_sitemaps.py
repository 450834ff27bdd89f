from __future__ import annotations

import gzip

from crawler.sitemaps import read_sitemap

URLSET = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc> http://a.vn/iso </loc><lastmod>2026-01-01</lastmod></url>"
    b"<url><loc>http://a.vn/van-ban/qd.pdf</loc></url>"
    b"</urlset>"
)


def test_urlset() -> None:
    entries = read_sitemap(URLSET)
    assert entries.urls == ("http://a.vn/iso", "http://a.vn/van-ban/qd.pdf")
    assert not entries.nested


def test_gzipped_urlset() -> None:
    assert read_sitemap(gzip.compress(URLSET)).urls == read_sitemap(URLSET).urls


def test_sitemap_index_lists_nested_sitemaps() -> None:
    entries = read_sitemap(
        b"<sitemapindex><sitemap><loc>http://a.vn/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert entries.urls == ("http://a.vn/s1.xml",)
    assert entries.nested


def test_not_a_sitemap() -> None:
    for body in (b"", b"<html><body><loc>x</loc></body></html>", b"\x1f\x8bbroken", b"garbage <"):
        assert read_sitemap(body).urls == ()


def test_entities_are_not_expanded() -> None:
    body = (
        b'<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>http://a.vn/&x;</loc></url></urlset>"
    )
    assert all("root:" not in url for url in read_sitemap(body).urls)
