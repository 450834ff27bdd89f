"""The builder every platform module writes with: pages in the platform's frame, files
behind the platform's handlers, hooks for routes, POST handlers and per-fetch stamps.

A platform module supplies the frame (its page chrome) and decides URLs; `PlatformSite`
turns them into recipes of a `Build` and records the agency's QMS documents for the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sandbox.build import HTML_UTF8, Build, Recipe, Route, Stamp, document_needs, paper_bytes
from sandbox.features import DocFormat, TextForm
from sandbox.model import PostHandler, Resource, TruthDocument
from sandbox.scenarios import PlannedPaper


@dataclass(frozen=True, kw_only=True)
class Page:
    """What a platform's frame wraps: the page's own path, its title and main column."""

    path: str
    title: str
    main: str


Frame = Callable[[Page], str]  # a page in the platform's whole chrome


@dataclass(frozen=True, kw_only=True)
class Served:
    """How a file is answered: its Content-Type and any further headers (disposition…)."""

    content_type: str | None = None  # None: the format's own type
    headers: tuple[tuple[str, str], ...] = ()


class PlatformSite:
    """Adds one platform site's pages and files (on `host`, or on hosts it links to)."""

    def __init__(
        self,
        build: Build,
        *,
        host: str,
        origin_of: Callable[[str], str],
        frame: Frame | None = None,
    ) -> None:
        self.build = build
        self.host = host
        self.origin_of = origin_of
        self.frame = frame
        self.titles: dict[str, str] = {}  # path -> title of the pages added, in order

    def url(self, path: str, host: str | None = None) -> str:
        return self.origin_of(host or self.host) + path

    def href(self, path: str, host: str | None = None) -> str:
        """How this site links to `path` on `host`: a bare path on its own host."""
        return path if host in (None, self.host) else self.url(path, host)

    def page(self, path: str, *, title: str, main: str | Callable[[], str]) -> str:
        """A page in the platform's frame at `path`; `main` may be made when first asked."""

        frame = self.frame
        if frame is None:
            raise ValueError(f"{self.host} frames no pages: add them with raw()")

        def recipe() -> Resource:
            body = main() if callable(main) else main
            html = frame(Page(path=path, title=title, main=body))
            return Resource(body=html.encode("utf-8"), content_type=HTML_UTF8)

        self.build.recipes[(self.host, path)] = recipe
        self.titles[path] = title
        return path

    def raw(self, path: str, recipe: Recipe, host: str | None = None) -> str:
        self.build.recipes[(host or self.host, path)] = recipe
        return self.href(path, host)

    def file(
        self,
        path: str,
        planned: PlannedPaper,
        doc_format: DocFormat,
        *,
        served: Served | None = None,
        host: str | None = None,
    ) -> str:
        """Serve `planned` as a `doc_format` file at `path`; the href to it from this site."""
        answer = served or Served()

        def recipe() -> Resource:
            body = paper_bytes(planned.paper, doc_format)
            content_type = answer.content_type or doc_format.content_type
            return Resource(body=body, content_type=content_type, headers=answer.headers)

        return self.raw(path, recipe, host)

    def record(
        self, path: str, planned: PlannedPaper, doc_format: DocFormat, host: str | None = None
    ) -> None:
        """Note `planned`, served at `path`, as a QMS document of the agency."""
        if planned.doc_type is None:
            return
        self.build.documents.append(
            TruthDocument(
                url=self.url(path, host),
                doc_type=planned.doc_type,
                iso_version=planned.iso_version,
                year=planned.year,
                format=doc_format.value,
                needs=document_needs(doc_format, TextForm.UTF8),
            )
        )

    def route(self, prefix: str, route: Route) -> None:
        self.build.routes[(self.host, prefix)] = route

    def post(self, prefix: str, handler: PostHandler) -> None:
        self.build.posts[(self.host, prefix)] = handler

    def stamp(self, stamp: Stamp) -> None:
        self.build.stamps[self.host] = stamp


def html_resource(html: str, *, status: int = 200, location: str | None = None) -> Resource:
    return Resource(
        body=html.encode("utf-8"), content_type=HTML_UTF8, status=status, location=location
    )


def attachment(filename: str, *, quirk: str = "") -> tuple[tuple[str, str], ...]:
    """A Content-Disposition header naming the file, as a CMS's download handler sends it."""
    return (("Content-Disposition", f'attachment; filename="{filename}"{quirk}'),)
