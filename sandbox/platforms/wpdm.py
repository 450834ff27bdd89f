"""An agency's ISO subsite on WordPress with a download manager plugin: each file is a
package page whose button carries the file's URL (`?wpdmdl=N&refresh=…`) only in its
`data-downloadurl` attribute (href is "#"), answered as application/octet-stream."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from html import escape

from sandbox.build import Build, fixed
from sandbox.features import DocFormat
from sandbox.model import Resource
from sandbox.platforms.site import Frame, Page, PlatformSite, Served, attachment
from sandbox.scenarios import PlannedPaper
from sandbox.sites import slugify

ROBOTS = b"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"


def _frame(site_name: str, portal: str) -> Frame:
    def frame(page: Page) -> str:
        return (
            '<!DOCTYPE html>\n<html lang="vi">\n<head><meta charset="UTF-8">'
            f"<title>{escape(page.title)} &#8211; {escape(site_name)}</title>"
            '<meta name="generator" content="WordPress 6.4.2" />'
            "<link rel='stylesheet' id='wpdm-front-css' href='/wp-content/plugins/"
            "download-manager/assets/css/front.css?ver=6.4.2' media='all' /></head>\n"
            '<body class="wp-singular"><div id="page" class="site">'
            '<header id="masthead" class="site-header"><p class="site-title">'
            f'<a href="/" rel="home">{escape(site_name)}</a></p>'
            f'<nav class="main-navigation"><ul><li><a href="{escape(portal)}">Cổng thông tin</a>'
            "</li></ul></nav></header>\n"
            f'<div id="content" class="site-content">{page.main}</div>\n'
            '<footer class="site-footer"><p>Vận hành bởi WordPress</p></footer></div>'
            "</body>\n</html>\n"
        )

    return frame


class DownloadManagerSite:
    """The WordPress ISO subsite of one agency, its files as download packages."""

    def __init__(
        self,
        build: Build,
        *,
        host: str,
        origin_of: Callable[[str], str],
        site_name: str,
        portal: str,
        secret: bytes,
    ) -> None:
        self.site = PlatformSite(
            build, host=host, origin_of=origin_of, frame=_frame(site_name, portal)
        )
        self.secret = secret
        self.packages: list[tuple[str, str]] = []  # (title, package page)

    def package(self, planned: PlannedPaper, doc_format: DocFormat, title: str) -> None:
        """A package page for `planned` and the file behind its button."""
        number = 100 + len(self.packages) * 7
        slug = slugify(title)[:70].rstrip("-")
        refresh = hashlib.sha1(self.secret + slug.encode()).hexdigest()[:13] + "1763600000"
        page = f"/download/{slug}/"
        file_path = f"{page}?wpdmdl={number}&refresh={refresh}"
        name = f"{planned.stem}.{doc_format.extension}"
        served = Served(content_type="application/octet-stream", headers=attachment(name))
        self.site.file(file_path, planned, doc_format, served=served)
        self.site.record(file_path, planned, doc_format)
        button = (
            "<div class='w3eden'><div class='wpdm-download-link-wrap'>"
            "<a class='wpdm-download-link download-on-click btn btn-primary ' rel='nofollow' "
            f"href='#' data-downloadurl=\"{escape(self.site.url(file_path))}\">Tải về</a>"
            "</div></div>"
        )
        html = (
            f'<article class="wpdmpro type-wpdmpro"><h1 class="entry-title">{escape(title)}</h1>'
            f'<div class="entry-content"><p>Tập tin: {escape(name)}</p>{button}</div></article>'
        )
        self.site.page(page, title=title, main=fixed(html))
        self.packages.append((title, page))

    def finish(self) -> None:
        """The home page listing the packages, and robots.txt."""
        items = "".join(
            f'<article><h2 class="entry-title"><a href="{escape(href)}">{escape(title)}</a></h2>'
            "</article>"
            for title, href in self.packages
        )
        self.site.page("/", title="Tài liệu ISO", main=fixed(f'<main id="main">{items}</main>'))
        self.site.raw("/robots.txt", fixed(Resource(body=ROBOTS, content_type="text/plain")))
