"""A careful crawler in miniature, walking a province in memory (no HTTP) from one agency's home.

It follows pages only within the agency's scope (its host and path prefix, its own `iso.`
subsite, its own page on the ISO platform), takes files linked from those pages wherever
they are, follows redirects and the JSON behind a script-loaded listing.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html

from sandbox import Province, Resource, TruthAgency
from sandbox.placement import PLATFORM_HOST

FILE_PATH = re.compile(r"(\.(pdf|docx?|xlsx?)$)|DownloadFile\.aspx$|/api/")
SCRIPT_LISTING = re.compile(r'taiTrang\("([^"]+)"\)')


@dataclass
class Walk:
    depths: dict[str, int] = field(default_factory=dict)  # URL -> clicks from home
    files: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)  # linked but 404
    redirects: int = 0


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def lookup(province: Province, url: str) -> Resource | None:
    site = province.site_for(urlsplit(url).hostname or "")
    return None if site is None else site.resources.get(_path(url))


def exists(province: Province, url: str) -> bool:
    site = province.site_for(urlsplit(url).hostname or "")
    return site is not None and _path(url) in site.resources


def in_scope(agency: TruthAgency, url: str) -> bool:
    home, target = urlsplit(agency.website), urlsplit(url)
    if target.netloc == home.netloc:
        return target.path.startswith(home.path) or target.path == home.path.rstrip("/")
    if target.hostname == f"iso.{home.hostname}":
        return True
    return target.hostname == PLATFORM_HOST and target.path.startswith(
        f"/co-quan/{agency.code.lower()}/"
    )


def decode(resource: Resource) -> str:
    if "charset=utf-8" in resource.content_type:
        return resource.body.decode("utf-8")
    return resource.body.decode("cp1258")


def _json_files(province: Province, page_url: str, first: str) -> list[str]:
    files, following = [], urljoin(page_url, first)
    while following:
        resource = lookup(province, following)
        assert resource is not None, following
        data = json.loads(resource.body)
        files += [urljoin(following, item["tep"]) for item in data["items"]]
        following = urljoin(following, data["next"]) if data["next"] else ""
    return files


def walk(province: Province, agency: TruthAgency, *, max_pages: int = 400) -> Walk:
    result = Walk(depths={agency.website: 0})
    queue = deque([agency.website])
    pages = 0
    while queue and pages < max_pages:
        url = queue.popleft()
        resource = lookup(province, url)
        if resource is None:
            result.missing.add(url)
            continue
        depth = result.depths[url]
        if resource.location:
            result.redirects += 1
            target = urljoin(url, resource.location)
            if target not in result.depths:
                result.depths[target] = depth
                queue.append(target)
            continue
        if not resource.content_type.startswith("text/html"):
            result.files.add(url)
            continue
        pages += 1
        html = decode(resource)
        links = [urljoin(url, h) for h in lxml.html.fromstring(html).xpath("//a/@href")]
        scripted = SCRIPT_LISTING.search(html)
        if scripted:
            links += _json_files(province, url, scripted.group(1))
        for target in links:
            if target in result.depths:
                continue
            if FILE_PATH.search(urlsplit(target).path):
                result.depths[target] = depth + 1
                if exists(province, target):
                    result.files.add(target)
                else:
                    result.missing.add(target)
            elif in_scope(agency, target):
                result.depths[target] = depth + 1
                queue.append(target)
    return result


def page_url(agency: TruthAgency, name: str) -> str:
    """The URL of the agency's page `name` ("van-ban"); ASP.NET portals add .aspx."""
    return agency.website + name + (".aspx" if "style_portlet" in agency.tags else "")
