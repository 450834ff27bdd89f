from __future__ import annotations

import pytest

from crawler.documents import filename_from_disposition, is_document, sniff_document

DOCX = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml word/document.xml"
XLSX = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml xl/workbook.xml"
ODT = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\r\n %PDF-1.4", "pdf"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 8, "ole2"),
        (DOCX, "ooxml"),
        (XLSX, "ooxml"),
        (ODT, "odf"),
        (b"{\\rtf1\\ansi", "rtf"),
        (b"PK\x03\x04 some zip of images", None),
        (b"<!doctype html><html>", None),
        (b"", None),
    ],
)
def test_sniff_document(body: bytes, kind: str | None) -> None:
    assert sniff_document(body) == kind


@pytest.mark.parametrize(
    ("header", "name"),
    [
        (b'attachment; filename="Quy trinh 01.pdf"', "Quy trinh 01.pdf"),
        (b"attachment; filename=qd.doc", "qd.doc"),
        (b"attachment; filename*=UTF-8''M%E1%BB%A5c%20ti%C3%AAu.docx", "Mục tiêu.docx"),
        ('attachment; filename="Quyết định.pdf"'.encode(), "Quyết định.pdf"),
        (b'inline; filename="C:\\\\tmp\\\\a.pdf"', "a.pdf"),
        (b"attachment", None),
        (None, None),
    ],
)
def test_filename_from_disposition(header: bytes | None, name: str | None) -> None:
    assert filename_from_disposition(header) == name


def test_document_by_magic_bytes_whatever_the_headers() -> None:
    assert is_document(b"%PDF-1.4", "application/octet-stream", None)
    assert is_document(DOCX, "text/html", None)


def test_document_by_content_type() -> None:
    assert is_document(b"garbage", "application/msword; charset=x", None)


def test_document_by_disposition_name() -> None:
    assert is_document(b"garbage", "application/octet-stream", "bao-cao.XLS")


def test_html_page_is_not_a_document() -> None:
    assert not is_document(b"<html></html>", "text/html; charset=utf-8", None)
    assert not is_document(b"\x89PNG", "image/png", "logo.png")
