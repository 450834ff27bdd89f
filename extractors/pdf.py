"""The text layer of a PDF with pypdfium2, page by page, and the names of its fonts.

pypdfium2 reads about 30 times faster than pdfminer.six (as fast as poppler's pdftotext,
in-process) with the same Vietnamese text and reading order, keeps the U+00AD of TCVN3
text, and names each text object's font (`.VnTime`, `VNI-Times`) for the legacy repair
(bench/README.md). A page whose text layer is missing or garbage is marked
for OCR by `needs_ocr`.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = [
    "DEFAULT_MAX_PAGES",
    "NO_TEXT_LAYER",
    "PdfText",
    "needs_ocr",
    "read_pdf",
]

DEFAULT_MAX_PAGES = 40
NO_TEXT_LAYER = "no text layer"
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_MIN_PAGE_LETTERS = 20  # fewer letters than this on a page: a scan (or a blank page)
_MIN_LETTER_SHARE = 0.4  # of the visible characters; below it the text layer is garbage
_MAX_JUNK_SHARE = 0.1  # replacement, control and private-use characters
_JUNK = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")
# pdfium marks a hyphen that ends a line ("87/QĐ-" ⏎ "SKHCN") with U+FFFE (older builds
# with U+0002): put the hyphen back and keep the line break, as the layout has it.
_LINE_END_HYPHEN = re.compile("[\ufffe\x02]")
# Latin-1 signs and letters that Unicode Vietnamese never uses but text typed in a legacy
# TCVN3 or VNI font comes out as ("qu¶n", "quaûn"): only then are font names worth reading.
_LEGACY_LOOKING = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212]"
)


@dataclass(frozen=True)
class PdfText:
    """The text layer of the pages read, one string per page, or an error.

    page_count: pages in the file (`pages` holds at most the first `max_pages`).
    to_ocr: per page read, whether it needs OCR: its text layer is unusable (`needs_ocr`)
    and something is drawn on it (a blank page has nothing to read).
    font_names: the fonts of the text objects, read only when the text looks as if it
    could be in a legacy font.
    """

    pages: tuple[str, ...]
    error: str | None
    page_count: int = 0
    font_names: tuple[str, ...] = ()
    to_ocr: tuple[bool, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def needs_ocr(page_text: str) -> bool:
    """Whether a page's text layer is unusable: (almost) no letters, or mostly junk."""
    visible = [ch for ch in page_text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    if letters < _MIN_PAGE_LETTERS:
        return True
    junk = len(_JUNK.findall(page_text))
    return letters < _MIN_LETTER_SHARE * len(visible) or junk > _MAX_JUNK_SHARE * len(visible)


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LINE_END_HYPHEN.sub("-\n", text)


def _font_names(page: pdfium.PdfPage) -> set[str]:
    names: set[str] = set()
    for text_object in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=2):
        font = pdfium_c.FPDFTextObj_GetFont(text_object.raw)
        if not font:
            continue
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(max(size, 1))
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        if buffer.value:
            names.add(buffer.value.decode("utf-8", errors="replace"))
    return names


def _is_drawn_on(page: pdfium.PdfPage) -> bool:
    return bool(pdfium_c.FPDFPage_CountObjects(page.raw) > 0)


def _open(data: bytes) -> pdfium.PdfDocument | str:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR:
            return "encrypted PDF (password required)"
        return f"unreadable PDF ({str(error)[:120]})"


def read_pdf(data: bytes, *, max_pages: int = DEFAULT_MAX_PAGES) -> PdfText:
    """Return the text of the first `max_pages` pages, or an error for a broken or
    encrypted file. Never raises for bad input; a page without text gives ""."""
    document = _open(data)
    if isinstance(document, str):
        return PdfText((), document)
    try:
        pages: list[str] = []
        to_ocr: list[bool] = []
        fonts: set[str] = set()
        for index in range(min(len(document), max_pages)):
            page = document[index]
            try:
                pages.append(_page_text(page))
                to_ocr.append(needs_ocr(pages[-1]) and _is_drawn_on(page))
                if _LEGACY_LOOKING.search(pages[-1]):
                    fonts |= _font_names(page)
            finally:
                page.close()
        return PdfText(tuple(pages), None, len(document), tuple(sorted(fonts)), tuple(to_ocr))
    except pdfium.PdfiumError as error:
        return PdfText((), f"unreadable PDF ({str(error)[:120]})")
    finally:
        document.close()
