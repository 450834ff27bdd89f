"""Assemble the "province" preset: N generated agencies, served lazily, with registry and truth."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from sandbox.agency_layout import build_agency
from sandbox.build import Build
from sandbox.generated_roster import GeneratedAgency, generated_roster
from sandbox.lazy import LazyResources, ProvinceSource
from sandbox.model import Province, RegistryRow, Site, SiteBehaviour, TruthAgency
from sandbox.placement import FILE_HOST, PLATFORM_HOST, ProvinceContext, place_of
from sandbox.platforms.tier import platform_tiers
from sandbox.roster import PORTAL_HOST, Scenario
from sandbox.rule_cases import with_rule_cases
from sandbox.shared_hosts import file_host_build, platform_build, portal_build
from sandbox.styles import Link
from sandbox.truth import truth_of

PORTAL, PLATFORM, FILES = "@portal", "@platform", "@files"  # owners of shared hosts' own pages
BEHAVIOURS = {
    Scenario.ERROR_500: SiteBehaviour.ERROR_500,
    Scenario.TIMEOUT: SiteBehaviour.TIMEOUT,
    Scenario.ROBOTS_FORBIDDEN: SiteBehaviour.ROBOTS_FORBIDDEN,
}
DOC_LABELS = {
    "declaration": "Quyết định công bố Hệ thống quản lý chất lượng",
    "quality_policy": "Chính sách chất lượng",
    "quality_objectives": "Mục tiêu chất lượng",
    "process_list": "Danh mục quy trình nội bộ",
}


class _Index:
    """Which owner serves each (host, path), and the dynamic routes and POST handlers per host."""

    def __init__(self) -> None:
        self.paths: dict[str, dict[str, str]] = {}
        self.routes: dict[str, list[tuple[str, str]]] = {}
        self.posts: dict[str, list[tuple[str, str]]] = {}
        self.behaviours: dict[str, SiteBehaviour] = {}

    def add(self, owner: str, build: Build) -> None:
        for host, path in build.recipes:
            served = self.paths.setdefault(host, {})
            if served.setdefault(path, owner) != owner:
                raise ValueError(f"{host}{path} claimed by {served[path]} and {owner}")
        for host, prefix in build.routes:
            self.routes.setdefault(host, []).append((prefix, owner))
        for host, prefix in build.posts:
            self.posts.setdefault(host, []).append((prefix, owner))

    def sites(self, source: ProvinceSource) -> tuple[Site, ...]:
        sites = []
        for host, paths in sorted(self.paths.items()):
            routes, posts = tuple(self.routes.get(host, ())), tuple(self.posts.get(host, ()))
            resources = LazyResources(host, paths, routes, source, posts)
            sites.append(
                Site(
                    host=host,
                    behaviour=self.behaviours.get(host, SiteBehaviour.NORMAL),
                    resources=resources,
                    answer_post=resources.post if posts else None,
                )
            )
        return tuple(sites)


def _truth(agency: GeneratedAgency, website: str, build: Build) -> TruthAgency:
    placement = ("shared_portal", "subpath") if agency.spec.on_portal else ()
    return truth_of(agency.spec, website, build, placement=placement)


def _recent(truth: list[TruthAgency], members: set[str], host: str, limit: int = 5) -> list[Link]:
    """Links to documents of some `members`, as a shared host's "new documents" box shows them."""
    links: list[Link] = []
    for agency in truth:
        if agency.code not in members:
            continue
        for document in agency.documents:
            if document.doc_type in DOC_LABELS and urlsplit(document.url).hostname == host:
                links.append(
                    (
                        f"{DOC_LABELS[document.doc_type]} - {agency.name}",
                        urlsplit(document.url).path,
                    )
                )
    return links[:limit]


def _registry_row(agency: GeneratedAgency, website: str) -> RegistryRow:
    spec = agency.spec
    return RegistryRow(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=website,
        parent=spec.parent,
        established=spec.established,
    )


def generate_generated_province(
    *,
    seed: int,
    as_of: date,
    port: int,
    closed_port: int,
    agencies: int,
    news_archive: int = 0,
    platforms: int = 0,
) -> Province:
    """`agencies` generated agencies; pages and files are rendered only when requested.

    `platforms` agencies per CMS tier (NukeViet, DotNetNuke, SharePoint, Liferay, Joomla,
    the ISO platform by ?DonViID=) are added after them (see `sandbox.platforms`); 0 adds none.
    """
    roster = with_rule_cases(generated_roster(seed=seed, agencies=agencies))
    places = {a.code: place_of(a, port=port, closed_port=closed_port) for a in roster}
    ctx = ProvinceContext(
        seed=seed, as_of=as_of, port=port, agencies=roster, places=places, news_archive=news_archive
    )
    index = _Index()
    truth = []
    for agency in roster:
        build = build_agency(agency, ctx)
        index.add(agency.code, build)
        place = places[agency.code]
        behaviour = BEHAVIOURS.get(agency.spec.scenario)
        if behaviour is not None:
            index.paths.setdefault(place.host, {})
            index.behaviours[place.host] = behaviour
        truth.append(_truth(agency, place.website, build))
    shared = _shared_builders(ctx, truth)
    for owner, make in shared.items():
        index.add(owner, make())
    registry = [_registry_row(a, places[a.code].website) for a in roster]
    if platforms > 0:
        tiers = platform_tiers(
            seed=seed, as_of=as_of, port=port, per_tier=platforms, province=roster
        )
        for owner, build in tiers.builds.items():
            index.add(owner, build)
        shared |= tiers.builders
        truth += tiers.truth
        registry += tiers.registry
    by_code = {a.code: a for a in roster}

    def builder(owner: str) -> Build:
        make = shared.get(owner)
        return make() if make is not None else build_agency(by_code[owner], ctx)

    key = ("province", seed, as_of, port, closed_port, agencies, platforms)
    source = ProvinceSource(builder, key=key)
    return Province(
        seed=seed,
        as_of=as_of,
        port=port,
        sites=index.sites(source),
        registry=tuple(registry),
        truth=tuple(truth),
    )


def _shared_builders(
    ctx: ProvinceContext, truth: list[TruthAgency]
) -> dict[str, Callable[[], Build]]:
    portal_members = {a.code for a in ctx.on_portal()}
    platform_members = {a.code for a in ctx.on_platform()}
    portal_recent = _recent(truth, portal_members, PORTAL_HOST)
    platform_recent = _recent(truth, platform_members, PLATFORM_HOST)
    builders: dict[str, Callable[[], Build]] = {FILES: lambda: file_host_build(ctx)}
    if portal_members:
        builders[PORTAL] = lambda: portal_build(ctx, portal_recent)
    if platform_members:
        builders[PLATFORM] = lambda: platform_build(ctx, platform_recent)
    return builders


__all__ = ["FILE_HOST", "PLATFORM_HOST", "generate_generated_province"]
