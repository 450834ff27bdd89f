"""OCR of PDF pages without a text layer: poppler renders, Tesseract (`vie`) reads.

Pages are rendered to greyscale PGM (PNG compression costs ~15x the rendering time) and
read by one single-threaded Tesseract process per page, pages in parallel: Tesseract's own
threading is several times slower on two cores (bench/README.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_DPI", "OcrPage", "OcrResult", "ocr_available", "ocr_pdf"]

DEFAULT_DPI = 300
PAGE_TIMEOUT = 120.0


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
    tsv = subprocess.run(
        ["tesseract", f"{image}.pgm", "stdout", "-l", "vie", "tsv"],
        check=True,
        capture_output=True,
        timeout=PAGE_TIMEOUT,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    ).stdout.decode("utf-8", errors="replace")
    return _page_from_tsv(number, tsv)


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
