"""Where each generated agency lives on the web: its host, path prefix, origin, registry URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.features import Publishing
from sandbox.generated_roster import GeneratedAgency
from sandbox.roster import PORTAL_HOST, PROVINCE_DOMAIN, Scenario

PLATFORM_HOST = f"isodientu.{PROVINCE_DOMAIN}"  # the provincial "ISO điện tử" platform
FILE_HOST = f"tailieu.{PROVINCE_DOMAIN}"  # a file server several agencies link to


@dataclass(frozen=True, kw_only=True)
class Place:
    """An agency's address: host, origin (with the port it is reached on), path prefix."""

    host: str
    origin: str  # "http://so-khcn.tinhdemo.localhost:8080"
    prefix: str  # "" or "/xa-an-phu" on the shared portal
    website: str  # the registry URL

    @property
    def iso_host(self) -> str:
        """The host of the agency's own ISO subsite."""
        return f"iso.{self.host}"


@dataclass(frozen=True, kw_only=True)
class ProvinceContext:
    """What building any one site of the province needs to know of the whole."""

    seed: int
    as_of: date
    port: int
    agencies: tuple[GeneratedAgency, ...]
    places: dict[str, Place]  # by agency code
    news_archive: int = 0  # older news posts per site, listed page after page

    def origin_of(self, host: str) -> str:
        return f"http://{host}:{self.port}"

    def on_platform(self) -> list[GeneratedAgency]:
        return [a for a in self.agencies if a.features.publishing is Publishing.ISO_PLATFORM]

    def on_portal(self) -> list[GeneratedAgency]:
        return [a for a in self.agencies if a.spec.on_portal]


def place_of(agency: GeneratedAgency, *, port: int, closed_port: int) -> Place:
    spec = agency.spec
    if spec.on_portal:
        origin = f"http://{PORTAL_HOST}:{port}"
        return Place(
            host=PORTAL_HOST,
            origin=origin,
            prefix=f"/{spec.slug}",
            website=f"{origin}/{spec.slug}/",
        )
    host = f"{spec.slug}.{PROVINCE_DOMAIN}" if spec.slug else PROVINCE_DOMAIN
    used_port = closed_port if spec.scenario is Scenario.CLOSED_PORT else port
    origin = f"http://{host}:{used_port}"
    return Place(host=host, origin=origin, prefix="", website=f"{origin}/")
