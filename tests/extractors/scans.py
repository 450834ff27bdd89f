"""Image-only PDFs for OCR tests: Vietnamese text drawn onto a page image, no text layer."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def scanned_pdf(pages: list[list[str]], *, dpi: int = 150) -> bytes:
    """A PDF of A4 page images at `dpi`, each with the given lines of text."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    font = ImageFont.truetype(FONT, size=int(dpi * 0.16))
    images = []
    for lines in pages:
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for index, line in enumerate(lines):
            draw.text((int(dpi * 0.8), int(dpi * (0.8 + index * 0.3))), line, font=font, fill=0)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()
