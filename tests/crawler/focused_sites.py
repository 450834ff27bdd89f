"""Sites for the focused crawler's harder cases, as virtual hosts on one test server.

js.tinh.localhost        the ISO page's list is loaded by scripts from JSON endpoints
                         (inline `fetch`, a same-site script file with `$.getJSON`,
                         a next page in the JSON); documents on the host and on a file host
so-a.tinh.localhost      links to its page on the ISO platform, and to a consultancy
isodt.tinh.localhost     the provincial "ISO điện tử" platform: /co-quan/<code>/ per agency
tuvan-iso.localhost      a consultancy's ISO page, never crawled
sub.localhost            links to its ISO subsite iso.sub.localhost
chain.localhost          a document behind three 302 redirects
big.localhost            a document too large, announced (Content-Length) or not (streamed)
etag.localhost           documents with ETags, for an incremental recrawl
"""

from __future__ import annotations

import json

from tests.crawler.servers import Reply, Route, page, redirect

PDF = b"%PDF-1.4\n% Tai lieu HTQLCL\n%%EOF\n"
HUGE = b"%PDF-1.4\n" + b"0" * 400_000
JSON = {"Content-Type": "application/json; charset=utf-8"}
JS = {"Content-Type": "application/javascript"}
PDF_TYPE = {"Content-Type": "application/pdf"}

ETAG_SAME = '"v1-same"'
ETAG_CHANGED = '"v2-changed"'


def _pdf(note: str = "") -> Reply:
    return Reply(body=PDF.replace(b"%%EOF", note.encode() + b"%%EOF"), headers=PDF_TYPE)


def _json(value: object) -> Reply:
    return Reply(body=json.dumps(value, ensure_ascii=False).encode(), headers=JSON)


def _js_site(port: int) -> dict[str, Route]:
    files = f"http://files.tinh.localhost:{port}"
    return {
        "/": page(
            '<a href="/gioi-thieu.html">Giới thiệu</a>'
            '<a href="/he-thong-quan-ly-chat-luong.html">Hệ thống quản lý chất lượng</a>'
            '<script src="/static/jquery.min.js"></script>'
        ),
        "/gioi-thieu.html": page("<p>Giới thiệu</p>"),
        "/he-thong-quan-ly-chat-luong.html": page(
            '<table id="ds"></table>'
            '<script>fetch("/api/iso/tai-lieu?trang=1").then(r => r.json()).then(render);</script>'
            '<script src="/static/app.js"></script>'
            "<script>$.ajax({ url: '/ajax/so-tay', dataType: 'html' });</script>"
        ),
        "/ajax/so-tay": page('<a href="/files/st.pdf">Sổ tay chất lượng</a>'),
        "/files/st.pdf": _pdf(),
        "/static/app.js": Reply(
            body=b"$(function () { $.getJSON('/api/iso/quy-trinh', function (d) { show(d); }); });",
            headers=JS,
        ),
        "/static/jquery.min.js": Reply(body=b"/* jQuery */ url: '/api/never'", headers=JS),
        "/api/iso/tai-lieu?trang=1": _json(
            {
                "data": [
                    {"tieu_de": "Quyết định công bố HTQLCL", "duong_dan": "/files/qd.pdf"},
                    {"tieu_de": "Chính sách chất lượng", "file": f"{files}/cs.pdf"},
                ],
                "next": "/api/iso/tai-lieu?trang=2",
            }
        ),
        "/api/iso/tai-lieu?trang=2": _json(
            {"data": [{"title": "Mục tiêu chất lượng 2026", "url": "/files/mt.pdf"}], "next": None}
        ),
        "/api/iso/quy-trinh": _json([{"ten": "Danh mục quy trình", "link": "/files/dm.pdf"}]),
        "/files/qd.pdf": _pdf(),
        "/files/mt.pdf": _pdf(),
        "/files/dm.pdf": _pdf(),
        "/api/never": _json([{"title": "ISO", "url": "/files/never.pdf"}]),
    }


def _platform_agency(port: int) -> dict[str, Route]:
    platform = f"http://isodt.tinh.localhost:{port}"
    return {
        "/": page(
            f'<a href="{platform}/co-quan/so-a/">ISO điện tử: hệ thống quản lý chất lượng</a>'
            f'<a href="http://tuvan-iso.localhost:{port}/dich-vu/iso-9001/">'
            "Tư vấn ISO 9001 trọn gói</a>"
        )
    }


def _platform() -> dict[str, Route]:
    return {
        "/co-quan/so-a/": page(
            '<a href="/co-quan/so-a/quy-trinh.html">Danh mục quy trình ISO</a>'
            '<a href="/uploads/so-a/qd-cong-bo.pdf">Quyết định công bố</a>'
            '<a href="/co-quan/so-b/">Sở B: hệ thống quản lý chất lượng ISO</a>'
        ),
        "/co-quan/so-a/quy-trinh.html": page('<a href="/uploads/so-a/dm.pdf">Tải về</a>'),
        "/uploads/so-a/qd-cong-bo.pdf": _pdf(),
        "/uploads/so-a/dm.pdf": _pdf(),
        "/co-quan/so-b/": page('<a href="/uploads/so-b/qd.pdf">Quyết định công bố ISO</a>'),
        "/uploads/so-b/qd.pdf": _pdf(),
    }


def _big() -> dict[str, Route]:
    return {
        "/": page(
            '<a href="/iso/so-tay.pdf">Sổ tay chất lượng ISO</a>'
            '<a href="/iso/stream.pdf">Quy trình ISO</a>'
            '<a href="/iso/nho.pdf">Chính sách chất lượng ISO</a>'
        ),
        "/iso/so-tay.pdf": Reply(body=HUGE, headers=PDF_TYPE),
        "/iso/stream.pdf": Reply(body=HUGE, headers=PDF_TYPE, sized=False),
        "/iso/nho.pdf": _pdf(),
    }


def _etag() -> dict[str, Route]:
    return {
        "/": page(
            '<a href="/iso/qd.pdf">Quyết định công bố ISO</a>'
            '<a href="/iso/cs.pdf">Chính sách chất lượng ISO</a>'
            '<a href="/iso/mt.pdf">Mục tiêu chất lượng ISO</a>'
        ),
        "/iso/qd.pdf": Reply(body=PDF, headers=PDF_TYPE, etag=ETAG_SAME),
        "/iso/cs.pdf": Reply(body=_pdf("v2").body, headers=PDF_TYPE, etag=ETAG_CHANGED),
        "/iso/mt.pdf": _pdf(),  # no validators: the bytes themselves tell
    }


def focused_sites(port: int) -> dict[str, dict[str, Route]]:
    """Every virtual host of these cases; `port` is where they are served."""
    return {
        "js.tinh.localhost": _js_site(port),
        "files.tinh.localhost": {"/cs.pdf": _pdf()},
        "so-a.tinh.localhost": _platform_agency(port),
        "isodt.tinh.localhost": _platform(),
        "tuvan-iso.localhost": {"/dich-vu/iso-9001/": page('<a href="/bg.pdf">Báo giá</a>')},
        "sub.localhost": {
            "/": page(f'<a href="http://iso.sub.localhost:{port}/">Hệ thống ISO</a>'),
        },
        "iso.sub.localhost": {
            "/": page('<a href="/tai-lieu/chinh-sach.pdf">Chính sách chất lượng</a>'),
            "/tai-lieu/chinh-sach.pdf": _pdf(),
        },
        "chain.localhost": {
            "/": page('<a href="/tai-ve?id=1">Quyết định công bố ISO 9001</a>'),
            "/tai-ve?id=1": redirect("/r/1"),
            "/r/1": redirect(f"http://chain.localhost:{port}/r/2"),
            "/r/2": redirect("/kho/qd.pdf"),
            "/kho/qd.pdf": _pdf(),
        },
        "big.localhost": _big(),
        "etag.localhost": _etag(),
    }
