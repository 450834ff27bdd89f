"""Lay out one generated agency's web presence as recipes: its site, subsite or platform page."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from sandbox.agency_pages import ROBOTS_ALLOW, lay_out_pages, robots_resource
from sandbox.agency_papers import CONVERTED_STEM, AgencyPapers, agency_papers
from sandbox.build import Build, SiteBuilder
from sandbox.features import DocFormat, Extra, PortalStyle, Publishing, TextForm
from sandbox.generated_roster import GeneratedAgency
from sandbox.model import TruthFault
from sandbox.placement import FILE_HOST, PLATFORM_HOST, Place, ProvinceContext
from sandbox.roster import PORTAL_HOST, Scenario
from sandbox.scenarios import PlannedPaper
from sandbox.search import search_spot
from sandbox.sites import slugify, upload_dir
from sandbox.styles import Chrome, Entry, Link, MenuItem
from sandbox.traps import large_file, malformed_pdf, redirect

PROVINCE_BANNER = "ỦY BAN NHÂN DÂN TỈNH DEMO"
PORTAL_BANNER = "CỔNG DỊCH VỤ CÔNG TỈNH DEMO"
PAGE_PUBLISHING = frozenset({Publishing.ISO_MENU, Publishing.DOC_TABLE, Publishing.DEEP})


@dataclass(frozen=True, kw_only=True)
class _Published:
    """A document as a listing shows it."""

    planned: PlannedPaper
    href: str

    @property
    def entry(self) -> Entry:
        return (
            self.planned.paper.title,
            self.href,
            f"Ngày ban hành: {self.planned.paper.issued:%d/%m/%Y}",
        )


class AgencyLayout:
    """Builds every page and file of one agency, as its features say."""

    def __init__(self, agency: GeneratedAgency, ctx: ProvinceContext) -> None:
        self.agency = agency
        self.spec = agency.spec
        self.features = agency.features
        self.ctx = ctx
        self.place: Place = ctx.places[agency.code]
        self.rng = random.Random(f"{ctx.seed}/{agency.code}")
        self.build = Build()
        self.prefix = self.place.prefix
        self.code_path = self.spec.code.lower()
        self.ids = itertools.count(1001)
        self.papers = AgencyPapers(qms=[], negative_files=[], negative_news=[])
        redirected = self.features.has(Extra.REDIRECT_CHAIN) and not self.spec.on_portal
        self.home = self.page("trang-chu") if redirected else f"{self.prefix}/"
        self.site = SiteBuilder(
            self.build,
            host=self.place.host,
            origin_of=ctx.origin_of,
            chrome=self._chrome(),
            form=self.features.text_form,
        )

    # -- the look ------------------------------------------------------------------------
    def _iso_item(self) -> MenuItem | None:
        publishing = self.features.publishing
        if self.spec.scenario in (Scenario.NEWS_ONLY, Scenario.HARD_NEGATIVES):
            return None
        if publishing is Publishing.ISO_MENU:
            return MenuItem(label=self.spec.iso_label, href=self.page(slugify(self.spec.iso_label)))
        if publishing is Publishing.JS_LISTING:
            return MenuItem(label="Văn bản ISO", href=self.page("van-ban-iso"))
        if publishing is Publishing.ISO_SUBSITE:
            return MenuItem(label="ISO", href=self.ctx.origin_of(self.place.iso_host) + "/")
        return None

    def _menu(self) -> tuple[MenuItem, ...]:
        about = (
            ("Chức năng, nhiệm vụ", self.page("gioi-thieu")),
            ("Cơ cấu tổ chức", self.page("co-cau-to-chuc")),
            ("Liên hệ", self.page("lien-he")),
        )
        items = [
            MenuItem(label="Trang chủ", href=self.home),
            MenuItem(label="Giới thiệu", href=self.page("gioi-thieu"), children=about),
            MenuItem(label="Tin tức", href=self.page("tin-tuc")),
            MenuItem(label="Văn bản", href=self.page("van-ban")),
            MenuItem(label="Thủ tục hành chính", href=self.page("thu-tuc-hanh-chinh")),
            MenuItem(label="Hỏi đáp", href=self.page("hoi-dap")),
        ]
        iso = self._iso_item()
        if iso:
            items.append(iso)
        if self.features.has(Extra.CALENDAR_TRAP):
            items.append(MenuItem(label="Lịch công tác", href=self.page("lich-cong-tac")))
        items.append(MenuItem(label="Liên hệ", href=self.page("lien-he")))
        return tuple(items)

    def _footer(self) -> tuple[Link, ...]:
        if self.spec.on_portal:
            siblings = [a for a in self.ctx.on_portal() if a.code != self.spec.code][:6]
            return (
                ("Cổng dịch vụ công tỉnh Demo", "/"),
                *((a.spec.name, f"/{a.spec.slug}/") for a in siblings),
            )
        others = [
            a for a in self.ctx.agencies[:40] if not a.spec.on_portal and a.code != self.spec.code
        ]
        picked = self.rng.sample(others, k=min(4, len(others)))
        return tuple((a.spec.name, self.ctx.places[a.code].website) for a in picked)

    def _sidebar(self) -> tuple[Link, ...]:
        links: list[Link] = [
            ("Văn bản mới", self.page("van-ban")),
            ("Tin tức - Sự kiện", self.page("tin-tuc")),
        ]
        if self.features.publishing is Publishing.ISO_PLATFORM:
            links.insert(0, ("Hệ thống ISO điện tử tỉnh", self.platform_page_url()))
        return tuple(links)

    def _chrome(self) -> Chrome:
        return Chrome(
            style=self.features.style,
            banner=PORTAL_BANNER if self.spec.on_portal else PROVINCE_BANNER,
            site_name=self.spec.name,
            menu=self._menu(),
            footer=self._footer(),
            sidebar=self._sidebar(),
            search=search_spot(self.features.style, self.prefix),
        )

    def page(self, name: str) -> str:
        """The path of the page `name` ("van-ban"): ASP.NET portals end it in .aspx."""
        suffix = ".aspx" if self.features.style is PortalStyle.PORTLET else ""
        return f"{self.prefix}/{name}{suffix}"

    def crumbs(self, *trail: Link) -> tuple[Link, ...]:
        return (("Trang chủ", self.home), *trail)

    def platform_page_url(self) -> str:
        return self.ctx.origin_of(PLATFORM_HOST) + f"/co-quan/{self.code_path}/"

    # -- documents ------------------------------------------------------------------------
    def format_of(self, planned: PlannedPaper) -> DocFormat:
        if planned.doc_type is None:
            return DocFormat.PDF
        if planned.doc_type == "declaration" and self.features.has(Extra.SCANNED_DECLARATION):
            self.build.tags.add(Extra.SCANNED_DECLARATION.value)
            return DocFormat.SCAN_PDF
        doc_format = self.features.doc_format
        if doc_format.is_page and self.features.publishing not in PAGE_PUBLISHING:
            return DocFormat.PDF
        return doc_format

    def _file_spot(self, planned: PlannedPaper, extension: str) -> tuple[str, str, bool]:
        """(host, path, served as octet-stream) of the file of `planned`."""
        name = f"{planned.stem}.{extension}"
        issued = planned.paper.issued
        publishing = self.features.publishing
        if publishing is Publishing.ISO_SUBSITE:
            return (
                self.place.iso_host,
                f"/wp-content/uploads/{issued.year}/{issued.month:02d}/{name}",
                False,
            )
        if publishing is Publishing.ISO_PLATFORM:
            return PLATFORM_HOST, f"/co-quan/{self.code_path}/tai-lieu/{name}", False
        if self.features.has(Extra.FILE_HOST):
            self.build.tags.add(Extra.FILE_HOST.value)
            return FILE_HOST, f"/{self.code_path}/{issued.year}/{name}", False
        if self.spec.on_portal:
            folder = upload_dir(self.spec.established, self.ctx.as_of)
            return PORTAL_HOST, f"{folder}/{self.code_path}/{name}", False
        if self.features.has(Extra.DOWNLOAD_ASPX):
            self.build.tags.add(Extra.DOWNLOAD_ASPX.value)
            return self.place.host, f"/DownloadFile.aspx?id={next(self.ids)}", True
        return self.place.host, f"/uploads/iso/{name}", False

    def publish(
        self, planned: PlannedPaper, page_base: str, site: SiteBuilder | None = None
    ) -> _Published:
        """Serve `planned` (as a page under `page_base`, or as a file) and record it."""
        site = site or self.site
        doc_format = self.format_of(planned)
        self.build.tags.update((self.features.publishing.value, doc_format.value))
        if doc_format.is_page:
            path = site.add_paper_page(f"{page_base}/{planned.stem}.html", planned)
            site.record(site.host, path, planned, doc_format)
            return _Published(planned=planned, href=path)
        host, path, octet = self._file_spot(planned, doc_format.extension)
        href = site.add_file(host, path, planned, doc_format, octet=octet)
        site.record(host, path, planned, doc_format)
        return _Published(planned=planned, href=href)

    def fault_entries(self) -> list[Entry]:
        """Entries for a broken link, a very large file and a malformed PDF, where wanted."""
        host, entries = self.place.host, []
        base = f"{self.prefix}/uploads/iso"
        wanted = (Extra.BROKEN_LINK, Extra.LARGE_FILE, Extra.MALFORMED_PDF)
        self.build.tags.update(e.value for e in wanted if self.features.has(e) and self.papers.qms)
        if self.features.has(Extra.BROKEN_LINK):
            path = f"{base}/so-tay-chat-luong-ban-cu.pdf"
            entries.append(("Sổ tay chất lượng (bản cũ)", path, ""))
            self._fault(path, "http")
        if self.features.has(Extra.LARGE_FILE):
            path = f"{base}/ho-so-htqlcl-ban-scan-toan-van.pdf"
            self._fault(path, "too_large")
            entries.append(
                (
                    "Hồ sơ HTQLCL (bản scan toàn văn, 60 MB)",
                    self.site.add_raw(host, path, large_file),
                    "",
                )
            )
        if self.features.has(Extra.MALFORMED_PDF):
            path = f"{base}/bao-cao-tu-danh-gia-htqlcl.pdf"
            paper = self.papers.qms[0].paper if self.papers.qms else None
            if paper is not None:
                self._fault(path, "unreadable")
                entries.append(
                    (
                        "Báo cáo tự đánh giá HTQLCL",
                        self.site.add_raw(host, path, malformed_pdf(paper)),
                        "",
                    )
                )
        return entries if self.papers.qms else []

    def _fault(self, path: str, failure: str) -> None:
        if self.papers.qms:  # faults are laid out only beside the agency's QMS documents
            url = self.site.url(self.place.host, path)
            self.build.faults.append(TruthFault(url=url, failure=failure))

    # -- the whole ------------------------------------------------------------------------
    def lay_out(self) -> Build:
        scenario = self.spec.scenario
        if scenario in (Scenario.CLOSED_PORT, Scenario.ERROR_500, Scenario.TIMEOUT):
            return self.build
        if scenario is Scenario.REDIRECT_LOOP:
            return self._redirect_loop()
        self.papers = agency_papers(self.spec, self.features, as_of=self.ctx.as_of, rng=self.rng)
        lay_out_pages(self)
        self.build.tags.update(self._content_tags())
        return self.build

    def _content_tags(self) -> set[str]:
        """What kinds of QMS paperwork the site publishes (whether or not it can be reached)."""
        qms = self.papers.qms
        tags = {f"doc_{p.doc_type}" for p in qms} | {self.features.style.value}
        if self.features.text_form is not TextForm.UTF8:
            tags.add(self.features.text_form.value)
        if qms and self.features.has(Extra.NO_DIACRITICS):
            tags.add(Extra.NO_DIACRITICS.value)
        if any(p.stem == CONVERTED_STEM for p in qms):
            tags.add(Extra.CONVERTED.value)
        if any(p.doc_type == "management_review" for p in qms):
            tags.add(Extra.RECORDS.value)
        tags |= {f"declaration_{p.iso_version}" for p in qms if p.doc_type == "declaration"}
        if sum(p.doc_type == "quality_objectives" for p in qms) > 1:
            tags.add("objectives_several_years")
        if self.spec.on_portal or self.features.publishing is Publishing.ISO_PLATFORM:
            tags.add("sibling_trap")
        return tags

    def _redirect_loop(self) -> Build:
        host = self.place.host
        self.site.add_raw(host, "/", redirect("/trang-chu"))
        self.site.add_raw(host, "/trang-chu", redirect("/index.aspx"))
        self.site.add_raw(host, "/index.aspx", redirect("/"))
        self.site.add_raw(host, "/robots.txt", lambda: robots_resource(ROBOTS_ALLOW))
        return self.build


def build_agency(agency: GeneratedAgency, ctx: ProvinceContext) -> Build:
    """Every resource `agency` contributes to the province, and its QMS documents."""
    return AgencyLayout(agency, ctx).lay_out()
