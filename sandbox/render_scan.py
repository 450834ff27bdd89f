"""Lay out a `Paper` as a scanned, image-only PDF: greyscale page images and no text layer."""

from __future__ import annotations

import io
import time
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4

from sandbox.paperwork import Line, Paper, paper_lines

DPI = 150
PAGE_PIXELS = (round(A4[0] / 72 * DPI), round(A4[1] / 72 * DPI))
MARGIN = 150
FONT_PIXELS = 25  # about 12 pt at 150 dpi
LEADING = 36
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@cache
def _font(font_dir: Path, bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(font_dir / name), FONT_PIXELS)


def _wrapped(line: Line, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """`line` broken at spaces into pieces no wider than `width` pixels."""
    pieces: list[str] = []
    current = ""
    for word in line.text.split(" "):
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            pieces.append(current)
            current = word
        else:
            current = candidate
    return [*pieces, current]


def _pages(paper: Paper, font_dir: Path) -> list[Image.Image]:
    width, height = PAGE_PIXELS
    pages: list[Image.Image] = []
    draw: ImageDraw.ImageDraw | None = None
    y = height
    for line in paper_lines(paper):
        font = _font(font_dir, line.bold)
        for piece in _wrapped(line, font, width - 2 * MARGIN):
            if draw is None or y + LEADING > height - MARGIN:
                pages.append(Image.new("L", PAGE_PIXELS, color=250))
                draw = ImageDraw.Draw(pages[-1])
                y = MARGIN
            x = (width - font.getlength(piece)) / 2 if line.center else MARGIN
            draw.text((x, y), piece, fill=20, font=font)
            y += LEADING
    return pages


def paper_to_scan_pdf(paper: Paper, *, font_dir: Path = FONT_DIR) -> bytes:
    """A PDF of JPEG page images of `paper`, as an office scanner makes it; same paper, same bytes.

    No fonts, no text layer: only OCR reads it. Dated the day the paper was issued.
    """
    first, *rest = _pages(paper, font_dir)
    issued = paper.issued
    stamp = time.struct_time((issued.year, issued.month, issued.day, 9, 0, 0, 0, 1, 0))
    buffer = io.BytesIO()
    first.save(
        buffer,
        "PDF",
        resolution=float(DPI),
        save_all=True,
        append_images=rest,
        creationDate=stamp,
        modDate=stamp,
        creator="Canon iR-ADV C3520",
    )
    return buffer.getvalue()
