import io
import zipfile

from docx import Document

from extractors import read_document
from extractors.docx import read_docx
from extractors.zip_packages import MAX_UNPACKED_BYTES
from tests.extractors.documents import bzip2_bomb_docx, make_docx

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


def _merged_tables_docx() -> tuple[bytes, list[str]]:
    """A declaration whose header table and process table have merged cells, and the lines
    a reader should give: each cell once, row by row, left column first."""
    document = Document()
    header = document.add_table(rows=3, cols=3)
    header.cell(0, 0).merge(header.cell(1, 0))
    for row in range(3):
        header.cell(row, 1).merge(header.cell(row, 2))
    header.cell(0, 0).text = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    header.cell(2, 0).text = "Số: 87/QĐ-SKHCN"
    header.cell(2, 1).text = "Đồng Tháp, ngày 05 tháng 3 năm 2024"
    lines = [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 87/QĐ-SKHCN",
        "Đồng Tháp, ngày 05 tháng 3 năm 2024",
        *DECLARATION_BODY,
    ]
    for line in DECLARATION_BODY:
        document.add_paragraph(line)
    processes = document.add_table(rows=12, cols=3)
    for first in range(0, 12, 4):  # a group name spanning four rows, as process lists have
        processes.cell(first, 0).merge(processes.cell(first + 3, 0))
        processes.cell(first, 0).text = f"Nhóm {first // 4 + 1}"
        lines.append(f"Nhóm {first // 4 + 1}")
        for row in range(first, first + 4):
            processes.cell(row, 1).text = f"QT-{row + 1:02d}"
            processes.cell(row, 2).text = f"Quy trình số {row + 1}"
            lines += [f"QT-{row + 1:02d}", f"Quy trình số {row + 1}"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), lines


DECLARATION_BODY = [
    "QUYẾT ĐỊNH",
    "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
    "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "QUYẾT ĐỊNH:",
    "Điều 1. Công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015.",
]


def test_merged_cells_are_read_once_each_and_the_same_every_time() -> None:
    data, lines = _merged_tables_docx()
    readings = [read_document(data, filename="qd.docx") for _ in range(200)]
    assert {reading.text for reading in readings} == {"\n".join(lines)}
    assert {reading.classification.number for reading in readings} == {"87/QĐ-SKHCN"}


def test_a_bzip2_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = bzip2_bomb_docx(64 << 20)
    assert len(bomb) < 1024
    result = read_docx(bomb)
    assert result.text == ""
    assert result.error is not None and "word/document.xml" in result.error
    assert "not deflate" in result.error


def test_a_package_that_unpacks_to_too_much_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/image1.bmp", "w", force_zip64=True) as member:
            for _ in range(MAX_UNPACKED_BYTES // (1 << 24) + 1):
                member.write(bytes(1 << 24))
    result = read_docx(buffer.getvalue())
    assert result.error is not None and "unpacks to more than" in result.error
