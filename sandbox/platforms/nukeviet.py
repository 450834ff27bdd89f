"""A NukeViet 4.5 agency site: news posts whose files sit behind `?download=1&id=N`, the laws
("Văn bản") module, about pages, the seek module; what goes where follows the agency's habits.

URL shapes are NukeViet's own: rewritten (`/vi/news/<cat>/<alias>-<id>.html`) or not
(`/index.php?language=vi&nv=news&op=<cat>/<alias>-<id>`); the laws module's download links
are never rewritten (`/index.php?language=vi&nv=laws&op=detail/<alias>-<id>&download=1&id=0`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import parse_qs, urlsplit

from sandbox import render_html
from sandbox.build import Build, fixed
from sandbox.features import DocFormat
from sandbox.model import Resource
from sandbox.platforms import nukeviet_theme as theme
from sandbox.platforms.content import number_title, published, sentence, short_code, summary
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.roster import TierAgency, TierContext
from sandbox.platforms.site import Page, PlatformSite, Served, attachment, html_resource
from sandbox.platforms.volatile import Volatile
from sandbox.scenarios import PlannedPaper
from sandbox.search import Findable, search_words
from sandbox.sites import slugify

H = Habit
PAGE_SIZE = 10  # posts or documents per list page
CATEGORIES = {"thong-bao": "Thông báo", "tin-hoat-dong": "Tin hoạt động"}
PROCESSES = ("process_list", "procedure")
ROBOTS = (
    "User-agent: *\nDisallow: /admin/\nDisallow: /cache/\nDisallow: /data/\n"
    "Disallow: /includes/\nDisallow: /install/\nDisallow: /modules/\nDisallow: /tmp/\n"
)
GENERIC_TYPES = {DocFormat.DOCX: "application/zip"}  # what an old libmagic calls a .docx


class Urls:
    """NukeViet's URLs for one site, rewritten or not."""

    def __init__(self, *, rewrite: bool) -> None:
        self.rewrite = rewrite

    def module(self, name: str, op: str = "") -> str:
        if self.rewrite:
            return f"/vi/{name}/" + (f"{op}/" if op else "")
        return f"/index.php?language=vi&nv={name}" + (f"&op={op}" if op else "")

    def listing(self, name: str, number: int, category: str = "") -> str:
        """Page `number` of a module's list (of a news category when given)."""
        page = f"page-{number}" if number > 1 else ""
        return self.module(name, "/".join(part for part in (category, page) if part))

    def post(self, category: str, alias: str, post_id: int, op: str = "") -> str:
        """A post, or its print/save-as rendering when `op` is "print" or "savefile"."""
        route = "/".join(part for part in (op, category, f"{alias}-{post_id}") if part)
        if self.rewrite:
            return f"/vi/news/{route}.html"
        return f"/index.php?language=vi&nv=news&op={route}"

    def download(self, post_url: str, number: int) -> str:
        return post_url + ("&" if "?" in post_url else "?") + f"download=1&id={number}"

    def law(self, alias: str, law_id: int) -> str:
        return self.module("laws", f"detail/{alias}-{law_id}")

    def law_download(self, alias: str, law_id: int, number: int) -> str:
        op = f"detail/{alias}-{law_id}"
        return f"/index.php?language=vi&nv=laws&op={op}&download=1&id={number}"

    def about(self, alias: str) -> str:
        return f"/vi/about/{alias}.html" if self.rewrite else self.module("about", alias)

    @property
    def seek(self) -> str:
        """The data-url of the header search button: the query is appended to it."""
        return "/vi/seek/?q=" if self.rewrite else "/index.php?language=vi&nv=seek&q="


@dataclass(frozen=True, kw_only=True)
class _Post:
    category: str
    view: theme.PostView
    text: str  # what the seek module searches


class NukeVietSite:
    """Lays out one NukeViet agency site into a `Build`."""

    def __init__(self, agency: TierAgency, ctx: TierContext) -> None:
        self.agency = agency
        self.spec = agency.spec
        self.ctx = ctx
        self.urls = Urls(rewrite=not agency.has(H.QUERY_URLS))
        self.build = Build()
        self.build.tags.add(Platform.NUKEVIET.value)
        self.pub = published(agency, seed=ctx.seed, as_of=ctx.as_of)
        self.site = PlatformSite(
            self.build, host=agency.place.host, origin_of=ctx.origin_of, frame=self._frame
        )
        self.post_ids = itertools.count(101)
        self.law_ids = itertools.count(11)
        self.posts: list[_Post] = []
        self.laws: list[theme.LawView] = []
        self.blocks: list[theme.Block] = []
        self.about: list[tuple[str, str]] = []  # (label, href) of the about pages
        self.volatile = agency.has(H.VOLATILE_PAGE)

    def _tag(self, *habits: Habit) -> None:
        self.build.tags.update(habit.value for habit in habits)

    # -- the frame -----------------------------------------------------------------------
    @property
    def home(self) -> str:
        return "/vi/" if self.urls.rewrite else "/"

    def _menu(self) -> tuple[theme.MenuItem, ...]:
        long = self.agency.has(H.LONG_MENU_LABELS)
        name = self.spec.name
        about = f"Giới thiệu chung về {name}" if long else "Giới thiệu"
        news = "Tin tức - Sự kiện hoạt động của đơn vị" if long else "Tin tức"
        laws = "Văn bản chỉ đạo, điều hành và văn bản quy phạm pháp luật" if long else "Văn bản"
        categories = tuple(
            (title, self.urls.listing("news", 1, alias)) for alias, title in CATEGORIES.items()
        )
        items = [
            theme.MenuItem(label="Trang chủ", href=self.home),
            theme.MenuItem(label=about, href=self.urls.module("about"), children=tuple(self.about)),
            theme.MenuItem(label=news, href=self.urls.module("news"), children=categories),
        ]
        if self.laws:
            items.append(theme.MenuItem(label=laws, href=self.urls.module("laws")))
        items.append(theme.MenuItem(label="Liên hệ", href=self.urls.module("contact")))
        return tuple(items)

    def _frame(self, page: Page) -> str:
        chrome = theme.Chrome(
            site_name=self.spec.name,
            description="Cổng thông tin điện tử",
            home=self.home,
            menu=self._menu(),
            blocks=tuple(self.blocks),
            search_url=self.urls.seek,
            volatile=self.volatile,
        )
        return theme.frame(chrome, title=f"{page.title} - {self.spec.name}", main=page.main)

    # -- files -------------------------------------------------------------------------------
    def _served(self, planned: PlannedPaper, doc_format: DocFormat) -> Served:
        name = f"{planned.stem}.{doc_format.extension}"
        headers = (*attachment(name, quirk=";"), ("Content-Description", "File Transfer"))
        if self.agency.has(H.DOWNLOAD_GENERIC_TYPE):
            generic = GENERIC_TYPES.get(doc_format, "application/octet-stream")
            self._tag(H.DOWNLOAD_GENERIC_TYPE)
            return Served(content_type=generic, headers=headers)
        return Served(headers=headers)

    def _file(self, url: str, planned: PlannedPaper) -> tuple[str, str]:
        """Serve `planned` at the handler URL `url`; (file name, href) for the page."""
        doc_format = self.agency.row.doc_format
        self.site.file(url, planned, doc_format, served=self._served(planned, doc_format))
        self.site.record(url, planned, doc_format)
        self._tag(H.DOWNLOAD_NUKEVIET)
        return f"{planned.stem}.{doc_format.extension}", url

    # -- news -----------------------------------------------------------------------------
    def _add_post(
        self,
        category: str,
        title: str,
        hometext: str,
        day: date,
        body: str,
        papers: list[PlannedPaper],
        *,
        renderings: bool = False,
    ) -> None:
        post_id = next(self.post_ids)
        alias = slugify(title)
        url = self.urls.post(category, alias, post_id)
        files = tuple(
            self._file(self.urls.download(url, n), planned) for n, planned in enumerate(papers)
        )
        printed = renderings and self.agency.has(H.NEG_PRINT_RENDERING)
        previews: tuple[str, ...] = ()
        if printed and self.agency.row.doc_format is DocFormat.PDF:
            previews = self._previews(category, alias, post_id, files)
        view = theme.PostView(
            url=url,
            title=title,
            hometext=hometext,
            published=day,
            body=body,
            files=files,
            print_url=self.urls.post(category, alias, post_id, "print") if printed else None,
            save_url=self.urls.post(category, alias, post_id, "savefile") if printed else None,
            previews=previews,
        )
        self.site.page(url, title=title, main=fixed(theme.post_page(view)))
        if printed:
            self._renderings(view, alias)
        words = " ".join((hometext, body, *(name for name, _ in files)))
        self.posts.append(_Post(category=category, view=view, text=words))

    def _previews(
        self, category: str, alias: str, post_id: int, files: tuple[tuple[str, str], ...]
    ) -> tuple[str, ...]:
        """The PDF viewer of each file: the post's unrewritten URL with &pdf=1&id=N."""
        page = f"/index.php?language=vi&nv=news&op={category}/{alias}-{post_id}"
        page += ".html" if self.urls.rewrite else ""
        previews = []
        for number, (name, href) in enumerate(files):
            preview = f"{page}&pdf=1&id={number}"
            viewer = theme.pdf_viewer(name, href)
            self.site.raw(preview, fixed(html_resource(viewer)))
            previews.append(preview)
        return tuple(previews)

    def _renderings(self, view: theme.PostView, alias: str) -> None:
        """The print window and the save-as file of a post: its words again, at other URLs."""
        assert view.print_url and view.save_url
        page = theme.print_page(self.spec.name, self.site.url("/"), view)
        self.site.raw(view.print_url, fixed(html_resource(page)))
        saved = Resource(
            body=page.encode("utf-8"),
            content_type=f'text/x-delimtext; name="{alias}.html"',
            headers=(("Content-Disposition", f"attachment; filename={alias}.html"),),
        )
        self.site.raw(view.save_url, fixed(saved))
        self._tag(H.NEG_PRINT_RENDERING)

    def _qms_posts(self, papers: list[PlannedPaper]) -> None:
        if self.agency.has(H.TITLE_NUMBER_ONLY):
            for group in _numbered_groups(papers):
                leader = group[0].paper
                self._tag(H.TITLE_NUMBER_ONLY)
                title = number_title(leader, self.agency)
                body = f"<p>{escape(self.spec.name)} đăng tải văn bản (xem tập tin đính kèm).</p>"
                self._add_post(
                    "thong-bao",
                    title,
                    summary(leader),
                    leader.issued,
                    body,
                    group,
                    renderings=True,
                )
            return
        version = papers[0].iso_version or "2015"
        groups = (
            (
                f"Công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:{version}",
                [p for p in papers if p.doc_type not in PROCESSES],
            ),
            (
                "Ban hành Danh mục quy trình nội bộ trong Hệ thống quản lý chất lượng",
                [p for p in papers if p.doc_type in PROCESSES],
            ),
        )
        for title, group in groups:
            if group:
                lead = f"{self.spec.name} thông báo các văn bản sau (xem tập tin đính kèm)."
                day = max(p.paper.issued for p in group)
                body = f"<p>{escape(lead)}</p>"
                self._add_post("thong-bao", title, lead, day, body, group, renderings=True)

    def _everyday_posts(self) -> None:
        for item in self.pub.news:
            body = "".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
            self._add_post(
                "tin-hoat-dong", item.title, item.paragraphs[0], item.published, body, []
            )
        if not self.pub.qms and self.agency.has(H.TITLE_NUMBER_ONLY):
            self._look_alike_post()
        self.build.tags |= self.pub.look_alike_tags
        for planned in self.pub.look_alikes:
            paper = planned.paper
            self._add_post(
                "thong-bao",
                number_title(paper, self.agency),
                summary(paper),
                paper.issued,
                "<p>Xem tập tin đính kèm.</p>",
                [planned],
            )

    def _look_alike_post(self) -> None:
        """A post titled by the number of an everyday decision: the habit, without a QMS."""
        routine = self.pub.routine[4]  # "Quyết định ban hành Quy chế chi tiêu nội bộ…"
        head = self.spec.head_title.capitalize()
        title = f"Quyết định số {routine.number} ngày {routine.issued:%d/%m/%Y} của {head} "
        title += self.spec.name
        body = f"<p>{escape(routine.title)}.</p>"
        self._add_post("thong-bao", title, routine.title, routine.issued, body, [])
        self._tag(H.TITLE_NUMBER_ONLY)

    def _news_lists(self) -> None:
        posts = sorted(self.posts, key=lambda p: p.view.published, reverse=True)
        self._paged("news", "Tin tức", [p.view for p in posts])
        for alias, title in CATEGORIES.items():
            chosen = [p.view for p in posts if p.category == alias]
            self._paged("news", title, chosen, alias)

    def _paged(
        self, module: str, heading: str, views: list[theme.PostView], category: str = ""
    ) -> None:
        chunks = [views[i : i + PAGE_SIZE] for i in range(0, len(views), PAGE_SIZE)] or [[]]
        hrefs = [self.urls.listing(module, n, category) for n in range(1, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, 1):
            html = theme.news_list(heading, chunk, theme.pager(hrefs, number))
            self.site.page(hrefs[number - 1], title=heading, main=fixed(html))

    # -- laws -------------------------------------------------------------------------------
    def _laws(self, papers: list[PlannedPaper]) -> None:
        """The laws module: everyday documents first, the QMS ones after (a later page)."""
        for routine in self.pub.routine:
            law_id = next(self.law_ids)
            view = theme.LawView(
                url=self.urls.law(slugify(routine.number), law_id),
                code=routine.number,
                issued=routine.issued,
                title=routine.title,
                signer=self.spec.head_title.capitalize(),
            )
            self.laws.append(view)
        for planned in sorted(papers, key=lambda p: p.paper.issued, reverse=True):
            law_id = next(self.law_ids)
            alias = slugify(short_code(planned))
            file = self._file(self.urls.law_download(alias, law_id, 0), planned)
            self.laws.append(
                theme.LawView(
                    url=self.urls.law(alias, law_id),
                    code=short_code(planned),
                    issued=planned.paper.issued,
                    title=sentence(planned.paper),
                    files=(file,),
                    signer=planned.paper.signer,
                )
            )
        for law in self.laws:
            self.site.page(law.url, title=law.title, main=fixed(theme.law_page(law)))
        chunks = [self.laws[i : i + PAGE_SIZE] for i in range(0, len(self.laws), PAGE_SIZE)]
        hrefs = [self.urls.listing("laws", n) for n in range(1, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, 1):
            first = (number - 1) * PAGE_SIZE + 1
            html = theme.laws_table(chunk, first, theme.pager(hrefs, number))
            self.site.page(hrefs[number - 1], title="Văn bản", main=fixed(html))
        self.blocks.append(
            theme.Block(title="Văn bản mới", body=theme.new_laws_block(self.laws[:5]))
        )
        self._tag(H.TWO_LINKS_PER_ENTRY)

    # -- about, home, search, sitemap ------------------------------------------------------
    def _about(self, policy: PlannedPaper | None) -> None:
        general = self.urls.about("gioi-thieu-chung")
        intro = (
            f"<p>{escape(self.spec.name)} thực hiện chức năng tham mưu, quản lý nhà nước về "
            f"{escape(', '.join(self.spec.sectors).lower())}.</p>"
        )
        self.site.page(
            general, title="Giới thiệu chung", main=fixed(f"<h1>Giới thiệu chung</h1>{intro}")
        )
        self.about.append(("Giới thiệu chung", general))
        more = f'<p class="text-right"><a href="{escape(general)}">Xem tiếp</a></p>'
        block = theme.Block(title="Giới thiệu", body=intro + more)
        if policy is not None:
            url = self.urls.about("chinh-sach-chat-luong")
            self.site.page(
                url,
                title="Chính sách chất lượng",
                main=fixed(render_html.paper_article(policy.paper)),
            )
            self.site.record(url, policy, DocFormat.HTML)
            self.about.append(("Chính sách chất lượng", url))
            opening = " ".join(b.text for b in policy.paper.blocks[:2] if hasattr(b, "text"))
            block = theme.Block(
                title="Giới thiệu",
                body=f"<p><strong>CHÍNH SÁCH CHẤT LƯỢNG</strong></p><p>{escape(opening[:280])}…</p>"
                f'<p class="text-right"><a href="{escape(url)}">Xem tiếp</a></p>',
            )
            self._tag(H.NEG_SIDEBAR_BLOCK)
        self.blocks.insert(0, block)
        self.site.page(
            self.urls.module("about"), title="Giới thiệu", main=fixed(f"<h1>Giới thiệu</h1>{intro}")
        )

    def _home(self) -> None:
        latest = sorted(self.posts, key=lambda p: p.view.published, reverse=True)[:PAGE_SIZE]
        html = theme.news_list("Tin mới", [p.view for p in latest], "")
        self.site.page("/", title="Trang chủ", main=fixed(html))
        if self.urls.rewrite:
            self.site.page("/vi/", title="Trang chủ", main=fixed(html))
        else:
            self.site.page("/index.php?language=vi", title="Trang chủ", main=fixed(html))
        contact = (
            f"<h1>Liên hệ</h1><p>{escape(self.spec.name)} - Trung tâm hành chính tỉnh Demo</p>"
        )
        self.site.page(self.urls.module("contact"), title="Liên hệ", main=fixed(contact))
        if self.agency.place.website.endswith("/vi/") and (self.laws or not self.pub.qms):
            self._tag(H.START_URL_PATH)  # the laws module's downloads are not under /vi/

    def _seek(self) -> None:
        findables = [
            Findable(title=p.view.title, href=p.view.url, published=p.view.published, text=p.text)
            for p in self.posts
        ] + [Findable(title=law.title, href=law.url, text=law.code) for law in self.laws]

        def route(path: str) -> Resource | None:
            parts = urlsplit(path)
            params = parse_qs(parts.query)
            if not self.urls.rewrite and params.get("nv") != ["seek"]:
                return None
            query = " ".join(params.get("q", [""])[0].split())
            words = search_words(query)
            found = [(f.title, f.href) for f in findables if words and f.words.issuperset(words)]
            html = self._frame(
                Page(path=path, title="Tìm kiếm", main=theme.search_results(query, found))
            )
            return html_resource(html)

        self.site.route("/vi/seek/" if self.urls.rewrite else "/index.php", route)
        self._tag(H.SEARCH_DATA_URL)

    def _robots_and_sitemap(self) -> None:
        robots = ROBOTS
        if self.urls.rewrite:
            robots += f"Sitemap: {self.site.url('/sitemap.xml')}\n"
            maps = ["/vi/news/sitemap.xml"] + (["/vi/laws/sitemap.xml"] if self.laws else [])
            index = "".join(f"<sitemap><loc>{self.site.url(m)}</loc></sitemap>" for m in maps)
            self.site.raw(
                "/sitemap.xml",
                fixed(_xml(f'<sitemapindex xmlns="{SITEMAP_NS}">{index}</sitemapindex>')),
            )
            self.site.raw(maps[0], fixed(_urlset(self.site, [p.view.url for p in self.posts])))
            if self.laws:
                self.site.raw(maps[1], fixed(_urlset(self.site, [law.url for law in self.laws])))
            keywords = ("iso", "htqlcl", "chat-luong")
            if any(
                p.category == "thong-bao"
                and p.view.files
                and not any(k in p.view.url for k in keywords)
                for p in self.posts
            ):
                self._tag(H.SITEMAP_SLUG_WITHOUT_KEYWORDS)
        else:
            self._tag(H.QUERY_URLS)
        self.site.raw(
            "/robots.txt", fixed(Resource(body=robots.encode(), content_type="text/plain"))
        )

    # -- the whole -------------------------------------------------------------------------
    def lay_out(self) -> Build:
        qms = list(self.pub.qms)
        policy = None
        if self.agency.has(H.NEG_SIDEBAR_BLOCK):
            policy = next((p for p in qms if p.doc_type == "quality_policy"), None)
            qms = [p for p in qms if p is not policy]
        news_papers, law_papers = qms, []
        if self.agency.has(H.TWO_LINKS_PER_ENTRY):
            news_papers = _announced(qms) if self.agency.has(H.TITLE_NUMBER_ONLY) else []
            law_papers = [p for p in qms if p not in news_papers]
            self._laws(law_papers)
        if news_papers:
            self._qms_posts(news_papers)
        self._everyday_posts()
        self._about(policy)
        self._news_lists()
        self._home()
        self._seek()
        self._robots_and_sitemap()
        if self.volatile:
            secret = f"nukeviet/{self.ctx.seed}/{self.spec.code}".encode()
            self.site.stamp(Volatile(secret=secret, today=self.ctx.as_of, visitors=1_204_317))
            self._tag(H.VOLATILE_PAGE)
        if self.agency.has(H.LONG_MENU_LABELS):
            self._tag(H.LONG_MENU_LABELS)
        if self.agency.has(H.NEG_NEWS_MENTIONS_ISO):  # `published` added the post
            self._tag(H.NEG_NEWS_MENTIONS_ISO)
        return self.build


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _xml(text: str) -> Resource:
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
    return Resource(body=body.encode("utf-8"), content_type="application/xml")


def _urlset(site: PlatformSite, paths: list[str]) -> Resource:
    urls = "".join(f"<url><loc>{escape(site.url(path))}</loc></url>" for path in paths)
    return _xml(f'<urlset xmlns="{SITEMAP_NS}">{urls}</urlset>')


def _announced(papers: list[PlannedPaper]) -> list[PlannedPaper]:
    """What an agency with a laws module still announces in the news: the declaration and
    the current objectives."""
    declarations = [p for p in papers if p.doc_type == "declaration"]
    objectives = sorted(
        (p for p in papers if p.doc_type == "quality_objectives"), key=lambda p: p.year or 0
    )
    return declarations + objectives[-1:]


def _numbered_groups(papers: list[PlannedPaper]) -> list[list[PlannedPaper]]:
    """Posts of numbered papers: each numbered paper leads one, unnumbered ones join the
    post before them (or lead their own when none is before)."""
    groups: list[list[PlannedPaper]] = []
    for planned in papers:
        if planned.paper.number or not groups:
            groups.append([planned])
        else:
            groups[-1].append(planned)
    return groups


def nukeviet_build(agency: TierAgency, ctx: TierContext) -> Build:
    """Every page and file of a NukeViet agency site."""
    return NukeVietSite(agency, ctx).lay_out()
