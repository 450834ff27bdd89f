from extractors import read_document
from extractors.pdf import NO_TEXT_LAYER, read_pdf
from extractors.pdf_pages import NO_TEXT_FOUND
from tests.extractors.documents import make_blank_pdf, make_pdf

HEADER = (
    ["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 87/QĐ-", "SKHCN"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""],
)
BODY = [
    "Đồng Tháp, ngày 05 tháng 3 năm 2024",
    "QUYẾT ĐỊNH",
    "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
    "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng "
    "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động của "
    "các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Công bố Hệ thống quản lý chất lượng của Sở phù hợp TCVN ISO 9001:2015 đối với các "
    "hoạt động giải quyết thủ tục hành chính.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "GIÁM ĐỐC",
    "Nguyễn Văn An",
]


def test_a_declaration_pdf() -> None:
    reading = read_document(make_pdf(BODY, header=HEADER), filename="qd-87.pdf")
    found = reading.classification
    assert (reading.format, reading.error) == ("pdf", None)
    assert found.doc_type == "declaration" and found.iso_version == "2015"
    assert found.number == "87/QĐ-SKHCN"  # broken after its hyphen in the PDF
    assert found.issued is not None and found.issued.isoformat() == "2024-03-05"
    assert found.issuer == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert found.signer == "Nguyễn Văn An"
    assert [basis.number for basis in found.legal_bases] == ["19/2014/QĐ-TTg"]
    assert reading.title is not None and reading.title.startswith("QUYẾT ĐỊNH Về việc công bố")


def test_only_the_first_pages_are_read() -> None:
    data = make_pdf([f"Dòng {n} của trang" for n in range(40)], pages=6)
    assert read_pdf(data, max_pages=2).text.count("Dòng 0 của trang") == 2
    assert read_pdf(data, max_pages=10).text.count("Dòng 0 của trang") == 6


def test_a_pdf_without_a_text_layer_is_an_error_when_ocr_is_off() -> None:
    reading = read_document(make_blank_pdf(2), max_ocr_pages=0)
    assert reading.error == NO_TEXT_LAYER
    assert reading.classification.doc_type == "not_qms"
    assert (reading.ocr, reading.ocr_confidence) == (False, None)


def test_a_pdf_whose_pages_hold_no_text_at_all_is_an_error() -> None:
    reading = read_document(make_blank_pdf(1))
    assert reading.error == NO_TEXT_FOUND
    assert reading.ocr is True
    assert reading.classification.doc_type == "not_qms"


def test_a_broken_pdf_is_an_error_not_an_exception() -> None:
    for data in (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer", make_pdf(BODY)[:700]):
        reading = read_document(data)
        assert reading.format == "pdf"
        assert reading.error is not None
        assert reading.classification.doc_type == "not_qms"


def test_glyph_mixups_of_a_text_layer_are_repaired() -> None:
    reading = read_document(make_pdf(["CHÍNH SÁCH CHẤT LƢỢNG", "Sở cam kết chất lƣợng phục vụ."]))
    assert "CHẤT LƯỢNG" in reading.text and "\u01a2" not in reading.text
    assert reading.encoding_repair == "pdf-glyph-oi"
    assert reading.classification.doc_type == "quality_policy"
