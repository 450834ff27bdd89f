"""The text layer of a PDF with pdfminer.six, at most a given number of pages."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFPasswordIncorrect

__all__ = ["DEFAULT_MAX_PAGES", "NO_TEXT_LAYER", "PdfText", "read_pdf"]

DEFAULT_MAX_PAGES = 40
NO_TEXT_LAYER = "no text layer (OCR not yet supported)"
_MIN_TEXT_CHARS = 20  # fewer letters than this on the pages read: a scan


@dataclass(frozen=True)
class PdfText:
    text: str
    error: str | None


def read_pdf(data: bytes, *, max_pages: int = DEFAULT_MAX_PAGES) -> PdfText:
    """Return the text of the first `max_pages` pages, or an error: broken, encrypted, or
    without a text layer. Never raises for bad input."""
    try:
        text = extract_text(io.BytesIO(data), maxpages=max_pages, laparams=LAParams())
    except PDFPasswordIncorrect:
        return PdfText("", "encrypted PDF (password required)")
    except Exception as exc:  # pdfminer raises many kinds of errors on malformed files
        return PdfText("", f"unreadable PDF ({type(exc).__name__}: {str(exc)[:120]})")
    if sum(ch.isalpha() for ch in text) < _MIN_TEXT_CHARS:
        return PdfText(text, NO_TEXT_LAYER)
    return PdfText(text.replace("\x0c", "\n"), None)
