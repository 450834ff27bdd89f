"""Lay out a `Paper` as a PDF with a Unicode text layer (reportlab, DejaVu fonts)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from sandbox.paperwork import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Paper,
    Paragraph,
    Table,
    place_and_date,
)

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = "SandboxDejaVuSans"
BOLD = "SandboxDejaVuSans-Bold"


@cache
def _register_fonts(font_dir: Path) -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_dir / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_dir / "DejaVuSans-Bold.ttf")))


def _style(
    name: str, *, bold: bool = False, center: bool = False, size: float = 10
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=size * 1.35,
        alignment=TA_CENTER if center else TA_JUSTIFY,
        spaceAfter=3,
    )


def _text(text: str, style: ParagraphStyle) -> PdfParagraph:
    return PdfParagraph(escape(text).replace("\n", "<br/>"), style)


def _header(paper: Paper) -> PdfTable:
    center = _style("head", center=True, size=9)
    center_bold = _style("head-bold", bold=True, center=True, size=9)
    left: list[Flowable] = []
    if paper.issuer.parent:
        left.append(_text(paper.issuer.parent, center))
    left.append(_text(paper.issuer.name.upper(), center_bold))
    if paper.number:
        left.append(_text(f"Số: {paper.number}", center))
    right = [
        _text(NATIONAL_NAME, center_bold),
        _text(NATIONAL_MOTTO, center_bold),
        _text(place_and_date(paper.issuer.place, paper.issued), center),
    ]
    return PdfTable([[left, right]], colWidths=[7 * cm, 9.5 * cm])


def _table(table: Table) -> PdfTable:
    cell = _style("cell", size=9)
    data = [[_text(value, cell) for value in row] for row in table.rows]
    pdf_table = PdfTable(data, repeatRows=1)
    pdf_table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    return pdf_table


def _body(paper: Paper) -> list[Flowable]:
    normal = _style("body")
    bold = _style("body-bold", bold=True)
    flowables: list[Flowable] = []
    for block in paper.blocks:
        if isinstance(block, Paragraph):
            flowables.append(_text(block.text, bold if block.heading else normal))
        else:
            flowables += [_table(block), Spacer(1, 6)]
    return flowables


def _closing(paper: Paper) -> list[Flowable]:
    signature = _style("sign", bold=True, center=True)
    flowables: list[Flowable] = [Spacer(1, 12)]
    if paper.recipients:
        small = _style("recipients", size=8)
        lines = ["Nơi nhận:", *(f"- {line}" for line in paper.recipients)]
        flowables.append(_text("\n".join(lines), small))
    flowables += [
        _text(paper.signer_title, signature),
        Spacer(1, 30),
        _text(paper.signer, signature),
    ]
    return flowables


def paper_to_pdf(paper: Paper, *, font_dir: Path = DEJAVU_DIR) -> bytes:
    """The PDF bytes of `paper`; the same paper always gives the same bytes."""
    _register_fonts(font_dir)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=paper.title,
        author=paper.issuer.name,
        leftMargin=2.5 * cm,
        rightMargin=2 * cm,
    )
    title_style = _style("title", bold=True, center=True, size=12)
    story: list[Flowable] = [_header(paper), Spacer(1, 14), _text(paper.kind, title_style)]
    if paper.subject:
        story.append(_text(paper.subject, _style("subject", bold=True, center=True)))
    story += [Spacer(1, 8), *_body(paper), *_closing(paper)]
    document.build(story)
    return buffer.getvalue()
