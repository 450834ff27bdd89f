from extractors import read_document
from extractors.html import read_html
from tests.extractors.documents import windows_1258

CHROME = """<header><div class="logo"><h1>SỞ KHOA HỌC VÀ CÔNG NGHỆ</h1></div></header>
<nav class="menu"><a href="/">Trang chủ</a> <a href="/iso">ISO</a> <a href="/tin">Tin tức</a></nav>
<div id="sidebar"><a href="/a">Hội nghị ISO 2025</a><a href="/b">Tập huấn nghiệp vụ</a></div>
<footer>Bản quyền © Sở Khoa học và Công nghệ. Điện thoại 0251 3822 298.</footer>"""

POLICY = """<article class="post"><h2>Chính sách chất lượng</h2><div class="entry-content">
<p>Sở Khoa học và Công nghệ cam kết xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý
chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015.</p>
<p>Giải quyết thủ tục hành chính đúng pháp luật, lấy sự hài lòng của người dân làm thước đo.</p>
</div></article>"""


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return (
        f"<html><head>{head}<title>Sở KH&amp;CN</title></head><body>{body}</body></html>".encode()
    )


def test_main_content_without_menus_sidebars_and_footers() -> None:
    html = read_html(page(CHROME + POLICY))
    assert html.title == "Chính sách chất lượng"
    assert "cam kết xây dựng" in html.text
    for chrome in ("Trang chủ", "Hội nghị ISO", "Bản quyền", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"):
        assert chrome not in html.text
    assert html.link_count == 0


def test_blocks_become_lines_and_inline_tags_do_not() -> None:
    html = read_html(
        page("<div class='content'><p><b>Số:</b> 12/QĐ-SKHCN</p><p>QUYẾT ĐỊNH</p></div>")
    )
    assert html.text == "Số: 12/QĐ-SKHCN\nQUYẾT ĐỊNH"


def test_a_policy_article_is_a_policy() -> None:
    reading = read_document(page(CHROME + POLICY), content_type="text/html")
    assert reading.format == "html"
    assert reading.classification.doc_type == "quality_policy"
    assert reading.classification.iso_version == "2015"


def test_a_listing_page_is_not_qms_even_with_qms_titles() -> None:
    links = "".join(
        f'<li><a href="/iso/{n}">{title}</a></li>'
        for n, title in enumerate(
            [
                "Quyết định công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015",
                "Chính sách chất lượng",
                "Mục tiêu chất lượng năm 2026",
                "Danh mục quy trình",
            ]
        )
    )
    listing = f'<div class="content"><h2>ISO</h2><ul>{links}</ul></div>'
    reading = read_document(page(CHROME + listing))
    assert reading.classification.doc_type == "not_qms"
    assert reading.classification.cues[0].startswith("listing page: 4 links")


def test_windows_1258_page_declared_in_a_meta_tag() -> None:
    body = "<div class='noidung'><p>MỤC TIÊU CHẤT LƯỢNG NĂM 2026</p><p>" + (
        "Sở Nội vụ đặt ra các mục tiêu chất lượng theo TCVN ISO 9001:2015: 100% hồ sơ thủ tục "
        "hành chính giải quyết đúng hạn; tỷ lệ hài lòng trên 95%.</p></div>"
    )
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    data = windows_1258(page(body, head).decode())
    reading = read_document(data)
    assert "MỤC TIÊU CHẤT LƯỢNG NĂM 2026" in reading.text
    assert reading.encoding_repair == "windows-1258"
    assert reading.classification.doc_type == "quality_objectives"
    assert reading.classification.year == 2026


def test_windows_1258_page_without_any_declaration() -> None:
    data = windows_1258(page("<p>Hệ thống quản lý chất lượng của Sở Tư pháp</p>", "").decode())
    assert "Hệ thống quản lý chất lượng của Sở Tư pháp" in read_html(data).text


def test_content_type_charset_is_used() -> None:
    data = windows_1258(page("<p>Đồng Tháp ưu tiên</p>", "").decode())
    html = read_html(data, content_type="text/html; charset=windows-1258")
    assert "Đồng Tháp ưu tiên" in html.text and html.legacy_encoding


def test_link_text_is_not_the_page_own_text() -> None:
    body = (
        "<div class='content'><h1>Ban hành Danh mục quy trình nội bộ trong HTQLCL</h1>"
        "<p>Sở Y tế thông báo các văn bản sau (xem tệp đính kèm).</p><ul>"
        '<li><a href="/f/1.docx">DANH MỤC QUY TRÌNH thuộc HTQLCL.docx</a></li>'
        '<li><a href="/f/2.docx">QUY TRÌNH Đánh giá nội bộ.docx</a></li></ul></div>'
    )
    html = read_html(page(body))
    assert "QUY TRÌNH Đánh giá nội bộ.docx" in html.text
    assert "QUY TRÌNH" not in html.own_text and "xem tệp đính kèm" in html.own_text
    assert read_document(page(body)).classification.doc_type == "not_qms"


def test_a_justified_decision_with_double_spaces() -> None:
    body = (
        "<div class='content'><p>QUYẾT  ĐỊNH</p><p>Về  việc  công  bố  Hệ  thống  quản  lý  chất"
        "  lượng  phù  hợp  TCVN  ISO  9001:2015</p><p>Căn  cứ  Quyết  định  số  19/2014/QĐ-TTg"
        "  ngày  05  tháng  3  năm  2014  của  Thủ  tướng  Chính  phủ;</p><p>Điều  1.  Công  bố"
        "  Hệ  thống  quản  lý  chất  lượng  của  Sở  phù  hợp  TCVN  ISO  9001:2015.</p></div>"
    )
    found = read_document(page(body)).classification
    assert (found.doc_type, found.iso_version) == ("declaration", "2015")
    assert found.legal_bases[0].number == "19/2014/QĐ-TTg"
