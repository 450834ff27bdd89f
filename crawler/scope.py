"""Which URLs belong to an agency's website: its host, and its path prefix on a shared portal.

`http://portal.x/xa-an-binh/` is the host `portal.x` under `/xa-an-binh/`; its sibling
`/xa-an-phu/` is out of scope. `www.` is ignored when comparing hosts, and `iso.<host>`
(an agency's ISO subsite) is in scope too. A scope can grow when the start page redirects
elsewhere (a new domain after a reorganisation), and to the agency's own page on a shared
platform of the province (`http://iso.tinh.gov.vn/co-quan/so-khcn/`, a host beside the
agency's under the same parent domain) when the agency's site links there: then only that
page's path prefix, not the other agencies' pages on the platform.

A registry URL deep inside a site stands for the site: the platform's URL scheme says where
the site starts (`/btdkt/Pages/default.aspx` is `/btdkt/` on SharePoint, `/tabid/36/
default.aspx` the DotNetNuke portal's root, `/vi/` a language folder of the host, see
`crawler.platforms.site_prefix`), and an entry page of a one-word folder
(`/portal/index.aspx`) the host. An agency addressed by a query parameter on a shared
platform (`/Portal/DonVi.aspx?DonViID=13`) keeps to the pages carrying that parameter:
the platform's other units are other agencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

from crawler.platforms import site_prefix
from crawler.platforms.base import DEFAULT_PAGES

__all__ = ["AgencyScope", "SiteArea", "normalise_start_url", "platform_area"]


def normalise_start_url(website: str) -> str:
    """An agency's website as a crawlable URL: `http://` added when no scheme is given."""
    website = website.strip()
    if "://" not in website:
        website = "http://" + website.lstrip("/")
    return website


# Second-level domains under which sibling hosts belong to unrelated owners.
_SHARED_PARENTS = frozenset({"gov", "com", "edu", "org", "net", "ac", "info", "int", "co"})
MIN_PLATFORM_SEGMENTS = 2  # /co-quan/so-khcn/: one member's page among many
# Query parameters by which a shared platform addresses one of its units (DonViID=13).
_UNIT_PARAMETER = re.compile(
    r"^(?:don_?vi|dv|ma_?dv|ma_?don_?vi|co_?quan|unit|org|organization|agency)_?(?:id|ma|code)?$",
    re.I,
)
# One-word folders that are a whole host's entry, not a member's area (/portal/index.aspx).
_ENTRY_FOLDERS = frozenset({"portal", "home", "trangchu", "trang-chu", "default", "site"})


def _queries(query: str) -> set[str]:
    return {f"{name.lower()}={value.strip().lower()}" for name, value in parse_qsl(query)}


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host.removeprefix("www.")


def _prefix_of(path: str) -> str:
    if not path or path == "/":
        return "/"
    last = path.rsplit("/", 1)[-1]
    if "." in last:  # /portal/index.aspx: the folder is the site
        return path.rsplit("/", 1)[0] + "/"
    return path if path.endswith("/") else path + "/"


def _unit_query(query: str) -> str:
    """`donviid=13` when the query addresses a platform's unit by a parameter; else ''."""
    for name, value in parse_qsl(query):
        if _UNIT_PARAMETER.match(name) and value.strip():
            return f"{name.lower()}={value.strip().lower()}"
    return ""


def _site_prefix(path: str) -> str:
    """The path prefix of the site whose registry URL has `path`."""
    prefix = site_prefix(path)
    if prefix is not None:
        return prefix
    folders = [part for part in path.split("/") if part]
    entry = len(folders) == 2 and folders[0].lower() in _ENTRY_FOLDERS
    if entry and DEFAULT_PAGES.match(folders[1]):
        return "/"
    return _prefix_of(path)


@dataclass(frozen=True)
class SiteArea:
    """One host (without `www.`, with port), a path prefix ending in `/`, and the query
    parameter (`donviid=13`, lower case) its pages carry, if it is one unit of a platform."""

    host: str
    prefix: str
    query: str = ""

    @classmethod
    def of(cls, url: str) -> SiteArea:
        parts = urlsplit(url)
        netloc = _bare_host(parts.hostname or "")
        if parts.port is not None:
            netloc = f"{netloc}:{parts.port}"
        return cls(host=netloc, prefix=_prefix_of(parts.path))

    @classmethod
    def of_site(cls, url: str) -> SiteArea:
        """The area of the site whose registry URL is `url` (see the module's docstring)."""
        parts = urlsplit(url)
        area = cls.of(url)
        unit = _unit_query(parts.query)
        if unit:
            return replace(area, query=unit)
        return replace(area, prefix=_site_prefix(parts.path or "/"))

    def contains(self, url: str) -> bool:
        other = SiteArea.of(url)
        parts = urlsplit(url)
        path = parts.path or "/"
        host_matches = other.host == self.host or other.host == "iso." + self.host
        if not host_matches:
            return False
        if other.host != self.host:  # the ISO subsite: all of it
            return True
        if not (path.startswith(self.prefix) or path == self.prefix.rstrip("/")):
            return False
        return not self.query or self.query in _queries(parts.query)


@dataclass
class AgencyScope:
    """The areas of the web that are an agency's own website."""

    areas: list[SiteArea] = field(default_factory=list)

    @classmethod
    def of(cls, website: str) -> AgencyScope:
        return cls(areas=[SiteArea.of_site(normalise_start_url(website))])

    def contains(self, url: str) -> bool:
        if urlsplit(url).scheme not in ("http", "https"):
            return False
        return any(area.contains(url) for area in self.areas)

    def add(self, area: SiteArea) -> None:
        """Add an area (the agency's page on a shared platform)."""
        if area not in self.areas:
            self.areas.append(area)

    def extend_to(self, url: str) -> None:
        """Add the folder holding the page `url` (where the start page redirected to)."""
        parts = urlsplit(url)
        folder = parts.path.rsplit("/", 1)[0] + "/"
        area = SiteArea(host=SiteArea.of(url).host, prefix=folder)
        if area not in self.areas:
            self.areas.append(area)


def _parent_domain(host: str) -> str | None:
    """`tinh.gov.vn` for `so-khcn.tinh.gov.vn`; None when the rest is a public suffix."""
    labels = host.split(":", 1)[0].split(".")
    parent = labels[1:]
    if len(parent) < 2 or (len(parent) == 2 and parent[0] in _SHARED_PARENTS):
        return None
    return ".".join(parent)


def platform_area(scope: AgencyScope, url: str) -> SiteArea | None:
    """The area of `url` if it may be the agency's page on a provincial platform.

    That is: another host under the parent domain of one of the scope's hosts, and a path
    at least two folders deep, which becomes the area's prefix.
    """
    area = SiteArea.of(url)
    if area.prefix.count("/") - 1 < MIN_PLATFORM_SEGMENTS:
        return None
    if any(own.host == area.host for own in scope.areas):
        return None
    bare = area.host.split(":", 1)[0]
    port = area.host.partition(":")[2]
    for own in scope.areas:
        parent = _parent_domain(own.host)
        if parent and bare.endswith("." + parent) and own.host.partition(":")[2] == port:
            return area
    return None
