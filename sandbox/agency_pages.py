"""The pages of a generated agency, one function per way of publishing and per common page."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape
from typing import TYPE_CHECKING

from sandbox import render_html
from sandbox.agency_papers import NEGATIVE_FILE_TAGS
from sandbox.build import SiteBuilder, fixed
from sandbox.features import Extra, PortalStyle, Publishing
from sandbox.model import Resource
from sandbox.news import NewsItem, archive_news, ordinary_news
from sandbox.placement import PLATFORM_HOST, ProvinceContext
from sandbox.roster import Scenario
from sandbox.search import SEARCH_TAG, Findable, site_search
from sandbox.sites import slugify
from sandbox.styles import Chrome, DocRow, Entry, Link, MenuItem, doc_table, listing, page_href
from sandbox.styles import pager as pager_html
from sandbox.traps import calendar_trap, redirect

if TYPE_CHECKING:
    from sandbox.agency_layout import AgencyLayout

TABLE_PAGE = 10  # rows per page of a document table
JSON_PAGE = 4  # items per page of the JSON endpoint
ROBOTS_ALLOW = b"User-agent: *\nAllow: /\n"
ROBOTS_FORBID = b"User-agent: *\nDisallow: /\n"
ROUTINE_TITLES = (
    "Quyết định ban hành Quy chế làm việc của {name}",
    "Kế hoạch cải cách hành chính năm {year}",
    "Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm {year}",
    "Kế hoạch chuyển đổi số năm {year}",
    "Quyết định ban hành Quy chế chi tiêu nội bộ năm {year}",
    "Kế hoạch phòng, chống tham nhũng năm {year}",
    "Báo cáo công tác thi đua, khen thưởng năm {last}",
    "Kế hoạch thực hành tiết kiệm, chống lãng phí năm {year}",
    "Quyết định công khai dự toán ngân sách năm {year}",
    "Kế hoạch tuyên truyền, phổ biến, giáo dục pháp luật năm {year}",
    "Báo cáo công tác phòng cháy, chữa cháy năm {last}",
    "Thông báo kết luận của lãnh đạo tại cuộc họp giao ban",
)

NEWS_PAGE = 15  # posts per page of the news list
HOME_HEADLINES = 12  # a portal's home page shows its latest posts by the dozen
# Sections every portal has and no QMS document sits in: (path, title, text).
ORDINARY_SECTIONS = (
    (
        "co-cau-to-chuc",
        "Cơ cấu tổ chức",
        "Lãnh đạo đơn vị gồm Thủ trưởng và các Phó Thủ trưởng; các phòng chuyên môn.",
    ),
    (
        "thu-tuc-hanh-chinh",
        "Thủ tục hành chính",
        "Thủ tục hành chính thuộc thẩm quyền giải quyết được công khai trên Cổng Dịch vụ công.",
    ),
    (
        "hoi-dap",
        "Hỏi đáp",
        "Tổ chức, cá nhân gửi câu hỏi qua mục này; đơn vị trả lời trong thời hạn quy định.",
    ),
)


def robots_resource(body: bytes) -> Resource:
    return Resource(body=body, content_type="text/plain")


def platform_chrome(ctx: ProvinceContext, style_of: Chrome, sidebar: tuple[Link, ...]) -> Chrome:
    """The look of the "ISO điện tử" platform (one vendor, whatever the agency's own site)."""
    return Chrome(
        style=style_of.style,
        banner="HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG ĐIỆN TỬ TỈNH DEMO",
        site_name="ISO điện tử tỉnh Demo",
        menu=(
            MenuItem(label="Trang chủ", href="/"),
            MenuItem(label="Danh sách cơ quan", href="/co-quan/"),
        ),
        footer=(("Sở Khoa học và Công nghệ", ctx.origin_of("so-khcn.tinhdemo.localhost") + "/"),),
        sidebar=sidebar,
        sidebar_heading="Cơ quan, đơn vị",
    )


def _entries(layout: AgencyLayout, base: str, site: SiteBuilder | None = None) -> list[Entry]:
    return [layout.publish(planned, base, site).entry for planned in layout.papers.qms]


def _iso_menu(layout: AgencyLayout) -> None:
    label = layout.spec.iso_label
    base = layout.page(slugify(label))
    entries = _entries(layout, f"{layout.prefix}/{slugify(label)}") + layout.fault_entries()
    heading = f"{label} - Tài liệu hệ thống quản lý chất lượng"
    layout.site.add_page(
        base,
        title=label,
        content=lambda: listing(layout.features.style, heading, entries),
        crumbs=layout.crumbs((label, base)),
    )


def _deep(layout: AgencyLayout) -> str:
    """Giới thiệu > HTQLCL > Bộ tài liệu > files; returns the link the about page shows."""
    about = layout.page("gioi-thieu")
    system = layout.page("gioi-thieu/he-thong-quan-ly-chat-luong")
    documents = layout.page("gioi-thieu/he-thong-quan-ly-chat-luong/bo-tai-lieu")
    doc_base = f"{layout.prefix}/gioi-thieu/he-thong-quan-ly-chat-luong/bo-tai-lieu"
    entries = _entries(layout, doc_base) + layout.fault_entries()
    style = layout.features.style
    layout.site.add_page(
        documents,
        title="Bộ tài liệu Hệ thống quản lý chất lượng",
        content=lambda: listing(style, "Bộ tài liệu HTQLCL theo TCVN ISO 9001", entries),
        crumbs=layout.crumbs(("Giới thiệu", about), ("HTQLCL", system), ("Bộ tài liệu", documents)),
    )
    intro = (
        f"<h2>Hệ thống quản lý chất lượng</h2><p>{escape(layout.spec.name)} xây dựng, áp dụng "
        "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001.</p>"
        f'<p><a href="{escape(documents)}">Bộ tài liệu Hệ thống quản lý chất lượng</a></p>'
    )
    layout.site.add_page(
        system,
        title="Hệ thống quản lý chất lượng",
        content=lambda: intro,
        crumbs=layout.crumbs(("Giới thiệu", about), ("HTQLCL", system)),
    )
    return f'<p><a href="{escape(system)}">Hệ thống quản lý chất lượng</a></p>'


def _table_rows(layout: AgencyLayout) -> list[DocRow]:
    link_text = "Tải về" if layout.features.has(Extra.TAI_VE) else None
    if link_text and layout.papers.qms:
        layout.build.tags.add(Extra.TAI_VE.value)
    rows = []
    for planned in sorted(layout.papers.qms, key=lambda p: p.paper.issued, reverse=True):
        published = layout.publish(planned, f"{layout.prefix}/van-ban")
        paper = planned.paper
        rows.append(
            DocRow(
                number=paper.number or "",
                issued=f"{paper.issued:%d/%m/%Y}",
                title=paper.title,
                href=published.href,
                link_text=link_text,
            )
        )
    return rows


def _routine_rows(layout: AgencyLayout) -> list[DocRow]:
    as_of, name = layout.ctx.as_of, layout.spec.name
    rows = []
    for index, template in enumerate(ROUTINE_TITLES):
        title = template.format(name=name, year=as_of.year, last=as_of.year - 1)
        issued = f"{as_of - timedelta(days=4 + 9 * index):%d/%m/%Y}"
        code = {"Quyết": "QĐ", "Kế": "KH", "Báo": "BC"}.get(title.split()[0], "TB")
        detail = layout.page("van-ban/chi-tiet") + f"?id={2000 + index}"
        text = (
            f"<h2>{escape(title)}</h2><p>Ngày ban hành: {issued}</p>"
            "<p>Văn bản đang được cập nhật.</p>"
        )
        layout.site.add_page(detail, title=title, content=fixed(text))
        number = f"{(index * 13) % 90 + 10}/{code}-{layout.spec.doc_code}"
        rows.append(DocRow(number=number, issued=issued, title=title, href=detail))
    return rows


def _negative_rows(layout: AgencyLayout) -> list[DocRow]:
    rows = []
    layout.build.tags.update(NEGATIVE_FILE_TAGS[p.stem] for p in layout.papers.negative_files)
    for planned in layout.papers.negative_files:
        host = layout.place.host
        path = f"{layout.prefix}/uploads/van-ban/{planned.stem}.pdf"
        href = layout.site.add_file(host, path, planned, layout.format_of(planned), octet=False)
        paper = planned.paper
        rows.append(
            DocRow(
                number=paper.number or "",
                issued=f"{paper.issued:%d/%m/%Y}",
                title=paper.title,
                href=href,
            )
        )
    return rows


def _van_ban(layout: AgencyLayout, qms_rows: list[DocRow], faults: list[Entry]) -> None:
    """The document table: routine documents first, the QMS ones on later pages."""
    routine = _routine_rows(layout)
    fault_rows = [DocRow(number="", issued="", title=t, href=h) for t, h, _ in faults]
    rows = routine + _negative_rows(layout) + qms_rows + fault_rows
    if qms_rows and len(routine) >= TABLE_PAGE:
        layout.build.tags.add("later_page")
    style, base = layout.features.style, layout.page("van-ban")
    chunks = [rows[i : i + TABLE_PAGE] for i in range(0, len(rows), TABLE_PAGE)]
    for number, chunk in enumerate(chunks, 1):
        html = doc_table(
            "Văn bản chỉ đạo, điều hành", chunk, first_number=(number - 1) * TABLE_PAGE + 1
        )
        html += pager_html(style, base, len(chunks), number)
        layout.site.add_page(
            page_href(style, base, number),
            title=f"Văn bản - Trang {number}",
            content=fixed(html),
            crumbs=layout.crumbs(("Văn bản", base)),
        )


def _iso_posts(layout: AgencyLayout) -> list[tuple[NewsItem, list[Link]]]:
    """News posts carrying the QMS documents: the declaration set, then the processes."""
    qms = layout.papers.qms
    processes = ("process_list", "procedure")
    version = qms[0].iso_version if qms else "2015"
    groups = (
        (f"Công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:{version}",
         [p for p in qms if p.doc_type not in processes]),
        ("Ban hành Danh mục quy trình nội bộ trong Hệ thống quản lý chất lượng",
         [p for p in qms if p.doc_type in processes]),
    )  # fmt: skip
    posts = []
    for title, group in groups:
        if not group:
            continue
        attachments = []
        for planned in group:
            published = layout.publish(planned, f"{layout.prefix}/tin-tuc")
            extension = layout.format_of(planned).extension
            attachments.append((f"{planned.paper.title}.{extension}", published.href))
        item = NewsItem(
            title=title,
            published=max(p.paper.issued for p in group),
            paragraphs=(f"{layout.spec.name} thông báo các văn bản sau (xem tệp đính kèm).",),
        )
        posts.append((item, attachments))
    return posts


def _js_listing(layout: AgencyLayout) -> None:
    """A page whose script loads the document list, page by page, from a JSON endpoint."""
    prefix = layout.prefix
    api = f"{prefix}/api/van-ban"
    items = [
        {
            "tieu_de": published.planned.paper.title,
            "so_ky_hieu": published.planned.paper.number or "",
            "ngay_ban_hanh": f"{published.planned.paper.issued:%d/%m/%Y}",
            "tep": published.href,
        }
        for published in (layout.publish(p, f"{prefix}/van-ban-iso") for p in layout.papers.qms)
    ]
    chunks = [items[i : i + JSON_PAGE] for i in range(0, len(items), JSON_PAGE)] or [[]]
    for number, chunk in enumerate(chunks, 1):
        following = f"{api}?page={number + 1}" if number < len(chunks) else None
        data = {"page": number, "total": len(items), "next": following, "items": chunk}
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        resource = Resource(body=body, content_type="application/json; charset=utf-8")
        layout.site.add_raw(layout.place.host, f"{api}?page={number}", fixed(resource))
    script = (
        '<div id="ds-van-ban">Đang tải danh sách văn bản...</div>\n<script>\n'
        "function taiTrang(url) {\n"
        "  fetch(url).then(function (r) { return r.json(); }).then(function (data) {\n"
        '    var ds = document.getElementById("ds-van-ban");\n'
        "    data.items.forEach(function (vb) {\n"
        '      var a = document.createElement("a"); a.href = vb.tep; a.textContent = vb.tieu_de;\n'
        '      var p = document.createElement("p"); p.appendChild(a); ds.appendChild(p);\n'
        "    });\n"
        "    if (data.next) { taiTrang(data.next); }\n"
        "  });\n}\n"
        f'taiTrang("{api}?page=1");\n</script>'
    )
    layout.site.add_page(
        layout.page("van-ban-iso"),
        title="Văn bản ISO",
        content=lambda: "<h2>Văn bản Hệ thống quản lý chất lượng</h2>" + script,
        crumbs=layout.crumbs(("Văn bản ISO", layout.page("van-ban-iso"))),
    )


def _subsite(layout: AgencyLayout) -> None:
    """The agency's ISO subsite on iso.<host>, WordPress-like: dated posts with attachments."""
    host = layout.place.iso_host
    chrome = Chrome(
        style=layout.features.style,
        banner=layout.spec.name.upper(),
        site_name=f"Hệ thống quản lý chất lượng - {layout.spec.name}",
        menu=(
            MenuItem(label="Trang chủ", href="/"),
            MenuItem(label="Cổng thông tin", href=layout.place.website),
        ),
        footer=(),
    )
    site = SiteBuilder(
        layout.build,
        host=host,
        origin_of=layout.ctx.origin_of,
        chrome=chrome,
        form=layout.features.text_form,
    )
    posts: list[Entry] = []
    for planned in layout.papers.qms:
        published = layout.publish(planned, "/tai-lieu", site)
        paper = planned.paper
        post = f"/{paper.issued:%Y/%m/%d}/{planned.stem}/"
        article = (
            f"<article><h2>{escape(paper.title)}</h2><p>Đăng ngày {paper.issued:%d/%m/%Y}</p>"
            f'<p>Tệp đính kèm: <a href="{escape(published.href)}">{escape(planned.stem)}</a></p>'
            "</article>"
        )
        site.add_page(post, title=paper.title, content=fixed(article))
        posts.append((paper.title, post, f"{paper.issued:%d/%m/%Y}"))
    site.add_page(
        "/", title="Tài liệu HTQLCL", content=lambda: listing(chrome.style, "Bài viết mới", posts)
    )
    site.add_raw(host, "/robots.txt", lambda: robots_resource(ROBOTS_ALLOW))


def _platform_page(layout: AgencyLayout) -> None:
    """The agency's page on the "ISO điện tử" platform, with other agencies in the sidebar."""
    layout.build.tags.add(Publishing.ISO_PLATFORM.value)
    others = [a for a in layout.ctx.on_platform() if a.code != layout.spec.code][:8]
    sidebar = tuple((a.spec.name, f"/co-quan/{a.code.lower()}/") for a in others)
    chrome = platform_chrome(layout.ctx, layout.site.chrome, sidebar)
    site = SiteBuilder(
        layout.build,
        host=PLATFORM_HOST,
        origin_of=layout.ctx.origin_of,
        chrome=chrome,
        form=layout.features.text_form,
    )
    path = f"/co-quan/{layout.code_path}/"
    entries = _entries(layout, f"{path}tai-lieu", site)
    heading = f"Tài liệu HTQLCL - {layout.spec.name}"
    empty = "<p>Cơ quan chưa cập nhật tài liệu Hệ thống quản lý chất lượng.</p>"
    site.add_page(
        path,
        title=layout.spec.name,
        content=lambda: (
            listing(chrome.style, heading, entries)
            if entries
            else f"<h2>{escape(heading)}</h2>{empty}"
        ),
        crumbs=(("Trang chủ", "/"), ("Danh sách cơ quan", "/co-quan/")),
    )


def _news_path(layout: AgencyLayout, name: str) -> str:
    """A post's path: name.aspx on ASP.NET portals, name.html elsewhere."""
    page = layout.page(name)
    return page if page.endswith(".aspx") else f"{page}.html"


def _news(layout: AgencyLayout, posts: list[tuple[NewsItem, list[Link]]]) -> list[Findable]:
    """Every post and the news list; the posts, newest first, as the search finds them."""
    ordered = sorted(posts, key=lambda post: post[0].published, reverse=True)
    links: list[Link] = []
    findables: list[Findable] = []
    for number, (item, attachments) in enumerate(ordered, 1):
        name = f"tin-tuc/{slugify(item.title)[:60].rstrip('-')}-{number}"
        path = _news_path(layout, name)
        html = render_html.news_post(item, attachments)
        layout.site.add_page(
            path,
            title=item.title,
            content=fixed(html),
            crumbs=layout.crumbs(("Tin tức", layout.page("tin-tuc"))),
        )
        links.append((item.title, path))
        text = " ".join((*item.paragraphs, *(label for label, _ in attachments)))
        findables.append(Findable(title=item.title, href=path, published=item.published, text=text))
    entries = [(title, path, "") for title, path in links]
    style, base = layout.features.style, layout.page("tin-tuc")
    chunks = [entries[i : i + NEWS_PAGE] for i in range(0, len(entries), NEWS_PAGE)]
    for number, chunk in enumerate(chunks, 1):
        html = listing(style, "Tin tức - Sự kiện", chunk) + pager_html(
            style, base, len(chunks), number
        )
        layout.site.add_page(
            page_href(style, base, number),
            title="Tin tức" if number == 1 else f"Tin tức - Trang {number}",
            content=fixed(html),
        )
    return findables


def _static_pages(layout: AgencyLayout, news: list[Findable], about_extra: str) -> None:
    spec, style = layout.spec, layout.features.style
    structure = layout.page("co-cau-to-chuc")
    about = (
        f"<h2>Chức năng, nhiệm vụ</h2><p>{escape(spec.name)} thực hiện chức năng quản lý nhà "
        f"nước về các lĩnh vực: {escape(', '.join(spec.sectors))}.</p>"
        f'<p><a href="{escape(structure)}">Cơ cấu tổ chức</a></p>{about_extra}'
    )
    layout.site.add_page(layout.page("gioi-thieu"), title="Giới thiệu", content=lambda: about)
    contact = (
        f"<h2>Liên hệ</h2><p>{escape(spec.name)}</p><p>Địa chỉ: Trung tâm hành chính tỉnh Demo</p>"
        "<p>Điện thoại: 0200 3 800 000</p>"
    )
    layout.site.add_page(layout.page("lien-he"), title="Liên hệ", content=lambda: contact)
    for path, title, body in ORDINARY_SECTIONS:
        html = f"<h2>{escape(title)}</h2><p>{escape(body)}</p>"
        layout.site.add_page(layout.page(path), title=title, content=fixed(html))
    latest = [(post.title, post.href, "") for post in news[:HOME_HEADLINES]]
    layout.site.add_page(
        layout.home, title="Trang chủ", content=lambda: listing(style, "Tin mới", latest)
    )


def _sitemap(site: SiteBuilder) -> Resource:
    """A sitemap of the site's pages, as CMSs generate them."""
    urls = "".join(
        f"<url><loc>{escape(site.url(site.host, path))}</loc></url>" for path in site.pages
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )
    return Resource(body=body.encode("utf-8"), content_type="application/xml")


def _searchable_pages(layout: AgencyLayout) -> list[Findable]:
    """The site's own ordinary pages (menu pages, the QMS pages under Giới thiệu), by title."""
    site = layout.site
    menu = site.chrome.menu
    hrefs = [m.href for m in menu] + [href for m in menu for _, href in m.children]
    hrefs += [p for p in site.pages if p.startswith(f"{layout.prefix}/gioi-thieu/")]
    return [
        Findable(title=site.titles[href], href=href)
        for href in dict.fromkeys(hrefs)
        if href in site.titles
    ]


def _site_search(layout: AgencyLayout, news: list[Findable]) -> None:
    """The search box's route, over every news post and the ordinary pages (if it has one)."""
    spot = layout.site.chrome.search
    if spot is None:
        return
    findables = news + _searchable_pages(layout)
    route = site_search(layout.site, findables, home=layout.home)
    layout.build.routes[(layout.place.host, spot[0])] = route
    layout.build.tags.add(SEARCH_TAG)


def _own_host(layout: AgencyLayout) -> None:
    """robots.txt, the redirect chain to the home page, the endless calendar."""
    host, prefix = layout.place.host, layout.prefix
    if not layout.spec.on_portal:
        forbidden = layout.spec.scenario is Scenario.ROBOTS_FORBIDDEN
        body = ROBOTS_FORBID if forbidden else ROBOTS_ALLOW
        if layout.features.style is PortalStyle.CLASSIC and not forbidden:
            sitemap = _sitemap(layout.site)
            layout.site.add_raw(host, "/sitemap.xml", lambda: sitemap)
            body += f"Sitemap: {layout.site.url(host, '/sitemap.xml')}\n".encode()
            layout.build.tags.add("sitemap")
        layout.site.add_raw(host, "/robots.txt", lambda: robots_resource(body))
    if layout.home != f"{prefix}/":
        layout.build.tags.add(Extra.REDIRECT_CHAIN.value)
        layout.site.add_raw(host, f"{prefix}/", redirect(f"{prefix}/index.php?lang=vi"))
        layout.site.add_raw(host, f"{prefix}/index.php?lang=vi", redirect(layout.home))
    if layout.features.has(Extra.CALENDAR_TRAP):
        layout.build.tags.add(Extra.CALENDAR_TRAP.value)
        base = layout.page("lich-cong-tac")
        layout.build.routes[(host, base)] = calendar_trap(base, layout.ctx.as_of)


def lay_out_pages(layout: AgencyLayout) -> None:
    """Every page of the agency, its documents published the way its features say."""
    publishing = layout.features.publishing
    has_qms = bool(layout.papers.qms)
    posts: list[tuple[NewsItem, list[Link]]] = [
        (item, [])
        for item in ordinary_news(
            layout.rng, agency=layout.spec.name, as_of=layout.ctx.as_of, count=4
        )
    ]
    posts += [
        (item, [])
        for item in archive_news(
            layout.rng,
            agency=layout.spec.name,
            as_of=layout.ctx.as_of,
            count=layout.ctx.news_archive,
        )
    ]
    posts += [(item, []) for _, item in layout.papers.negative_news]
    layout.build.tags.update(extra.value for extra, _ in layout.papers.negative_news)
    qms_rows: list[DocRow] = []
    faults: list[Entry] = []
    about_extra = ""
    if publishing is Publishing.ISO_MENU and has_qms:
        _iso_menu(layout)
    elif publishing is Publishing.DEEP and has_qms:
        about_extra = _deep(layout)
    else:
        faults = layout.fault_entries()
        if publishing is Publishing.DOC_TABLE:
            qms_rows = _table_rows(layout)
        elif publishing is Publishing.NEWS_POST:
            posts += _iso_posts(layout)
        elif publishing is Publishing.JS_LISTING and has_qms:
            _js_listing(layout)
        elif publishing is Publishing.ISO_SUBSITE and has_qms:
            _subsite(layout)
        elif publishing is Publishing.ISO_PLATFORM:
            _platform_page(layout)
    _van_ban(layout, qms_rows, faults)
    news = _news(layout, posts)
    _static_pages(layout, news, about_extra)
    _own_host(layout)
    _site_search(layout, news)
