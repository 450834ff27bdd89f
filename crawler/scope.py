"""Which URLs belong to an agency's website: its host, and its path prefix on a shared portal.

`http://portal.x/xa-an-binh/` is the host `portal.x` under `/xa-an-binh/`; its sibling
`/xa-an-phu/` is out of scope. `www.` is ignored when comparing hosts, and `iso.<host>`
(an agency's ISO subsite) is in scope too. A scope can grow when the start page redirects
elsewhere (a new domain after a reorganisation), and to the agency's own page on a shared
platform of the province (`http://iso.tinh.gov.vn/co-quan/so-khcn/`, a host beside the
agency's under the same parent domain) when the agency's site links there: then only that
page's path prefix, not the other agencies' pages on the platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

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


@dataclass(frozen=True)
class SiteArea:
    """One host (without `www.`, with port) and a path prefix ending in `/`."""

    host: str
    prefix: str

    @classmethod
    def of(cls, url: str) -> SiteArea:
        parts = urlsplit(url)
        netloc = _bare_host(parts.hostname or "")
        if parts.port is not None:
            netloc = f"{netloc}:{parts.port}"
        return cls(host=netloc, prefix=_prefix_of(parts.path))

    def contains(self, url: str) -> bool:
        other = SiteArea.of(url)
        path = urlsplit(url).path or "/"
        host_matches = other.host == self.host or other.host == "iso." + self.host
        if not host_matches:
            return False
        if other.host != self.host:  # the ISO subsite: all of it
            return True
        return path.startswith(self.prefix) or path == self.prefix.rstrip("/")


@dataclass
class AgencyScope:
    """The areas of the web that are an agency's own website."""

    areas: list[SiteArea] = field(default_factory=list)

    @classmethod
    def of(cls, website: str) -> AgencyScope:
        return cls(areas=[SiteArea.of(normalise_start_url(website))])

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
