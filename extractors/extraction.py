"""The text of a file of a known format, before repair, with what the repair needs to know.

One reader per format; each gives its text, or an error, and where the format names them
the fonts the text was set in (for the TCVN3/VNI repair). PDFs and images also say which
pages were OCRed and how confident Tesseract was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from extractors.doc import read_doc
from extractors.docx import read_docx
from extractors.html import HtmlPage, read_html
from extractors.images import ocr_image
from extractors.odt import read_odt
from extractors.pdf_pages import read_pdf_pages
from extractors.rtf import read_rtf
from extractors.sheets import read_xls, read_xlsx
from extractors.text import decode_text

__all__ = ["NO_TEXT_IN_IMAGE", "Extracted", "extract"]

_UNSUPPORTED = {
    "zip": "archives not yet supported",
    "rar": "archives not yet supported",
    "7z": "archives not yet supported",
}
NO_TEXT_IN_IMAGE = "OCR found no text in the image"


class _FontedText(Protocol):
    """What the readers of DOCX, DOC, XLS(X), RTF and ODT give."""

    @property
    def text(self) -> str: ...
    @property
    def error(self) -> str | None: ...
    @property
    def font_names(self) -> tuple[str, ...]: ...


_READERS: dict[str, Callable[[bytes], _FontedText]] = {
    "docx": read_docx,
    "doc": read_doc,
    "xls": read_xls,
    "rtf": read_rtf,
    "odt": read_odt,
    "xlsx": read_xlsx,
}


@dataclass(frozen=True, kw_only=True)
class Extracted:
    """Text as the format gave it (not yet normalised or repaired).

    legacy_encoding: decoded from windows-1258. legacy_font: the text was already turned
    from TCVN3/VNI into Unicode by the reader (HTML). page: for HTML, the measured main
    content.
    """

    text: str
    error: str | None = None
    title: str | None = None
    font_names: tuple[str, ...] = ()
    legacy_encoding: bool = False
    legacy_font: str | None = None
    ocr_pages: tuple[int, ...] = ()
    ocr_confidence: float | None = None
    page: HtmlPage | None = None


def _html(data: bytes, content_type: str | None) -> Extracted:
    page = read_html(data, content_type=content_type)
    return Extracted(
        text=page.text,
        title=page.title,
        legacy_encoding=page.legacy_encoding,
        legacy_font=page.legacy_font,
        page=page,
    )


def _pdf(data: bytes, max_pdf_pages: int, max_ocr_pages: int) -> Extracted:
    pdf = read_pdf_pages(data, max_pages=max_pdf_pages, max_ocr_pages=max_ocr_pages)
    return Extracted(
        text=pdf.text,
        error=pdf.error,
        font_names=pdf.font_names,
        ocr_pages=pdf.ocr_pages,
        ocr_confidence=pdf.ocr_confidence,
    )


def _image(data: bytes, max_ocr_pages: int) -> Extracted:
    if max_ocr_pages <= 0:
        return Extracted(text="", error="image not read (OCR is off)")
    result = ocr_image(data, max_pages=max_ocr_pages)
    if result.error is not None:
        return Extracted(text="", error=result.error)
    text = result.text
    return Extracted(
        text=text,
        error=None if any(ch.isalpha() for ch in text) else NO_TEXT_IN_IMAGE,
        ocr_pages=tuple(page.number for page in result.pages),
        ocr_confidence=result.confidence,
    )


def extract(
    data: bytes,
    fmt: str,
    *,
    content_type: str | None = None,
    max_pdf_pages: int,
    max_ocr_pages: int,
) -> Extracted:
    """The text of `data`, which is in format `fmt` (from `sniff_format`)."""
    if fmt == "html":
        return _html(data, content_type)
    if fmt == "pdf":
        return _pdf(data, max_pdf_pages, max_ocr_pages)
    if fmt == "image":
        return _image(data, max_ocr_pages)
    if fmt == "txt":
        decoded = decode_text(data)
        return Extracted(text=decoded.text, legacy_encoding=decoded.legacy)
    if fmt in _READERS:
        found = _READERS[fmt](data)
        return Extracted(text=found.text, error=found.error, font_names=found.font_names)
    return Extracted(text="", error=_UNSUPPORTED.get(fmt, "unknown format"))
