"""Lay out one agency's website: home, menus, news, listings, and its documents as files."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from sandbox import negatives, render_html
from sandbox.model import Resource, TruthDocument
from sandbox.news import NewsItem, ordinary_news
from sandbox.render_docx import paper_to_docx
from sandbox.render_html import Link, Look
from sandbox.render_pdf import paper_to_pdf
from sandbox.roster import AgencySpec, FileFormat, Presentation, Scenario
from sandbox.scenarios import PlannedPaper

HTML_TYPE = "text/html; charset=utf-8"
PAGE_SIZE = 8  # entries per listing page
CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True, kw_only=True)
class AgencySite:
    """The resources one agency contributes to a host, and its QMS documents' URLs."""

    resources: dict[str, Resource]
    documents: tuple[TruthDocument, ...]


def slugify(text: str) -> str:
    """A URL path segment from Vietnamese text: 'Hệ thống quản lý' -> 'he-thong-quan-ly'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


class SiteWriter:
    """Writes the pages and files of one agency under a path prefix of one host."""

    def __init__(
        self, spec: AgencySpec, *, origin: str, prefix: str, files_dir: str, look: Look
    ) -> None:
        self.spec = spec
        self.origin = origin  # "http://so-khcn.tinhdemo.localhost:8080"
        self.prefix = prefix  # "" or "/xa-an-phu"
        self.files_dir = files_dir  # where its files live: "/uploads/iso", "/upload/2025/08"
        self.look = look
        self.resources: dict[str, Resource] = {}
        self.documents: list[TruthDocument] = []

    def put_page(self, path: str, *, title: str, content: str) -> str:
        body = render_html.page(self.look, title=title, content=content)
        self.resources[path] = Resource(body=body, content_type=HTML_TYPE)
        return path

    def put_file(self, path: str, planned: PlannedPaper, *, filename: str | None = None) -> str:
        file_format = self.spec.file_format
        if file_format is FileFormat.HTML:
            raise ValueError(f"{self.spec.code} publishes HTML pages, not files")
        body = (
            paper_to_pdf(planned.paper)
            if file_format is FileFormat.PDF
            else paper_to_docx(planned.paper)
        )
        self.resources[path] = Resource(
            body=body, content_type=CONTENT_TYPES[file_format], filename=filename
        )
        return path

    def record(self, path: str, planned: PlannedPaper) -> None:
        """Note `planned`, served at `path`, as a QMS document of the agency (if it is one)."""
        if planned.doc_type is None:
            return
        self.documents.append(
            TruthDocument(
                url=self.origin + path,
                doc_type=planned.doc_type,
                iso_version=planned.iso_version,
                year=planned.year,
                format=self.spec.file_format.value,
            )
        )

    def file_path(self, planned: PlannedPaper) -> str:
        return f"{self.files_dir}/{planned.stem}.{self.spec.file_format.value}"

    def build(self) -> AgencySite:
        return AgencySite(resources=dict(self.resources), documents=tuple(self.documents))


def menu(spec: AgencySpec, prefix: str) -> tuple[Link, ...]:
    """The main menu; agencies that present their QMS under a menu item get one."""
    items: list[Link] = [
        ("Trang chủ", f"{prefix}/"),
        ("Giới thiệu", f"{prefix}/gioi-thieu"),
        ("Tin tức", f"{prefix}/tin-tuc"),
        ("Văn bản", f"{prefix}/van-ban"),
    ]
    if spec.presentation is Presentation.ISO_MENU and spec.scenario is not Scenario.NEWS_ONLY:
        items.append((spec.iso_label, f"{prefix}/{slugify(spec.iso_label)}"))
    items.append(("Liên hệ", f"{prefix}/lien-he"))
    return tuple(items)


def _iso_menu(writer: SiteWriter, papers: list[PlannedPaper]) -> None:
    base = f"{writer.prefix}/{slugify(writer.spec.iso_label)}"
    entries = []
    for planned in papers:
        if writer.spec.file_format is FileFormat.HTML:
            path = writer.put_page(
                f"{base}/{planned.stem}.html",
                title=planned.paper.title,
                content=render_html.paper_article(planned.paper),
            )
        else:
            path = writer.put_file(writer.file_path(planned), planned)
        writer.record(path, planned)
        entries.append(
            (planned.paper.title, path, f"Ngày ban hành: {planned.paper.issued:%d/%m/%Y}")
        )
    writer.put_page(
        base,
        title=writer.spec.iso_label,
        content=render_html.listing(
            f"{writer.spec.iso_label} - Tài liệu hệ thống quản lý chất lượng", entries
        ),
    )


def _van_ban_detail(writer: SiteWriter, planned: PlannedPaper, doc_id: int) -> str:
    detail = f"{writer.prefix}/van-ban/chi-tiet?id={doc_id}"
    paper = planned.paper
    facts = (
        f"<p>Số ký hiệu: {escape(paper.number or 'Không số')}</p>"
        f"<p>Ngày ban hành: {paper.issued:%d/%m/%Y}</p><p>Trích yếu: {escape(paper.title)}</p>"
    )
    if writer.spec.file_format is FileFormat.HTML:
        writer.put_page(detail, title=paper.title, content=render_html.paper_article(paper))
        writer.record(detail, planned)
        return detail
    extension = writer.spec.file_format.value
    download = writer.put_file(
        f"{writer.prefix}/van-ban/tai-ve?id={doc_id}",
        planned,
        filename=f"{planned.stem}.{extension}",
    )
    writer.record(download, planned)
    link = f'<p><a href="{download}">Tải về ({extension.upper()})</a></p>'
    writer.put_page(detail, title=paper.title, content=f"<h2>Chi tiết văn bản</h2>{facts}{link}")
    return detail


def _routine_documents(spec: AgencySpec, as_of: date) -> list[tuple[str, str]]:
    """(title, note) of ordinary documents listed beside the QMS ones."""
    return [
        (f"Quyết định ban hành Quy chế làm việc của {spec.name}", f"{as_of.year - 1}"),
        (f"Kế hoạch cải cách hành chính năm {as_of.year}", f"{as_of.year}"),
        ("Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm", f"{as_of.year}"),
    ]


def _van_ban(writer: SiteWriter, papers: list[PlannedPaper], as_of: date) -> None:
    """The document listing: recent routine documents first, older ones on later pages."""
    entries = []
    for index, (title, note) in enumerate(_routine_documents(writer.spec, as_of)):
        detail = writer.put_page(
            f"{writer.prefix}/van-ban/chi-tiet?id={2000 + index}",
            title=title,
            content=f"<h2>{escape(title)}</h2><p>Năm ban hành: {note}</p>"
            "<p>Văn bản đang được cập nhật.</p>",
        )
        entries.append((title, detail, note))
    newest_first = sorted(enumerate(papers), key=lambda item: item[1].paper.issued, reverse=True)
    for index, planned in newest_first:
        detail = _van_ban_detail(writer, planned, 1000 + index)
        entries.append((planned.paper.title, detail, planned.paper.number or ""))
    _paged_listing(writer, f"{writer.prefix}/van-ban", "Văn bản chỉ đạo, điều hành", entries)


def _paged_listing(
    writer: SiteWriter, base: str, heading: str, entries: list[tuple[str, str, str]]
) -> None:
    """`entries` over as many pages as needed: base, base?page=2, … with a pager on each."""
    pages = [entries[start : start + PAGE_SIZE] for start in range(0, len(entries), PAGE_SIZE)]
    paths = [base] + [f"{base}?page={number}" for number in range(2, len(pages) + 1)]
    for number, (path, chunk) in enumerate(zip(paths, pages or [[]], strict=False), 1):
        pager = " ".join(
            f'<a href="{escape(other)}">{n}</a>' if n != number else f"<strong>{n}</strong>"
            for n, other in enumerate(paths, 1)
        )
        if number < len(paths):
            pager += f' <a href="{escape(paths[number])}">Trang sau ›</a>'
        content = render_html.listing(heading, chunk) + f'<div class="pager">Trang: {pager}</div>'
        writer.put_page(path, title=f"{heading} - Trang {number}", content=content)


def _iso_posts(writer: SiteWriter, papers: list[PlannedPaper]) -> list[tuple[NewsItem, list[Link]]]:
    """News posts carrying the QMS documents as attachments: the declaration set, the processes."""
    if not papers:
        return []
    groups = (
        (
            "Công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:"
            + (papers[0].iso_version or "2015"),
            [p for p in papers if p.doc_type not in ("process_list", "procedure")],
        ),
        (
            "Ban hành Danh mục quy trình nội bộ trong Hệ thống quản lý chất lượng",
            [p for p in papers if p.doc_type in ("process_list", "procedure")],
        ),
    )
    posts = []
    for title, group in groups:
        if not group:
            continue
        attachments = []
        for planned in group:
            path = writer.put_file(writer.file_path(planned), planned)
            writer.record(path, planned)
            attachments.append((f"{planned.paper.title}.{writer.spec.file_format.value}", path))
        newest = max(planned.paper.issued for planned in group)
        item = NewsItem(
            title=title,
            published=newest,
            paragraphs=(f"{writer.spec.name} thông báo các văn bản sau (xem tệp đính kèm).",),
        )
        posts.append((item, attachments))
    return posts


def _news(writer: SiteWriter, posts: list[tuple[NewsItem, list[Link]]]) -> list[Link]:
    """Write every post and the news listing; the links, newest first, for the home page."""
    ordered = sorted(posts, key=lambda post: post[0].published, reverse=True)
    links: list[Link] = []
    for number, (item, attachments) in enumerate(ordered, 1):
        path = f"{writer.prefix}/tin-tuc/{slugify(item.title)[:60].rstrip('-')}-{number}.html"
        writer.put_page(path, title=item.title, content=render_html.news_post(item, attachments))
        links.append((item.title, path))
    entries = [(title, path, "") for title, path in links]
    writer.put_page(
        f"{writer.prefix}/tin-tuc",
        title="Tin tức",
        content=render_html.listing("Tin tức - Sự kiện", entries),
    )
    return links


def _static_pages(writer: SiteWriter, news_links: list[Link]) -> None:
    spec, prefix = writer.spec, writer.prefix
    writer.put_page(
        f"{prefix}/gioi-thieu",
        title="Giới thiệu",
        content=(
            f"<h2>Chức năng, nhiệm vụ</h2><p>{escape(spec.name)} thực hiện chức năng quản lý nhà "
            f"nước về các lĩnh vực: {escape(', '.join(spec.sectors))}.</p>"
        ),
    )
    writer.put_page(
        f"{prefix}/lien-he",
        title="Liên hệ",
        content=(
            f"<h2>Liên hệ</h2><p>{escape(spec.name)}</p>"
            "<p>Địa chỉ: Trung tâm hành chính tỉnh Demo</p>"
            "<p>Điện thoại: 0200 3 800 000</p>"
        ),
    )
    latest = [(title, path, "") for title, path in news_links[:6]]
    writer.put_page(f"{prefix}/", title="Trang chủ", content=render_html.listing("Tin mới", latest))


def _hard_negative_news(spec: AgencySpec, as_of: date) -> list[NewsItem]:
    if spec.scenario is Scenario.HARD_NEGATIVES:
        return [negatives.iso_conference_news(as_of=as_of), negatives.consultancy_advert()]
    if spec.code == "SO-KHCN":
        return [negatives.iso_conference_news(as_of=as_of)]
    return []


def write_agency_site(
    writer: SiteWriter, papers: list[PlannedPaper], *, as_of: date, rng: random.Random
) -> AgencySite:
    """Every page and file of one agency, presented the way its spec says."""
    spec = writer.spec
    posts: list[tuple[NewsItem, list[Link]]] = [
        (item, []) for item in ordinary_news(rng, agency=spec.name, as_of=as_of, count=4)
    ]
    posts += [(item, []) for item in _hard_negative_news(spec, as_of)]
    if spec.presentation is Presentation.ISO_MENU:
        _iso_menu(writer, papers)
        _van_ban(writer, [], as_of)
    elif spec.presentation is Presentation.VAN_BAN:
        _van_ban(writer, papers, as_of)
    else:
        posts += _iso_posts(writer, papers)
        _van_ban(writer, [], as_of)
    _static_pages(writer, _news(writer, posts))
    return writer.build()


def upload_dir(established: date | None, as_of: date) -> str:
    """A portal's dated upload folder, as CMSs lay them out: /upload/2025/08."""
    stamp = established + timedelta(days=45) if established else as_of - timedelta(days=400)
    return f"/upload/{stamp.year}/{stamp.month:02d}"
