"""read_document over every format: OCR of scanned pages, legacy fonts, Office files."""

import io
import json

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors import read_document
from extractors.docx import read_docx
from extractors.extraction import NO_TEXT_IN_IMAGE
from extractors.legacy_fonts import from_unicode
from extractors.odt import read_odt
from extractors.pdf import needs_ocr, read_pdf
from extractors.pdf_pages import read_pdf_pages
from extractors.sheets import read_xlsx
from tests.extractors.documents import make_docx, make_pdf
from tests.extractors.renderings import (
    legacy_docx,
    legacy_pdf,
    odt,
    photographed,
    scan_images,
    scanned,
    xlsx,
)
from tests.extractors.test_ocr import DECLARATION

TITLE = "Về việc công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015"
LINES = [
    "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Số: 87/QĐ-SKHCN",
    "Đồng Tháp, ngày 05 tháng 3 năm 2024",
    "QUYẾT ĐỊNH",
    TITLE,
    "Điều 1. Công bố Hệ thống quản lý chất lượng của Sở phù hợp TCVN ISO 9001:2015 đối với "
    "các hoạt động giải quyết thủ tục hành chính cho người dân, doanh nghiệp.",
]


def joined(*documents: bytes) -> bytes:
    """One PDF with the pages of each of `documents` in turn."""
    result = pdfium.PdfDocument.new()
    for data in documents:
        result.import_pages(pdfium.PdfDocument(data))
    buffer = io.BytesIO()
    result.save(buffer)
    return buffer.getvalue()


def scan_with_junk_text_layer() -> bytes:
    """A scanned page under an invisible text layer of junk, as a broken OCR layer gives."""
    image = pdfium.PdfDocument(scanned(LINES))[0].render(scale=150 / 72).to_pil()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, *A4)
    text = pdf.beginText(60, 700)
    text.setTextRenderMode(3)  # invisible
    text.textLine("\x01\x02 ## %% 0123 456 ~~ ** ++ 7890 @@ :: ;; x")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_scanned_declaration_is_ocred_and_classified() -> None:
    reading = read_document(scanned(LINES), filename="qd-87.pdf")
    found = reading.classification
    assert (reading.format, reading.error, reading.ocr) == ("pdf", None, True)
    assert reading.ocr_confidence is not None and reading.ocr_confidence > 85
    assert (found.doc_type, found.iso_version) == ("declaration", "2015")
    assert found.number == "87/QĐ-SKHCN"
    assert found.issued is not None and found.issued.isoformat() == "2024-03-05"
    data = reading.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["ocr"] is True and data["ocr_confidence"] == reading.ocr_confidence
    assert data["ocr_pages"] == [1]


def test_only_pages_without_a_text_layer_are_ocred() -> None:
    data = joined(make_pdf(["Trang đầu có lớp chữ: Chính sách chất lượng của Sở Tư pháp."]),
                  scanned(DECLARATION))  # fmt: skip
    pdf = read_pdf_pages(data)
    assert pdf.error is None and pdf.ocr_pages == (2,)
    assert "Chính sách chất lượng của Sở Tư pháp" in pdf.text
    assert "Hệ thống quản lý chất lượng" in pdf.text
    assert pdf.ocr_confidence is not None and pdf.ocr_confidence > 85


def test_ocr_is_bounded_to_the_first_pages_that_need_it() -> None:
    data = joined(scanned(["Trang một"]), scanned(["Trang hai"]), scanned(["Trang ba"]))
    pdf = read_pdf_pages(data, max_ocr_pages=1)
    assert pdf.ocr_pages == (1,)
    assert "một" in pdf.text and "hai" not in pdf.text


def test_a_garbage_text_layer_is_replaced_by_ocr() -> None:
    data = scan_with_junk_text_layer()
    assert needs_ocr(read_pdf(data).pages[0])
    reading = read_document(data)
    assert reading.ocr is True
    assert reading.classification.doc_type == "declaration"


def test_what_counts_as_a_usable_text_layer() -> None:
    assert needs_ocr("")
    assert needs_ocr("  \n 12 \n")
    assert needs_ocr("1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11. 12. 13. 14. 15. 16. 17. 18. abc")
    assert needs_ocr("\ufffd" * 30 + " Quyết định công bố hệ thống quản lý")
    assert not needs_ocr(TITLE)
    assert not needs_ocr("Tỷ lệ hồ sơ đúng hạn | 98% | 99% | 100% | Phòng Hành chính")


def test_an_encrypted_pdf_is_an_error() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption("mật khẩu", canPrint=0))
    pdf.drawString(100, 700, "Chinh sach chat luong")
    pdf.showPage()
    pdf.save()
    reading = read_document(buffer.getvalue())
    assert (reading.format, reading.error) == ("pdf", "encrypted PDF (password required)")


def test_a_tcvn3_pdf_is_repaired_with_its_font_names() -> None:
    data = legacy_pdf(LINES, "tcvn3")
    assert read_pdf(data).font_names == (".VnTime",)
    reading = read_document(data)
    assert reading.encoding_repair == "tcvn3"
    assert "Hệ thống quản lý chất lượng" in reading.text  # "ư" is U+00AD in TCVN3
    assert reading.classification.doc_type == "declaration"


def test_a_short_legacy_text_is_repaired_only_because_of_its_font() -> None:
    line = "Quản lý theo TCVN ISO 9001:2015 tai co quan hanh chinh nha nuoc"
    typed = from_unicode(line, "tcvn3")
    assert typed.startswith("Qu¶n lý ")  # one word changes: too little to tell from the text
    assert read_document(make_pdf([typed])).encoding_repair is None
    reading = read_document(legacy_pdf([line], "tcvn3"))
    assert (reading.text, reading.encoding_repair) == (line, "tcvn3")


def test_a_blank_page_is_not_ocred() -> None:
    blank = io.BytesIO()
    pdf = canvas.Canvas(blank, pagesize=A4)
    pdf.showPage()
    pdf.save()
    data = joined(make_pdf(LINES), blank.getvalue())
    pdf_text = read_pdf(data)
    assert pdf_text.to_ocr == (False, False)
    reading = read_document(data)
    assert (reading.ocr, reading.error, reading.classification.doc_type) == (
        False, None, "declaration",
    )  # fmt: skip


def test_docx_runs_in_a_vni_font_are_repaired() -> None:
    data = legacy_docx(LINES, "vni")
    assert "VNI-Times" in read_docx(data).font_names
    reading = read_document(data)
    assert reading.encoding_repair == "vni"
    assert TITLE in reading.text


def test_a_unicode_docx_whose_style_names_a_legacy_font_is_left_alone() -> None:
    from docx import Document

    document = Document()
    document.styles["Normal"].font.name = ".VnTime"
    for line in LINES:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    reading = read_document(buffer.getvalue())
    assert reading.encoding_repair is None
    assert TITLE in reading.text


def test_an_html_page_typed_in_tcvn3_keeps_its_soft_hyphen_letters() -> None:
    body = from_unicode("Chính sách chất lượng: người dân được phục vụ tận tình", "tcvn3")
    page = (
        f'<html><body><div class="content"><font face=".VnTime">{body}</font></div></body></html>'
    )
    reading = read_document(page.encode("utf-8"), content_type="text/html; charset=utf-8")
    assert reading.encoding_repair == "tcvn3"
    assert "chất lượng: người dân được phục vụ" in reading.text


def test_docx_headers_and_tables_still_come_first() -> None:
    data = make_docx(LINES[4:], header=(LINES[:3], LINES[3:4]), page_header="Mẫu 01")
    reading = read_document(data)
    assert reading.text.splitlines()[:2] == ["Mẫu 01", LINES[0]]
    assert reading.classification.number == "87/QĐ-SKHCN"


def test_a_photographed_declaration_is_ocred() -> None:
    reading = read_document(photographed(LINES, "JPEG"), content_type="image/jpeg")
    assert (reading.format, reading.error, reading.ocr) == ("image", None, True)
    assert reading.ocr_confidence is not None and reading.ocr_confidence > 85
    found = reading.classification
    assert (found.doc_type, found.iso_version, found.number) == (
        "declaration", "2015", "87/QĐ-SKHCN",
    )  # fmt: skip


def test_a_multi_page_tiff_is_read_frame_by_frame_within_the_bound() -> None:
    pages = [f"Trang số {n}: danh mục quy trình nội bộ" for n in range(60)]  # two pages
    data = photographed(pages, "TIFF")
    assert read_document(data).text.count("Trang số") >= 55
    bounded = read_document(data, max_ocr_pages=1)
    assert "Trang số 0" in bounded.text and "Trang số 59" not in bounded.text


def test_a_blank_image_is_an_error() -> None:
    buffer = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buffer, "PNG")
    reading = read_document(buffer.getvalue())
    assert (reading.format, reading.error, reading.ocr) == ("image", NO_TEXT_IN_IMAGE, True)


def test_a_page_scanned_upside_down_or_sideways_is_turned_and_read() -> None:
    page = scan_images(LINES)[0]
    for angle in (180, 90):
        buffer = io.BytesIO()
        page.rotate(angle, expand=True).save(buffer, "PDF", resolution=150)
        reading = read_document(buffer.getvalue())
        assert reading.ocr_confidence is not None and reading.ocr_confidence > 85, angle
        assert "Hệ thống quản lý chất lượng" in reading.text, angle
        assert reading.classification.doc_type == "declaration", angle


def test_an_odt_typed_in_vni_is_repaired_by_its_declared_font_face() -> None:
    line = "Quản ly theo TCVN ISO 9001:2015 tai co quan hanh chinh nha nuoc"
    typed = from_unicode(line, "vni")
    assert read_odt(odt([typed], font="VNI-Times")).font_names == ("VNI-Times",)
    assert read_document(odt([typed])).encoding_repair is None  # one word: too little
    reading = read_document(odt([typed], font="VNI-Times"))
    assert (reading.text, reading.encoding_repair) == (line, "vni")


def test_an_xlsx_set_in_tcvn3_is_repaired_by_its_style_fonts() -> None:
    line = "Quản ly theo TCVN ISO 9001:2015 tai co quan hanh chinh nha nuoc"
    typed = from_unicode(line, "tcvn3")
    assert ".VnTime" in read_xlsx(xlsx([typed], font=".VnTime")).font_names
    assert read_document(xlsx([typed])).encoding_repair is None  # one word: too little
    reading = read_document(xlsx([typed], font=".VnTime"))
    assert reading.encoding_repair == "tcvn3"
    assert line in reading.text
