"""Assemble the "province" preset: N generated agencies, served lazily, with registry and truth."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from sandbox.agency_layout import build_agency
from sandbox.build import DECIDING_TYPES, Build
from sandbox.generated_roster import GeneratedAgency, generated_roster
from sandbox.lazy import LazyResources, ProvinceSource
from sandbox.model import Province, RegistryRow, Site, SiteBehaviour, TruthAgency
from sandbox.placement import FILE_HOST, PLATFORM_HOST, ProvinceContext, place_of
from sandbox.roster import PORTAL_HOST, Scenario, site_faults
from sandbox.rule_cases import rule_case, with_rule_cases
from sandbox.shared_hosts import file_host_build, platform_build, portal_build
from sandbox.styles import Link

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
    """Which owner serves each (host, path), and the dynamic routes per host."""

    def __init__(self) -> None:
        self.paths: dict[str, dict[str, str]] = {}
        self.routes: dict[str, list[tuple[str, str]]] = {}
        self.behaviours: dict[str, SiteBehaviour] = {}

    def add(self, owner: str, build: Build) -> None:
        for host, path in build.recipes:
            served = self.paths.setdefault(host, {})
            if served.setdefault(path, owner) != owner:
                raise ValueError(f"{host}{path} claimed by {served[path]} and {owner}")
        for host, prefix in build.routes:
            self.routes.setdefault(host, []).append((prefix, owner))

    def sites(self, source: ProvinceSource) -> tuple[Site, ...]:
        return tuple(
            Site(
                host=host,
                behaviour=self.behaviours.get(host, SiteBehaviour.NORMAL),
                resources=LazyResources(host, paths, tuple(self.routes.get(host, ())), source),
            )
            for host, paths in sorted(self.paths.items())
        )


def _truth(agency: GeneratedAgency, website: str, build: Build) -> TruthAgency:
    spec = agency.spec
    status = spec.scenario.status
    documents = tuple(build.documents) if status != "unreachable" else ()
    versions = {d.iso_version for d in documents if d.iso_version}
    iso_version = "mixed" if len(versions) > 1 else (versions.pop() if versions else None)
    needs = {n for d in documents if d.doc_type in DECIDING_TYPES for n in d.needs}
    tags = [
        spec.scenario.value,
        f"level_{spec.level}",
        *sorted(build.tags),
    ]
    if spec.on_portal:
        tags += ["shared_portal", "subpath"]
    if spec.predecessor:
        tags.append("merged_2025")
    case = rule_case(spec.code)
    if case is not None:
        tags.append(case.tag)
    return TruthAgency(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=website,
        status=status,
        iso_version=iso_version,
        tags=tuple(dict.fromkeys(tags)),
        documents=documents,
        needs=tuple(sorted(needs)),
        faults=site_faults(spec.scenario, website) + tuple(build.faults),
        findings=case.findings if case is not None else (),
    )


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
    *, seed: int, as_of: date, port: int, closed_port: int, agencies: int, news_archive: int = 0
) -> Province:
    """`agencies` generated agencies; pages and files are rendered only when requested."""
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
    by_code = {a.code: a for a in roster}

    def builder(owner: str) -> Build:
        make = shared.get(owner)
        return make() if make is not None else build_agency(by_code[owner], ctx)

    source = ProvinceSource(builder, key=("province", seed, as_of, port, closed_port, agencies))
    registry = tuple(_registry_row(a, places[a.code].website) for a in roster)
    return Province(
        seed=seed,
        as_of=as_of,
        port=port,
        sites=index.sites(source),
        registry=registry,
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
