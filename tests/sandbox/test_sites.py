"""The sites as a crawler sees them: reachable documents, shared-portal traps, realistic text."""

from __future__ import annotations

import random
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from sandbox import Province, Site, TruthAgency
from sandbox.render_html import paper_article
from sandbox.roster import AgencySpec, Scenario, skeleton_roster
from sandbox.scenarios import plan_papers
from tests.sandbox.conftest import AS_OF


def _site(province: Province, url: str) -> Site:
    site = province.site_for(urlsplit(url).hostname or "")
    assert site is not None, url
    return site


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _reachable(province: Province, agency: TruthAgency) -> dict[str, int]:
    """URL -> clicks from home, staying in the agency's scope as a careful crawler would.

    Pages are followed only under the agency's path prefix; files may be anywhere on the host.
    """
    site = _site(province, agency.website)
    origin = agency.website.split("/", 3)[:3]
    prefix = urlsplit(agency.website).path
    depths = {agency.website: 0}
    queue = deque([agency.website])
    while queue:
        url = queue.popleft()
        resource = site.resources.get(_path(url))
        if resource is None or not resource.content_type.startswith("text/html"):
            continue
        for href in lxml.html.fromstring(resource.body).xpath("//a/@href"):
            target = urljoin(url, href)
            if target.split("/", 3)[:3] != origin or target in depths:
                continue
            linked = site.resources.get(_path(target))
            is_page = linked is not None and linked.content_type.startswith("text/html")
            if is_page and not _path(target).startswith(prefix):
                continue
            depths[target] = depths[url] + 1
            queue.append(target)
    return depths


def _files(province: Province, depths: dict[str, int], site: Site) -> set[str]:
    return {
        url
        for url in depths
        if (r := site.resources.get(_path(url))) and not r.content_type.startswith("text/html")
    }


def test_truth_documents_are_within_four_clicks(province: Province) -> None:
    for agency in province.truth:
        if not agency.documents:
            continue
        depths = _reachable(province, agency)
        for document in agency.documents:
            assert depths.get(document.url, 99) <= 4, (agency.code, document.url)


def test_the_files_a_careful_crawler_finds_are_exactly_the_truth(province: Province) -> None:
    for agency in province.truth:
        if agency.status == "unreachable":
            continue
        site = _site(province, agency.website)
        found = _files(province, _reachable(province, agency), site)
        expected = {d.url for d in agency.documents if not d.url.endswith(".html")}
        look_alikes = 1 if "hard_negatives" in agency.tags else 0  # the "hợp quy" notice
        assert expected <= found and len(found - expected) == look_alikes, agency.code


def test_the_sibling_commune_publishes_nothing_but_links_out(province: Province) -> None:
    hoa_binh = next(a for a in province.truth if a.code == "XA-HOABINH")
    an_phu = next(a for a in province.truth if a.code == "XA-ANPHU")
    assert hoa_binh.status == "not_published" and an_phu.status == "compliant"
    site = _site(province, hoa_binh.website)
    assert _files(province, _reachable(province, hoa_binh), site) == set()
    home = site.resources["/xa-hoa-binh/"].body.decode("utf-8")
    assert 'href="/xa-an-phu/"' in home
    portal_home = site.resources["/"].body.decode("utf-8")
    assert any(_path(d.url) in portal_home for d in an_phu.documents)
    assert all(_path(d.url).startswith("/upload/") for d in an_phu.documents)


def test_hard_negatives_are_served_but_not_in_the_truth(province: Province) -> None:
    agency = next(a for a in province.truth if "hard_negatives" in a.tags)
    site = _site(province, agency.website)
    pages = " ".join(
        r.body.decode("utf-8")
        for r in site.resources.values()
        if r.content_type.startswith("text/html")
    )
    assert "công bố hợp quy" in pages
    assert "Tư vấn ISO 9001:2015" in pages
    assert "Hội nghị triển khai áp dụng" in pages
    assert agency.documents == () and agency.status == "not_published"


def test_some_sites_have_an_iso_menu_and_some_do_not(province: Province) -> None:
    labels = []
    for agency in province.truth:
        if agency.status == "unreachable":
            continue
        home = _site(province, agency.website).resources[_path(agency.website)].body.decode()
        menu = re.search(r'<nav class="menu">(.*?)</nav>', home)
        assert menu is not None
        labels.append("ISO" in menu.group(1) or "Hệ thống quản lý chất lượng" in menu.group(1))
    assert any(labels) and not all(labels)


def _text(paper_html: str) -> str:
    return " ".join(lxml.html.fromstring(paper_html).text_content().split())


@pytest.mark.parametrize("spec", skeleton_roster(), ids=lambda spec: spec.code)
def test_documents_read_like_administrative_documents(spec: AgencySpec) -> None:
    papers = plan_papers(spec, as_of=AS_OF, rng=random.Random(7))
    for planned in papers:
        text = _text(paper_article(planned.paper))
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert re.search(r"ngày \d\d tháng \d{1,2} năm \d{4}", text)
        cited = [int(y) for y in re.findall(r"\d+/(\d{4})/(?:NĐ-CP|QĐ-TTg|TT-BKHCN)", text)]
        assert all(year <= planned.paper.issued.year for year in cited), planned.stem
        if planned.doc_type == "declaration":
            assert re.search(r"Số: \d{2,3}/QĐ-[A-ZĐ]+", text)
            assert "Căn cứ Quyết định số 19/2014/QĐ-TTg" in text and "Điều 1." in text
        if planned.doc_type == "process_list":
            assert re.search(r"QT-01/[A-ZĐ]+", text)
        if planned.doc_type == "procedure" and planned.iso_version == "2015":
            for section in ("MỤC ĐÍCH", "PHẠM VI", "TÀI LIỆU VIỆN DẪN", "NỘI DUNG QUY TRÌNH"):
                assert section in text
        if planned.iso_version == "2008":
            assert "9001:2015" not in text
            assert re.search(r"phòng ngừa|Đại diện lãnh đạo|4\.2\.3|SỔ TAY|5\.4\.1", text)
    if spec.scenario is Scenario.ISO_2008:
        assert {p.iso_version for p in papers} == {"2008"}
