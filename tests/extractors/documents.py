"""Real PDF and DOCX files for tests: reportlab with DejaVuSans, python-docx."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from functools import cache

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT = "DejaVuSans"
SIZE = 11
MARGIN = 60
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_PATH))


def make_pdf(
    lines: list[str],
    *,
    header: tuple[list[str], list[str]] | None = None,
    pages: int = 1,
) -> bytes:
    """A text PDF: an optional two-column header (agency | motto and date), then `lines`
    wrapped to the page width; the whole body repeated on `pages` pages."""
    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for page in range(pages):
        pdf.setFont(FONT, SIZE)
        y = height - MARGIN
        if header is not None and page == 0:
            left, right = header
            for row, text in enumerate(left):
                pdf.drawCentredString(MARGIN + 110, y - row * 15, text)
            for row, text in enumerate(right):
                pdf.drawCentredString(width - MARGIN - 130, y - row * 15, text)
            y -= 15 * max(len(left), len(right)) + 20
        for line in lines:
            for part in simpleSplit(line, FONT, SIZE, width - 2 * MARGIN) or [""]:
                if y < MARGIN:
                    pdf.showPage()
                    pdf.setFont(FONT, SIZE)
                    y = height - MARGIN
                pdf.drawString(MARGIN, y, part)
                y -= 15
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_blank_pdf(pages: int = 1) -> bytes:
    """A PDF with pages but no text layer (as a scan without OCR would be)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        pdf.rect(100, 100, 300, 400, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(
    lines: list[str],
    *,
    header: tuple[list[str], list[str]] | None = None,
    page_header: str | None = None,
) -> bytes:
    """A DOCX: an optional two-cell header table, then one paragraph per line."""
    document = Document()
    if page_header is not None:
        document.sections[0].header.paragraphs[0].text = page_header
    if header is not None:
        table = document.add_table(rows=1, cols=2)
        for cell, cell_lines in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].text = cell_lines[0]
            for text in cell_lines[1:]:
                cell.add_paragraph(text)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def windows_1258(text: str) -> bytes:
    """Encode as windows-1258 does: letters with a tone mark become the base letter (which
    may carry a circumflex, breve or horn) followed by a combining tone mark."""
    out: list[str] = []
    for char in text:
        try:
            out.append(char.encode("windows-1258").decode("windows-1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("windows-1258")


@cache
def bzip2_bomb_docx(unpacked: int) -> bytes:
    """A DOCX of about 1 KB whose document.xml, compressed with bzip2, unpacks to
    `unpacked` bytes (honestly declared): zipfile would inflate it in one step."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES, zipfile.ZIP_DEFLATED)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            chunk = b"A" * (1 << 24)
            for _ in range(unpacked >> 24):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
