"""The CMS tiers as a careful crawler sees them: the truth is what it reaches, and only that."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from pdfminer.high_level import extract_text

from sandbox import Province, RunningSandbox, TruthAgency
from tests.sandbox.conftest import tier_agencies
from tests.sandbox.platform_walk import TierWalk, in_area, lookup


@pytest.fixture
def walks(tier_walks: dict[str, TierWalk]) -> dict[str, TierWalk]:
    return tier_walks


@pytest.fixture
def province(running_platforms: RunningSandbox) -> Province:
    """The served tiers' province, as the walks read it."""
    return running_platforms.province


def _with(province: Province, tag: str) -> list[TruthAgency]:
    agencies = [a for a in tier_agencies(province) if tag in a.tags]
    assert agencies, tag
    return agencies


def test_a_careful_crawler_reaches_every_truth_document(
    province: Province, walks: dict[str, TierWalk]
) -> None:
    for agency in tier_agencies(province):
        walk = walks[agency.code]
        files = {d.url for d in agency.documents if d.format != "html"}
        pages = {d.url for d in agency.documents if d.format == "html"}
        assert files <= walk.files, (agency.code, files - walk.files)
        assert pages <= set(walk.pages), (agency.code, pages - set(walk.pages))
        assert walk.missing == set(), (agency.code, walk.missing)


def test_what_else_it_reaches_is_no_qms_document(
    province: Province, walks: dict[str, TierWalk]
) -> None:
    """Everyday files, look-alikes and save-as renderings: none names the national standard
    the way a QMS document does, except the renderings, which are served as such."""
    for agency in tier_agencies(province):
        truth = {d.url for d in agency.documents}
        for url in walks[agency.code].files - truth:
            resource = lookup(province, url)
            assert resource is not None
            if resource.content_type.startswith("text/x-delimtext"):
                assert "neg_print_rendering" in agency.tags
                continue
            text = extract_text(io.BytesIO(resource.body))
            assert "TCVN ISO 9001" not in " ".join(text.split()), (agency.code, url)


def test_no_agency_reaches_another_agencys_documents(
    province: Province, walks: dict[str, TierWalk]
) -> None:
    owner = {d.url: a.code for a in province.truth for d in a.documents}
    for agency in tier_agencies(province):
        reached = walks[agency.code].files | set(walks[agency.code].pages)
        stolen = {url for url in reached if owner.get(url, agency.code) != agency.code}
        assert stolen == set(), agency.code


def test_shared_hosts_link_members_documents_from_outside_their_areas(
    province: Province,
) -> None:
    for agency in _with(province, "sibling_trap"):
        if not agency.documents:
            continue
        home = urlsplit(agency.website)
        portal_home = lookup(province, f"http://{home.netloc}/")
        assert portal_home is not None
        while portal_home.location:
            portal_home = lookup(province, f"http://{home.netloc}{portal_home.location}")
            assert portal_home is not None
        html = portal_home.body.decode("utf-8")
        assert any(urlsplit(d.url).path in html for d in agency.documents), agency.code
        assert not in_area(agency, f"http://{home.netloc}/")


def _outside(agency: TruthAgency, url: str) -> bool:
    """Whether `url` is outside the folder (or query) of the agency's registry URL."""
    start, where = urlsplit(agency.website), urlsplit(url)
    if start.query:
        return start.query not in where.query.split("&")
    folder = start.path.rsplit("/", 1)[0] if "." in start.path else start.path.rstrip("/")
    return not where.path.startswith(folder + "/")


def test_documents_sit_outside_the_registry_urls_path_or_query(
    province: Province,
) -> None:
    for agency in _with(province, "start_url_path"):
        assert urlsplit(agency.website).path not in ("", "/"), agency.code
        if agency.documents:
            assert any(_outside(agency, d.url) for d in agency.documents), agency.code
    for tag in ("start_url_query", "liferay_document_library"):
        files = [(a, d) for a in _with(province, tag) for d in a.documents]
        assert files, tag
        assert all(_outside(agency, d.url) for agency, d in files), tag
