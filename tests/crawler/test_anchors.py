from __future__ import annotations

from typing import Any

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

    def spy(node: Any) -> str:
        built.append(node.tag)
        return real_entry_text(node)

    real_entry_text = crawler.anchors._entry_text
    monkeypatch.setattr(crawler.anchors, "_entry_text", spy)
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


# -- issue 9: entries and cards, combined texts, data attributes, navigation ----------------


def test_a_news_card_gives_its_title_link_the_summary_beside_it() -> None:
    card = (
        '<div class="news_column"><div class="panel"><h3><a href="/vi/news/{n}.html">{title}</a>'
        '</h3><div class="text-muted">28/10/2024</div>{summary}</div></div>'
    )
    html = card.format(
        n=101,
        title="Quyết định số 31/QĐ-BQLKKT ngày 28/10/2024 của Trưởng ban",
        summary="Về việc công bố Hệ thống quản lý chất lượng TCVN ISO 9001:2015",
    ) + card.format(n=102, title="Ra quân hưởng ứng Tháng hành động", summary="Trồng cây")
    first, second = anchors(html)
    assert first.text.startswith("Quyết định số 31/QĐ-BQLKKT")
    assert "công bố Hệ thống quản lý chất lượng" in first.context
    assert "28/10/2024" in first.context
    assert second.context == "28/10/2024 Trồng cây"  # its own card's, not its neighbour's


def test_a_lone_block_is_no_card() -> None:
    html = '<div class="content"><h2><a href="/a">Giới thiệu</a></h2><p>Lịch công tác</p></div>'
    (anchor,) = anchors(html)
    assert anchor.context == ""


def test_a_download_button_in_a_card_takes_the_card_text() -> None:
    box = (
        '<div class="pd-filebox"><div class="pd-title">{title}</div><div class="pd-buttons">'
        '<a class="btn" href="/index.php?option=com_phocadownload&amp;download={n}">Tải về</a>'
        "</div></div>"
    )
    html = box.format(title="Chính sách chất lượng", n=5) + box.format(title="Mục tiêu", n=6)
    found = {a.url.rsplit("=", 1)[1]: a.text for a in anchors(html)}
    assert found == {"5": "Chính sách chất lượng Tải về", "6": "Mục tiêu Tải về"}


def test_the_texts_of_all_links_to_one_url_are_combined() -> None:
    html = (
        '<div class="row"><a href="/vi/laws/detail/qd-23/">23/QĐ-SGDĐT</a> 20/11/2025 '
        '<a href="/vi/laws/detail/qd-23/">Quyết định công bố Hệ thống quản lý chất lượng</a>'
        '<a href="/vi/laws/detail/qd-23/">Xem</a></div>'
    )
    (anchor,) = anchors(html)
    assert anchor.text == "23/QĐ-SGDĐT Quyết định công bố Hệ thống quản lý chất lượng"


def test_a_pager_keeps_a_pagers_text() -> None:
    html = '<div class="pager"><a href="/van-ban?p=2">2</a> <a href="/van-ban?p=2">Trang sau ›</a>'
    (anchor,) = anchors(html + "</div>")
    assert anchor.text == "2"


def test_a_download_url_in_a_data_attribute_is_a_link() -> None:
    html = (
        "<div><p>Quy trình đánh giá nội bộ</p><a class='wpdm-download-link' href='#' "
        "data-downloadurl='/download/qt-02/?wpdmdl=107&amp;refresh=5cd'>Tải về</a></div>"
    )
    (anchor,) = anchors(html)
    assert anchor.url == "http://portal.x/download/qt-02/?wpdmdl=107&refresh=5cd"


def test_links_of_the_navigation_are_marked() -> None:
    html = (
        '<nav><ul><li><a href="/gioi-thieu">Giới thiệu chung về Sở Khoa học và Công nghệ tỉnh'
        '</a></li></ul></nav><div id="main"><a href="/bai-1">Ra quân</a></div>'
        '<ul class="menusite"><li><a href="/van-ban">Văn bản</a></li></ul>'
    )
    found = {a.url.rsplit("/", 1)[1]: a.navigation for a in anchors(html)}
    assert found == {"gioi-thieu": True, "bai-1": False, "van-ban": True}
