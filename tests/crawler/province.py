"""The test province: agency sites that behave well and badly, as virtual hosts.

portal.localhost   a shared portal; An Bình (/xa-an-binh/) and An Phú (/xa-an-phu/)
files.localhost    a file host An Bình links to
trap.localhost     an endless calendar
deep.localhost     a chain of pages / -> /d1 -> ... -> /d9
err500.localhost   answers 500 to everything
robots.localhost   robots.txt forbids everything
loop.localhost     /a -> /b -> /a ... redirect loop
old.localhost      redirects to new.localhost (a new domain)
slow.localhost     answers after 3 s
list.localhost     a paginated list of documents: /van-ban?page=1 ... ?page=5
map.localhost      pages reachable only through the sitemaps its robots.txt declares
"""

from __future__ import annotations

import re

from tests.crawler.servers import Reply, Route, page, redirect

PDF = b"%PDF-1.4\n% Quyet dinh cong bo\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"word/document.xml" + b"\x00" * 64
BIG_PDF = b"%PDF-1.4\n" + b"0" * 300_000

DOCX_DISPOSITION = "attachment; filename*=UTF-8''M%E1%BB%A5c%20ti%C3%AAu%202026.docx"
SIBLING_SECRET = "/xa-an-phu/bi-mat.html"


def _an_binh() -> dict[str, Route]:
    return {
        "/xa-an-binh/": page(
            '<a href="/xa-an-binh/tin-tuc.html">Tin tức</a>'
            '<a href="/xa-an-binh/iso.html">Hệ thống quản lý chất lượng</a>'
            '<a href="/xa-an-phu/">Xã An Phú</a>'
            '<a href="https://other.example/">Cổng thông tin khác</a>'
        ),
        "/xa-an-binh/tin-tuc.html": page('<a href="/xa-an-binh/">Trang chủ</a>'),
        "/xa-an-binh/iso.html": page(
            "<table>"
            "<tr><td>Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015</td>"
            '<td><a href="/upload/xab/qd-cong-bo.pdf">Tải về</a></td></tr>'
            "<tr><td>Chính sách chất lượng</td>"
            '<td><a href="http://files.localhost:{port}/DownloadFile.aspx?id=3">'
            '<img src="/icon.png" alt=""></a></td></tr>'
            "</table>"
            '<a href="/xa-an-binh/DownloadFile.aspx?id=7">Mục tiêu chất lượng năm 2026</a>'
            '<a href="/xa-an-binh/thieu.pdf">Danh mục quy trình</a>'
            '<a href="/xa-an-binh/lon.pdf">Sổ tay chất lượng</a>'
        ),
        "/upload/xab/qd-cong-bo.pdf": Reply(body=PDF, headers={"Content-Type": "application/pdf"}),
        "/xa-an-binh/DownloadFile.aspx?id=7": Reply(
            body=DOCX,
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Disposition": DOCX_DISPOSITION,
            },
        ),
        "/xa-an-binh/lon.pdf": Reply(body=BIG_PDF, headers={"Content-Type": "application/pdf"}),
        "/xa-an-phu/": page(f'<a href="{SIBLING_SECRET}">Tài liệu ISO của xã An Phú</a>'),
        SIBLING_SECRET: page("<p>An Phú</p>"),
    }


def _files() -> dict[str, Route]:
    return {
        "/DownloadFile.aspx?id=3": Reply(
            body=PDF,
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Disposition": 'attachment; filename="chinh-sach-chat-luong.pdf"',
            },
        )
    }


def _calendar(path: str) -> Reply | None:
    match = re.fullmatch(r"/lich\?d=(-?\d+)", path)
    if match is None:
        return None
    day = int(match.group(1))
    return page(
        f'<a href="/lich?d={day - 1}">Ngày trước</a><a href="/lich?d={day + 1}">Ngày sau</a>'
        f'<a href="/lich?d={day + 30}">Tháng sau</a>'
    )


def _chain(path: str) -> Reply | None:
    match = re.fullmatch(r"/(?:d(\d+))?", path)
    if match is None:
        return None
    n = int(match.group(1) or 0)
    return page(f'<a href="/d{n + 1}">Trang {n + 1}</a>' if n < 9 else "<p>Hết</p>")


def _document_list(path: str) -> Reply | None:
    if path == "/":
        return page('<a href="/van-ban?page=1">Văn bản</a>')
    if path.startswith("/files/vb-"):
        return Reply(body=PDF, headers={"Content-Type": "application/pdf"})
    match = re.fullmatch(r"/van-ban\?page=(\d)", path)
    if match is None:
        return None
    n = int(match.group(1))
    pages = "".join(f'<a href="/van-ban?page={k}">{k}</a>' for k in range(1, 6) if k != n)
    after = f'<a href="/van-ban?page={n + 1}">»</a>' if n < 5 else ""
    return page(
        f'<ul><li><a href="/files/vb-{n}.pdf">Quyết định số {n}</a></li></ul>{pages}{after}'
    )


def _sitemapped(port: int) -> dict[str, Route]:
    origin = f"http://map.localhost:{port}"
    xml = {"Content-Type": "application/xml"}
    index = f"<sitemapindex><sitemap><loc>{origin}/sitemap-pages.xml</loc></sitemap></sitemapindex>"
    urlset = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{origin}/an/he-thong-quan-ly-chat-luong.html</loc></url>"
        f"<url><loc>{origin}/files/qd.pdf</loc></url>"
        f"<url><loc>http://other.localhost:{port}/x.html</loc></url>"
        "</urlset>"
    )
    return {
        "/robots.txt": Reply(
            body=f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n".encode()
        ),
        "/": page("<p>Trang chủ</p>"),
        "/sitemap.xml": Reply(body=index.encode(), headers=xml),
        "/sitemap-pages.xml": Reply(body=urlset.encode(), headers=xml),
        "/an/he-thong-quan-ly-chat-luong.html": page("<p>ISO</p>"),
        "/files/qd.pdf": Reply(body=PDF, headers={"Content-Type": "application/pdf"}),
    }


def province_sites(port: int) -> dict[str, dict[str, Route]]:
    """Every virtual host of the test province; `port` is where it is served."""
    an_binh = _an_binh()
    iso = an_binh["/xa-an-binh/iso.html"]
    assert isinstance(iso, Reply)
    an_binh["/xa-an-binh/iso.html"] = Reply(
        body=iso.body.replace(b"{port}", str(port).encode()), headers=iso.headers
    )
    return {
        "portal.localhost": an_binh,
        "files.localhost": _files(),
        "trap.localhost": {"*": _calendar},
        "deep.localhost": {"*": _chain},
        "err500.localhost": {"*": page("<p>Lỗi máy chủ</p>", status=500)},
        "robots.localhost": {
            "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /\n"),
            "/": page("<p>Không được xem</p>"),
        },
        "loop.localhost": {
            "/": page('<a href="/a">Văn bản</a>'),
            "/a": redirect("/b"),
            "/b": redirect("/a"),
        },
        "old.localhost": {"/": redirect(f"http://new.localhost:{port}/home", status=301)},
        "new.localhost": {
            "/home": page('<a href="/van-ban">Văn bản</a>'),
            "/van-ban": page("<p>Văn bản</p>"),
        },
        "slow.localhost": {"/": Reply(body=b"late", delay=3.0)},
        "list.localhost": {"*": _document_list},
        "map.localhost": _sitemapped(port),
    }
