"""The report's chart: agencies by status for each level, as stacked bars, drawn with Pillow.

Pillow is already a dependency and draws this in milliseconds; matplotlib would add some
150 MB (numpy, fontTools) and a second of import for one bar chart. DejaVu Sans, which
Debian's fonts-dejavu-core installs, has every Vietnamese letter.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from inspection.official_report.labels import level_label, status_label
from inspection.official_report.tally import Tally

__all__ = ["STATUS_COLOURS", "status_chart"]

STATUS_COLOURS: dict[str | None, str] = {
    "unreachable": "#6a3d9a",
    "not_published": "#d7301f",
    "outdated": "#fc8d59",
    "incomplete": "#fdcc8a",
    "stale": "#a6d96a",
    "compliant": "#1a9641",
    None: "#bdbdbd",
}
WIDTH = 1800  # pixels; the report shows it 16 cm wide, about 285 dpi
FONT_PX = 46  # about 11 pt once shown 15 cm wide
BAR_HEIGHT = 84
GAP = 34
PAD = 40
TEXT = "#000000"


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # Pillow looks the file name up in the system's font folders.
    return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)


def status_chart(tally: Tally) -> bytes:
    """A PNG of one stacked bar per level, a segment per status with its count, the level's
    total at the end of the bar and a legend below. The report's caption is its title."""
    font = _font(FONT_PX)
    label_width = max((font.getlength(level_label(level)) for level in tally.levels), default=0)
    left = PAD + int(label_width) + 20
    right = WIDTH - PAD - int(font.getlength("0000")) - 20
    legend = _legend_rows(tally, font, WIDTH - 2 * PAD)
    bars_bottom = PAD + len(tally.levels) * (BAR_HEIGHT + GAP)
    height = bars_bottom + 10 + len(legend) * (FONT_PX + 20) + PAD
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    widest = max((tally.total(level) for level in tally.levels), default=0) or 1
    for index, level in enumerate(tally.levels):
        _draw_bar(draw, tally, level, top=PAD + index * (BAR_HEIGHT + GAP), left=left,
                  scale=(right - left) / widest)  # fmt: skip
    draw.line((left, PAD - 14, left, bars_bottom - GAP + 14), fill=TEXT, width=3)
    _draw_legend(draw, legend, font, bars_bottom + 10)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _draw_bar(
    draw: ImageDraw.ImageDraw, tally: Tally, level: str, *, top: int, left: int, scale: float
) -> None:
    font, bold = _font(FONT_PX), _font(FONT_PX, bold=True)
    middle = top + BAR_HEIGHT // 2
    draw.text((left - 20, middle), level_label(level), font=font, fill=TEXT, anchor="rm")
    x = float(left)
    for status in tally.statuses:
        count = tally.cell(level, status)
        if not count:
            continue
        end = x + count * scale
        draw.rectangle((round(x), top, round(end) - 1, top + BAR_HEIGHT), fill=_colour(status))
        if font.getlength(str(count)) + 12 < end - x:  # the count only where it fits
            centre = ((x + end) / 2, middle)
            draw.text(centre, str(count), font=font, fill=_ink(status), anchor="mm")
        x = end
    total = str(tally.total(level))
    draw.text((round(x) + 14, middle), total, font=bold, fill=TEXT, anchor="lm")


def _legend_rows(
    tally: Tally, font: ImageFont.FreeTypeFont, width: int
) -> list[list[tuple[str | None, str]]]:
    """The legend's entries (status, label) broken into rows that fit `width`."""
    rows: list[list[tuple[str | None, str]]] = [[]]
    used = 0.0
    for status in tally.statuses:
        label = status_label(status)
        needed = FONT_PX + 12 + font.getlength(label) + 40
        if rows[-1] and used + needed > width:
            rows.append([])
            used = 0.0
        rows[-1].append((status, label))
        used += needed
    return rows if rows[0] else []


def _draw_legend(
    draw: ImageDraw.ImageDraw,
    rows: list[list[tuple[str | None, str]]],
    font: ImageFont.FreeTypeFont,
    top: int,
) -> None:
    for index, row in enumerate(rows):
        y = top + index * (FONT_PX + 20)
        widths = [FONT_PX + 12 + font.getlength(label) for _, label in row]
        x = (WIDTH - sum(widths) - 40 * (len(row) - 1)) / 2
        for (status, label), entry_width in zip(row, widths, strict=True):
            draw.rectangle((round(x), y, round(x) + FONT_PX, y + FONT_PX), fill=_colour(status))
            draw.text(
                (x + FONT_PX + 12, y + FONT_PX // 2), label, font=font, fill=TEXT, anchor="lm"
            )
            x += entry_width + 40


def _colour(status: str | None) -> str:
    return STATUS_COLOURS.get(status, STATUS_COLOURS[None])


def _ink(status: str | None) -> str:
    """White on the dark segments, black on the light ones."""
    return "#ffffff" if status in ("unreachable", "not_published", "compliant") else TEXT
