"""A Joomla 3 agency site: com_content articles and category blogs (search-engine-friendly
`/vi/<category>/<id>-<alias>` or plain `/index.php?option=com_content&view=article&id=…`),
Phoca Download's category page whose files are served by
`index.php?option=com_phocadownload&view=category&download=N:<alias>&id=…`, print renderings
(`?tmpl=component&print=1`), and the search module's form that POSTs and is answered 303.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import parse_qs, urlencode, urlsplit

from sandbox import render_html
from sandbox.build import Build, fixed
from sandbox.features import DocFormat
from sandbox.model import Posted, Resource
from sandbox.platforms.content import number_title, published, sentence, summary
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.roster import TierAgency, TierContext
from sandbox.platforms.site import Page, PlatformSite, Served, attachment, html_resource
from sandbox.platforms.volatile import Volatile, mark
from sandbox.scenarios import PlannedPaper
from sandbox.search import Findable, search_words
from sandbox.sites import slugify

H = Habit
BLOG_PAGE = 10
ROBOTS = (
    b"User-agent: *\nDisallow: /administrator/\nDisallow: /bin/\nDisallow: /cache/\n"
    b"Disallow: /cli/\nDisallow: /components/\nDisallow: /includes/\nDisallow: /installation/\n"
    b"Disallow: /language/\nDisallow: /layouts/\nDisallow: /libraries/\nDisallow: /logs/\n"
    b"Disallow: /modules/\nDisallow: /plugins/\nDisallow: /tmp/\n"
)
CATEGORIES = {"tin-tuc": (8, 102, "Tin tức"), "he-thong-quan-ly-chat-luong": (9, 103, "ISO")}


class Urls:
    """Joomla's URLs for one site, search-engine friendly or not."""

    def __init__(self, *, sef: bool) -> None:
        self.sef = sef

    @property
    def home(self) -> str:
        return "/vi/" if self.sef else "/index.php"

    def category(self, alias: str, start: int = 0) -> str:
        cat_id, item_id, _ = CATEGORIES[alias]
        if self.sef:
            return f"/vi/{alias}" + (f"?start={start}" if start else "")
        url = (
            f"/index.php?option=com_content&view=category&layout=blog&id={cat_id}&Itemid={item_id}"
        )
        return url + (f"&limitstart={start}" if start else "")

    def article(self, alias: str, article_id: int, category: str) -> str:
        cat_id, item_id, _ = CATEGORIES[category]
        if self.sef:
            return f"/vi/{category}/{article_id}-{alias}"
        return (
            f"/index.php?option=com_content&view=article&id={article_id}:{alias}"
            f"&catid={cat_id}&Itemid={item_id}"
        )

    def printed(self, article: str) -> str:
        return article + ("&" if "?" in article else "?") + "tmpl=component&print=1&layout=default"

    @property
    def downloads(self) -> str:
        if self.sef:
            return "/vi/van-ban-iso"
        return "/index.php?option=com_phocadownload&view=category&id=3:van-ban-iso&Itemid=150"

    def download(self, number: int, alias: str) -> str:
        return (
            f"/index.php?option=com_phocadownload&view=category&download={number}:{alias}"
            "&id=3:van-ban-iso&Itemid=150"
        )

    @property
    def search_action(self) -> str:
        return "/vi/tim-kiem" if self.sef else "/index.php"

    def search(self, words: str) -> str:
        query = {"searchword": words, "searchphrase": "all"}
        if self.sef:
            return f"/vi/tim-kiem?{urlencode(query)}"
        return f"/index.php?{urlencode({'option': 'com_search', **query, 'Itemid': '105'})}"


@dataclass(frozen=True, kw_only=True)
class _Article:
    url: str
    title: str
    intro: str
    published: date
    body: str
    category: str
    print_url: str | None = None


class JoomlaSite:
    """Lays out one Joomla agency site into a `Build`."""

    def __init__(self, agency: TierAgency, ctx: TierContext) -> None:
        self.agency = agency
        self.spec = agency.spec
        self.ctx = ctx
        self.urls = Urls(sef=not agency.has(H.QUERY_URLS))
        self.build = Build()
        self.build.tags.add(Platform.JOOMLA.value)
        self.pub = published(agency, seed=ctx.seed, as_of=ctx.as_of)
        self.secret = f"joomla/{ctx.seed}/{agency.code}".encode()
        self.volatile = agency.has(H.VOLATILE_PAGE)
        self.site = PlatformSite(
            self.build, host=agency.place.host, origin_of=ctx.origin_of, frame=self._frame
        )
        self.ids = itertools.count(112)
        self.articles: list[_Article] = []
        self.downloads: dict[str, str] = {}  # stem -> download URL

    def _tag(self, *habits: Habit) -> None:
        self.build.tags.update(habit.value for habit in habits)

    def _frame(self, page: Page) -> str:
        menu = [("Trang chủ", self.urls.home), ("Tin tức", self.urls.category("tin-tuc"))]
        if any(a.category == "he-thong-quan-ly-chat-luong" for a in self.articles):
            menu.append(
                ("Hệ thống quản lý chất lượng", self.urls.category("he-thong-quan-ly-chat-luong"))
            )
        menu += [("Văn bản ISO", self.urls.downloads)]
        items = "".join(
            f'<li class="item-{101 + n}"><a href="{escape(href)}">{escape(label)}</a></li>'
            for n, (label, href) in enumerate(menu)
        )
        search = ""
        if self.agency.has(H.SEARCH_POST_FORM):
            search = (
                f'<div class="search"><form action="{escape(self.urls.search_action)}" '
                'method="post" class="form-inline" role="search"><input name="searchword" '
                'id="mod-search-searchword93" maxlength="200" class="inputbox search-query" '
                'type="search" placeholder="Tìm kiếm..." /><input type="hidden" name="task" '
                'value="search" /><input type="hidden" name="option" value="com_search" />'
                '<input type="hidden" name="Itemid" value="105" /></form></div>'
            )
        counter = ""
        if self.volatile:
            counter = (
                f'<div class="moduletable"><h3>Thống kê truy cập</h3><p>Đang online: '
                f"{mark('online')}</p><p>Tổng lượt truy cập: {mark('counter')}</p></div>"
            )
        return (
            '<!DOCTYPE html>\n<html lang="vi-vn" dir="ltr">\n<head><meta charset="utf-8" />'
            '<meta name="generator" content="Joomla! - Open Source Content Management" />'
            f"<title>{escape(page.title)} - {escape(self.spec.name)}</title>"
            '<link href="/templates/protostar/css/template.css" rel="stylesheet" /></head>\n'
            '<body class="site com_content"><div class="body" id="top"><div class="container">'
            '<header class="header" role="banner"><div class="header-inner clearfix">'
            f'<a class="brand pull-left" href="{escape(self.urls.home)}"><span class="site-title" '
            f'title="{escape(self.spec.name)}">{escape(self.spec.name)}</span></a>'
            f'<div class="header-search pull-right">{search}</div></div></header>\n'
            '<nav class="navigation" role="navigation"><ul class="nav menu nav-pills mod-list">'
            f"{items}</ul></nav>\n"
            '<div class="row-fluid"><main id="content" role="main" class="span9">'
            f'{page.main}</main><div id="aside" class="span3">{counter}</div></div></div></div>\n'
            '<footer class="footer" role="contentinfo"><div class="container"><hr />'
            f"<p>&copy; {self.ctx.as_of.year} {escape(self.spec.name)}</p></div></footer>"
            "</body>\n</html>\n"
        )

    # -- Phoca Download ------------------------------------------------------------------
    def _phoca(self, papers: list[PlannedPaper]) -> None:
        doc_format = self.agency.row.doc_format
        boxes = ""
        for number, planned in enumerate(papers, 5):
            name = f"{planned.stem}.{doc_format.extension}"
            href = self.urls.download(number, planned.stem)
            generic = self.agency.has(H.DOWNLOAD_GENERIC_TYPE)
            served = Served(
                content_type="application/octet-stream" if generic else None,
                headers=attachment(name),
            )
            self.site.file(href, planned, doc_format, served=served)
            self.site.record(href, planned, doc_format)
            self.downloads[planned.stem] = href
            boxes += (
                '<div class="pd-filebox"><div class="pd-filenamebox">'
                f'<div class="pd-title">{escape(sentence(planned.paper))}</div>'
                f'<div class="pd-filename"><div class="pd-float">{escape(name)}</div></div></div>'
                '<div class="pd-buttons"><div class="pd-button-download">'
                f'<a class="btn btn-success" href="{escape(href)}">Tải về</a></div></div>'
                f'<div class="pd-date">Ngày: {planned.paper.issued:%d/%m/%Y}</div></div>'
            )
        if papers:
            self._tag(H.DOWNLOAD_PHOCA)
            if self.agency.has(H.DOWNLOAD_GENERIC_TYPE):
                self._tag(H.DOWNLOAD_GENERIC_TYPE)
        empty = "" if papers else "<p>Chưa có tài liệu.</p>"
        html = (
            f'<div id="phoca-dl-category-box" class="pd-category-view"><h1>Văn bản ISO</h1>'
            f"{boxes}{empty}</div>"
        )
        self.site.page(self.urls.downloads, title="Văn bản ISO", main=fixed(html))

    # -- articles ---------------------------------------------------------------------------
    def _article(
        self, title: str, intro: str, day: date, body: str, category: str, *, printed: bool = False
    ) -> _Article:
        article_id = next(self.ids)
        url = self.urls.article(slugify(title)[:80].rstrip("-"), article_id, category)
        print_url = self.urls.printed(url) if printed else None
        article = _Article(
            url=url,
            title=title,
            intro=intro,
            published=day,
            body=body,
            category=category,
            print_url=print_url,
        )
        self.site.page(url, title=title, main=fixed(_article_page(article)))
        if print_url:
            page = _print_page(article, self.spec.name)
            self.site.raw(print_url, fixed(html_resource(page)))
            self._tag(H.NEG_PRINT_RENDERING)
        self.articles.append(article)
        return article

    def _articles(self, policy: PlannedPaper | None) -> None:
        printing = self.agency.has(H.NEG_PRINT_RENDERING)
        for item in self.pub.news:
            body = "".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
            self._article(item.title, item.paragraphs[0], item.published, body, "tin-tuc")
        if policy is not None:
            article = self._article(
                "Chính sách chất lượng",
                "Chính sách chất lượng của đơn vị.",
                policy.paper.issued,
                render_html.paper_article(policy.paper),
                "he-thong-quan-ly-chat-luong",
                printed=printing,
            )
            self.site.record(article.url, policy, DocFormat.HTML)
        declaration = next((p for p in self.pub.qms if p.doc_type == "declaration"), None)
        if declaration is not None and self.agency.has(H.TITLE_NUMBER_ONLY):
            paper = declaration.paper
            link = self.downloads[declaration.stem]
            body = f'<p>Xem toàn văn: <a href="{escape(link)}">Tải về</a></p>'
            self._article(
                number_title(paper, self.agency),
                summary(paper),
                paper.issued,
                body,
                "tin-tuc",
                printed=printing,
            )
            self._tag(H.TITLE_NUMBER_ONLY)
        if self.agency.has(H.NEG_NEWS_MENTIONS_ISO):
            self._tag(H.NEG_NEWS_MENTIONS_ISO)
        self.articles.sort(key=lambda a: a.published, reverse=True)
        for category in CATEGORIES:
            chosen = [a for a in self.articles if a.category == category]
            if chosen:
                self._blog(category, chosen)

    def _blog(self, category: str, articles: list[_Article]) -> None:
        chunks = [articles[i : i + BLOG_PAGE] for i in range(0, len(articles), BLOG_PAGE)]
        hrefs = [self.urls.category(category, n * BLOG_PAGE) for n in range(len(chunks))]
        for number, chunk in enumerate(chunks):
            items = "".join(
                f'<div class="items-row"><div class="item"><div class="page-header"><h2 '
                f'itemprop="name"><a href="{escape(a.url)}">{escape(a.title)}</a></h2></div>'
                f'<p>{escape(a.intro)}</p><p class="readmore">'
                f'<a class="btn" href="{escape(a.url)}">'
                f"Xem thêm: {escape(a.title)}</a></p></div></div>"
                for a in chunk
            )
            pages = "".join(
                f'<li><a href="{escape(h)}">{n}</a></li>' for n, h in enumerate(hrefs, 1)
            )
            html = f'<div class="blog">{items}<div class="pagination"><ul>{pages}</ul></div></div>'
            self.site.page(hrefs[number], title=CATEGORIES[category][2], main=fixed(html))

    # -- search ---------------------------------------------------------------------------
    def _search(self) -> None:
        action = self.urls.search_action

        def results(path: str) -> Resource | None:
            params = parse_qs(urlsplit(path).query)
            if not self.urls.sef and params.get("option") != ["com_search"]:
                return None
            query = " ".join(params.get("searchword", [""])[0].split())
            words = search_words(query)
            found = [
                a
                for a in self.articles
                if words and Findable(title=a.title, href=a.url, text=a.intro).words >= set(words)
            ]
            rows = "".join(
                f'<dt class="result-title"><a href="{escape(a.url)}">{escape(a.title)}</a></dt>'
                f'<dd class="result-text">{escape(a.intro)}</dd>'
                for a in found
            )
            html = (
                f'<div class="search"><h1>Tìm kiếm</h1><p class="searchintro">Tổng cộng '
                f'{len(found)} kết quả.</p><dl class="search-results">{rows}</dl></div>'
            )
            return html_resource(self._frame(Page(path=path, title="Tìm kiếm", main=html)))

        def answer(posted: Posted) -> Resource | None:
            fields = posted.fields()
            if fields.get("option") != "com_search" or fields.get("task") != "search":
                return None
            location = self.urls.search(" ".join(fields.get("searchword", "").split()))
            return Resource(
                body=b"", content_type="text/html; charset=utf-8", status=303, location=location
            )

        self.site.route(action, results)
        self.site.post(action, answer)
        self._tag(H.SEARCH_POST_FORM)

    def lay_out(self) -> Build:
        qms = list(self.pub.qms)
        policy = None
        if self.agency.has(H.NEG_PRINT_RENDERING) and not self.agency.has(H.TITLE_NUMBER_ONLY):
            policy = next((p for p in qms if p.doc_type == "quality_policy"), None)
            qms = [p for p in qms if p is not policy]
        self._phoca(qms + self.pub.look_alikes)
        self.build.tags |= self.pub.look_alike_tags
        self._articles(policy)
        latest = "".join(
            f'<li><a href="{escape(a.url)}">{escape(a.title)}</a></li>' for a in self.articles[:8]
        )
        home = f'<div class="blog-featured"><h2>Tin mới</h2><ul>{latest}</ul></div>'
        self.site.page(self.urls.home, title="Trang chủ", main=fixed(home))
        self.site.page("/", title="Trang chủ", main=fixed(home))
        if not self.urls.sef:
            self._tag(H.QUERY_URLS)
        if self.agency.place.website == "/vi/":
            self._tag(H.START_URL_PATH)  # Phoca's downloads are /index.php?…, not under /vi/
        if self.agency.has(H.SEARCH_POST_FORM):
            self._search()
        self.site.raw("/robots.txt", fixed(Resource(body=ROBOTS, content_type="text/plain")))
        if self.volatile:
            self.site.stamp(Volatile(secret=self.secret, today=self.ctx.as_of, visitors=96_311))
            self._tag(H.VOLATILE_PAGE)
        return self.build


def _article_page(article: _Article) -> str:
    tools = ""
    if article.print_url:
        tools = (
            '<div class="icons"><div class="btn-group pull-right"><ul class="dropdown-menu">'
            f'<li class="print-icon"><a href="{escape(article.print_url)}" title="In bài viết" '
            "onclick=\"window.open(this.href,'win2','status=no,toolbar=no,scrollbars=yes,"
            'width=640,height=480\'); return false;" rel="nofollow"><span class="icon-print">'
            "</span>In</a></li></ul></div></div>"
        )
    return (
        '<div class="item-page" itemscope itemtype="https://schema.org/Article">'
        f'<div class="page-header"><h2 itemprop="headline">{escape(article.title)}</h2></div>'
        f'{tools}<dl class="article-info muted"><dd class="published">Ngày đăng: '
        f'{article.published:%d/%m/%Y}</dd></dl><div itemprop="articleBody">'
        f"<p><strong>{escape(article.intro)}</strong></p>{article.body}</div></div>"
    )


def _print_page(article: _Article, site_name: str) -> str:
    """The article in the bare `component` template, as its print icon opens it."""
    return (
        '<!DOCTYPE html>\n<html lang="vi-vn" dir="ltr"><head><meta charset="utf-8" />'
        f"<title>{escape(article.title)} - {escape(site_name)}</title></head>"
        '<body class="contentpane modal"><div id="pop-print" class="btn hidden-print">'
        '<a href="#" onclick="window.print();return false;">In</a></div>'
        f"{_article_page(article)}</body></html>\n"
    )


def joomla_build(agency: TierAgency, ctx: TierContext) -> Build:
    """Every page and file of a Joomla agency site."""
    return JoomlaSite(agency, ctx).lay_out()
