import json
import random

import pytest

from extractors import DOC_TYPES, Reading, classify_text, read_document

CONTRACT = {
    "doc_type", "iso_version", "versions_mentioned", "year", "number", "issued", "issuer",
    "signer", "scope", "legal_bases", "encoding_repair", "ocr", "ocr_confidence", "ocr_pages",
    "cues", "format", "title", "error",
    "signer_title", "scope_list", "cited_texts", "vocabulary", "held",
}  # fmt: skip
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100


def test_a_broken_doc_is_an_error_naming_both_tools() -> None:
    reading = read_document(OLE, filename="qd.doc")
    assert reading.format == "doc"
    assert reading.error is not None and "antiword" in reading.error and "catdoc" in reading.error


def test_doc_types_are_the_design_list() -> None:
    assert DOC_TYPES == (
        "declaration", "quality_policy", "quality_objectives", "quality_manual", "process_list",
        "procedure", "plan", "report", "internal_audit", "management_review", "not_qms",
    )  # fmt: skip


def test_an_empty_file_is_an_error() -> None:
    reading = read_document(b"")
    assert (reading.format, reading.error, reading.classification.doc_type) == (
        "unknown", "empty file", "not_qms",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("data", "filename", "fmt", "error"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "hoso.zip", "zip", "archives not yet supported"),
        (
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,
            None,
            "image",
            "unreadable image (UnidentifiedImageError)",
        ),
        (bytes(range(256)) * 4, None, "unknown", "unknown format"),
    ],
)
def test_unsupported_formats_are_errors(
    data: bytes, filename: str | None, fmt: str, error: str
) -> None:
    reading = read_document(data, filename=filename)
    assert (reading.format, reading.error) == (fmt, error)
    assert reading.classification.doc_type == "not_qms"


def test_random_bytes_never_raise() -> None:
    rng = random.Random(9001)
    for size in (1, 7, 100, 5000):
        for prefix in (b"", b"%PDF-1.5\n", b"PK\x03\x04", b"<html>"):
            reading = read_document(prefix + rng.randbytes(size))
            assert isinstance(reading, Reading)
            assert reading.classification.doc_type in DOC_TYPES


def test_as_dict_has_the_classify_json_contract() -> None:
    text = (
        "Số: 01/QĐ-UBND\nHà Nội, ngày 02 tháng 01 năm 2026\nQUYẾT ĐỊNH\n"
        "Về việc ban hành Mục tiêu chất lượng năm 2026\n"
        "Căn cứ Quyết định số 19/2014/QĐ-TTg;\nĐiều 1. Ban hành."
    )
    reading = read_document(text.encode())
    data = reading.as_dict()
    assert set(data) >= CONTRACT
    assert json.loads(json.dumps(data)) == data
    assert data["doc_type"] == "quality_objectives"
    assert (data["year"], data["number"], data["issued"]) == (2026, "01/QĐ-UBND", "2026-01-02")
    assert data["legal_bases"][0]["number"] == "19/2014/QĐ-TTg"


def test_classify_text_with_an_outside_title() -> None:
    body = "Sở Tư pháp cam kết áp dụng HTQLCL theo TCVN ISO 9001:2015, phục vụ người dân tận tâm."
    found = classify_text(body, title="Chính sách chất lượng")
    assert (found.doc_type, found.iso_version) == ("quality_policy", "2015")
    assert found.cues[0] == "title: 'Chính sách chất lượng'"


def test_a_headline_about_a_document_is_not_the_document() -> None:
    body = "Ngày 12/01, Sở Nội vụ đã ban hành kế hoạch duy trì HTQLCL. Tham dự có các phòng."
    found = classify_text(body, title="Sở Nội vụ ban hành Kế hoạch duy trì HTQLCL năm 2026")
    assert found.doc_type == "not_qms"


def test_a_post_that_is_only_a_long_title_over_an_attachment_is_not_qms() -> None:
    title = (
        "BÁO CÁO Tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
        "theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 năm 2025"
    )
    page = (
        f"<html><body><article><h1>{title}</h1><p>Đăng ngày 09/12/2025</p>"
        '<p>Tệp đính kèm: <a href="/files/bao-cao-2025.pdf">bao-cao-ap-dung-htqlcl-2025</a></p>'
        "</article></body></html>"
    ).encode()
    reading = read_document(page, content_type="text/html")
    assert reading.classification.doc_type == "not_qms"
    assert "only a title" in reading.classification.cues[0]


def test_as_dict_extends_the_contract_with_what_the_rules_read() -> None:
    text = (
        "SỞ TƯ PHÁP\nSố: 56/QĐ-STP\nHà Nội, ngày 02 tháng 3 năm 2026\nQUYẾT ĐỊNH\n"
        "Về việc công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015\n"
        "Căn cứ Quyết định số 19/2014/QĐ-TTg;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Công bố HTQLCL của Sở đối với các thủ tục tại Danh mục kèm theo.\n"
        "Điều 2. Đại diện lãnh đạo chịu trách nhiệm thi hành.\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Thị Bích Hạnh\n"
    )
    data = read_document(text.encode()).as_dict()
    assert data["doc_type"] == "declaration"
    assert data["signer_title"] == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    assert data["scope_list"] is True
    assert data["cited_texts"] == ["19/2014/QĐ-TTg"]
    assert data["vocabulary"] == {"2008": ["đại diện lãnh đạo"]}
    assert data["held"] == []
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("edition", "version"),
    [
        ("ISO 9001:2026", "2026"),
        ("TCVN ISO 9001:2026", "2026"),
        ("TCVN ISO 9001:2015/Amd 1:2024", "2015"),
        ("ISO 9001:2015/Amd.1:2024", "2015"),
    ],
)
def test_classify_json_reads_2026_and_an_amended_2015(edition: str, version: str) -> None:
    text = (
        f"SỞ TƯ PHÁP\nCHÍNH SÁCH CHẤT LƯỢNG\ntheo {edition}\n"
        "Sở Tư pháp cam kết áp dụng, duy trì Hệ thống quản lý chất lượng.\n"
        "1. Giải quyết thủ tục hành chính đúng hạn.\nGIÁM ĐỐC\nNguyễn Văn An\n"
    )
    data = read_document(text.encode()).as_dict()
    assert (data["doc_type"], data["iso_version"]) == ("quality_policy", version)
    assert data["year"] is None  # in the title, "Amd 1:2024" is not the year it is for
