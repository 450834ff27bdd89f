from extractors import read_document
from extractors.docx import read_docx
from tests.extractors.documents import make_docx

HEADER = (
    ["UBND TỈNH AN GIANG", "SỞ TƯ PHÁP", "Số: 15/KH-STP"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Giang, ngày 10 tháng 01 năm 2026",
    ],
)
PLAN = [
    "KẾ HOẠCH",
    "Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Duy trì hiệu lực HTQLCL; cập nhật văn bản quy phạm pháp luật mới.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Bùi Thị Lan",
]


def test_header_table_then_body_in_order() -> None:
    text = read_docx(make_docx(PLAN, header=HEADER, page_header="Tài liệu nội bộ")).text
    lines = text.splitlines()
    assert lines[0] == "Tài liệu nội bộ"
    assert lines[1:4] == HEADER[0]
    assert lines.index("KẾ HOẠCH") > lines.index("Độc lập - Tự do - Hạnh phúc")


def test_a_plan_docx() -> None:
    reading = read_document(make_docx(PLAN, header=HEADER), filename="kh.docx")
    found = reading.classification
    assert (reading.format, reading.error) == ("docx", None)
    assert (found.doc_type, found.iso_version, found.year) == ("plan", "2015", 2026)
    assert found.number == "15/KH-STP" and found.issuer == "SỞ TƯ PHÁP"
    assert found.signer == "Bùi Thị Lan"


def test_a_broken_docx_is_an_error_not_an_exception() -> None:
    data = make_docx(PLAN)
    for broken in (data[: len(data) // 2], b"PK\x03\x04" + b"\x00" * 100):
        reading = read_document(broken, filename="x.docx")
        assert reading.error is not None and reading.error.startswith("unreadable DOCX")
        assert reading.classification.doc_type == "not_qms"
