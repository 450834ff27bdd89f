"""Scanned images (PNG, JPEG, TIFF, GIF) read by Tesseract, one page per frame.

Agencies post signed decisions as photos or multi-page TIFF faxes. Each frame is turned
into a greyscale PGM by Pillow (refusing decompression bombs) and read like a PDF scan.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors.ocr import OcrResult, ocr_available, read_image_file

__all__ = ["MAX_PIXELS", "ocr_image"]

MAX_PIXELS = 60_000_000  # an A4 page at 600 dpi is 35 million pixels
_UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,  # Pillow's plugins raise it for some malformed chunks
    EOFError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


def _frames(data: bytes, folder: Path, max_pages: int) -> list[Path]:
    """Write up to `max_pages` frames as PGM files; raise what Pillow raises."""
    paths: list[Path] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                if number > max_pages:
                    break
                if frame.width * frame.height > MAX_PIXELS:
                    raise ValueError(f"{frame.width}x{frame.height} pixels is too large")
                path = folder / f"page-{number}.pgm"
                frame.convert("L").save(path)
                paths.append(path)
    return paths


def ocr_image(data: bytes, *, max_pages: int, workers: int = 2) -> OcrResult:
    """OCR the first `max_pages` frames of an image file; failures come back as `error`."""
    if not ocr_available():
        return OcrResult(pages=(), error="OCR tools missing (poppler-utils, tesseract-ocr-vie)")
    with tempfile.TemporaryDirectory(prefix="qmsaudit-image-") as folder:
        try:
            paths = _frames(data, Path(folder), max_pages)
        except _UNREADABLE as error:
            return OcrResult(pages=(), error=f"unreadable image ({type(error).__name__})")
        numbered = list(enumerate(paths, 1))
        try:
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
                pages = list(pool.map(lambda item: read_image_file(item[1], item[0]), numbered))
        except (OSError, subprocess.SubprocessError) as error:
            return OcrResult(pages=(), error=f"OCR failed: {error}")
    return OcrResult(pages=tuple(pages))
