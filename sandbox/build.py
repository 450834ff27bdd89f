"""Building blocks of generated sites: recipes per (host, path), page encodings, document files.

A `Build` holds recipes, not bytes: each recipe renders one resource when it is first asked
for, so a province of thousands of agencies is cheap to generate and to hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sandbox import render_html
from sandbox.features import DocFormat, TextForm
from sandbox.legacy_text import to_nfd, to_windows_1258
from sandbox.model import PostHandler, Resource, TruthDocument, TruthFault
from sandbox.paperwork import Paper
from sandbox.render_docx import paper_to_docx
from sandbox.render_legacy import paper_to_legacy_pdf, paper_to_rtf
from sandbox.render_pdf import paper_to_pdf
from sandbox.render_scan import paper_to_scan_pdf
from sandbox.scenarios import PlannedPaper
from sandbox.styles import Chrome, Link, page

Recipe = Callable[[], Resource]
Route = Callable[[str], Resource | None]  # a path (with query) -> a resource, or None for 404
Stamp = Callable[[Resource], Resource]  # what a page gets anew on every fetch (counter, time…)
HTML_UTF8 = "text/html; charset=utf-8"
OCTET_STREAM = "application/octet-stream"
DECIDING_TYPES = frozenset(
    {"declaration", "quality_policy", "quality_objectives", "process_list", "procedure"}
)


V = TypeVar("V")


def fixed(value: V) -> Callable[[], V]:
    """A recipe (or content) that is already made."""
    return lambda: value


@dataclass
class Build:
    """What one agency (or a shared host) serves, and the QMS documents of its own there."""

    recipes: dict[tuple[str, str], Recipe] = field(default_factory=dict)
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)  # (host, path prefix)
    posts: dict[tuple[str, str], PostHandler] = field(default_factory=dict)  # (host, path prefix)
    stamps: dict[str, Stamp] = field(default_factory=dict)  # host -> applied to each answer
    documents: list[TruthDocument] = field(default_factory=list)
    faults: list[TruthFault] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)


def encode_page(html: str, form: TextForm) -> Resource:
    """An HTML page as a resource, encoded the way the site encodes its pages."""
    if form is TextForm.WINDOWS_1258:
        return Resource(body=to_windows_1258(html), content_type="text/html")
    text = to_nfd(html) if form is TextForm.NFD else html
    return Resource(body=text.encode("utf-8"), content_type=HTML_UTF8)


def charset_of(form: TextForm) -> str:
    return "windows-1258" if form is TextForm.WINDOWS_1258 else "utf-8"


def paper_bytes(paper: Paper, doc_format: DocFormat) -> bytes:
    """`paper` rendered as a file of `doc_format` (not HTML)."""
    if doc_format is DocFormat.PDF:
        return paper_to_pdf(paper)
    if doc_format is DocFormat.SCAN_PDF:
        return paper_to_scan_pdf(paper)
    if doc_format is DocFormat.DOCX:
        return paper_to_docx(paper)
    if doc_format is DocFormat.RTF_DOC:
        return paper_to_rtf(paper)
    if doc_format is DocFormat.TCVN3_PDF:
        return paper_to_legacy_pdf(paper, encoding="tcvn3")
    if doc_format is DocFormat.VNI_PDF:
        return paper_to_legacy_pdf(paper, encoding="vni")
    raise ValueError(f"{doc_format} is a page, not a file")


def document_needs(doc_format: DocFormat, form: TextForm) -> tuple[str, ...]:
    """What a reader needs for a document of `doc_format` on a site that encodes as `form`."""
    if doc_format is DocFormat.HTML and form is TextForm.WINDOWS_1258:
        return ("windows-1258",)
    return doc_format.needs


class SiteBuilder:
    """Adds pages and files of one site (one look, one text form) to a `Build`."""

    def __init__(
        self,
        build: Build,
        *,
        host: str,
        origin_of: Callable[[str], str],
        chrome: Chrome,
        form: TextForm,
    ) -> None:
        self.build = build
        self.host = host
        self.origin_of = origin_of  # host -> "http://host:port"
        self.chrome = chrome
        self.form = form
        self.titles: dict[str, str] = {}  # path -> title of the HTML pages added, in order

    @property
    def pages(self) -> list[str]:
        """Paths of the HTML pages added, in order."""
        return list(self.titles)

    def url(self, host: str, path: str) -> str:
        return self.origin_of(host) + path

    def href(self, host: str, path: str) -> str:
        """How a page of this site links to `path` on `host`: a path when on the same host."""
        return path if host == self.host else self.url(host, path)

    def add_page(
        self,
        path: str,
        *,
        title: str,
        content: Callable[[], str],
        crumbs: tuple[Link, ...] = (),
    ) -> str:
        self.build.recipes[(self.host, path)] = lambda: self.render(
            title=title, content=content(), crumbs=crumbs
        )
        self.titles[path] = title
        return path

    def render(self, *, title: str, content: str, crumbs: tuple[Link, ...] = ()) -> Resource:
        """A page of this site: `content` in its chrome, encoded in its text form."""
        charset = charset_of(self.form)
        html = page(self.chrome, title=title, content=content, crumbs=crumbs, charset=charset)
        return encode_page(html, self.form)

    def add_raw(self, host: str, path: str, recipe: Recipe) -> str:
        self.build.recipes[(host, path)] = recipe
        return self.href(host, path)

    def add_file(
        self, host: str, path: str, planned: PlannedPaper, doc_format: DocFormat, *, octet: bool
    ) -> str:
        """Serve `planned` as a file at `path` on `host`; the href to it from this site."""
        paper = planned.paper
        extension = doc_format.extension

        def recipe() -> Resource:
            body = paper_bytes(paper, doc_format)
            if octet:  # DownloadFile.aspx?id=…: the type and name come only from the headers
                filename = f"{planned.stem}.{extension}"
                return Resource(body=body, content_type=OCTET_STREAM, filename=filename)
            return Resource(body=body, content_type=doc_format.content_type)

        return self.add_raw(host, path, recipe)

    def add_paper_page(self, path: str, planned: PlannedPaper) -> str:
        """Serve `planned` as an HTML page of this site (documents pasted into the CMS)."""
        paper = planned.paper
        return self.add_page(
            path, title=paper.title, content=lambda: render_html.paper_article(paper)
        )

    def record(self, host: str, path: str, planned: PlannedPaper, doc_format: DocFormat) -> None:
        """Note `planned`, served at `path` on `host`, as a QMS document of the agency."""
        if planned.doc_type is None:
            return
        self.build.documents.append(
            TruthDocument(
                url=self.url(host, path),
                doc_type=planned.doc_type,
                iso_version=planned.iso_version,
                year=planned.year,
                format=doc_format.value,
                needs=document_needs(doc_format, self.form),
            )
        )
