"""A site of a Liferay 6.2 provincial portal: `/web/<site>/…` pages, an asset publisher
(articles at `/web/<site>/-/asset_publisher/<id>/content/<url-title>`, paged by portlet
parameters) and a Documents and Media portlet whose files live at
`/documents/<groupId>/<folderId>/<name>/<uuid>`, outside the site's own path.
The portal's guest site lists every unit and new documents of some of them.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from html import escape

from sandbox.build import Build, fixed
from sandbox.features import DocFormat
from sandbox.model import Resource, TruthAgency
from sandbox.platforms.content import (
    DOC_LABELS,
    number_title,
    published,
    routine_paper,
    sentence,
    summary,
)
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.roster import LIFERAY_PORTAL, TierAgency, TierContext
from sandbox.platforms.site import Page, PlatformSite
from sandbox.platforms.volatile import Volatile, mark
from sandbox.scenarios import PlannedPaper
from sandbox.sites import slugify

H = Habit
DELTA = 10  # assets per page of the publisher
ROBOTS = b"User-Agent: *\nDisallow: /c/\nDisallow: /group/\n"
PORTAL_NAME = "Cổng thông tin điện tử tỉnh Demo"


def portlet(portlet_id: str, title: str, body: str) -> str:
    """A portlet in its boundary and decorated frame."""
    return (
        f'<div class="portlet-boundary portlet-static" id="p_p_id_{portlet_id}_">'
        f'<span id="p_{portlet_id}"></span><section class="portlet" id="portlet_{portlet_id}">'
        '<header class="portlet-topper"><h1 class="portlet-title">'
        f'<span class="portlet-title-text">{escape(title)}</span></h1></header>'
        '<div class="portlet-content"><div class="portlet-content-container">'
        f'<div class="portlet-body">{body}</div></div></div></section></div>'
    )


def frame(
    *,
    site_name: str,
    home: str,
    menu: tuple[tuple[str, str], ...],
    group_id: int,
    volatile: bool,
    page: Page,
) -> str:
    items = "".join(
        f'<li role="presentation"><a href="{escape(href)}" role="menuitem"><span>'
        f"{escape(label)}</span></a></li>"
        for label, href in menu
    )
    token = mark("token") if volatile else "00000000"
    return (
        '<!DOCTYPE html>\n<html class="aui ltr" dir="ltr" lang="vi-VN">\n<head>'
        f"<title>{escape(page.title)} - {escape(site_name)} - {PORTAL_NAME}</title>"
        '<meta content="text/html; charset=UTF-8" http-equiv="content-type" />'
        '<script type="text/javascript">var themeDisplay = {getScopeGroupId: function() '
        f"{{return '{group_id}';}}, getLanguageId: function() {{return 'vi_VN';}}}};"
        f"Liferay.authToken = '{token}';</script></head>\n"
        '<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">'
        '<div class="container-fluid" id="wrapper"><header id="banner" role="banner">'
        '<div id="heading"><h1 class="site-title"><a class="logo custom-logo" '
        f'href="{escape(home)}" '
        f'title="Đi đến {escape(site_name)}"><img alt="" src="/image/company_logo" /></a> '
        f'<span class="site-name">{escape(site_name)}</span></h1></div>'
        f'<nav class="sort-pages modify-pages" id="navigation" role="navigation">'
        f'<ul aria-label="Trang web" role="menubar">{items}</ul></nav></header>\n'
        '<div id="content"><div class="portlet-layout row-fluid"><div class="portlet-column '
        'portlet-column-only span12" id="column-1">'
        f"{page.main}</div></div></div>\n"
        '<footer id="footer" role="contentinfo"><p class="powered-by">Cung cấp bởi '
        '<a href="http://www.liferay.com" rel="external">Liferay</a></p></footer></div>'
        "</body>\n</html>\n"
    )


@dataclass(frozen=True, kw_only=True)
class _Article:
    url: str
    title: str
    summary: str
    published: date
    body: str


class LiferaySite:
    """Lays out one Liferay site (`/web/<site>`) of the portal into a `Build`."""

    def __init__(self, agency: TierAgency, ctx: TierContext) -> None:
        self.agency = agency
        self.spec = agency.spec
        self.ctx = ctx
        self.prefix = agency.place.prefix
        self.group_id = 20100 + 37 * agency.number
        self.folder_id = self.group_id + 12
        self.secret = f"liferay/{ctx.seed}/{agency.code}".encode()
        self.instance = hashlib.sha1(self.secret).hexdigest()[:12]
        self.build = Build()
        self.build.tags.add(Platform.LIFERAY.value)
        self.pub = published(agency, seed=ctx.seed, as_of=ctx.as_of)
        self.site = PlatformSite(
            self.build, host=LIFERAY_PORTAL, origin_of=ctx.origin_of, frame=self._frame
        )
        self.articles: list[_Article] = []
        self.files: dict[str, str] = {}  # stem -> library URL

    def _tag(self, *habits: Habit) -> None:
        self.build.tags.update(habit.value for habit in habits)

    def _frame(self, page: Page) -> str:
        long = self.agency.has(H.LONG_MENU_LABELS)
        menu = (
            ("Trang chủ", self.prefix),
            (
                f"Giới thiệu chung về {self.spec.name}" if long else "Giới thiệu",
                f"{self.prefix}/gioi-thieu",
            ),
            ("Tin tức - Sự kiện", f"{self.prefix}/tin-tuc"),
            ("Văn bản - Tài liệu", f"{self.prefix}/van-ban"),
        )
        return frame(
            site_name=self.spec.name,
            home=self.prefix,
            menu=menu,
            group_id=self.group_id,
            volatile=self.agency.has(H.VOLATILE_PAGE),
            page=page,
        )

    # -- the document library --------------------------------------------------------------
    def _file(self, planned: PlannedPaper, doc_format: DocFormat) -> str:
        name = f"{planned.stem}.{doc_format.extension}"
        key = uuid.UUID(bytes=hashlib.md5(self.secret + name.encode()).digest())
        path = f"/documents/{self.group_id}/{self.folder_id}/{name}/{key}"
        self.site.file(path, planned, doc_format)
        if planned.doc_type is not None:
            self.site.record(path, planned, doc_format)
        self.files[planned.stem] = path
        return path

    def _library(self) -> None:
        doc_format = self.agency.row.doc_format
        everyday = [routine_paper(r, self.agency) for r in self.pub.routine[:6]]
        rows = ""
        for planned in sorted(
            self.pub.qms + self.pub.look_alikes + everyday,
            key=lambda p: p.paper.issued,
            reverse=True,
        ):
            file_format = doc_format if planned.doc_type is not None else DocFormat.PDF
            href = self._file(planned, file_format)
            icon = file_format.extension
            rows += (
                f'<tr><td class="table-cell first"><a href="{escape(href)}">'
                f'<img src="/html/themes/classic/images/file_system/small/{icon}.png" alt="" /> '
                f"{escape(sentence(planned.paper))}</a></td>"
                f'<td class="table-cell">{planned.paper.issued:%d/%m/%Y}</td></tr>'
            )
        table = (
            '<table class="table table-bordered table-hover table-striped"><thead '
            'class="table-columns"><tr><th>Tiêu đề</th><th>Ngày sửa đổi</th></tr></thead>'
            f'<tbody class="table-data">{rows}</tbody></table>'
        )
        body = portlet("110_INSTANCE_" + self.instance[:4], "Văn bản - Tài liệu", table)
        self.site.page(f"{self.prefix}/van-ban", title="Văn bản - Tài liệu", main=fixed(body))
        if self.pub.qms:
            self._tag(H.LIFERAY_LIBRARY)

    # -- the asset publisher -------------------------------------------------------------
    def _article_url(self, title: str) -> str:
        url_title = slugify(title)[:90].rstrip("-")
        return f"{self.prefix}/-/asset_publisher/{self.instance}/content/{url_title}"

    def _articles(self) -> None:
        for item in self.pub.news:
            body = "".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
            self.articles.append(
                _Article(
                    url=self._article_url(item.title),
                    title=item.title,
                    summary=item.paragraphs[0],
                    published=item.published,
                    body=body,
                )
            )
        declaration = next((p for p in self.pub.qms if p.doc_type == "declaration"), None)
        if declaration is not None:
            paper = declaration.paper
            numbered = self.agency.has(H.TITLE_NUMBER_ONLY)
            title = number_title(paper, self.agency) if numbered else sentence(paper)
            link = self.files[declaration.stem]
            body = f'<p><a href="{escape(link)}">Tải văn bản</a></p>'
            self.articles.append(
                _Article(
                    url=self._article_url(title),
                    title=title,
                    summary=summary(paper),
                    published=paper.issued,
                    body=body,
                )
            )
            if numbered:
                self._tag(H.TITLE_NUMBER_ONLY)
        if self.agency.has(H.NEG_NEWS_MENTIONS_ISO):
            self._tag(H.NEG_NEWS_MENTIONS_ISO)
        self.articles.sort(key=lambda a: a.published, reverse=True)
        for article in self.articles:
            html = (
                f'<div class="journal-content-article"><h1>{escape(article.title)}</h1>'
                f'<p class="summary"><strong>{escape(article.summary)}</strong></p>'
                f"{article.body}</div>"
            )
            main = portlet(f"101_INSTANCE_{self.instance}", "Tin tức", html)
            self.site.page(article.url, title=article.title, main=fixed(main))
        self._publisher_pages()

    def _page_url(self, number: int) -> str:
        base = f"{self.prefix}/tin-tuc"
        if number == 1:
            return base
        portlet_id = f"101_INSTANCE_{self.instance}"
        return (
            f"{base}?p_p_id={portlet_id}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view"
            f"&p_p_col_id=column-1&p_p_col_count=1&_{portlet_id}_cur={number}"
        )

    def _publisher_pages(self) -> None:
        chunks = [self.articles[i : i + DELTA] for i in range(0, len(self.articles), DELTA)]
        for number, chunk in enumerate(chunks, 1):
            abstracts = "".join(
                f'<div class="asset-abstract"><h3 class="asset-title"><a href="{escape(a.url)}">'
                f'{escape(a.title)}</a></h3><div class="asset-content">'
                f'<div class="asset-summary">{escape(a.summary)}</div>'
                f'<div class="asset-more"><a href="{escape(a.url)}">Xem tiếp '
                f'<span class="hide-accessible">về {escape(a.title)}</span> »</a></div></div>'
                f'<div class="asset-metadata"><span class="metadata-publish-date">'
                f"{a.published:%d/%m/%Y}</span></div></div>"
                for a in chunk
            )
            links = []
            if number > 1:
                links.append(f'<li><a href="{escape(self._page_url(number - 1))}">« Trước</a></li>')
            if number < len(chunks):
                links.append(f'<li><a href="{escape(self._page_url(number + 1))}">Tiếp »</a></li>')
            pager = (
                '<div class="taglib-page-iterator"><div class="lfr-pagination"><ul class='
                f'"pager lfr-pagination-buttons">{"".join(links)}</ul></div></div>'
            )
            body = portlet(f"101_INSTANCE_{self.instance}", "Tin tức", abstracts + pager)
            self.site.page(self._page_url(number), title="Tin tức", main=fixed(body))

    def lay_out(self) -> Build:
        self._library()
        self.build.tags |= self.pub.look_alike_tags
        self._articles()
        about = (
            f"<p>{escape(self.spec.name)} thực hiện chức năng quản lý nhà nước về "
            f"{escape(', '.join(self.spec.sectors).lower())}.</p>"
        )
        self.site.page(
            f"{self.prefix}/gioi-thieu",
            title="Giới thiệu",
            main=fixed(portlet("56_INSTANCE_gt", "Giới thiệu", about)),
        )
        latest = "".join(
            f'<li><a href="{escape(a.url)}">{escape(a.title)}</a></li>' for a in self.articles[:8]
        )
        home = portlet(f"101_INSTANCE_{self.instance}", "Tin mới", f"<ul>{latest}</ul>")
        self.site.page(self.prefix, title="Trang chủ", main=fixed(home))
        self.site.page(f"{self.prefix}/trang-chu", title="Trang chủ", main=fixed(home))
        self._tag(H.START_URL_PATH)
        if self.agency.has(H.VOLATILE_PAGE):
            self.site.stamp(Volatile(secret=self.secret, today=self.ctx.as_of, visitors=0))
            self._tag(H.VOLATILE_PAGE)
        if self.agency.has(H.LONG_MENU_LABELS):
            self._tag(H.LONG_MENU_LABELS)
        return self.build


def liferay_build(agency: TierAgency, ctx: TierContext) -> Build:
    """Every page and file of a Liferay site of the portal."""
    return LiferaySite(agency, ctx).lay_out()


def guest_build(ctx: TierContext, truth: list[TruthAgency]) -> Build:
    """The portal's guest site: its units, and new documents of some of them."""
    build = Build()
    members = ctx.of(Platform.LIFERAY)
    codes = {a.code for a in members}
    recent = [
        (f"{DOC_LABELS.get(d.doc_type, 'Văn bản')} - {a.name}", d.url)
        for a in truth
        if a.code in codes
        for d in a.documents[:3]
    ]
    menu = (("Trang chủ", "/web/guest"),)
    site = PlatformSite(
        build,
        host=LIFERAY_PORTAL,
        origin_of=ctx.origin_of,
        frame=lambda page: frame(
            site_name=PORTAL_NAME,
            home="/web/guest",
            menu=menu,
            group_id=20101,
            volatile=False,
            page=page,
        ),
    )
    units = "".join(
        f'<li><a href="{escape(a.place.prefix)}">{escape(a.spec.name)}</a></li>' for a in members
    )
    documents = "".join(
        f'<li><a href="{escape(url)}">{escape(label)}</a></li>' for label, url in recent
    )
    html = portlet("73_INSTANCE_dv", "Các cơ quan, đơn vị", f"<ul>{units}</ul>")
    html += portlet("101_INSTANCE_vbm", "Văn bản mới", f"<ul>{documents}</ul>")
    site.page("/web/guest", title="Trang chủ", main=fixed(html))
    site.raw(
        "/",
        fixed(
            Resource(
                body=b"", content_type="text/html; charset=utf-8", status=302, location="/web/guest"
            )
        ),
    )
    site.raw("/robots.txt", fixed(Resource(body=ROBOTS, content_type="text/plain")))
    return build
