"""OCR of PDF pages without a text layer: poppler renders, Tesseract (`vie`) reads.

Pages are rendered to greyscale PGM (PNG compression costs ~15x the rendering time) and
read by one single-threaded Tesseract process per page, pages in parallel: Tesseract's own
threading is several times slower on two cores.

DEFAULT_DPI is 200 (bench/README.md): on body text (13 pt) 150, 200 and 300 dpi all read
99.9% of characters, clean or degraded; on small print (6-7 pt, tables, footnotes) 150 dpi
falls to 98.4% while 200 keeps 99.5%, at ~25% less time a page than 300.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

__all__ = [
    "DEFAULT_DPI",
    "UPRIGHT_CONFIDENCE",
    "OcrPage",
    "OcrResult",
    "ocr_available",
    "ocr_pdf",
    "read_image_file",
]

DEFAULT_DPI = 200
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
    with tempfile.TemporaryDirectory(prefix="qmsaudit-ocr-") as folder:
        pdf = Path(folder) / "in.pdf"
        pdf.write_bytes(data)
        try:
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
                read = list(pool.map(lambda n: _ocr_page(pdf, n, dpi), pages))
        except (subprocess.SubprocessError, OSError) as error:
            return OcrResult(pages=(), error=f"OCR failed: {error}")
    return OcrResult(pages=tuple(read))


def _ocr_page(pdf: Path, number: int, dpi: int) -> OcrPage:
    image = pdf.with_name(f"page-{number}")
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            str(dpi),
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
