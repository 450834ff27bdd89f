from __future__ import annotations

import pytest
from parsel import Selector

import crawler.anchors
from crawler.anchors import Anchor, page_anchors

BASE = "http://portal.x/xa-an-binh/iso.html"


def anchors(html: str, base: str = BASE) -> list[Anchor]:
    return page_anchors(Selector(text=html), base)


def test_anchor_text_and_absolute_url_without_fragment() -> None:
    (anchor,) = anchors('<a href="quy-trinh.html#top"> Danh mục\n quy trình </a>')
    assert anchor == Anchor("http://portal.x/xa-an-binh/quy-trinh.html", "Danh mục quy trình")


def test_generic_anchor_takes_the_text_of_its_table_row() -> None:
    html = (
        "<table><tr><td>1</td><td>Quyết định công bố HTQLCL</td>"
        '<td><a href="/upload/qd.pdf">Tải về</a></td></tr></table>'
    )
    (anchor,) = anchors(html)
    assert anchor.text == "1 Quyết định công bố HTQLCL Tải về"


def test_icon_link_takes_the_text_of_its_list_item() -> None:
    html = '<ul><li>Chính sách chất lượng <a href="/f?id=3"><img src="pdf.png"></a></li></ul>'
    (anchor,) = anchors(html)
    assert anchor.text == "Chính sách chất lượng"
    assert anchor.url == "http://portal.x/f?id=3"


def test_title_and_image_alt_complete_the_text() -> None:
    (anchor,) = anchors('<a href="/a" title="Mục tiêu 2026"><img alt="ISO"> Mục tiêu</a>')
    assert anchor.text == "Mục tiêu Mục tiêu 2026 ISO"


def test_non_http_and_malformed_links_are_ignored() -> None:
    html = (
        '<a href="javascript:void(0)">x</a><a href="mailto:a@b.vn">m</a>'
        '<a href="#top">t</a><a href="tel:1">t</a><a href="ftp://a/b">f</a>'
        '<a href="http://[bad/">v6</a><a href="http://a.vn:99999/">port</a>'
    )
    assert anchors(html) == []


def test_embedded_viewers_and_onclick_documents_are_links() -> None:
    html = (
        "<h1>Quyết định công bố</h1>"
        '<iframe src="/viewer/qd.pdf"></iframe>'
        "<button onclick=\"window.open('/files/muc-tieu.docx')\">Mục tiêu</button>"
    )
    found = {a.url: a.text for a in anchors(html)}
    assert found["http://portal.x/viewer/qd.pdf"] == "Quyết định công bố"
    assert found["http://portal.x/files/muc-tieu.docx"] == "Mục tiêu"


def test_first_text_of_a_repeated_link_wins() -> None:
    html = '<a href="/iso">Hệ thống ISO</a><a href="/iso">Xem</a>'
    assert anchors(html) == [Anchor("http://portal.x/iso", "Hệ thống ISO")]


def test_relative_links_resolve_against_the_given_base() -> None:
    (anchor,) = anchors('<a href="b.html">B</a>', base="http://cdn.x/docs/")
    assert anchor.url == "http://cdn.x/docs/b.html"


def test_script_redirects_are_links() -> None:
    html = (
        "<title>UBND</title><script>window.location.href = '/wps/portal/';</script>"
        '<script>location.replace("http://new.x/home")</script>'
    )
    found = {a.url: a.text for a in anchors(html)}
    assert found == {"http://portal.x/wps/portal/": "UBND", "http://new.x/home": "UBND"}


def test_named_anchor_keeps_the_rest_of_its_row_as_context() -> None:
    html = (
        "<table><tr><td>Về việc công bố HTQLCL phù hợp TCVN ISO 9001:2015</td>"
        '<td><a href="/vb/12">12/QĐ-UBND</a></td></tr></table>'
    )
    (anchor,) = anchors(html)
    assert anchor.text == "12/QĐ-UBND"
    assert anchor.context == "Về việc công bố HTQLCL phù hợp TCVN ISO 9001:2015"


def test_the_text_of_a_row_is_built_once_however_many_links_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[str] = []

    def spy(node: Selector) -> str:
        built.append(node.root.tag)
        return real_text_of(node)

    real_text_of = crawler.anchors._text_of
    monkeypatch.setattr(crawler.anchors, "_text_of", spy)
    links = "".join(f'<a href="/muc/{n}.htm">Mục {n}</a> | ' for n in range(300))
    found = anchors(f"<p>{links}</p><ul><li>Quy trình <a href='/qt.pdf'>Tải về</a></li></ul>")
    assert len(found) == 301
    assert built.count("p") == 1  # quadratic code built it once per link: 300 times
    assert built.count("li") == 1
    assert found[-1].text == "Quy trình Tải về"


def test_links_past_the_cap_are_not_read() -> None:
    links = "".join(f'<a href="/muc/{n}">Mục {n}</a>' for n in range(10))
    handler = "<button onclick=\"window.open('/files/qd.pdf')\">Quyết định</button>"
    html = f"<p>{links}</p>{handler}"
    urls = [a.url for a in page_anchors(Selector(text=html), BASE, max_links=4)]
    assert urls == [f"http://portal.x/muc/{n}" for n in range(4)]
    with_handler = [a.url for a in page_anchors(Selector(text=html), BASE, max_links=11)]
    assert with_handler[-1] == "http://portal.x/files/qd.pdf"
    assert len(with_handler) == 11
