"""A PDF's text: each page's text layer where it is usable, Tesseract OCR where it is not."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.ocr import DEFAULT_DPI, ocr_pdf
from extractors.pdf import DEFAULT_MAX_PAGES, NO_TEXT_LAYER, read_pdf

__all__ = ["DEFAULT_MAX_OCR_PAGES", "NO_TEXT_FOUND", "PdfReading", "read_pdf_pages"]

NO_TEXT_FOUND = "no text layer, and OCR found no text"
DEFAULT_MAX_OCR_PAGES = 10  # ~1 s a page: a 40-page scan is read in part, not timed out


@dataclass(frozen=True, kw_only=True)
class PdfReading:
    """The text of the pages read, or an error when no page gave any.

    ocr_pages: the 1-based numbers of the pages whose text came from OCR.
    ocr_confidence: Tesseract's mean word confidence over those pages (0-100).
    """

    text: str
    error: str | None
    font_names: tuple[str, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    ocr_confidence: float | None = None


def read_pdf_pages(
    data: bytes,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES,
    dpi: int = DEFAULT_DPI,
) -> PdfReading:
    """Read the first `max_pages` pages; OCR at most `max_ocr_pages` of them, the first
    ones whose text layer is missing or garbage. Never raises for bad input."""
    layer = read_pdf(data, max_pages=max_pages)
    if layer.error is not None:
        return PdfReading(text="", error=layer.error)
    if not layer.pages:
        return PdfReading(text="", error="PDF without pages")
    pages = list(layer.pages)
    scanned = [number for number, flag in enumerate(layer.to_ocr, 1) if flag]
    to_read = scanned[:max_ocr_pages]
    if not to_read or max_ocr_pages <= 0:
        return _without_ocr(pages, layer.font_names, scanned)
    result = ocr_pdf(data, pages=to_read, dpi=dpi)
    if result.error is not None:
        return _without_ocr(pages, layer.font_names, scanned, result.error)
    for page in result.pages:
        pages[page.number - 1] = page.text
    text = "\n".join(pages)
    return PdfReading(
        text=text,
        error=None if any(ch.isalpha() for ch in text) else NO_TEXT_FOUND,
        font_names=layer.font_names,
        ocr_pages=tuple(page.number for page in result.pages),
        ocr_confidence=result.confidence,
    )


def _without_ocr(
    pages: list[str], font_names: tuple[str, ...], scanned: list[int], ocr_error: str | None = None
) -> PdfReading:
    """The text layer alone: an error when every page needed OCR and none was done."""
    text = "\n".join(pages)
    if not any(text.strip() for text in pages) or (scanned and len(scanned) == len(pages)):
        reason = NO_TEXT_LAYER if ocr_error is None else f"{NO_TEXT_LAYER}; {ocr_error}"
        return PdfReading(text=text, error=reason, font_names=font_names)
    return PdfReading(text=text, error=None, font_names=font_names)
