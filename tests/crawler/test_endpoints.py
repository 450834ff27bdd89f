from __future__ import annotations

import json

from parsel import Selector

from crawler.anchors import Anchor
from crawler.endpoints import (
    endpoint_anchors,
    inline_scripts,
    page_script_sources,
    script_endpoints,
)

PAGE = "http://so.tinh.vn/iso/index.html"


def test_requests_of_a_script_are_found_in_order() -> None:
    script = """
        fetch("/api/van-ban?loai=iso").then(r => r.json());
        $.getJSON('data/tai-lieu.json', show);
        $.ajax({ url: "/Services/VanBan.ashx?op=list", type: "GET" });
        xhr.open("GET", "http://so.tinh.vn/ajax/iso");
        axios.get(`/api/quy-trinh`);
        var endpoint = "/api/muc-tieu";
        fetch("/api/item/" + id);
        fetch(`/api/item/${id}`);
        var style = "/css/site.css";
    """
    assert script_endpoints(script, PAGE) == [
        "http://so.tinh.vn/api/van-ban?loai=iso",
        "http://so.tinh.vn/iso/data/tai-lieu.json",
        "http://so.tinh.vn/Services/VanBan.ashx?op=list",
        "http://so.tinh.vn/ajax/iso",
        "http://so.tinh.vn/api/quy-trinh",
        "http://so.tinh.vn/api/muc-tieu",
    ]


def test_same_host_scripts_without_libraries() -> None:
    html = Selector(
        text='<script src="/js/jquery-3.7.min.js"></script><script src="/js/iso-list.js"></script>'
        '<script src="https://cdn.example/app.js"></script><script>var a = 1;</script>'
    )
    assert page_script_sources(html, PAGE) == ["http://so.tinh.vn/js/iso-list.js"]
    assert inline_scripts(html) == ["var a = 1;"]


def test_json_links_take_the_titles_beside_them() -> None:
    body = json.dumps(
        {
            "total": 3,
            "items": [
                {"TieuDe": "Quyết định công bố", "DuongDan": "/upload/qd.pdf", "id": 1},
                {"name": "Chính sách", "attachments": [{"path": "upload/cs.docx"}]},
                {"SoHieu": "12/QĐ-UBND", "href": "https://files.vn/x/mt.pdf"},
            ],
            "next": "/api/van-ban?page=2",
        },
        ensure_ascii=False,
    ).encode()
    anchors, next_pages = endpoint_anchors(body, "http://so.tinh.vn/api/van-ban?page=1")
    assert anchors == [
        Anchor("http://so.tinh.vn/upload/qd.pdf", "Quyết định công bố"),
        Anchor("http://so.tinh.vn/api/upload/cs.docx", "Chính sách"),
        Anchor("https://files.vn/x/mt.pdf", "12/QĐ-UBND"),
    ]
    assert next_pages == ["http://so.tinh.vn/api/van-ban?page=2"]


def test_not_json_gives_nothing() -> None:
    assert endpoint_anchors(b"<html>", PAGE) == ([], [])
    assert endpoint_anchors(b"\xff\xfe", PAGE) == ([], [])
