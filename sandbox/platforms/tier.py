"""The platform tiers as a whole: where each agency lives, its build, its truth and registry row.

`platform_tiers` gives what `generate_province(..., platforms=N)` adds to the province:
builders (by owner: an agency code, or a shared host's own pages), truth, registry rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sandbox.build import Build
from sandbox.generated_roster import GeneratedAgency
from sandbox.model import RegistryRow, TruthAgency
from sandbox.platforms import iso_query, liferay, sharepoint
from sandbox.platforms.dotnetnuke import dotnetnuke_build
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.joomla import joomla_build
from sandbox.platforms.nukeviet import nukeviet_build
from sandbox.platforms.roster import (
    ISO_QUERY_HOST,
    LIFERAY_PORTAL,
    SHAREPOINT_PORTAL,
    TierAgency,
    TierContext,
    TierPlace,
    TierRow,
    tier_agencies,
)
from sandbox.roster import PROVINCE_DOMAIN, AgencySpec
from sandbox.truth import truth_of

DEFAULT_PER_TIER = 4  # every covering row of every platform
Builder = Callable[[TierAgency, TierContext], Build]
BUILDERS: dict[Platform, Builder] = {
    Platform.NUKEVIET: nukeviet_build,
    Platform.DOTNETNUKE: dotnetnuke_build,
    Platform.SHAREPOINT: sharepoint.sharepoint_build,
    Platform.LIFERAY: liferay.liferay_build,
    Platform.JOOMLA: joomla_build,
    Platform.ISO_QUERY: iso_query.iso_query_build,
}
SHARED_OWNERS = {
    "@sharepoint": SHAREPOINT_PORTAL,
    "@liferay": LIFERAY_PORTAL,
    "@iso-query": ISO_QUERY_HOST,
}


def place_of(platform: Platform, row: TierRow, spec: AgencySpec, number: int) -> TierPlace:
    """Where a tier agency lives and what the registry gives as its website (no port yet)."""
    path = Habit.START_URL_PATH in row.habits
    if platform is Platform.LIFERAY:
        prefix = f"/web/{spec.slug}"
        return TierPlace(host=LIFERAY_PORTAL, prefix=prefix, website=prefix)
    if platform is Platform.ISO_QUERY:
        return TierPlace(
            host=ISO_QUERY_HOST,
            prefix="/Portal/DonVi.aspx",
            website=f"/Portal/DonVi.aspx?DonViID={iso_unit_id(number)}",
        )
    if platform is Platform.SHAREPOINT and row.shared:
        prefix = f"/{spec.slug}"
        website = f"{prefix}/Pages/default.aspx" if path else f"{prefix}/"
        return TierPlace(host=SHAREPOINT_PORTAL, prefix=prefix, website=website)
    host = f"{spec.slug}.{PROVINCE_DOMAIN}"
    start = "/"
    if path:
        start = {
            Platform.NUKEVIET: "/" if Habit.QUERY_URLS in row.habits else "/vi/",
            Platform.DOTNETNUKE: "/tabid/36/default.aspx",
            Platform.SHAREPOINT: "/Pages/default.aspx",
            Platform.JOOMLA: "/index.php" if Habit.QUERY_URLS in row.habits else "/vi/",
        }[platform]
    return TierPlace(host=host, prefix="", website=start)


def iso_unit_id(number: int) -> int:
    """The ?DonViID= of the `number`th unit of the ISO platform."""
    return 10 + 3 * number


@dataclass(frozen=True, kw_only=True)
class Tiers:
    """What the tiers add to a province."""

    agencies: tuple[TierAgency, ...]
    builders: dict[str, Callable[[], Build]]  # owner -> its build, made again when asked
    builds: dict[str, Build]  # owner -> its build as made for the truth (to index its paths)
    truth: tuple[TruthAgency, ...]
    registry: tuple[RegistryRow, ...]


def platform_tiers(
    *, seed: int, as_of: date, port: int, per_tier: int, province: tuple[GeneratedAgency, ...]
) -> Tiers:
    """`per_tier` agencies of every platform, beside the generated `province`."""
    agencies = tier_agencies(seed=seed, per_tier=per_tier, province=province, place_of=place_of)
    ctx = TierContext(seed=seed, as_of=as_of, port=port, agencies=agencies)
    builders: dict[str, Callable[[], Build]] = {}
    builds: dict[str, Build] = {}
    truth, registry = [], []
    for agency in agencies:
        make = _maker(BUILDERS[agency.platform], agency, ctx)
        builders[agency.code] = make
        builds[agency.code] = make()
        website = ctx.origin_of(agency.place.host) + agency.place.website
        truth.append(_truth(agency, website, builds[agency.code]))
        registry.append(_registry_row(agency.spec, website))
    for owner, make in shared_builders(ctx, truth).items():
        builders[owner] = make
        builds[owner] = make()
    return Tiers(
        agencies=agencies,
        builders=builders,
        builds=builds,
        truth=tuple(truth),
        registry=tuple(registry),
    )


def shared_builders(ctx: TierContext, truth: list[TruthAgency]) -> dict[str, Callable[[], Build]]:
    """The own pages of the shared hosts the tiers need (portal homes, the ISO platform's)."""
    hosts = {agency.place.host for agency in ctx.agencies}
    makers = {
        "@sharepoint": lambda: sharepoint.portal_build(ctx, truth),
        "@liferay": lambda: liferay.guest_build(ctx, truth),
        "@iso-query": lambda: iso_query.platform_home_build(ctx, truth),
    }
    return {owner: make for owner, make in makers.items() if SHARED_OWNERS[owner] in hosts}


def _maker(builder: Builder, agency: TierAgency, ctx: TierContext) -> Callable[[], Build]:
    return lambda: builder(agency, ctx)


def _content_tags(build: Build) -> set[str]:
    tags = {f"doc_{d.doc_type}" for d in build.documents} | {d.format for d in build.documents}
    tags |= {f"declaration_{d.iso_version}" for d in build.documents if d.doc_type == "declaration"}
    if sum(d.doc_type == "quality_objectives" for d in build.documents) > 1:
        tags.add("objectives_several_years")
    return tags


def _truth(agency: TierAgency, website: str, build: Build) -> TruthAgency:
    tags = (build.tags | _content_tags(build)) - {agency.platform.value}
    placement: tuple[str, ...] = ()
    if agency.place.prefix:  # a shared host: other units' areas are on it
        placement = ("shared_portal", "sibling_trap")
        placement += ("subpath",) if "?" not in agency.place.website else ()
    shown = replace(build, tags=tags)
    return truth_of(agency.spec, website, shown, lead=(agency.platform.value,), placement=placement)


def _registry_row(spec: AgencySpec, website: str) -> RegistryRow:
    return RegistryRow(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=website,
        parent=spec.parent,
        established=spec.established,
    )
