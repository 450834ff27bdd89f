"""A DotNetNuke agency site: tab pages (`/tabid/N/Default.aspx`), a news module, a document
GridView paged only by postback, files behind `LinkClick.aspx?fileticket=…` or under
`/Portals/0/`, the classic search skin object posting the form back, print mode.

Every page is one ASP.NET form. A POST is answered only with the page's own __VIEWSTATE and
__EVENTVALIDATION (their MAC is checked, as ASP.NET does); anything else gets the yellow
error page with status 500.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import parse_qs, quote_plus, urlsplit

from sandbox.build import Build
from sandbox.model import Posted, Resource
from sandbox.platforms import dotnetnuke_theme as theme
from sandbox.platforms.content import published, sentence, short_code
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.roster import TierAgency, TierContext
from sandbox.platforms.site import PlatformSite, Served, attachment, html_resource
from sandbox.platforms.volatile import Volatile, mark, read_state, sign_state
from sandbox.scenarios import PlannedPaper
from sandbox.search import Findable, search_words

H = Habit
HOME, ABOUT, NEWS, DOCS, ISO, CONTACT, SEARCH = 36, 37, 38, 39, 40, 41, 42
NEWS_MID, DOCS_MID, HTML_MID = 451, 452, 453
GRID_PAGE = 10  # rows per page of the document grid
NEWS_PAGE = 10


def tab_url(tab: int) -> str:
    return f"/tabid/{tab}/Default.aspx"


@dataclass(frozen=True, kw_only=True)
class _Page:
    """A page of the portal: its tab, and its content for a page of its grid."""

    path: str
    title: str
    tab: int
    content: Callable[[int], str]
    grid_pages: int = 1


class DotNetNukeSite:
    """Lays out one DotNetNuke agency site into a `Build`."""

    def __init__(self, agency: TierAgency, ctx: TierContext) -> None:
        self.agency = agency
        self.spec = agency.spec
        self.ctx = ctx
        self.build = Build()
        self.build.tags.add(Platform.DOTNETNUKE.value)
        self.pub = published(agency, seed=ctx.seed, as_of=ctx.as_of)
        self.site = PlatformSite(self.build, host=agency.place.host, origin_of=ctx.origin_of)
        self.secret = f"dnn/{ctx.seed}/{agency.code}".encode()
        self.volatile = agency.has(H.VOLATILE_PAGE)
        self.pages: dict[str, _Page] = {}
        self.stories: list[theme.Story] = []
        self.item_ids = itertools.count(780)
        self.iso_tab = False

    def _tag(self, *habits: Habit) -> None:
        self.build.tags.update(habit.value for habit in habits)

    # -- pages and forms -------------------------------------------------------------------
    def _skin(self) -> theme.Skin:
        long = self.agency.has(H.LONG_MENU_LABELS)
        menu = [
            ("Trang chủ", tab_url(HOME)),
            (f"Giới thiệu chung về {self.spec.name}" if long else "Giới thiệu", tab_url(ABOUT)),
            ("Tin tức - Sự kiện", tab_url(NEWS)),
            ("Văn bản chỉ đạo, điều hành" if long else "Văn bản", tab_url(DOCS)),
        ]
        if self.iso_tab:
            menu.append(("Hệ thống quản lý chất lượng ISO 9001:2015", tab_url(ISO)))
        menu.append(("Liên hệ", tab_url(CONTACT)))
        links = theme.module(HTML_MID + 1, "DNN_HTML", "Liên kết", "<p>Cổng Dịch vụ công</p>")
        today = mark("now") if self.volatile else f"{self.ctx.as_of:%d/%m/%Y}"
        counter = f"Số lượt truy cập: {mark('counter')}" if self.volatile else ""
        return theme.Skin(
            site_name=self.spec.name,
            home=tab_url(HOME),
            menu=tuple(menu),
            left=links,
            today=today,
            counter=counter,
        )

    def _form(self, action: str, tab: int, grid: int) -> theme.Form:
        state = f"tab={tab};page={grid}"
        viewstate = mark("viewstate", state) if self.volatile else sign_state(self.secret, state, 0)
        return theme.Form(
            action=action,
            viewstate=viewstate,
            event_validation=sign_state(self.secret, f"events;tab={tab}", 0),
        )

    def _html(self, page: _Page, grid: int = 1, *, action: str | None = None) -> str:
        form = self._form(action or page.path, page.tab, grid)
        title = f"{page.title} - {self.spec.name}"
        return theme.frame(self._skin(), form, title=title, content=page.content(grid))

    def _add(self, page: _Page, *aliases: str) -> str:
        for path in (page.path, *aliases):
            self.pages[path] = page
            self.site.raw(path, self._recipe(page, path))
        self.site.titles[page.path] = page.title
        return page.path

    def _recipe(self, page: _Page, action: str) -> Callable[[], Resource]:
        return lambda: html_resource(self._html(page, action=action))

    def _static(self, path: str, title: str, tab: int, content: str, *aliases: str) -> str:
        return self._add(
            _Page(path=path, title=title, tab=tab, content=lambda _: content), *aliases
        )

    # -- files -------------------------------------------------------------------------------
    def _ticket(self, planned: PlannedPaper) -> str:
        digest = hashlib.sha256(self.secret + planned.stem.encode()).digest()[:8]
        return base64.b64encode(digest).decode().replace("/", "_").replace("+", "-").rstrip("=")

    def _file(self, planned: PlannedPaper, tab: int, mid: int) -> str:
        doc_format = self.agency.row.doc_format
        name = f"{planned.stem}.{doc_format.extension}"
        if self.agency.has(H.DOWNLOAD_LINKCLICK):
            path = f"/LinkClick.aspx?fileticket={self._ticket(planned)}%3d&tabid={tab}&mid={mid}"
            content_type = None
            if self.agency.has(H.DOWNLOAD_GENERIC_TYPE):
                content_type = "application/octet-stream"
                self._tag(H.DOWNLOAD_GENERIC_TYPE)
            served = Served(content_type=content_type, headers=attachment(name))
            self._tag(H.DOWNLOAD_LINKCLICK)
        else:
            path, served = f"/Portals/0/VanBan/{name}", Served()
        self.site.file(path, planned, doc_format, served=served)
        self.site.record(path, planned, doc_format)
        return path

    # -- the document grid, or the ISO tab ------------------------------------------------
    def _documents(self, papers: list[PlannedPaper]) -> None:
        rows = [
            theme.Row(number=r.number, issued=r.issued, title=r.title, file=None)
            for r in self.pub.routine
        ]
        grid_papers = papers if self.agency.has(H.POSTBACK_PAGING) else []
        for planned in sorted(grid_papers, key=lambda p: p.paper.issued, reverse=True):
            href = self._file(planned, DOCS, DOCS_MID)
            rows.append(
                theme.Row(
                    number=short_code(planned),
                    issued=planned.paper.issued,
                    title=sentence(planned.paper),
                    file=("Tải về", href),
                )
            )
        pages = max(1, -(-len(rows) // GRID_PAGE))

        def content(grid: int) -> str:
            grid = min(max(grid, 1), pages)
            chunk = rows[(grid - 1) * GRID_PAGE : grid * GRID_PAGE]
            table = theme.grid(chunk, (grid - 1) * GRID_PAGE + 1, pages, grid)
            return theme.module(DOCS_MID, "VanBan", "Văn bản chỉ đạo, điều hành", table)

        self._add(
            _Page(path=tab_url(DOCS), title="Văn bản", tab=DOCS, content=content, grid_pages=pages)
        )
        if pages > 1 and grid_papers:
            self._tag(H.POSTBACK_PAGING)
        if papers and not grid_papers:
            self._iso_tab(papers)

    def _iso_tab(self, papers: list[PlannedPaper]) -> None:
        """An HTML module listing the QMS files, on a tab of its own."""
        self.iso_tab = True
        items = "".join(
            f'<li><a href="{escape(self._file(p, ISO, HTML_MID))}">{escape(sentence(p.paper))}'
            "</a></li>"
            for p in papers
        )
        html = theme.module(
            HTML_MID,
            "DNN_HTML",
            "Hệ thống quản lý chất lượng",
            f'<div class="Normal"><ul>{items}</ul></div>',
        )
        self._static(tab_url(ISO), "Hệ thống quản lý chất lượng", ISO, html)

    # -- news ---------------------------------------------------------------------------
    def _story(self, title: str, summary: str, day: date, body: str, *, printed: bool) -> None:
        item = next(self.item_ids)
        url = f"/tabid/{NEWS}/ctl/Detail/mid/{NEWS_MID}/ItemID/{item}/Default.aspx"
        print_url = None
        if printed and self.agency.has(H.NEG_PRINT_RENDERING):
            print_url = (
                f"/Default.aspx?tabid={NEWS}&mid={NEWS_MID}&ctl=Detail&ItemID={item}"
                "&SkinSrc=%5bG%5dSkins%2f_default%2fNo+Skin"
                "&ContainerSrc=%5bG%5dContainers%2f_default%2fNo+Container&dnnprintmode=true"
            )
        story = theme.Story(
            url=url, title=title, summary=summary, published=day, body=body, print_url=print_url
        )
        detail = theme.module(NEWS_MID, "TinTuc", "Tin tức", theme.story_page(story))
        self._static(url, title, NEWS, detail)
        if print_url:
            printed_html = theme.print_page(title, theme.story_page(story))
            self.site.raw(print_url, lambda: html_resource(printed_html))
            self._tag(H.NEG_PRINT_RENDERING)
        self.stories.append(story)

    def _news(self) -> None:
        qms = self.pub.qms
        if qms:
            version = qms[0].iso_version or "2015"
            title = f"Công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:{version}"
            summary = f"{self.spec.name} công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn "
            summary += f"quốc gia TCVN ISO 9001:{version}."
            where = tab_url(ISO if not self.agency.has(H.POSTBACK_PAGING) else DOCS)
            body = f'<p>Các văn bản xem tại mục <a href="{where}">Văn bản</a>.</p>'
            day = max(p.paper.issued for p in qms)
            self._story(title, summary, day, body, printed=True)
        for item in self.pub.news:
            body = "".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
            self._story(item.title, item.paragraphs[0], item.published, body, printed=False)
        if self.agency.has(H.NEG_NEWS_MENTIONS_ISO):
            self._tag(H.NEG_NEWS_MENTIONS_ISO)
        self.stories.sort(key=lambda s: s.published, reverse=True)
        chunks = [self.stories[i : i + NEWS_PAGE] for i in range(0, len(self.stories), NEWS_PAGE)]
        hrefs = [tab_url(NEWS)] + [
            f"/tabid/{NEWS}/currentpage/{n}/Default.aspx" for n in range(2, len(chunks) + 1)
        ]
        for number, chunk in enumerate(chunks, 1):
            pager = [(str(n), h) for n, h in enumerate(hrefs, 1) if n != number]
            html = theme.module(NEWS_MID, "TinTuc", "Tin tức", theme.story_list(chunk, pager))
            self._static(hrefs[number - 1], "Tin tức", NEWS, html)

    # -- search -------------------------------------------------------------------------
    def _search_page(self, path: str) -> _Page:
        """The search results tab for `path` (…/Default.aspx?Search=words): the news it finds."""
        query = " ".join(parse_qs(urlsplit(path).query).get("Search", [""])[0].split())
        words = search_words(query)
        found = [
            (s.title, s.url)
            for s in self.stories
            if words and Findable(title=s.title, href=s.url, text=s.summary).words >= set(words)
        ]
        html = theme.search_results(query, found)
        content = theme.module(460, "SearchResults", "Kết quả tìm kiếm", html)
        return _Page(path=path, title="Tìm kiếm", tab=SEARCH, content=lambda _: content)

    def _search(self) -> None:
        def route(path: str) -> Resource:
            return html_resource(self._html(self._search_page(path), action=path))

        self.site.route(tab_url(SEARCH), route)
        self._tag(H.SEARCH_POSTBACK)

    # -- postbacks -----------------------------------------------------------------------
    def answer_post(self, posted: Posted) -> Resource | None:
        parts = urlsplit(posted.path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        page = self.pages.get(path)
        if page is None and parts.path == tab_url(SEARCH):
            page = self._search_page(path)
        if page is None:
            return None
        fields = posted.fields()
        state = read_state(self.secret, fields.get("__VIEWSTATE", ""))
        events = read_state(self.secret, fields.get("__EVENTVALIDATION", ""))
        if events != f"events;tab={page.tab}":
            return _error("Invalid postback or callback argument.")
        if state is None or not state.startswith(f"tab={page.tab};"):
            return _error("Validation of viewstate MAC failed.")
        target, argument = fields.get("__EVENTTARGET", ""), fields.get("__EVENTARGUMENT", "")
        query = " ".join(fields.get(theme.SEARCH_FIELD, "").split())
        if target == theme.SEARCH_TARGET and query:
            location = f"{tab_url(SEARCH)}?Search={quote_plus(query)}"
            return Resource(
                body=b"", content_type="text/html; charset=utf-8", status=302, location=location
            )
        grid = int(state.split("page=")[1])
        if target == theme.GRID_TARGET and argument.startswith("Page$"):
            wanted = argument.removeprefix("Page$")
            grid = int(wanted) if wanted.isdigit() else grid
        return html_resource(self._html(page, grid, action=path))

    # -- the whole -------------------------------------------------------------------------
    def lay_out(self) -> Build:
        self._documents(self.pub.qms)
        self._news()
        headlines = theme.story_list(self.stories[:8], [])
        home = theme.module(NEWS_MID, "TinTuc", "Tin mới", headlines)
        aliases = ["/", "/Default.aspx"]
        if self.agency.place.website != "/":
            aliases.append(self.agency.place.website)
            self._tag(H.START_URL_PATH)
        self._static(tab_url(HOME), "Trang chủ", HOME, home, *aliases)
        about = f"<p>{escape(self.spec.name)} thực hiện chức năng quản lý nhà nước về "
        about += f"{escape(', '.join(self.spec.sectors).lower())}.</p>"
        self._static(
            tab_url(ABOUT),
            "Giới thiệu",
            ABOUT,
            theme.module(HTML_MID + 2, "DNN_HTML", "Giới thiệu", about),
        )
        contact = f"<p>{escape(self.spec.name)} - Trung tâm hành chính tỉnh Demo</p>"
        self._static(
            tab_url(CONTACT),
            "Liên hệ",
            CONTACT,
            theme.module(HTML_MID + 3, "DNN_HTML", "Liên hệ", contact),
        )
        self._search()
        self.site.post("/", self.answer_post)
        robots = "User-agent: *\nDisallow: /admin/\nDisallow: /App_Browsers/\n"
        robots += "Disallow: /bin/\nDisallow: /Providers/\n"
        self.site.raw(
            "/robots.txt", lambda: Resource(body=robots.encode(), content_type="text/plain")
        )
        if self.volatile:
            self.site.stamp(Volatile(secret=self.secret, today=self.ctx.as_of, visitors=385_204))
            self._tag(H.VOLATILE_PAGE)
        if self.agency.has(H.LONG_MENU_LABELS):
            self._tag(H.LONG_MENU_LABELS)
        return self.build


def _error(message: str) -> Resource:
    return html_resource(theme.error_page(message), status=500)


def dotnetnuke_build(agency: TierAgency, ctx: TierContext) -> Build:
    """Every page and file of a DotNetNuke agency site."""
    return DotNetNukeSite(agency, ctx).lay_out()
