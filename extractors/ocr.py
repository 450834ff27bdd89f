"""OCR of PDF pages without a text layer: poppler renders, Tesseract (`vie`) reads.

Pages are rendered to greyscale PGM (PNG compression costs ~15x the rendering time) and
read by one single-threaded Tesseract process per page, pages in parallel: Tesseract's own
threading is several times slower on two cores.

DEFAULT_DPI is 200 (bench/README.md): on body text (13 pt) 150, 200 and 300 dpi all read
99.9% of characters, clean or degraded; on small print (6-7 pt, tables, footnotes) 150 dpi
falls to 98.4% while 200 keeps 99.5%, at ~25% less time a page than 300.

A page is rendered with at most MAX_PAGE_PIXELS pixels: a larger one gets a lower
resolution (a 200-inch page at 200 dpi would be a 1.6 GB image). 40 million pixels is an
A1 sheet (a process flowchart printed large) at the full 200 dpi, and an A0 one at 160
dpi, which still reads body text; on such a page filled with text pdftoppm peaks near
90 MiB and Tesseract near 250 MiB (bench/README.md). pdftoppm is also told to crop at
that size, so the bound holds even where poppler and pdfium disagree about a page's size.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

__all__ = [
    "DEFAULT_DPI",
    "MAX_PAGE_PIXELS",
    "UPRIGHT_CONFIDENCE",
    "OcrPage",
    "OcrResult",
    "ocr_available",
    "ocr_pdf",
    "read_image_file",
]

DEFAULT_DPI = 200
MAX_PAGE_PIXELS = 40_000_000
MAX_PAGE_SIDE = 32_767  # Tesseract refuses a wider or taller image
PAGE_TIMEOUT = 120.0
UPRIGHT_CONFIDENCE = 70.0  # a page read with less may be turned: orientation is checked
_MIN_OSD_CONFIDENCE = 2.0
_OSD_ROTATE = re.compile(r"^Rotate: (\d+)$", re.MULTILINE)
_OSD_CONFIDENCE = re.compile(r"^Orientation confidence: ([\d.]+)$", re.MULTILINE)


@dataclass(frozen=True, kw_only=True)
class OcrPage:
    number: int  # 1-based
    text: str
    confidence: float | None  # mean word confidence, 0-100; None when no word was read


@dataclass(frozen=True, kw_only=True)
class OcrResult:
    pages: tuple[OcrPage, ...]
    error: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)

    @property
    def confidence(self) -> float | None:
        scores = [page.confidence for page in self.pages if page.confidence is not None]
        return round(sum(scores) / len(scores), 1) if scores else None


def ocr_available() -> bool:
    return shutil.which("pdftoppm") is not None and shutil.which("tesseract") is not None


def ocr_pdf(
    data: bytes, *, pages: list[int], dpi: int = DEFAULT_DPI, workers: int = 2
) -> OcrResult:
    """OCR the given 1-based page numbers of a PDF; failures come back as `error`."""
    if not ocr_available():
        return OcrResult(pages=(), error="OCR tools missing (poppler-utils, tesseract-ocr-vie)")
    sizes = _page_sizes(data, pages)  # here, not in the pool: pdfium is not thread-safe
    with tempfile.TemporaryDirectory(prefix="qmsaudit-ocr-") as folder:
        pdf = Path(folder) / "in.pdf"
        pdf.write_bytes(data)
        try:
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
                read = list(pool.map(lambda n: _ocr_page(pdf, n, sizes.get(n), dpi), pages))
        except (subprocess.SubprocessError, OSError) as error:
            return OcrResult(pages=(), error=f"OCR failed: {error}")
    return OcrResult(pages=tuple(read))


def _page_sizes(data: bytes, pages: list[int]) -> dict[int, tuple[float, float]]:
    """Each page's size in points as pdftoppm renders it: its media box, turned by /Rotate.
    Pages pdfium cannot open are left out (they are rendered under the crop alone)."""
    sizes: dict[int, tuple[float, float]] = {}
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return sizes
    try:
        for number in pages:
            if not 1 <= number <= len(document):
                continue
            page = document[number - 1]
            try:
                left, bottom, right, top = page.get_mediabox()
                turned = page.get_rotation() in (90, 270)
            finally:
                page.close()
            width, height = abs(right - left), abs(top - bottom)
            sizes[number] = (height, width) if turned else (width, height)
    finally:
        document.close()
    return sizes


def _render_size(size: tuple[float, float] | None, dpi: int) -> tuple[float, int, int]:
    """The resolution to render a page of `size` points at, and the most pixels wide and
    high its image may be: `dpi`, lowered until the image fits MAX_PAGE_PIXELS and
    MAX_PAGE_SIDE. A page of unknown size gets `dpi` and a square crop of the bound."""
    square = math.isqrt(MAX_PAGE_PIXELS)
    if size is None:
        return dpi, square, square
    width, height = (max(side, 1.0) / 72 for side in size)  # inches
    fitting = min(math.sqrt(MAX_PAGE_PIXELS / (width * height)), MAX_PAGE_SIDE / max(width, height))
    resolution = max(0.01, math.floor(min(dpi, fitting) * 100) / 100)
    columns = min(math.ceil(width * resolution), MAX_PAGE_SIDE)
    rows = min(math.ceil(height * resolution), MAX_PAGE_SIDE, MAX_PAGE_PIXELS // columns)
    return resolution, columns, rows


def _ocr_page(pdf: Path, number: int, size: tuple[float, float] | None, dpi: int) -> OcrPage:
    resolution, columns, rows = _render_size(size, dpi)
    image = pdf.with_name(f"page-{number}")
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            f"{resolution:g}",
            *("-x", "0", "-y", "0", "-W", str(columns), "-H", str(rows)),
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            str(pdf),
            str(image),
        ],
        check=True,
        capture_output=True,
        timeout=PAGE_TIMEOUT,
    )
    return read_image_file(Path(f"{image}.pgm"), number)


def read_image_file(image: Path, number: int) -> OcrPage:
    """Tesseract (`vie`, single-threaded) on one page image; raises SubprocessError.

    A page read with low confidence may be sideways or upside down (scanned the wrong way
    round): Tesseract's orientation detection decides, and the turned page is read again;
    the more confident reading is kept."""
    page = _read(image, number)
    if page.confidence is not None and page.confidence >= UPRIGHT_CONFIDENCE:
        return page
    rotation = _rotation(image)
    if rotation == 0:
        return page
    turned = image.with_name(f"{image.stem}-turned.pgm")
    with Image.open(image) as original:
        original.rotate(-rotation, expand=True).save(turned)
    again = _read(turned, number)
    return again if (again.confidence or 0) > (page.confidence or 0) else page


def _tesseract(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["tesseract", *arguments],
        check=False,
        capture_output=True,
        timeout=PAGE_TIMEOUT,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )


def _read(image: Path, number: int) -> OcrPage:
    done = _tesseract(str(image), "stdout", "-l", "vie", "tsv")
    done.check_returncode()
    return _page_from_tsv(number, done.stdout.decode("utf-8", errors="replace"))


def _rotation(image: Path) -> int:
    """Degrees to turn the page clockwise to set it upright; 0 when unsure or upright."""
    done = _tesseract(str(image), "stdout", "--psm", "0")
    report = done.stdout.decode("utf-8", errors="replace")
    rotate = _OSD_ROTATE.search(report)
    confidence = _OSD_CONFIDENCE.search(report)
    if done.returncode != 0 or rotate is None or confidence is None:
        return 0  # too few characters to tell, say
    return int(rotate.group(1)) if float(confidence.group(1)) >= _MIN_OSD_CONFIDENCE else 0


def _page_from_tsv(number: int, tsv: str) -> OcrPage:
    """Rebuild the page's lines from Tesseract's word table and average word confidence."""
    lines: dict[tuple[str, str, str], list[str]] = {}
    scores: list[float] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        lines.setdefault((cells[2], cells[3], cells[4]), []).append(cells[11])
        if float(cells[10]) >= 0:
            scores.append(float(cells[10]))
    text = "\n".join(" ".join(words) for words in lines.values())
    confidence = round(sum(scores) / len(scores), 1) if scores else None
    return OcrPage(number=number, text=text, confidence=confidence)
