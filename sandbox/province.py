"""Generate the whole province: every site, the registry staff keep, and the truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from sandbox import render_html
from sandbox.generated_province import generate_generated_province
from sandbox.model import (
    Province,
    RegistryRow,
    Resource,
    Site,
    SiteBehaviour,
    TruthAgency,
    TruthDocument,
)
from sandbox.render_html import Link, Look
from sandbox.roster import (
    PORTAL_HOST,
    PROVINCE_DOMAIN,
    AgencySpec,
    FileFormat,
    Presentation,
    Scenario,
    site_faults,
    skeleton_roster,
)
from sandbox.scenarios import EARLIEST_AS_OF, plan_papers
from sandbox.sites import AgencySite, SiteWriter, menu, upload_dir, write_agency_site

DEFAULT_CLOSED_PORT = 9  # "discard": privileged, nothing listens there on a normal machine
ROBOTS_ALLOW = b"User-agent: *\nAllow: /\n"
ROBOTS_FORBID = b"User-agent: *\nDisallow: /\n"
PROVINCE_BANNER = "ỦY BAN NHÂN DÂN TỈNH DEMO"


@dataclass
class _Hosts:
    """Resources and behaviours per host, filled agency by agency."""

    resources: dict[str, dict[str, Resource]] = field(default_factory=dict)
    behaviours: dict[str, SiteBehaviour] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class _Placed:
    """An agency with the host and origin it is served under."""

    spec: AgencySpec
    host: str
    origin: str  # scheme, host and port
    website: str  # the registry URL


def _place(spec: AgencySpec, *, port: int, closed_port: int) -> _Placed:
    if spec.on_portal:
        origin = f"http://{PORTAL_HOST}:{port}"
        return _Placed(spec=spec, host=PORTAL_HOST, origin=origin, website=f"{origin}/{spec.slug}/")
    host = f"{spec.slug}.{PROVINCE_DOMAIN}" if spec.slug else PROVINCE_DOMAIN
    used_port = closed_port if spec.scenario is Scenario.CLOSED_PORT else port
    origin = f"http://{host}:{used_port}"
    return _Placed(spec=spec, host=host, origin=origin, website=f"{origin}/")


def _footer(placed: _Placed, everyone: list[_Placed], rng: random.Random) -> tuple[Link, ...]:
    """Links to sibling sites: absolute URLs between hosts, paths between portal communes."""
    if placed.spec.on_portal:
        siblings = [p for p in everyone if p.spec.on_portal and p is not placed]
        return (
            ("Cổng dịch vụ công tỉnh Demo", "/"),
            *((p.spec.name, f"/{p.spec.slug}/") for p in siblings),
        )
    others = [p for p in everyone if not p.spec.on_portal and p is not placed]
    return tuple((p.spec.name, p.website) for p in rng.sample(others, k=min(4, len(others))))


def _agency_site(placed: _Placed, everyone: list[_Placed], *, seed: int, as_of: date) -> AgencySite:
    spec = placed.spec
    rng = random.Random(f"{seed}/{spec.code}")
    papers = plan_papers(spec, as_of=as_of, rng=rng)
    prefix = f"/{spec.slug}" if spec.on_portal else ""
    if spec.on_portal:
        files_dir = f"{upload_dir(spec.established, as_of)}/{spec.doc_code.lower()}"
    else:
        files_dir = "/uploads/iso" if spec.file_format is not FileFormat.HTML else "/uploads"
    look = Look(
        banner="CỔNG DỊCH VỤ CÔNG TỈNH DEMO" if spec.on_portal else PROVINCE_BANNER,
        site_name=spec.name,
        menu=menu(spec, prefix),
        footer_links=_footer(placed, everyone, rng),
    )
    writer = SiteWriter(spec, origin=placed.origin, prefix=prefix, files_dir=files_dir, look=look)
    return write_agency_site(writer, papers, as_of=as_of, rng=rng)


def _portal_home(communes: list[_Placed], trap: str | None) -> dict[str, Resource]:
    """The shared portal's own pages: a list of communes, and a link into one commune's files."""
    entries = [(p.spec.name, f"/{p.spec.slug}/", "Trang thành phần") for p in communes]
    content = render_html.listing("Trang thông tin các xã, phường", entries)
    if trap:
        content += render_html.listing("Văn bản mới", [("Văn bản công bố HTQLCL", trap, "")])
    look = Look(
        banner=PROVINCE_BANNER,
        site_name="Cổng dịch vụ công tỉnh Demo",
        menu=(("Trang chủ", "/"),),
        footer_links=(),
    )
    body = render_html.page(look, title="Trang chủ", content=content)
    return {
        "/": Resource(body=body, content_type="text/html; charset=utf-8"),
        "/robots.txt": Resource(body=ROBOTS_ALLOW, content_type="text/plain"),
    }


def _tags(spec: AgencySpec) -> tuple[str, ...]:
    tags = [spec.scenario.value, spec.presentation.value, spec.file_format.value]
    if spec.on_portal:
        tags += ["shared_portal", "subpath"]
        if spec.file_format is not FileFormat.HTML:
            tags.append("upload_outside_prefix")
    if spec.predecessor:
        tags.append("merged_2025")
    if spec.presentation is Presentation.VAN_BAN and spec.file_format is not FileFormat.HTML:
        tags.append("download_url")
    if spec.code == "SO-KHCN" or spec.scenario is Scenario.HARD_NEGATIVES:
        tags.append("has_hard_negatives")
    return tuple(tags)


def _iso_version(documents: tuple[TruthDocument, ...]) -> str | None:
    versions = {d.iso_version for d in documents if d.iso_version}
    if len(versions) > 1:
        return "mixed"
    return versions.pop() if versions else None


def _truth(placed: _Placed, site: AgencySite | None) -> TruthAgency:
    spec = placed.spec
    status = spec.scenario.status
    documents = site.documents if site is not None and status != "unreachable" else ()
    return TruthAgency(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=placed.website,
        status=status,
        iso_version=_iso_version(documents),
        tags=_tags(spec),
        documents=documents,
        faults=site_faults(spec.scenario, placed.website),
    )


def _registry_row(placed: _Placed) -> RegistryRow:
    spec = placed.spec
    return RegistryRow(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=placed.website,
        parent=spec.parent,
        established=spec.established,
    )


def _sitemap(origin: str, site: AgencySite) -> Resource:
    """A sitemap of the site's HTML pages, as CMSs generate them."""
    urls = "".join(
        f"<url><loc>{escape(origin + path)}</loc></url>"
        for path, resource in sorted(site.resources.items())
        if resource.content_type.startswith("text/html")
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )
    return Resource(body=body.encode("utf-8"), content_type="application/xml")


def _host_agency(
    placed: _Placed, everyone: list[_Placed], hosts: _Hosts, *, seed: int, as_of: date
) -> AgencySite | None:
    """Add one agency's resources to its host; its site, unless nothing is served at all."""
    scenario = placed.spec.scenario
    if scenario is Scenario.CLOSED_PORT:
        return None
    if scenario is Scenario.ERROR_500:
        hosts.resources.setdefault(placed.host, {})
        hosts.behaviours[placed.host] = SiteBehaviour.ERROR_500
        return None
    site = _agency_site(placed, everyone, seed=seed, as_of=as_of)
    forbidden = scenario is Scenario.ROBOTS_FORBIDDEN
    robots = ROBOTS_FORBID if forbidden else ROBOTS_ALLOW
    resources = dict(site.resources)
    if placed.spec.presentation is Presentation.ISO_MENU and not (
        forbidden or placed.spec.on_portal
    ):
        resources["/sitemap.xml"] = _sitemap(placed.origin, site)
        robots += f"Sitemap: {placed.origin}/sitemap.xml\n".encode()
    resources["/robots.txt"] = Resource(body=robots, content_type="text/plain")
    hosts.resources.setdefault(placed.host, {}).update(resources)
    if forbidden:
        hosts.behaviours[placed.host] = SiteBehaviour.ROBOTS_FORBIDDEN
    return site


PRESETS = ("skeleton", "province")
DEFAULT_AGENCIES = 60


def generate_province(
    *,
    seed: int,
    as_of: date,
    port: int,
    closed_port: int = DEFAULT_CLOSED_PORT,
    preset: str = "skeleton",
    agencies: int = DEFAULT_AGENCIES,
    news_archive: int = 0,
    platforms: int = 0,
) -> Province:
    """The province for `seed` as of `as_of`, its URLs on `port`; pure and deterministic.

    `closed_port` is where the agency with a dead server points: a port nothing listens on.
    `preset` "skeleton" is the fixed 17-agency province (every resource rendered up front);
    "province" generates `agencies` agencies covering every scenario of the truth file,
    rendering each resource on first request, each site with `news_archive` older news
    posts in its paged news list (real portals hold years of news). `platforms` adds that
    many agencies per CMS tier to the "province" preset (`sandbox.platforms`; 0: none).
    """
    if platforms < 0:
        raise ValueError(f"platforms is a number of agencies per tier, got {platforms}")
    if platforms and preset != "province":
        raise ValueError("the platform tiers come with the 'province' preset only")
    if preset == "province":
        if as_of < EARLIEST_AS_OF:
            raise ValueError(f"as_of must be on or after {EARLIEST_AS_OF}, got {as_of}")
        return generate_generated_province(
            seed=seed,
            as_of=as_of,
            port=port,
            closed_port=closed_port,
            agencies=agencies,
            news_archive=news_archive,
            platforms=platforms,
        )
    if preset != "skeleton":
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}")
    return _skeleton(seed=seed, as_of=as_of, port=port, closed_port=closed_port)


def _skeleton(*, seed: int, as_of: date, port: int, closed_port: int) -> Province:
    everyone = [_place(spec, port=port, closed_port=closed_port) for spec in skeleton_roster()]
    hosts = _Hosts()
    truth = [
        _truth(placed, _host_agency(placed, everyone, hosts, seed=seed, as_of=as_of))
        for placed in everyone
    ]
    communes = [p for p in everyone if p.spec.on_portal]
    portal_origin = f"http://{PORTAL_HOST}:{port}/"
    trap = next(
        (
            urlsplit(d.url).path
            for a in truth
            if a.website.startswith(portal_origin)
            for d in a.documents
        ),
        None,
    )
    hosts.resources[PORTAL_HOST].update(_portal_home(communes, trap))
    sites = tuple(
        Site(
            host=host,
            behaviour=hosts.behaviours.get(host, SiteBehaviour.NORMAL),
            resources=hosts.resources[host],
        )
        for host in sorted(hosts.resources)
    )
    registry = tuple(_registry_row(placed) for placed in everyone)
    return Province(
        seed=seed, as_of=as_of, port=port, sites=sites, registry=registry, truth=tuple(truth)
    )
