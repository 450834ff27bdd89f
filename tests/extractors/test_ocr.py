from extractors.ocr import _page_from_tsv, ocr_pdf
from tests.extractors.scans import scanned_pdf

DECLARATION = [
    "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Số: 87/QĐ-SKHCN",
    "QUYẾT ĐỊNH",
    "Về việc công bố Hệ thống quản lý chất lượng",
    "phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
]


def test_a_scanned_page_is_read_in_vietnamese_with_a_confidence() -> None:
    result = ocr_pdf(scanned_pdf([DECLARATION]), pages=[1], dpi=200)
    assert result.error is None
    assert "Hệ thống quản lý chất lượng" in result.text
    assert "TCVN ISO 9001:2015" in result.text
    assert "87/QĐ-SKHCN" in result.text
    assert result.confidence is not None and result.confidence > 80


def test_pages_come_back_in_order() -> None:
    result = ocr_pdf(scanned_pdf([["Trang một"], ["Trang hai"]]), pages=[1, 2], dpi=200)
    assert [page.number for page in result.pages] == [1, 2]
    assert "một" in result.pages[0].text and "hai" in result.pages[1].text


def test_a_broken_pdf_is_an_error_not_an_exception() -> None:
    result = ocr_pdf(b"%PDF-1.4 broken", pages=[1])
    assert result.error is not None and result.pages == ()


def test_tsv_lines_and_confidence() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tQuyết\n"
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tđịnh\n"
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t-1\t \n"
        "5\t1\t1\t1\t3\t1\t0\t0\t1\t1\t70\tSố\n"
    )
    page = _page_from_tsv(1, tsv)
    assert page.text == "Quyết định\nSố"
    assert page.confidence == 80.0
