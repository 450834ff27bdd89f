"""The own pages of hosts many agencies share: the provincial portal, the ISO platform, a file host.

Their home pages link into agencies' pages and files from outside every agency's path
prefix: a crawler that counts them for the wrong agency is caught by the truth.
"""

from __future__ import annotations

from sandbox.agency_pages import ROBOTS_ALLOW, platform_chrome, robots_resource
from sandbox.build import Build, SiteBuilder
from sandbox.features import PortalStyle, TextForm
from sandbox.generated_roster import PORTAL_STYLE
from sandbox.placement import FILE_HOST, PLATFORM_HOST, ProvinceContext
from sandbox.roster import PORTAL_HOST
from sandbox.styles import Chrome, Entry, Link, MenuItem, listing

PROVINCE_BANNER = "ỦY BAN NHÂN DÂN TỈNH DEMO"


def _site(build: Build, ctx: ProvinceContext, host: str, chrome: Chrome) -> SiteBuilder:
    return SiteBuilder(build, host=host, origin_of=ctx.origin_of, chrome=chrome, form=TextForm.UTF8)


def portal_build(ctx: ProvinceContext, recent: list[Link]) -> Build:
    """The portal's home: the list of communes, and "new documents" from some of them."""
    build = Build()
    chrome = Chrome(
        style=PORTAL_STYLE,
        banner=PROVINCE_BANNER,
        site_name="Cổng dịch vụ công tỉnh Demo",
        menu=(MenuItem(label="Trang chủ", href="/"),),
        footer=(),
    )
    site = _site(build, ctx, PORTAL_HOST, chrome)
    communes: list[Entry] = [
        (a.spec.name, f"/{a.spec.slug}/", "Trang thành phần") for a in ctx.on_portal()
    ]
    news: list[Entry] = [(title, href, "") for title, href in recent]

    def content() -> str:
        html = listing(PORTAL_STYLE, "Trang thông tin các xã, phường", communes)
        return html + (listing(PORTAL_STYLE, "Văn bản mới", news) if news else "")

    site.add_page("/", title="Trang chủ", content=content)
    site.add_raw(PORTAL_HOST, "/robots.txt", lambda: robots_resource(ROBOTS_ALLOW))
    return build


def platform_build(ctx: ProvinceContext, recent: list[Link]) -> Build:
    """The platform's home and agency list, with recently updated documents of some agencies."""
    build = Build()
    members = ctx.on_platform()
    sidebar = tuple((a.spec.name, f"/co-quan/{a.code.lower()}/") for a in members[:8])
    style = Chrome(style=PortalStyle.CLASSIC, banner="", site_name="", menu=(), footer=())
    chrome = platform_chrome(ctx, style, sidebar)
    site = _site(build, ctx, PLATFORM_HOST, chrome)
    agencies: list[Entry] = [(a.spec.name, f"/co-quan/{a.code.lower()}/", "") for a in members]
    news: list[Entry] = [(title, href, "") for title, href in recent]

    def home() -> str:
        html = listing(chrome.style, "Tài liệu mới cập nhật", news) if news else ""
        return html + listing(chrome.style, "Cơ quan, đơn vị áp dụng ISO điện tử", agencies)

    site.add_page("/", title="Trang chủ", content=home)
    site.add_page(
        "/co-quan/",
        title="Danh sách cơ quan",
        content=lambda: listing(chrome.style, "Danh sách cơ quan", agencies),
    )
    site.add_raw(PLATFORM_HOST, "/robots.txt", lambda: robots_resource(ROBOTS_ALLOW))
    return build


def file_host_build(ctx: ProvinceContext) -> Build:
    """The file server: robots.txt and a bare home page; its files belong to agencies."""
    build = Build()
    chrome = Chrome(
        style=PortalStyle.CLASSIC,
        banner=PROVINCE_BANNER,
        site_name="Máy chủ tài liệu tỉnh Demo",
        menu=(),
        footer=(),
    )
    site = _site(build, ctx, FILE_HOST, chrome)
    site.add_page("/", title="Máy chủ tài liệu", content=lambda: "<p>Máy chủ lưu trữ tệp tin.</p>")
    site.add_raw(FILE_HOST, "/robots.txt", lambda: robots_resource(ROBOTS_ALLOW))
    return build
