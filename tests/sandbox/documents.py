"""Reading a served document as a reader with every capability would (short of OCR)."""

from __future__ import annotations

import io
import re
import unicodedata

import docx
from pdfminer.high_level import extract_text

from tests.sandbox.conftest import Answer

TITLE_WORDS = {
    "declaration": "công bố Hệ thống quản lý chất lượng",
    "quality_policy": "CHÍNH SÁCH CHẤT LƯỢNG",
    "quality_objectives": "MỤC TIÊU CHẤT LƯỢNG NĂM",
    "quality_manual": "SỔ TAY CHẤT LƯỢNG",
    "process_list": "DANH MỤC QUY TRÌNH",
    "procedure": "QUY TRÌNH",
    "plan": "Duy trì, cải tiến Hệ thống quản lý chất lượng",
    "internal_audit": "Kết quả đánh giá nội bộ",
    "report": "Tình hình xây dựng, áp dụng, duy trì",
    "management_review": "Họp xem xét của lãnh đạo",
}
MAGIC = {
    "pdf": b"%PDF",
    "image_pdf": b"%PDF",
    "tcvn3_pdf": b"%PDF",
    "vni_pdf": b"%PDF",
    "docx": b"PK\x03\x04",
    "doc_rtf": b"{\\rtf1",
    "html": b"<!DOCTYPE html>",
}


def document_text(document_format: str, answer: Answer) -> str:
    """The document's text as a reader with every capability would get it (short of OCR)."""
    body = answer.body
    if document_format in ("pdf", "tcvn3_pdf", "vni_pdf", "image_pdf"):
        return extract_text(io.BytesIO(body))
    if document_format == "docx":
        document = docx.Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if document_format == "doc_rtf":
        assert body.startswith(b"{\\rtf1")
        decoded = re.sub(rb"\\u(-?\d+)\?", lambda m: chr(int(m.group(1)) % 65536).encode(), body)
        return decoded.decode("utf-8")
    if "charset=utf-8" in answer.headers["content-type"]:
        return body.decode("utf-8")
    return body.decode("cp1258")


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
