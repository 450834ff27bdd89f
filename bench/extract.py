"""Benchmark of document reading: PDF text backends beside poppler's pdftotext, and OCR.

Prints Markdown: pages per second, text fidelity and peak memory (RSS) of pdfminer.six,
pypdfium2 and `pdftotext` on the same Vietnamese PDFs; OCR seconds per page and character
accuracy at several resolutions on clean and degraded scans with known text.

    .venv/bin/python -m bench.extract [--pages 60] [--repeat 3] [--dpi 150 200 300]

Each measurement runs in a fresh child process, so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import difflib
import io
import multiprocessing
import re
import resource
import statistics
import subprocess
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PIL import Image, ImageDraw, ImageFilter, ImageFont

Result = TypeVar("Result")
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "extractors" / "corpus"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BROKEN_NUMBER = "87/QĐ-SKHCN"
HEADER = (
    ["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 87/QĐ-", "SKHCN"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""],
)


def corpus_lines() -> list[str]:
    """The lines of every text document of the labelled corpus that has diacritics, NFC."""
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        if not text.isascii():
            lines += [line for line in text.splitlines() if line.strip()]
    return lines


def make_pdf_set(pages: int) -> tuple[bytes, list[bytes], str]:
    """A long PDF of about `pages` pages, one PDF per corpus text, and the long one's text."""
    from tests.extractors.documents import make_pdf

    lines = corpus_lines()
    per_page = 48
    body = (lines * (1 + pages * per_page // len(lines)))[: pages * per_page]
    long_pdf = make_pdf(body, header=HEADER)
    texts = [
        [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for path in sorted(CORPUS.glob("*.txt"))
    ]
    small = [make_pdf([unicodedata.normalize("NFC", line) for line in text]) for text in texts]
    truth = "\n".join([*HEADER[0], *HEADER[1], *body])
    return long_pdf, small, truth


# --- PDF backends: each returns the text of every page of one file ---------------------


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return str(extract_text(io.BytesIO(data), laparams=LAParams()))


def with_pypdfium2(data: bytes) -> str:
    from extractors.pdf import read_pdf

    return read_pdf(data, max_pages=10_000).text


def with_pdftotext(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True
        )
    return done.stdout.decode("utf-8")


BACKENDS: dict[str, Callable[[bytes], str]] = {
    "pdfminer.six": with_pdfminer,
    "pypdfium2 (extractors.pdf)": with_pypdfium2,
    "poppler pdftotext": with_pdftotext,
}


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _time_backend(name: str, files: list[bytes], repeat: int) -> tuple[list[float], str, float]:
    """In a child process: seconds per run over `files`, the last output, and peak RSS."""
    backend = BACKENDS[name]
    times: list[float] = []
    output = ""
    for _ in range(repeat):
        start = time.perf_counter()
        output = "\n".join(backend(data) for data in files)
        times.append(time.perf_counter() - start)
    return times, output, peak_rss_mib()


def in_child(function: Callable[..., Result], *args: object) -> Result:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(function, args)


def letters(text: str) -> Counter[str]:
    return Counter(ch for ch in unicodedata.normalize("NFC", text) if ch.isalpha())


def letter_recall(truth: str, found: str) -> float:
    """Share of the truth's letters (diacritics included) that the output has, as a multiset."""
    want, got = letters(truth), letters(found)
    return sum(min(count, got[ch]) for ch, count in want.items()) / sum(want.values())


def order_ratio(truth: str, found: str, chars: int = 6000) -> float:
    """How closely the output follows the truth's reading order (difflib, first chars)."""
    squash = re.compile(r"\s+")
    matcher = difflib.SequenceMatcher(
        None, squash.sub(" ", truth)[:chars], squash.sub(" ", found)[:chars], autojunk=False
    )
    return matcher.ratio()


def number_found(found: str) -> str:
    from extractors.metadata import find_number

    head = unicodedata.normalize("NFC", found[:2000])
    return "yes" if find_number(head) == BROKEN_NUMBER else "no"


def pdf_table(pages: int, repeat: int) -> list[str]:
    long_pdf, small, truth = make_pdf_set(pages)
    sets = {
        f"one {page_count(long_pdf)}-page file": [long_pdf],
        f"{len(small)} corpus PDFs": small,
    }
    rows = [
        "| backend | file set | pages | pages/s (median) | vs pdftotext | letters kept "
        "| reading order | `87/QĐ-`⏎`SKHCN` | peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, files in sets.items():
        count = sum(page_count(data) for data in files)
        measured: dict[str, tuple[float, str, float]] = {}
        for name in BACKENDS:
            times, output, rss = in_child(_time_backend, name, files, repeat)
            measured[name] = (count / statistics.median(times), output, rss)
        baseline = measured["poppler pdftotext"][0]
        for name, (speed, output, rss) in measured.items():
            fidelity = "| |"
            if len(files) == 1:
                recall, order = letter_recall(truth, output), order_ratio(truth, output)
                fidelity = f"{recall:.4f} | {order:.3f} | {number_found(output)}"
            rows.append(
                f"| {name} | {label} | {count} | {speed:,.0f} | {speed / baseline:.2f}× "
                f"| {fidelity} | {rss:.0f} |"
            )
    return rows


# --- OCR ------------------------------------------------------------------------------


SCANS = {  # name: (font size in points, degraded)
    "clean, 13 pt": (13, False),
    "degraded, 13 pt": (13, True),
    "degraded, 7 pt": (7, True),
    "degraded, 6 pt": (6, True),
}
RSS_NOTE = "pdftotext, pdftoppm, tesseract: ru_maxrss of the children"
DEGRADATION = "rotated 1.5°, Gaussian blur 1.2 px, JPEG quality 40, scanned at 300 dpi"


def _fitted(lines: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """`lines` wrapped at word boundaries to `width` pixels."""
    fitted: list[str] = []
    for line in lines:
        current = ""
        for word in line.split():
            candidate = f"{current} {word}".strip()
            if current and font.getlength(candidate) > width:
                fitted.append(current)
                candidate = word
            current = candidate
        fitted.append(current)
    return fitted


def scan_pages(
    lines: list[str], count: int, points: int, degraded: bool
) -> tuple[bytes, list[str]]:
    """An image-only PDF of `count` A4 pages scanned at 300 dpi, and each page's text."""
    dpi = 300
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    margin, leading = int(0.8 * dpi), int(1.5 * points / 72 * dpi)
    font = ImageFont.truetype(FONT, size=round(dpi * points / 72))
    fitted = _fitted(lines, font, width - 2 * margin)
    per_page = (height - 2 * margin) // leading
    images: list[Image.Image] = []
    truths: list[str] = []
    for page in range(count):
        page_lines = fitted[page * per_page : (page + 1) * per_page]
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for index, line in enumerate(page_lines):
            draw.text((margin, margin + index * leading), line, font=font)
        if degraded:
            image = image.rotate(1.5, resample=Image.Resampling.BILINEAR, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(1.2))
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=40)
            image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
        images.append(image)
        truths.append("\n".join(page_lines))
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue(), truths


def char_accuracy(truth: str, found: str) -> float:
    """1 - (edit operations / truth length), from difflib's matching blocks, spaces folded."""
    squash = re.compile(r"\s+")
    want = squash.sub(" ", unicodedata.normalize("NFC", truth)).strip()
    got = squash.sub(" ", unicodedata.normalize("NFC", found)).strip()
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / max(len(want), len(got))


def _time_ocr(
    data: bytes, pages: int, dpi: int, repeat: int
) -> tuple[float, list[str], float, float]:
    """In a child process: median seconds a page, the texts, confidence, and peak RSS."""
    from extractors.ocr import ocr_pdf

    times: list[float] = []
    texts: list[str] = []
    confidence = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        result = ocr_pdf(data, pages=list(range(1, pages + 1)), dpi=dpi, workers=1)
        times.append((time.perf_counter() - start) / pages)
        if result.error is not None:
            raise RuntimeError(result.error)
        texts, confidence = [page.text for page in result.pages], result.confidence or 0.0
    return statistics.median(times), texts, confidence, peak_rss_mib()


def ocr_table(dpis: list[int], pages: int, repeat: int) -> list[str]:
    lines = corpus_lines()
    rows = [
        "| scan | dpi | s/page (1 worker) | character accuracy | Tesseract confidence "
        "| peak RSS MiB |",
        "|---|---|---|---|---|---|",
    ]
    for kind, (points, degraded) in SCANS.items():
        data, truths = scan_pages(lines, pages, points, degraded)
        for dpi in dpis:
            per_page, texts, confidence, rss = in_child(_time_ocr, data, pages, dpi, repeat)
            accuracy = statistics.mean(
                char_accuracy(truth, text) for truth, text in zip(truths, texts, strict=True)
            )
            rows.append(
                f"| {kind} | {dpi} | {per_page:.2f} | {accuracy:.4f} | {confidence:.1f} "
                f"| {rss:.0f} |"
            )
    return rows


# name: (width, height in points, font size in points)
LARGE_PAGES: dict[str, tuple[float, float, float]] = {
    "A4, 11 pt": (595.3, 841.9, 11),
    "A1 poster, 28 pt": (1683.8, 2383.9, 28),
    "A0 poster, 40 pt": (2383.9, 3370.4, 40),
    "200 × 200 in, 100 pt": (14400, 14400, 100),
}


def large_page(lines: list[str], width: float, height: float, points: float) -> bytes:
    """A one-page PDF of `width` x `height` points filled with `lines` in DejaVu Sans."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "BenchDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchDejaVu", FONT))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setFont("BenchDejaVu", points)
    margin, leading = 36.0, points * 1.5
    rows = int((height - 2 * margin) // leading)
    chars = int((width - 2 * margin) / (points * 0.55))
    text = " ".join(lines)
    for row in range(rows):
        start = (row * chars) % max(1, len(text) - chars)
        pdf.drawString(margin, height - margin - (row + 1) * leading, text[start : start + chars])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _time_large_page(data: bytes) -> tuple[float, float, int, float, str | None]:
    """In a child process: seconds, the dpi and pixels the page was rendered at, the peak
    RSS of the tools (pdftoppm, tesseract; one killed on its timeout included), the error."""
    from extractors.ocr import DEFAULT_DPI, _page_sizes, _render_size, ocr_pdf

    resolution, columns, rows = _render_size(_page_sizes(data, [1])[1], DEFAULT_DPI)
    start = time.perf_counter()
    result = ocr_pdf(data, pages=[1], workers=1)
    seconds = time.perf_counter() - start
    tools = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, resolution, columns * rows, tools, result.error


def large_page_table() -> list[str]:
    lines = corpus_lines()
    rows = [
        "| page, text size | dpi | pixels (M) | s/page | peak RSS of pdftoppm or tesseract, MiB |",
        "|---|---|---|---|---|",
    ]
    for name, (width, height, points) in LARGE_PAGES.items():
        data = large_page(lines, width, height, points)
        seconds, dpi, pixels, tools, error = in_child(_time_large_page, data)
        timing = f"{seconds:.1f}" if error is None else f"{seconds:.0f} ({error[:40]}…)"
        rows.append(f"| {name} | {dpi:g} | {pixels / 1e6:.1f} | {timing} | {tools:.0f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60, help="pages of the long PDF")
    parser.add_argument("--repeat", type=int, default=3, help="runs per PDF backend")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--ocr-pages", type=int, default=2, help="scanned pages per kind")
    parser.add_argument(
        "--large-pages-only", action="store_true", help="only OCR pages over the pixel cap"
    )
    options = parser.parse_args()
    if options.large_pages_only:
        print("\n".join(large_page_table()))
        return
    print("## PDF text layer\n")
    print("\n".join(pdf_table(options.pages, options.repeat)))
    print("\n## OCR (Tesseract `vie`, pages rendered by pdftoppm to PGM)\n")
    print(f"Degraded: {DEGRADATION}.\n")
    print("\n".join(ocr_table(options.dpi, options.ocr_pages, options.repeat)))
    print(f"\nPeak RSS: the largest of the measuring process and the tools it ran ({RSS_NOTE}).")
    print("\n## Pages over the pixel cap (extractors.ocr.MAX_PAGE_PIXELS), filled with text\n")
    print("\n".join(large_page_table()))


if __name__ == "__main__":
    main()
