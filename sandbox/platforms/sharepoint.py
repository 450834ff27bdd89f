"""A SharePoint 2013 site of a provincial portal: publishing pages under /Pages/, a custom
news web part (`chi-tiet-tin.aspx?ItemID=N`), and a document library whose view is rendered
in the browser: its rows (FileRef, `\\u002f`-escaped) are only in an inline script, the next
page only in its NextHref. A site is a host of its own or a subsite (`/<site>/`) of the
provincial portal, whose home lists every subsite's new documents.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from dataclasses import dataclass
from datetime import date
from html import escape

from sandbox.build import Build, fixed
from sandbox.features import DocFormat
from sandbox.model import Resource, TruthAgency
from sandbox.platforms.content import DOC_LABELS, Published, published, routine_paper, sentence
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.roster import SHAREPOINT_PORTAL, TierAgency, TierContext
from sandbox.platforms.site import Page, PlatformSite
from sandbox.platforms.volatile import Volatile, mark
from sandbox.platforms.wpdm import DownloadManagerSite
from sandbox.scenarios import PlannedPaper

H = Habit
ROW_LIMIT = 10  # rows per page of the library view
NEWS_PAGE = 10
ROBOTS = b"User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /_catalogs/\n"


def js_text(value: object) -> str:
    """A value as SharePoint writes it into inline script: JSON with / & < escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("/", "\\u002f").replace("&", "\\u0026").replace("<", "\\u003c")


@dataclass(frozen=True, kw_only=True)
class Chrome:
    site_name: str
    home: str
    menu: tuple[tuple[str, str], ...]
    footer: tuple[tuple[str, str], ...]
    web_url: str  # the web's server-relative URL ("/" or "/so-x")
    volatile: bool


def frame(chrome: Chrome, page: Page) -> str:
    menu = "".join(
        f'<li class="static"><a class="static menu-item ms-core-listMenu-item" '
        f'href="{escape(href)}"><span class="additional-background">'
        f'<span class="menu-item-text">{escape(label)}</span></span></a></li>'
        for label, href in chrome.menu
    )
    footer = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in chrome.footer)
    digest = mark("digest") if chrome.volatile else "0x0"
    viewstate = mark("viewstate", "sp") if chrome.volatile else "/wEPDwUBMA=="
    today = f'<div class="ngay-thang">{mark("now")}</div>' if chrome.volatile else ""
    return (
        '<!DOCTYPE html>\n<html dir="ltr" lang="vi-VN">\n<head>'
        '<meta http-equiv="X-UA-Compatible" content="IE=10"/>'
        '<meta name="GENERATOR" content="Microsoft SharePoint" />'
        '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />'
        f"<title>\n\t{escape(page.title)}\n</title>"
        '<script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: '
        f"{js_text(chrome.web_url)}, currentLanguage: 1066, webTitle: {js_text(chrome.site_name)}"
        "};</script></head>\n"
        '<body><form method="post" action="./default.aspx" id="aspnetForm">\n'
        '<div class="aspNetHidden"><input type="hidden" name="__REQUESTDIGEST" '
        f'id="__REQUESTDIGEST" value="{digest}" />'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate}" /></div>\n'
        '<div id="s4-workspace"><div id="s4-bodyContainer"><div id="header">'
        '<div class="banner">ỦY BAN NHÂN DÂN TỈNH DEMO</div><h1 class="site-title">'
        f'<a href="{escape(chrome.home)}">{escape(chrome.site_name)}</a></h1>{today}</div>\n'
        '<div id="DeltaTopNavigation" class="ms-displayInline ms-core-navigation">'
        '<div id="zz1_TopNavigationMenu" class="ms-core-listMenu-horizontalBox">'
        f'<ul class="root ms-core-listMenu-root static">{menu}</ul></div></div>\n'
        '<div id="contentRow"><div id="contentBox"><div id="DeltaPlaceHolderMain">\n'
        f"{page.main}\n</div></div></div>\n"
        f'<div id="footer"><ul class="lien-ket">{footer}</ul>'
        f"<p>Bản quyền thuộc {escape(chrome.site_name)}</p></div></div></div></form>\n"
        "</body>\n</html>\n"
    )


@dataclass(frozen=True, kw_only=True)
class LibraryItem:
    planned: PlannedPaper
    file_ref: str  # server-relative URL of the file


def list_view(
    heading: str,
    items: list[LibraryItem],
    *,
    first: int,
    view: str,
    next_href: str | None,
    list_dir: str,
) -> str:
    """The library's view page: no rows in HTML, only the ListData the browser renders."""
    rows = [
        {
            "ID": str(first + n),
            "PermMask": "0x1b03c4312ef",
            "FSObjType": "0",
            "FileLeafRef": item.file_ref.rsplit("/", 1)[-1],
            "FileRef": item.file_ref,
            "File_x0020_Type": item.file_ref.rsplit(".", 1)[-1],
            "Title": sentence(item.planned.paper),
            "Modified": f"{item.planned.paper.issued:%d/%m/%Y} 8:15 SA",
        }
        for n, item in enumerate(items)
    ]
    data = (
        f'{{ "Row" : {js_text(rows)},"FirstRow" : {first},"LastRow" : {first + len(rows) - 1},'
        f'"RowLimit" : {ROW_LIMIT},"FilterLink" : "?","ForceNoHierarchy" : "1"'
        + (f',"NextHref" : {js_text(next_href)}' if next_href else "")
        + " }"
    )
    schema = js_text(
        {
            "Field": [
                {"Name": "DocIcon"},
                {"Name": "LinkFilename"},
                {"Name": "Title"},
                {"Name": "Modified"},
            ]
        }
    )
    return (
        '<div class="ms-webpart-zone"><div class="ms-webpart-chrome">'
        f'<h2 class="ms-webpart-titleText"><span>{escape(heading)}</span></h2>'
        f'<div class="ms-WPBody" id="WebPartWPQ2"><div id="script{view}"></div>\n'
        '<script type="text/javascript">\n//<![CDATA[\nctx = new ContextInfo();\n'
        f"var WPQ2ListData = {data};\nvar WPQ2SchemaData = {schema};\n"
        "ctx.ListData = WPQ2ListData;\nctx.ListSchema = WPQ2SchemaData;\n"
        f'ctx.view = "{view}";\nctx.listUrlDir = {js_text(list_dir)};\n'
        'ctx.wpq = "WPQ2";\nctx.ctxId = 2;\n'
        f"RenderListView(ctx,'{view}');\n//]]>\n</script>\n</div></div></div>"
    )


class SharePointSite:
    """Lays out one SharePoint agency site (own host or portal subsite) into a `Build`."""

    def __init__(self, agency: TierAgency, ctx: TierContext) -> None:
        self.agency = agency
        self.spec = agency.spec
        self.ctx = ctx
        self.prefix = agency.place.prefix
        self.build = Build()
        self.build.tags.add(Platform.SHAREPOINT.value)
        self.pub: Published = published(agency, seed=ctx.seed, as_of=ctx.as_of)
        self.secret = f"sharepoint/{ctx.seed}/{agency.code}".encode()
        self.volatile = agency.has(H.VOLATILE_PAGE)
        self.site = PlatformSite(
            self.build, host=agency.place.host, origin_of=ctx.origin_of, frame=self._frame
        )
        self.items = itertools.count(1)
        self.news: list[tuple[str, str, date]] = []  # (title, URL, date)

    @property
    def iso_host(self) -> str:
        return f"iso.{self.agency.place.host}"

    def _tag(self, *habits: Habit) -> None:
        self.build.tags.update(habit.value for habit in habits)

    def path(self, rest: str) -> str:
        return f"{self.prefix}{rest}"

    def _frame(self, page: Page) -> str:
        menu = [
            ("Trang chủ", self.path("/Pages/default.aspx")),
            ("Giới thiệu", self.path("/Pages/gioi-thieu.aspx")),
            ("Tin tức", self.path("/Pages/tin-tuc.aspx")),
            ("Văn bản", self.path("/VanBan/Forms/AllItems.aspx")),
        ]
        if self._wpdm:
            menu.append(("ISO 9001:2015", self.ctx.origin_of(self.iso_host) + "/"))
        footer = [("Cổng thông tin điện tử tỉnh Demo", self.ctx.origin_of(SHAREPOINT_PORTAL) + "/")]
        if self.prefix:
            siblings = [a for a in _members(self.ctx) if a.code != self.agency.code][:6]
            footer += [(a.spec.name, f"{a.place.prefix}/Pages/default.aspx") for a in siblings]
        chrome = Chrome(
            site_name=self.spec.name,
            home=self.path("/Pages/default.aspx"),
            menu=tuple(menu),
            footer=tuple(footer),
            web_url=self.prefix or "/",
            volatile=self.volatile,
        )
        return frame(
            chrome, Page(path=page.path, title=f"{page.title} - {self.spec.name}", main=page.main)
        )

    @property
    def _wpdm(self) -> bool:
        return self.agency.has(H.DOWNLOAD_WPDMDL) and any(
            p.doc_type == "procedure" for p in self.pub.qms
        )

    # -- the library ---------------------------------------------------------------------
    def _library(self, papers: list[PlannedPaper]) -> None:
        """Everyday and QMS files together, newest first, RowLimit rows a page."""
        everyday = [routine_paper(r, self.agency) for r in self.pub.routine[:8]]
        entries = sorted(everyday + papers, key=lambda p: p.paper.issued, reverse=True)
        doc_format = self.agency.row.doc_format
        items = []
        for planned in entries:
            qms = planned.doc_type is not None
            file_format = doc_format if qms else DocFormat.PDF
            ref = self.path(f"/VanBan/{planned.stem}.{file_format.extension}")
            self.site.file(ref, planned, file_format)
            if qms:
                self.site.record(ref, planned, file_format)
            items.append(LibraryItem(planned=planned, file_ref=ref))
        view = "{" + str(uuid.UUID(bytes=hashlib.md5(self.secret).digest())).upper() + "}"
        base = self.path("/VanBan/Forms/AllItems.aspx")
        chunks = [items[i : i + ROW_LIMIT] for i in range(0, len(items), ROW_LIMIT)] or [[]]
        paths = [base] + [
            f"{base}?Paged=TRUE&p_ID={n * ROW_LIMIT}&PageFirstRow={n * ROW_LIMIT + 1}"
            f"&View=%7b{view[1:-1]}%7d"
            for n in range(1, len(chunks))
        ]
        for number, chunk in enumerate(chunks):
            following = paths[number + 1].removeprefix(base) if number + 1 < len(paths) else None
            html = list_view(
                "Văn bản",
                chunk,
                first=number * ROW_LIMIT + 1,
                view=view,
                next_href=following,
                list_dir=self.path("/VanBan"),
            )
            self.site.page(paths[number], title="Văn bản", main=fixed(html))
        self._tag(H.SHAREPOINT_LIST_DATA)

    def _iso_subsite(self, procedures: list[PlannedPaper]) -> None:
        wordpress = DownloadManagerSite(
            self.build,
            host=self.iso_host,
            origin_of=self.ctx.origin_of,
            site_name=f"ISO 9001:2015 - {self.spec.name}",
            portal=self.site.url(self.path("/Pages/default.aspx")),
            secret=self.secret,
        )
        for planned in procedures:
            wordpress.package(planned, self.agency.row.doc_format, sentence(planned.paper))
        wordpress.finish()
        self._tag(H.DOWNLOAD_WPDMDL, H.DOWNLOAD_DATA_ATTRIBUTE, H.DOWNLOAD_GENERIC_TYPE)

    # -- news and pages --------------------------------------------------------------------
    def _news(self) -> None:
        posts = [(item.title, item.paragraphs, item.published) for item in self.pub.news]
        if self.pub.qms:
            version = self.pub.qms[0].iso_version or "2015"
            lead = (
                f"{self.spec.name} công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn "
                f"quốc gia TCVN ISO 9001:{version}; các văn bản xem tại mục Văn bản."
            )
            day = max(p.paper.issued for p in self.pub.qms)
            posts.append(("Công bố Hệ thống quản lý chất lượng", (lead,), day))
        posts.sort(key=lambda post: post[2], reverse=True)
        for title, paragraphs, day in posts:
            url = self.path(f"/Pages/chi-tiet-tin.aspx?ItemID={next(self.items)}")
            body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
            html = (
                f'<div class="tin-chi-tiet"><h1>{escape(title)}</h1>'
                f'<span class="ngay">{day:%d/%m/%Y}</span>{body}</div>'
            )
            self.site.page(url, title=title, main=fixed(html))
            self.news.append((title, url, day))
        base = self.path("/Pages/tin-tuc.aspx")
        chunks = [self.news[i : i + NEWS_PAGE] for i in range(0, len(self.news), NEWS_PAGE)]
        paths = [base] + [f"{base}?Page={n}" for n in range(2, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, 1):
            items = "".join(
                f'<li><a href="{escape(url)}">{escape(title)}</a> '
                f"<span>({day:%d/%m/%Y})</span></li>"
                for title, url, day in chunk
            )
            pager = " ".join(f'<a href="{escape(p)}">{n}</a>' for n, p in enumerate(paths, 1))
            html = f'<ul class="danh-sach-tin">{items}</ul><div class="phan-trang">{pager}</div>'
            self.site.page(paths[number - 1], title="Tin tức", main=fixed(html))
        if self.agency.has(H.NEG_NEWS_MENTIONS_ISO):
            self._tag(H.NEG_NEWS_MENTIONS_ISO)

    def _pages(self) -> None:
        about = (
            f"<h1>Giới thiệu</h1><p>{escape(self.spec.name)} thực hiện chức năng quản lý "
            f"nhà nước về {escape(', '.join(self.spec.sectors).lower())}.</p>"
        )
        self.site.page(self.path("/Pages/gioi-thieu.aspx"), title="Giới thiệu", main=fixed(about))
        latest = "".join(
            f'<li><a href="{escape(url)}">{escape(title)}</a></li>'
            for title, url, _ in self.news[:8]
        )
        home = f'<h2>Tin mới</h2><ul class="tin-moi">{latest}</ul>'
        self.site.page(self.path("/Pages/default.aspx"), title="Trang chủ", main=fixed(home))
        welcome = self.path("/Pages/default.aspx")
        root = self.path("/") if self.prefix else "/"
        self.site.raw(
            root,
            fixed(
                Resource(
                    body=b"", content_type="text/html; charset=utf-8", status=302, location=welcome
                )
            ),
        )
        if not self.prefix:
            self.site.raw("/robots.txt", fixed(Resource(body=ROBOTS, content_type="text/plain")))
        if self.agency.place.website.endswith("/Pages/default.aspx"):
            self._tag(H.START_URL_PATH)

    def lay_out(self) -> Build:
        qms = list(self.pub.qms)
        if self._wpdm:
            procedures = [p for p in qms if p.doc_type == "procedure"]
            self._iso_subsite(procedures)
            qms = [p for p in qms if p.doc_type != "procedure"]
        self._library(qms + self.pub.look_alikes)
        self.build.tags |= self.pub.look_alike_tags
        self._news()
        self._pages()
        if self.volatile:
            self.site.stamp(Volatile(secret=self.secret, today=self.ctx.as_of, visitors=0))
            self._tag(H.VOLATILE_PAGE)
        return self.build


def _members(ctx: TierContext) -> list[TierAgency]:
    return [a for a in ctx.of(Platform.SHAREPOINT) if a.place.host == SHAREPOINT_PORTAL]


def sharepoint_build(agency: TierAgency, ctx: TierContext) -> Build:
    """Every page and file of a SharePoint agency site."""
    return SharePointSite(agency, ctx).lay_out()


def portal_build(ctx: TierContext, truth: list[TruthAgency]) -> Build:
    """The provincial portal's own pages: its subsites, and new documents of some of them."""
    build = Build()
    members = _members(ctx)
    codes = {a.code for a in members}
    recent = [
        (f"{DOC_LABELS.get(d.doc_type, 'Văn bản')} - {a.name}", d.url)
        for a in truth
        if a.code in codes
        for d in a.documents[:3]
    ]
    chrome = Chrome(
        site_name="Cổng thông tin điện tử tỉnh Demo",
        home="/Pages/default.aspx",
        menu=(("Trang chủ", "/Pages/default.aspx"),),
        footer=(),
        web_url="/",
        volatile=False,
    )
    site = PlatformSite(
        build,
        host=SHAREPOINT_PORTAL,
        origin_of=ctx.origin_of,
        frame=lambda page: frame(chrome, page),
    )
    units = "".join(
        f'<li><a href="{escape(a.place.prefix)}/Pages/default.aspx">{escape(a.spec.name)}</a></li>'
        for a in members
    )
    documents = "".join(
        f'<li><a href="{escape(url)}">{escape(label)}</a></li>' for label, url in recent
    )
    html = f"<h2>Các sở, ban, ngành</h2><ul>{units}</ul><h2>Văn bản mới</h2><ul>{documents}</ul>"
    site.page("/Pages/default.aspx", title="Trang chủ", main=fixed(html))
    site.raw(
        "/",
        fixed(
            Resource(
                body=b"",
                content_type="text/html; charset=utf-8",
                status=302,
                location="/Pages/default.aspx",
            )
        ),
    )
    site.raw("/robots.txt", fixed(Resource(body=ROBOTS, content_type="text/plain")))
    return build
