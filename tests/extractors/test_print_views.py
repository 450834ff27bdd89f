"""Print, save-as and PDF-preview renderings of a post: known by URL or markup, not_qms."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import read_document
from extractors.print_views import rendering_by_url

CORPUS = Path(__file__).parent / "corpus"
POLICY_PAGE = (CORPUS / "html_nukeviet_policy_page.html").read_bytes()

RENDERINGS = [
    ("https://stp.gialai.gov.vn/vi/news/print/iso/cong-bo-htqlcl-45.html", "print"),
    ("http://x.gov.vn/index.php?language=vi&nv=news&op=print/iso/cong-bo-45", "print"),
    ("https://stp.gialai.gov.vn/vi/news/savefile/iso/cong-bo-htqlcl-45.html", "save"),
    ("http://x.gov.vn/index.php?language=vi&nv=news&op=savefile/iso/cong-bo-45", "save"),
    ("http://x.gov.vn/index.php?nv=news&op=iso/cong-bo-45.html&pdf=1&id=0", "pdf_preview"),
    ("http://xa.gov.vn/vi/iso/130-chinh-sach?tmpl=component&print=1&layout=default", "print"),
    (
        "http://s.gov.vn/Default.aspx?tabid=36&mid=451&ctl=Detail&ItemID=7"
        "&SkinSrc=%5bG%5dSkins%2f_default%2fNo+Skin&dnnprintmode=true",
        "print",
    ),
    ("https://xa.gov.vn/chinh-sach-chat-luong/?print=1", "print"),
    ("https://xa.gov.vn/index.php?option=com_content&view=article&id=12&print=1", "print"),
]
NOT_RENDERINGS = [
    "https://stp.gialai.gov.vn/vi/news/iso/cong-bo-htqlcl-45.html",
    "https://stp.gialai.gov.vn/vi/news/iso/cong-bo-htqlcl-45.html?download=1&id=0",
    "https://xa.gov.vn/index.php?option=com_content&view=article&id=12&blueprint=1",
    "https://xa.gov.vn/dich-vu-in-an/printer-settings.html",
    "https://xa.gov.vn/uploads/pdf=1.html",
    None,
]


@pytest.mark.parametrize(("url", "kind"), RENDERINGS)
def test_rendering_urls(url: str, kind: str) -> None:
    found = rendering_by_url(url)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize("url", NOT_RENDERINGS)
def test_urls_of_posts_and_files_are_no_renderings(url: str | None) -> None:
    assert rendering_by_url(url) is None


def test_the_post_is_the_document_and_its_print_url_is_a_rendering() -> None:
    post = read_document(POLICY_PAGE, url="https://stp.gialai.gov.vn/vi/about/cscl.html")
    assert (post.classification.doc_type, post.rendering) == ("quality_policy", None)
    printed = read_document(POLICY_PAGE, url="https://stp.gialai.gov.vn/vi/news/print/cscl.html")
    assert (printed.classification.doc_type, printed.rendering) == ("not_qms", "print")
    assert printed.classification.cues == ("a print rendering of a post (URL '/print/')",)
    assert printed.as_dict()["rendering"] == "print" and post.as_dict()["rendering"] is None
    assert printed.text == post.text  # the words are read all the same


@pytest.mark.parametrize(
    ("name", "shown_by"),
    [
        ("html_nukeviet_print.html", "#hd_print"),
        ("html_dnn_print.html", "prints itself on load"),
        ("html_joomla_print.html", "#pop-print"),
    ],
)
def test_print_templates_are_known_by_their_markup(name: str, shown_by: str) -> None:
    reading = read_document((CORPUS / name).read_bytes())
    assert (reading.classification.doc_type, reading.rendering) == ("not_qms", "print")
    assert shown_by in reading.classification.cues[0]


def test_a_print_button_on_the_post_itself_does_not_make_it_a_rendering() -> None:
    button = b'<a href="javascript:;" onclick="window.print()">In trang</a></body>'
    reading = read_document(POLICY_PAGE.replace(b"</body>", button))
    assert (reading.classification.doc_type, reading.rendering) == ("quality_policy", None)


VIEWER = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
    '<script src="/assets/js/pdf.js/pdf.min.js"></script></head><body>{body}'
    "<div id=\"pdfviewer\"></div><script>var pdfurl = '/uploads/{file}';"
    "pdfjsLib.getDocument(pdfurl).promise.then(function (pdf) {{ nv_pdf_render(pdf); }});"
    "</script></body></html>"
)


def test_a_pdf_viewer_around_a_file_is_a_preview() -> None:
    page = VIEWER.format(title="quyet-dinh-cong-bo-htqlcl.pdf", body="", file="qd-cong-bo.pdf")
    reading = read_document(page.encode())
    assert (reading.classification.doc_type, reading.rendering) == ("not_qms", "pdf_preview")


def test_a_post_that_embeds_a_pdf_viewer_is_still_the_post() -> None:
    policy = (
        "<h1>Chính sách chất lượng</h1><p>CHÍNH SÁCH CHẤT LƯỢNG</p><p>"
        + "Sở Nội vụ cam kết áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng phù hợp "
        "TCVN ISO 9001:2015; giải quyết thủ tục hành chính công khai, minh bạch, đúng hạn. "
        * 3
        + "</p>"
    )
    page = VIEWER.format(title="Chính sách chất lượng", body=policy, file="cscl.pdf")
    reading = read_document(page.encode())
    assert (reading.classification.doc_type, reading.rendering) == ("quality_policy", None)
