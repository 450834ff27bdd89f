import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from extractors.ocr import MAX_PAGE_PIXELS, MAX_PAGE_SIDE, _page_from_tsv, ocr_pdf
from tests.extractors.documents import FONT as FONT_NAME
from tests.extractors.documents import _register_font
from tests.extractors.programs import RECORDING_TESSERACT, fake_program, path_with
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


def _one_page_pdf(width: float, height: float, *, rotate: int = 0) -> bytes:
    """A PDF of one page of `width` x `height` points with one line of text, in letters
    about 45 pixels high once a 200-inch page is rendered within the pixel cap."""
    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setPageRotation(rotate)
    pdf.setFont(FONT_NAME, min(width, height) / 140)
    pdf.drawString(width / 20, height / 2, "QUYẾT ĐỊNH")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def image_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file where a stand-in `tesseract` records the size of every image it is given."""
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "tesseract", RECORDING_TESSERACT)
    monkeypatch.setenv("PATH", path_with(bin_dir))
    log = tmp_path / "sizes.txt"
    monkeypatch.setenv("TESSERACT_SIZES", str(log))
    return log


def _recorded(log: Path) -> set[tuple[int, int]]:
    return {(int(w), int(h)) for w, h in (line.split() for line in log.read_text().splitlines())}


def test_a_200_inch_page_is_rendered_within_the_pixel_cap(image_sizes: Path) -> None:
    result = ocr_pdf(_one_page_pdf(14400, 14400), pages=[1], dpi=200)
    assert result.error is None
    ((width, height),) = _recorded(image_sizes)
    assert width * height <= MAX_PAGE_PIXELS
    assert width * height > 0.98 * MAX_PAGE_PIXELS  # lowered to the cap, not below it
    assert width == height


def test_an_a4_page_keeps_the_full_resolution(image_sizes: Path) -> None:
    ocr_pdf(_one_page_pdf(595.28, 841.89), pages=[1], dpi=200)
    assert _recorded(image_sizes) == {(round(595.28 / 72 * 200), round(841.89 / 72 * 200))}


def test_a_long_turned_strip_stays_within_what_tesseract_takes(image_sizes: Path) -> None:
    # 2 inches wide and 200 high, laid on its side by /Rotate: 40,000 pixels wide at 200 dpi
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(144, 14400).set_rotation(90)
    buffer = io.BytesIO()
    pdf.save(buffer)
    ocr_pdf(buffer.getvalue(), pages=[1], dpi=200)
    ((width, height),) = _recorded(image_sizes)
    assert width <= MAX_PAGE_SIDE < 200 * 200
    assert width > 0.99 * MAX_PAGE_SIDE and width > 50 * height


def test_a_huge_page_is_still_read() -> None:
    result = ocr_pdf(_one_page_pdf(14400, 14400), pages=[1], dpi=200)
    assert result.error is None
    assert "QUYẾT ĐỊNH" in result.text
