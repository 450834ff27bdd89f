"""A document's lines written out as a real file of a given format, for the corpus tests.

Each rendering is what an agency's office would publish: a scan without a text layer, a
PDF or Word file typed in a legacy TCVN3/VNI font, a spreadsheet, an ODT, an RTF, a
windows-1258 web page, text in decomposed Unicode (NFD).
"""

from __future__ import annotations

import io
import textwrap
import unicodedata
import zipfile
from collections.abc import Callable
from functools import cache
from xml.sax.saxutils import escape

import openpyxl
import xlwt
from docx import Document
from openpyxl.styles import Font
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors.legacy_fonts import from_unicode
from tests.extractors.documents import FONT_PATH, make_docx, make_pdf, windows_1258
from tests.extractors.word97 import word97_document

LEGACY_FONTS = {"tcvn3": ".VnTime", "vni": "VNI-Times"}
SCAN_DPI = 150
_SCAN_LINES_PER_PAGE = 34
_SCAN_WRAP = 72


def _nfc(lines: list[str]) -> list[str]:
    return [unicodedata.normalize("NFC", line) for line in lines]


def _legacy(lines: list[str], encoding: str) -> list[str]:
    return [from_unicode(line, encoding) for line in _nfc(lines)]


@cache
def _register_legacy_font(name: str) -> None:
    font = TTFont(name, FONT_PATH)
    font.face.name = name.encode("ascii")  # the PDF's BaseFont names the legacy font
    pdfmetrics.registerFont(font)


def legacy_pdf(lines: list[str], encoding: str) -> bytes:
    """A PDF typed in `.VnTime` (tcvn3) or `VNI-Times` (vni): its text layer holds the
    Windows-1252 reading of the legacy bytes, its fonts carry the legacy name."""
    name = LEGACY_FONTS[encoding]
    _register_legacy_font(name)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 60
    pdf.setFont(name, 11)
    for line in _legacy(lines, encoding):
        for part in simpleSplit(line, name, 11, width - 120) or [""]:
            if y < 60:
                pdf.showPage()
                pdf.setFont(name, 11)
                y = height - 60
            pdf.drawString(60, y, part)
            y -= 15
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_images(lines: list[str]) -> list[Image.Image]:
    """The pages of the printed document as scanned at SCAN_DPI, lines wrapped."""
    wrapped = [part for line in _nfc(lines) for part in textwrap.wrap(line, _SCAN_WRAP) or [""]]
    width, height = int(8.27 * SCAN_DPI), int(11.69 * SCAN_DPI)
    font = ImageFont.truetype(FONT_PATH, size=int(SCAN_DPI * 0.15))
    images = []
    for start in range(0, len(wrapped), _SCAN_LINES_PER_PAGE):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(wrapped[start : start + _SCAN_LINES_PER_PAGE]):
            position = (int(SCAN_DPI * 0.8), int(SCAN_DPI * (0.7 + row * 0.3)))
            draw.text(position, line, font=font, fill=0)
        images.append(image)
    return images


def scanned(lines: list[str]) -> bytes:
    """An image-only PDF (a scan of the printed document)."""
    images = scan_images(lines)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def photographed(lines: list[str], image_format: str = "JPEG") -> bytes:
    """The scanned pages as one image file: JPEG or PNG of the first page, or a TIFF with
    a frame per page (as a fax)."""
    images = scan_images(lines)
    buffer = io.BytesIO()
    if image_format == "TIFF":
        images[0].save(buffer, "TIFF", save_all=True, append_images=images[1:])
    else:
        images[0].save(buffer, image_format)
    return buffer.getvalue()


def legacy_docx(lines: list[str], encoding: str) -> bytes:
    """A DOCX whose runs are set in the legacy font and hold the legacy characters."""
    document = Document()
    for line in _legacy(lines, encoding):
        document.add_paragraph().add_run(line).font.name = LEGACY_FONTS[encoding]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def doc(lines: list[str]) -> bytes:
    return word97_document("\n".join(_nfc(lines)))


def legacy_doc(lines: list[str], encoding: str) -> bytes:
    """A Word 97 file typed in a legacy font: 8-bit text, the font in its font table."""
    text = "\n".join(_legacy(lines, encoding))
    text = text.encode("cp1252", errors="replace").decode("cp1252")
    return word97_document(text, encoding="cp1252", fonts=(LEGACY_FONTS[encoding], "Arial"))


def xlsx(lines: list[str], *, font: str | None = None) -> bytes:
    """A workbook with a line per row; with `font`, every cell is set in it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Trang 1"
    for line in lines:
        sheet.append([line])
        if font is not None:
            sheet.cell(row=sheet.max_row, column=1).font = Font(name=font)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls(lines: list[str]) -> bytes:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Trang 1")
    for row, line in enumerate(_nfc(lines)):
        sheet.write(row, 0, line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def odt(lines: list[str], *, font: str | None = None) -> bytes:
    """An ODT whose paragraphs are `lines`; with a `font` face declared, as LibreOffice
    writes a document typed in that font."""
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
    faces = (
        ""
        if font is None
        else (
            f'<office:font-face-decls><style:font-face style:name="{font}" '
            f'svg:font-family="{font}"/></office:font-face-decls>'
        )
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NAMESPACES} '
        f'office:version="1.3">{faces}<office:body><office:text>{paragraphs}</office:text>'
        "</office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def _rtf_escaped(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    return "".join(
        ch if ord(ch) < 128 else f"\\u{ord(ch) - 65536 * (ord(ch) > 32767)}?" for ch in text
    )


def rtf(lines: list[str]) -> bytes:
    """RTF as Word writes it: Unicode escapes, one paragraph per line."""
    body = "".join(f"\\pard {_rtf_escaped(line)}\\par\n" for line in _nfc(lines))
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\froman Times New Roman;}}\n"
        f"\\f0\\fs26\n{body}}}\n"
    ).encode("ascii")


def _rtf_8bit(ch: str) -> str:
    if ch in "\\{}":
        return "\\" + ch
    if ord(ch) < 128:
        return ch
    try:
        return f"\\'{ch.encode('cp1252')[0]:02x}"
    except UnicodeEncodeError:
        return _rtf_escaped(ch)


def legacy_rtf(lines: list[str], encoding: str) -> bytes:
    """RTF typed in a legacy font: the legacy bytes as \\'hh in that font."""
    body = "".join(
        "\\pard " + "".join(_rtf_8bit(ch) for ch in line) + "\\par\n"
        for line in _legacy(lines, encoding)
    )
    font = LEGACY_FONTS[encoding]
    return (
        f"{{\\rtf1\\ansi\\ansicpg1252\\deff0{{\\fonttbl{{\\f0\\fnil\\fcharset0 {font};}}}}\n"
        f"\\f0\\fs26\n{body}}}\n"
    ).encode("ascii")


def html_windows_1258(lines: list[str]) -> bytes:
    """A web page served in windows-1258, its charset only in a meta tag."""
    body = "".join(f"<p>{escape(line)}</p>" for line in _nfc(lines))
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        f"<title>{escape(_nfc(lines)[0])}</title></head><body>"
        '<div class="menu"><a href="/">Trang chủ</a></div>'
        f'<div class="noidung">{body}</div></body></html>'
    )
    return windows_1258(page)


def legacy_text(lines: list[str], encoding: str) -> bytes:
    """Text copied out of a legacy-font document: the legacy characters, saved as UTF-8."""
    return "\n".join(_legacy(lines, encoding)).encode("utf-8")


def nfd_text(lines: list[str]) -> bytes:
    return unicodedata.normalize("NFD", "\n".join(lines)).encode("utf-8")


RENDERINGS: dict[str, tuple[str, Callable[[list[str]], bytes]]] = {
    # name: (the format read_document must find, the renderer)
    "pdf": ("pdf", lambda lines: make_pdf(_nfc(lines))),
    "docx": ("docx", make_docx),
    "scan": ("pdf", scanned),
    "photo": ("image", photographed),
    "pdf-tcvn3": ("pdf", lambda lines: legacy_pdf(lines, "tcvn3")),
    "pdf-vni": ("pdf", lambda lines: legacy_pdf(lines, "vni")),
    "docx-tcvn3": ("docx", lambda lines: legacy_docx(lines, "tcvn3")),
    "docx-vni": ("docx", lambda lines: legacy_docx(lines, "vni")),
    "doc": ("doc", doc),
    "doc-tcvn3": ("doc", lambda lines: legacy_doc(lines, "tcvn3")),
    "doc-vni": ("doc", lambda lines: legacy_doc(lines, "vni")),
    "xlsx": ("xlsx", lambda lines: xlsx(_nfc(lines))),
    "xlsx-tcvn3": ("xlsx", lambda lines: xlsx(_legacy(lines, "tcvn3"), font=".VnTime")),
    "xls": ("xls", xls),
    "odt": ("odt", lambda lines: odt(_nfc(lines))),
    "odt-vni": ("odt", lambda lines: odt(_legacy(lines, "vni"), font="VNI-Times")),
    "rtf": ("rtf", rtf),
    "rtf-tcvn3": ("rtf", lambda lines: legacy_rtf(lines, "tcvn3")),
    "html-cp1258": ("html", html_windows_1258),
    "txt-tcvn3": ("txt", lambda lines: legacy_text(lines, "tcvn3")),
    "txt-vni": ("txt", lambda lines: legacy_text(lines, "vni")),
    "txt-nfd": ("txt", nfd_text),
}
