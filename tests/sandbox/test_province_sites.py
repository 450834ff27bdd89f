"""The generated sites as a careful crawler sees them: the truth is what it can reach."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from sandbox import Province, TruthAgency, generate_province
from sandbox.agency_pages import HOME_HEADLINES
from sandbox.placement import FILE_HOST, PLATFORM_HOST
from tests.sandbox.conftest import AS_OF
from tests.sandbox.walk import decode, exists, lookup, page_url, walk

NEGATIVE_FILES = ("cong-bo-hop-quy", "cong-bo-chat-luong-san-pham")
FAULT_FILES = ("ban-scan-toan-van", "bao-cao-tu-danh-gia")


def _with(province: Province, tag: str) -> list[TruthAgency]:
    agencies = [a for a in province.truth if tag in a.tags]
    assert agencies, tag
    return agencies


def _reachable(province: Province) -> list[TruthAgency]:
    return [a for a in province.truth if a.status != "unreachable"]


def test_truth_documents_are_reached_within_four_clicks(generated: Province) -> None:
    for agency in _reachable(generated):
        found = walk(generated, agency)
        for document in agency.documents:
            assert found.depths.get(document.url, 99) <= 4, (agency.code, document.url)


def test_the_files_reached_are_the_truth_and_known_look_alikes(generated: Province) -> None:
    for agency in _reachable(generated):
        found = walk(generated, agency)
        expected = {d.url for d in agency.documents if d.format != "html"}
        others = {url for url in found.files - expected if "/api/" not in url}
        assert expected <= found.files, agency.code
        for url in others:
            assert any(mark in url for mark in NEGATIVE_FILES + FAULT_FILES), (agency.code, url)


def test_no_agency_reaches_a_siblings_documents(generated: Province) -> None:
    owner = {d.url: a.code for a in generated.truth for d in a.documents}
    for agency in _with(generated, "sibling_trap"):
        found = walk(generated, agency)
        stolen = {url for url in found.depths if owner.get(url, agency.code) != agency.code}
        assert stolen == set(), agency.code


def test_shared_hosts_link_to_members_documents_from_outside_their_scope(
    province60: Province,
) -> None:
    for host in ("congdichvu.tinhdemo.localhost", PLATFORM_HOST):
        site = province60.site_for(host)
        assert site is not None
        home = decode(site.resources["/"])
        linked = [d for a in province60.truth for d in a.documents if urlsplit(d.url).path in home]
        assert linked, host


def test_the_deep_agency_needs_exactly_four_clicks(province60: Province) -> None:
    for agency in _with(province60, "deep_4_clicks"):
        found = walk(province60, agency)
        assert {found.depths[d.url] for d in agency.documents} == {4}


def test_later_page_documents_are_not_on_the_first_page(province60: Province) -> None:
    for agency in _with(province60, "later_page"):
        first = lookup(province60, page_url(agency, "van-ban"))
        assert first is not None
        page = decode(first)
        assert not any(urlsplit(d.url).path in page for d in agency.documents), agency.code
        assert all(walk(province60, agency).depths[d.url] >= 3 for d in agency.documents)


def test_tai_ve_links_carry_no_title(province60: Province) -> None:
    for agency in _with(province60, "tai_ve_link"):
        found = walk(province60, agency)
        listing_pages = [url for url in found.depths if "/van-ban" in url and "chi-tiet" not in url]
        html = " ".join(decode(r) for url in listing_pages if (r := lookup(province60, url)))
        for document in agency.documents:
            href = document.url.split("/", 3)[3]
            assert f'/{href}">Tải về</a>' in html.replace("&amp;", "&"), document.url


@pytest.mark.parametrize(
    ("tag", "where"),
    [
        ("extensionless_download", lambda a, u: "/DownloadFile.aspx?id=" in u),
        ("file_host", lambda a, u: urlsplit(u).hostname == FILE_HOST),
        ("iso_subsite", lambda a, u: (urlsplit(u).hostname or "").startswith("iso.")),
        ("iso_platform", lambda a, u: f"/co-quan/{a.code.lower()}/" in u),
        ("shared_portal", lambda a, u: urlsplit(u).path.startswith("/upload/")),
    ],
)
def test_documents_live_where_the_tag_says(province60: Province, tag: str, where: object) -> None:
    assert callable(where)
    for agency in _with(province60, tag):
        for document in agency.documents:
            assert where(agency, document.url), (agency.code, document.url)


def test_a_js_listing_hides_its_files_from_plain_html(province60: Province) -> None:
    for agency in _with(province60, "js_listing"):
        page = lookup(province60, page_url(agency, "van-ban-iso"))
        assert page is not None
        html = decode(page)
        assert 'taiTrang("/api/van-ban?page=1")' in html
        assert not any(urlsplit(d.url).path in html for d in agency.documents)


def test_robots_and_faults_keep_documents_out_of_the_truth(province60: Province) -> None:
    for agency in _with(province60, "robots_forbidden"):
        robots = lookup(province60, agency.website + "robots.txt")
        assert robots is not None and b"Disallow: /" in robots.body
        assert agency.documents == () and agency.status == "unreachable"
    for agency in _with(province60, "redirect_loop"):
        found = walk(province60, agency)
        assert found.redirects == 3 and found.files == set()


def test_sitemaps_list_pages_that_exist(province60: Province) -> None:
    for agency in _with(province60, "sitemap"):
        robots = lookup(province60, agency.website + "robots.txt")
        assert robots is not None
        assert f"Sitemap: {agency.website}sitemap.xml" in robots.body.decode().splitlines()
        sitemap = lookup(province60, agency.website + "sitemap.xml")
        assert sitemap is not None
        locations = re.findall(r"<loc>(.*?)</loc>", sitemap.body.decode())
        assert agency.website in locations or agency.website + "trang-chu" in locations
        assert all(exists(province60, url) for url in locations)


def test_home_pages_show_a_dozen_headlines_and_a_full_menu() -> None:
    province = generate_province(
        seed=1, as_of=AS_OF, port=8080, preset="province", agencies=20, news_archive=15
    )
    homes = [a for a in _reachable(province) if "redirect_chain" not in a.tags]
    assert len(homes) >= 10
    for agency in homes:
        home = lookup(province, agency.website)
        assert home is not None, agency.code
        html = decode(home)
        posts = set(re.findall(r'href="([^"]*/tin-tuc/[^"]+)"', html))
        assert len(posts) == HOME_HEADLINES, agency.code
        depths = walk(province, agency).depths
        for section in ("co-cau-to-chuc", "thu-tuc-hanh-chinh", "hoi-dap"):
            url = page_url(agency, section)
            assert depths.get(url, 99) <= 2 and exists(province, url), (agency.code, section)
