"""The official report as a Word document in the form of Nghị định 30/2020/NĐ-CP: header
table (issuer, national motto, number, place and date), title, the parts of `sections`,
then recipients and the signature block."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from inspection.official_report.data import ReportData
from inspection.official_report.document import (
    TWIPS_PER_CM,
    ReportBody,
    borderless,
    fix_widths,
    rule_below,
    set_up_page,
    styled,
    table_property,
)
from inspection.official_report.sections import PARTS, Part

__all__ = ["MOTTO", "NATION", "TITLE", "TOPIC", "report_bytes", "write_docx"]

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BÁO CÁO"
TOPIC = (
    "Kết quả kiểm tra gián tiếp việc công bố, duy trì Hệ thống quản lý chất lượng theo "
    "TCVN ISO 9001:2015 trên Trang thông tin điện tử"
)
HEADER_WIDTHS = (7.2, 9.4)  # cm; the table reaches 0.6 cm into the left margin, as usual
NAME_PT = 12  # the governing body, the issuer and the national title (NĐ 30: 12-13)
LINE_PT = 13  # the motto, the number and the date line (NĐ 30: 13-14)
# Average advance of a Times New Roman letter, in ems, to size the rules under lines.
UPPER_EM, LOWER_EM = 0.70, 0.50
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def write_docx(data: ReportData, path: Path, *, parts: Sequence[Part] = PARTS) -> None:
    path.write_bytes(report_bytes(data, parts=parts))


def report_bytes(data: ReportData, *, parts: Sequence[Part] = PARTS) -> bytes:
    document = docx.Document()
    set_up_page(document)
    _page_numbers(document)
    _header(document, data)
    _title(document)
    body = ReportBody(document)
    body.paragraph(
        "Thực hiện Quyết định 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ và Thông "
        "tư 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa học và Công nghệ, kết quả kiểm tra "
        "gián tiếp việc công bố, duy trì Hệ thống quản lý chất lượng (HTQLCL) theo TCVN ISO "
        "9001 trên Trang thông tin điện tử của các cơ quan, đơn vị trên địa bàn "
        f"{data.issuer.province_name} như sau:"
    )
    for part in parts:
        body.part(part.title)
        for section in part.sections:
            section(body, data)
    _closing(document, data)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header(document: DocxDocument, data: ReportData) -> None:
    """The borderless two-column table every administrative document opens with."""
    issuer = data.issuer
    table = document.add_table(rows=2, cols=2)
    borderless(table)
    fix_widths(table, HEADER_WIDTHS)
    table.alignment = None
    _indent_table(table, -0.6)
    left, right = table.rows[0].cells
    _line(left, issuer.parent, size=NAME_PT)
    name = _line(left, issuer.name.upper(), size=NAME_PT, bold=True)
    rule_below(name, width_cm=min(_width(name.text, NAME_PT) * 0.4, 3.5), cell=HEADER_WIDTHS[0])
    _line(right, NATION, size=NAME_PT, bold=True)
    motto = _line(right, MOTTO, size=LINE_PT, bold=True)
    rule_below(motto, width_cm=_width(MOTTO, LINE_PT), cell=HEADER_WIDTHS[1])
    number, date_line = table.rows[1].cells
    _line(number, f"Số:        /BC-{issuer.code}", size=LINE_PT)
    place = issuer.place or "……………"
    _line(
        date_line, f"{place}, ngày     tháng     năm {data.as_of.year}", size=LINE_PT, italic=True
    )


def _title(document: DocxDocument) -> None:
    title = document.add_paragraph()
    styled(title, TITLE, bold=True, align=CENTER)
    title.paragraph_format.space_before = Pt(18)
    topic = document.add_paragraph()
    styled(topic, TOPIC, bold=True, align=CENTER)
    topic.paragraph_format.space_before = Pt(0)
    rule = rule_below(topic, width_cm=3.5)
    rule.paragraph_format.space_before = Pt(5)


def _closing(document: DocxDocument, data: ReportData) -> None:
    """Recipients on the left, the signer on the right, in a borderless table."""
    issuer = data.issuer
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    fix_widths(table, (8.0, 8.0))
    recipients, signer = table.rows[0].cells
    first = _line(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=None)
    first.paragraph_format.space_before = Pt(12)
    for line in (
        "- Bộ Khoa học và Công nghệ (để báo cáo);",
        f"- UBND {issuer.province_name} (để báo cáo);",
        "- Các cơ quan, đơn vị được kiểm tra;",
        "- Lưu: VT.",
    ):
        _line(recipients, line, size=11, align=None)
    title = _line(signer, issuer.signer_title.upper(), bold=True)
    title.paragraph_format.space_before = Pt(12)
    for _ in range(4):
        _line(signer, "")
    _line(signer, issuer.signer_name, bold=True)


def _line(
    cell: _Cell,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = CENTER,
) -> Paragraph:
    """A paragraph of the cell: the cell's first (empty) one, then new ones."""
    first = cell.paragraphs[-1]
    paragraph = first if not first.text and not first.runs else cell.add_paragraph()
    layout = paragraph.paragraph_format
    layout.first_line_indent = Cm(0)
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing = 1.0
    return styled(paragraph, text, size=size, bold=bold, italic=italic, align=align)


def _page_numbers(document: DocxDocument) -> None:
    """Page numbers centred at the top from the second page on (NĐ 30)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _indent_table(table: Table, indent_cm: float) -> None:
    element = OxmlElement("w:tblInd")
    element.set(qn("w:w"), str(round(indent_cm * TWIPS_PER_CM)))
    element.set(qn("w:type"), "dxa")
    table_property(table, element)


def _width(text: str, size: float) -> float:
    """An estimate of `text`'s width in cm in Times New Roman bold of `size` points."""
    ems = sum(UPPER_EM if ch.isupper() else LOWER_EM if ch.strip() else 0.25 for ch in text)
    return ems * size / 72 * 2.54
