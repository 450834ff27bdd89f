"""A careful crawler in miniature for the platform tiers, walking a province in memory.

It starts at a tier agency's registry URL and keeps to the agency's area as the platform
defines it (its own host and `iso.` subsite; its SharePoint subsite or Liferay site; the
pages of its `?DonViID=`), and it does what each habit asks of a crawler: it follows
redirects, reads `data-downloadurl`, posts an ASP.NET form back for `__doPostBack` links
(echoing the page's hidden fields), reads a SharePoint view's inline ListData and its
NextHref, and asks an ASP.NET page method for every page of a JSON listing. Files linked
from the area are taken wherever they live.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.html

from sandbox import Province, Resource, TruthAgency
from sandbox.model import Posted

POSTBACK = re.compile(r"__doPostBack\('([^']*)','([^']*)'\)")
LIST_DATA = re.compile(r"var WPQ\d+ListData = (\{.*?\});\n", re.S)
PAGE_METHOD = re.compile(r'url: "([^"]+)".*?donViId: (\d+)', re.S)
SEARCH_TARGET = "dnn$dnnSearch$cmdSearch"


@dataclass
class TierWalk:
    pages: dict[str, str] = field(default_factory=dict)  # URL (#postback) -> HTML read
    files: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    posts: int = 0


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def lookup(province: Province, url: str) -> Resource | None:
    site = province.site_for(urlsplit(url).hostname or "")
    return None if site is None else site.resources.get(_path(url))


def post(province: Province, url: str, content_type: str, body: bytes) -> Resource | None:
    site = province.site_for(urlsplit(url).hostname or "")
    if site is None or site.answer_post is None:
        return None
    return site.answer_post(Posted(path=_path(url), content_type=content_type, body=body))


def in_area(agency: TruthAgency, url: str) -> bool:
    home, target = urlsplit(agency.website), urlsplit(url)
    if target.netloc != home.netloc:
        own_host = "shared_portal" not in agency.tags
        return own_host and target.hostname == f"iso.{home.hostname}"
    if "platform_iso_query" in agency.tags:
        return home.query in target.query.split("&")
    if "platform_liferay" in agency.tags:
        return target.path == home.path or target.path.startswith(home.path + "/")
    if "shared_portal" in agency.tags:
        web = "/" + home.path.split("/")[1]
        return target.path.startswith(web + "/")
    return True


def _is_html(resource: Resource) -> bool:
    return resource.content_type.startswith("text/html")


class _Walker:
    def __init__(self, province: Province, agency: TruthAgency) -> None:
        self.province = province
        self.agency = agency
        self.result = TierWalk()
        self.queue: deque[tuple[str, str, str, str]] = deque()  # (url, key, target, argument)
        self.seen: set[str] = set()

    def visit(self, url: str, key: str | None = None, target: str = "", arg: str = "") -> None:
        key = key or url
        if key not in self.seen:
            self.seen.add(key)
            self.queue.append((url, key, target, arg))

    def take_file(self, url: str) -> None:
        """A link leaving the area: taken if it is a file, never followed if it is a page."""
        if url in self.seen or self.province.site_for(urlsplit(url).hostname or "") is None:
            return  # seen, or a host of the wider web
        self.seen.add(url)
        resource = lookup(self.province, url)
        if resource is None:
            self.result.missing.add(url)
        elif resource.location:
            self.take_file(urljoin(url, resource.location))
        elif not _is_html(resource):
            self.result.files.add(url)

    def link(self, url: str) -> None:
        if in_area(self.agency, url):
            self.visit(url)
        else:
            self.take_file(url)

    def answer(self, url: str, key: str, target: str, arg: str) -> Resource | None:
        if not target:
            return lookup(self.province, url)
        html = self.result.pages[key.split("#", 1)[0] if "#" in key else url]
        fields = _hidden_fields(html)
        fields.update({"__EVENTTARGET": target, "__EVENTARGUMENT": arg})
        self.result.posts += 1
        body = urlencode(fields).encode()
        return post(self.province, url, "application/x-www-form-urlencoded", body)

    def read(self, url: str, key: str, html: str) -> None:
        self.result.pages[key] = html
        document = lxml.html.fromstring(html)
        for href in document.xpath("//a/@href"):
            if href.startswith("javascript:"):
                for target, arg in POSTBACK.findall(href.replace("&#39;", "'")):
                    if target != SEARCH_TARGET:
                        self.visit(url, f"{url}#{target}#{arg}", target, arg)
            elif not href.startswith("#"):
                self.link(urljoin(url, href).split("#")[0])
        for download in document.xpath("//@data-downloadurl"):
            self.take_file(urljoin(url, download))
        for data in LIST_DATA.findall(html):
            listed = json.loads(data)
            for row in listed["Row"]:
                self.take_file(urljoin(url, row["FileRef"]))
            if "NextHref" in listed:
                self.link(urljoin(url, listed["NextHref"]))
        for method, unit in PAGE_METHOD.findall(html):
            self.page_method(urljoin(url, method), int(unit))

    def page_method(self, url: str, unit: int) -> None:
        index, collected, total = 1, 0, 1
        while collected < total:
            body = json.dumps({"donViId": unit, "pageIndex": index, "pageSize": 5}).encode()
            answer = post(self.province, url, "application/json; charset=utf-8", body)
            assert answer is not None and answer.status == 200, url
            page = json.loads(answer.body)["d"]
            self.result.posts += 1
            total, index = page["TongSo"], index + 1
            collected += len(page["DanhSach"]) or total
            for item in page["DanhSach"]:
                self.take_file(urljoin(url, item["DuongDan"]))

    def run(self, max_pages: int) -> TierWalk:
        self.visit(self.agency.website)
        while self.queue and len(self.result.pages) < max_pages:
            url, key, target, arg = self.queue.popleft()
            resource = self.answer(url, key, target, arg)
            if resource is None or resource.status >= 400:
                self.result.missing.add(key)
            elif resource.location:
                self.link(urljoin(url, resource.location))
            elif not _is_html(resource):
                self.result.files.add(url)
            else:
                self.read(url, key, resource.body.decode("utf-8"))
        return self.result


def _hidden_fields(html: str) -> dict[str, str]:
    document = lxml.html.fromstring(html)
    return {
        str(field.get("name")): str(field.get("value", ""))
        for field in document.xpath("//form//input[@type='hidden']")
    }


def walk_tier(province: Province, agency: TruthAgency, *, max_pages: int = 600) -> TierWalk:
    """Every page of `agency`'s area a careful crawler reads, and every file it reaches."""
    return _Walker(province, agency).run(max_pages)
