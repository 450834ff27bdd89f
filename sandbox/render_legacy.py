"""Lay out a `Paper` in a legacy Vietnamese font: a PDF in `.VnTime` / `VNI-Times`, or RTF.

The PDF's text layer holds the Windows-1252 reading of the legacy bytes (what extraction
gives for such files), in DejaVu embedded under the legacy font's name, so both the text
and the font name show the encoding. The RTF is what agencies publish as `.doc`: Word opens
RTF under that name; it is written in Unicode (`\\uN?` escapes), not in a legacy font.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from sandbox.legacy_text import to_tcvn3, to_vni
from sandbox.paperwork import Paper, paper_lines

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LEGACY_FONTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "tcvn3": (".VnTime", to_tcvn3),
    "vni": ("VNI-Times", to_vni),
}
SIZE = 11
LEADING = 15
MARGIN = 60
WRAP = 88  # characters per line


@cache
def _register(font_name: str, font_file: Path) -> None:
    font = TTFont(font_name, str(font_file))
    font.face.name = font_name.encode("ascii")  # the PDF's BaseFont then names the legacy font
    pdfmetrics.registerFont(font)


def _wrapped(text: str) -> list[str]:
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > WRAP:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*pieces, current]


def paper_to_legacy_pdf(paper: Paper, *, encoding: str, font_file: Path = FONT_FILE) -> bytes:
    """`paper` typed in the legacy font of `encoding` ("tcvn3" or "vni"); stable bytes."""
    font_name, encode = LEGACY_FONTS[encoding]
    _register(font_name, font_file)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    y = height - MARGIN
    for line in paper_lines(paper):
        for piece in _wrapped(encode(line.text)):
            if y < MARGIN:
                pdf.showPage()
                y = height - MARGIN
            pdf.setFont(font_name, SIZE)
            if line.center:
                pdf.drawCentredString(width / 2, y, piece)
            else:
                pdf.drawString(MARGIN, y, piece)
            y -= LEADING
    pdf.save()
    return buffer.getvalue()


def _rtf_text(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    return "".join(c if ord(c) < 128 else f"\\u{_signed16(ord(c))}?" for c in escaped)


def _signed16(code: int) -> int:
    return code - 65536 if code > 32767 else code


def paper_to_rtf(paper: Paper) -> bytes:
    """`paper` as an RTF document (served as a legacy `.doc`)."""
    paragraphs = []
    for line in paper_lines(paper):
        alignment = "\\qc" if line.center else "\\qj"
        weight = "\\b " if line.bold else ""
        paragraphs.append(f"\\pard{alignment} {weight}{_rtf_text(line.text)}\\b0\\par")
    rtf = (
        "{\\rtf1\\ansi\\ansicpg1258\\deff0\\uc1{\\fonttbl{\\f0\\froman Times New Roman;}}\n"
        "\\f0\\fs26\n" + "\n".join(paragraphs) + "\n}\n"
    )
    return rtf.encode("ascii")
