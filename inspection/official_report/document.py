"""The Word building blocks of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP,
Phụ lục I): A4 page and margins, Times New Roman, numbered parts and sections, tables,
pictures, links and the short rules drawn under header lines.

`ReportBody` is what the report's sections write through; it numbers parts (I, II, …) and
sections (1, 2, … within a part) as they come, so adding a section renumbers the others.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

__all__ = [
    "BODY_PT",
    "FONT",
    "TABLE_PT",
    "Link",
    "ReportBody",
    "add_link",
    "borderless",
    "rule_below",
    "set_up_page",
    "styled",
    "xml_safe",
]

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less the 3 cm left and 2 cm right margins
CELL_PADDING_CM = 0.19  # Word's default left and right cell margins
TABLE_PADDING_CM = 0.1  # narrower in the report's tables, which have many columns
TWIPS_PER_CM = 1440 / 2.54
# The children of w:tblPr and, from w:pBdr on, of w:pPr, in the schema's order.
TBL_PR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip
PPR_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
LINK_COLOUR = "0563C1"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Link:
    """A table cell or text that is a link; `text` defaults to the address."""

    url: str
    text: str | None = None


Cell = str | Link | None


def set_up_page(document: DocxDocument) -> None:
    """A4, margins of NĐ 30 (top/bottom 2 cm, left 3 cm, right 2 cm), Times New Roman,
    justified body text with a first-line indent and 6 pt between paragraphs."""
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.rPr.rFonts
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    layout = normal.paragraph_format
    layout.space_before, layout.space_after = Pt(6), Pt(0)
    layout.line_spacing = 1.15


def xml_safe(text: str) -> str:
    """`text` without the control characters XML cannot hold (text read from PDFs has some)."""
    return CONTROL_CHARACTERS.sub("", text)


def styled(
    paragraph: Paragraph,
    text: str = "",
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    """Append `text` as one run with these properties; set the paragraph's alignment."""
    if text:
        run = paragraph.add_run(xml_safe(text))
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def add_link(paragraph: Paragraph, url: str, text: str | None = None, *, size: float = 0) -> None:
    """A clickable link (python-docx reads links but has no call to write one)."""
    relation = paragraph.part.relate_to(
        xml_safe(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    values = [("w:color", LINK_COLOUR), ("w:sz", str(round(size * 2))), ("w:u", "single")]
    for tag, value in values:  # in the schema's order
        if tag == "w:sz" and not size:
            continue
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)
    run.append(properties)
    words = OxmlElement("w:t")
    words.text = xml_safe(text or url)
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def rule_below(paragraph: Paragraph, *, width_cm: float, cell: float | None = None) -> Paragraph:
    """A centred horizontal rule `width_cm` long under `paragraph`, as NĐ 30 draws under the
    issuer's name, the motto and the title: an empty one-point paragraph with a top border.
    `cell` is the width of the table cell the paragraph is in, if it is in one."""
    room = TEXT_WIDTH_CM if cell is None else cell - 2 * CELL_PADDING_CM
    element = OxmlElement("w:p")
    paragraph._p.addnext(element)
    rule = Paragraph(element, paragraph._parent)
    side = max((room - width_cm) / 2, 0)
    layout = rule.paragraph_format
    layout.left_indent = layout.right_indent = Cm(side)
    layout.first_line_indent = Cm(0)
    layout.space_before, layout.space_after = Pt(3), Pt(0)
    layout.line_spacing = Pt(1)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    properties = rule._p.get_or_add_pPr()
    properties.insert_element_before(borders, *PPR_AFTER_BORDERS)
    return rule


def borderless(table: Table) -> None:
    """No borders at all, whatever the template's table style says."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table_property(table, borders)


def table_property(table: Table, element: BaseOxmlElement) -> None:
    """Set a child of the table's properties in the place the schema puts it (Word refuses
    a document whose elements are out of order), replacing one of the same kind."""
    properties = table._tbl.tblPr
    tag = element.tag
    for old in properties.findall(tag):
        properties.remove(old)
    names = [qn(name) for name in TBL_PR_ORDER]
    later = TBL_PR_ORDER[names.index(tag) + 1 :]
    properties.insert_element_before(element, *later)


def cell_margins(table: Table, *, side_cm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(side_cm * TWIPS_PER_CM)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table_property(table, margins)


def fix_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Column widths Word and LibreOffice both keep (each cell carries its width)."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def cell_text(cell: _Cell, value: Cell, *, bold: bool = False, centre: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    layout = paragraph.paragraph_format
    layout.first_line_indent = Cm(0)
    layout.space_before = layout.space_after = Pt(2)
    layout.line_spacing = 1.0
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if isinstance(value, Link):
        add_link(paragraph, value.url, value.text, size=TABLE_PT - 1)
    elif value:
        styled(paragraph, value, size=TABLE_PT, bold=bold)


class ReportBody:
    """Writes numbered parts, sections, paragraphs, tables and pictures into a document."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self._parts = 0
        self._sections = 0
        self._tables = 0
        self._figures = 0

    def part(self, title: str) -> None:
        self._parts += 1
        self._sections = 0
        paragraph = self.document.add_paragraph()
        styled(paragraph, f"{ROMAN[self._parts - 1]}. {title.upper()}", bold=True)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(12)

    def section(self, title: str) -> None:
        self._sections += 1
        paragraph = self.document.add_paragraph()
        styled(paragraph, f"{self._sections}. {title}", bold=True)
        paragraph.paragraph_format.keep_with_next = True

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(1)
        return styled(paragraph, text, bold=bold, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    def bullet(self, text: str) -> Paragraph:
        return self.paragraph(f"- {text}")

    def caption(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        styled(paragraph, text, italic=True, size=TABLE_PT + 1, align=WD_ALIGN_PARAGRAPH.CENTER)

    def table(
        self,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths_cm: Sequence[float],
        *,
        centred: Sequence[int] = (),
        bold_rows: Sequence[int] = (),
    ) -> Table:
        """A numbered, bordered table with a bold header row repeated on every page.
        `centred` are column indexes; `bold_rows` row indexes of `rows` (totals)."""
        self._tables += 1
        heading = self.document.add_paragraph()
        styled(heading, f"Bảng {self._tables}. {title}", bold=True, size=TABLE_PT + 1)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.keep_with_next = True
        table: Table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        cell_margins(table, side_cm=TABLE_PADDING_CM)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell_text(cell, text, bold=True, centre=True)
        _repeat_header(table)
        for index, (values, row) in enumerate(zip(rows, table.rows[1:], strict=True)):
            for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell_text(cell, value, bold=index in bold_rows, centre=column in centred)
        fix_widths(table, widths_cm)
        return table

    def picture(self, png: bytes, *, caption: str, width_cm: float = TEXT_WIDTH_CM) -> None:
        self._figures += 1
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        self.caption(f"Hình {self._figures}. {caption}")


def _repeat_header(table: Table) -> None:
    """The header row on every page; no row split across two pages."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            element = OxmlElement("w:tblHeader")
            properties.append(element)
